/// Fragments Must Be Used: every fragment is spread, directly or through other fragments, by an operation.
///
/// https://spec.graphql.org/September2025/#sec-Fragments-Must-Be-Used
final class NoUnusedFragmentsRule: RuleVisitor {
    private let context: ValidationContext
    let events: RuleEvents = .document

    init(_ context: ValidationContext) {
        self.context = context
    }

    func leaveDocument(_ document: Document) {
        var used: Set<String> = []
        for operation in document.operations {
            for fragment in context.recursivelyReferencedFragments(of: operation) { used.insert(fragment.name.value) }
        }
        for fragment in document.fragments where !used.contains(fragment.name.value) {
            context.report("Fragment \"\(fragment.name.value)\" is never used.", at: fragment.location)
        }
    }
}
