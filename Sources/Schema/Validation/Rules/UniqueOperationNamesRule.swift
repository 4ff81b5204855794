/// Operation Name Uniqueness: no two operations share a name.
///
/// https://spec.graphql.org/September2025/#sec-Operation-Name-Uniqueness
final class UniqueOperationNamesRule: RuleVisitor {
    private let context: ValidationContext
    private var known: [String: Name] = [:]
    let events: RuleEvents = .operation

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterOperation(_ operation: OperationDefinition) {
        guard let name = operation.name else { return }
        if let first = known[name.value] {
            context.report(
                "There can be only one operation named \"\(name.value)\".",
                at: [first.location, name.location]
            )
        } else {
            known[name.value] = name
        }
    }
}
