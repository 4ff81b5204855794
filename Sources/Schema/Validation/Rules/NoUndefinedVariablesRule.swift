/// All Variable Uses Defined: every variable an operation uses, directly or in the fragments it spreads, is
/// defined by the operation.
///
/// https://spec.graphql.org/September2025/#sec-All-Variable-Uses-Defined
final class NoUndefinedVariablesRule: RuleVisitor {
    private let context: ValidationContext
    private var defined: Set<String> = []
    let events: RuleEvents = [.operation, .variableDefinition]

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterOperation(_ operation: OperationDefinition) {
        defined = []
    }

    func enterVariableDefinition(_ definition: VariableDefinition) {
        defined.insert(definition.variable.name.value)
    }

    func leaveOperation(_ operation: OperationDefinition) {
        for usage in context.recursiveVariableUsages(of: operation) {
            let name = usage.variable.name.value
            guard !defined.contains(name) else { continue }
            let message =
                operation.name.map { "Variable \"$\(name)\" is not defined by operation \"\($0.value)\"." }
                ?? "Variable \"$\(name)\" is not defined."
            context.report(message, at: [usage.variable.location, operation.location])
        }
    }
}
