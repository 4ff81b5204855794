/// Input Object Field Uniqueness: an input object literal gives each field once.
///
/// https://spec.graphql.org/September2025/#sec-Input-Object-Field-Uniqueness
final class UniqueInputFieldNamesRule: RuleVisitor {
    private let context: ValidationContext
    private var knownNames: [String: Name] = [:]
    private var knownNameStack: [[String: Name]] = []
    let events: RuleEvents = [.value, .objectField]

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterValue(_ value: Value) {
        guard case .object = value else { return }
        knownNameStack.append(knownNames)
        knownNames = [:]
    }

    func leaveValue(_ value: Value) {
        guard case .object = value else { return }
        knownNames = knownNameStack.popLast() ?? [:]
    }

    func enterObjectField(_ field: ObjectField) {
        let name = field.name
        if let first = knownNames[name.value] {
            context.report(
                "There can be only one input field named \"\(name.value)\".",
                at: [first.location, name.location]
            )
        } else {
            knownNames[name.value] = name
        }
    }
}
