/// Fragment Name Uniqueness: no two fragments share a name.
///
/// https://spec.graphql.org/September2025/#sec-Fragment-Name-Uniqueness
final class UniqueFragmentNamesRule: RuleVisitor {
    private let context: ValidationContext
    private var known: [String: Name] = [:]
    let events: RuleEvents = .fragmentDefinition

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterFragmentDefinition(_ fragment: FragmentDefinition) {
        let name = fragment.name
        if let first = known[name.value] {
            context.report(
                "There can be only one fragment named \"\(name.value)\".",
                at: [first.location, name.location]
            )
        } else {
            known[name.value] = name
        }
    }
}
