/// Variable Uniqueness: an operation defines each variable once.
///
/// https://spec.graphql.org/September2025/#sec-Variable-Uniqueness
final class UniqueVariableNamesRule: RuleVisitor {
    private let context: ValidationContext
    let events: RuleEvents = .operation

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterOperation(_ operation: OperationDefinition) {
        guard operation.variableDefinitions.count > 1 else { return }
        var order: [String] = []
        var groups: [String: [Name]] = [:]
        for definition in operation.variableDefinitions {
            let name = definition.variable.name
            if groups[name.value] == nil { order.append(name.value) }
            groups[name.value, default: []].append(name)
        }
        for name in order {
            guard let names = groups[name], names.count > 1 else { continue }
            context.report("There can be only one variable named \"$\(name)\".", at: names.map(\.location))
        }
    }
}
