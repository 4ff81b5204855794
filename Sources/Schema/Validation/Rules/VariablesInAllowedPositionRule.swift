/// All Variable Usages Are Allowed: a variable's type fits every position it is used in. A nullable variable
/// may fill a non-null position when the variable or the position has a non-null default value.
///
/// https://spec.graphql.org/September2025/#sec-All-Variable-Usages-Are-Allowed
final class VariablesInAllowedPositionRule: RuleVisitor {
    private let context: ValidationContext
    private var definitions: [String: VariableDefinition] = [:]
    let events: RuleEvents = [.operation, .variableDefinition]

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterOperation(_ operation: OperationDefinition) {
        definitions = [:]
    }

    func enterVariableDefinition(_ definition: VariableDefinition) {
        definitions[definition.variable.name.value] = definition
    }

    func leaveOperation(_ operation: OperationDefinition) {
        let schema = context.schema
        for usage in context.recursiveVariableUsages(of: operation) {
            let name = usage.variable.name.value
            guard let definition = definitions[name], let locationType = usage.type,
                let variableType = schema.type(from: definition.type)
            else { continue }
            if !isAllowed(variableType, definition.defaultValue, locationType, usage.hasLocationDefaultValue) {
                context.report(
                    "Variable \"$\(name)\" of type \"\(variableType)\" used in position expecting type \"\(locationType)\".",
                    at: [definition.location, usage.variable.location]
                )
            }
        }
    }

    private func isAllowed(
        _ variableType: GraphQLType,
        _ variableDefault: Value?,
        _ locationType: GraphQLType,
        _ hasLocationDefault: Bool
    ) -> Bool {
        let schema = context.schema
        if case .nonNull(let nullableLocationType) = locationType, !variableType.isNonNull {
            let hasNonNullVariableDefault = variableDefault.map { !$0.isNull } ?? false
            if !hasNonNullVariableDefault && !hasLocationDefault { return false }
            return schema.isTypeSubType(variableType, of: nullableLocationType)
        }
        return schema.isTypeSubType(variableType, of: locationType)
    }
}
