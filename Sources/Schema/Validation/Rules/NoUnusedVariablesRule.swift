/// All Variables Used: every variable an operation defines is used by it or by a fragment it spreads.
///
/// https://spec.graphql.org/September2025/#sec-All-Variables-Used
final class NoUnusedVariablesRule: RuleVisitor {
    private let context: ValidationContext
    private var definitions: [VariableDefinition] = []
    let events: RuleEvents = [.operation, .variableDefinition]

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterOperation(_ operation: OperationDefinition) {
        definitions = []
    }

    func enterVariableDefinition(_ definition: VariableDefinition) {
        definitions.append(definition)
    }

    func leaveOperation(_ operation: OperationDefinition) {
        guard !definitions.isEmpty else { return }
        let used = Set(context.recursiveVariableUsages(of: operation).map(\.variable.name.value))
        for definition in definitions {
            let name = definition.variable.name.value
            guard !used.contains(name) else { continue }
            let message =
                operation.name.map { "Variable \"$\(name)\" is never used in operation \"\($0.value)\"." }
                ?? "Variable \"$\(name)\" is never used."
            context.report(message, at: definition.location)
        }
    }
}
