/// Variables Are Input Types: a variable's type is a scalar, enum or input object (possibly wrapped).
///
/// https://spec.graphql.org/September2025/#sec-Variables-Are-Input-Types
final class VariablesAreInputTypesRule: RuleVisitor {
    private let context: ValidationContext
    let events: RuleEvents = .variableDefinition

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterVariableDefinition(_ definition: VariableDefinition) {
        guard let type = context.schema.type(from: definition.type), !context.schema[type].isInputType else { return }
        context.report(
            "Variable \"$\(definition.variable.name.value)\" cannot be non-input type \"\(definition.type)\".",
            at: definition.type.location
        )
    }
}
