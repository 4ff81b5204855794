/// Values of Correct Type, Input Object Field Names and Input Object Required Fields: every literal can be
/// coerced to the type expected where it is written. A `@oneOf` input object is given exactly one field, not
/// `null`, and not a nullable variable.
///
/// Scalars judge their literals with their coercion's `parseLiteral`: a built-in scalar's message is reported
/// as it is; a custom scalar's is appended to `Expected value of type …`, as graphql-js does for a scalar that
/// throws a plain error.
///
/// https://spec.graphql.org/September2025/#sec-Values-of-Correct-Type
/// https://spec.graphql.org/September2025/#sec-Input-Object-Field-Names
/// https://spec.graphql.org/September2025/#sec-Input-Object-Required-Fields
final class ValuesOfCorrectTypeRule: RuleVisitor {
    private let context: ValidationContext
    /// The variable definitions of the operation entered last (graphql-js keeps them for the fragments that
    /// follow it, too).
    private var variableDefinitions: [String: VariableDefinition] = [:]
    /// Above zero while inside a list or object literal already reported as a whole.
    private var skipDepth = 0
    let events: RuleEvents = [.operation, .variableDefinition, .value, .objectField]

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterOperation(_ operation: OperationDefinition) {
        variableDefinitions = [:]
    }

    func enterVariableDefinition(_ definition: VariableDefinition) {
        variableDefinitions[definition.variable.name.value] = definition
    }

    func leaveValue(_ value: Value) {
        if skipDepth > 0 { skipDepth -= 1 }
    }

    func enterValue(_ value: Value) {
        if skipDepth > 0 {
            switch value {
            case .list, .object: skipDepth += 1
            default: break
            }
            return
        }
        switch value {
        case .list:
            // The items are checked one by one against the item type, unless the position is not a list.
            if context.parentInputType?.nullableType.isList != true {
                checkLeafValue(value)
                skipDepth = 1
            }
        case .object(let object):
            guard let type = context.inputType, case .inputObject(let input) = context.schema[type] else {
                checkLeafValue(value)
                skipDepth = 1
                return
            }
            checkInputObject(object, input)
        case .null:
            if let type = context.inputType, type.isNonNull {
                context.report("Expected value of type \"\(type)\", found null.", at: value.location)
            }
        case .variable:
            break
        default:
            checkLeafValue(value)
        }
    }

    func enterObjectField(_ field: ObjectField) {
        guard skipDepth == 0, context.inputType == nil, let parent = context.parentInputType,
            case .inputObject(let input) = context.schema[parent]
        else { return }
        let hint = context.didYouMean(field.name.value, among: input.fields.map(\.name))
        context.report(
            "Field \"\(field.name.value)\" is not defined by type \"\(input.name)\"." + hint,
            at: field.location
        )
    }

    private func checkInputObject(_ object: ObjectValue, _ input: GraphQLInputObjectType) {
        // graphql-js `keyMap`: the last field of a repeated name stands for it.
        var given: [String: ObjectField] = [:]
        var names: [String] = []
        for field in object.fields {
            if given.updateValue(field, forKey: field.name.value) == nil { names.append(field.name.value) }
        }
        for field in input.fields where field.isRequired && given[field.name] == nil {
            context.report(
                "Field \"\(input.name).\(field.name)\" of required type \"\(field.type)\" was not provided.",
                at: object.location
            )
        }
        guard input.isOneOf else { return }
        guard names.count == 1, let name = names.first, let field = given[name] else {
            context.report("OneOf Input Object \"\(input.name)\" must specify exactly one key.", at: object.location)
            return
        }
        switch field.value {
        case .null:
            context.report("Field \"\(input.name).\(name)\" must be non-null.", at: object.location)
        case .variable(let variable):
            let variableName = variable.name.value
            // An undefined variable is NoUndefinedVariables' to report.
            if let definition = variableDefinitions[variableName], !Self.isNonNull(definition.type) {
                context.report(
                    "Variable \"\(variableName)\" must be non-nullable to be used for OneOf Input Object \"\(input.name)\".",
                    at: object.location
                )
            }
        default:
            break
        }
    }

    /// graphql-js `isValidValueNode`: whether a literal suits the leaf type expected where it is written.
    private func checkLeafValue(_ value: Value) {
        guard let locationType = context.inputType else { return }
        let printed = { Printer.print(value) }
        switch context.schema[locationType] {
        case .enumType(let enumType):
            guard case .enumValue(let literal) = value else {
                context.report(
                    "Enum \"\(enumType.name)\" cannot represent non-enum value: \(printed())."
                        + enumSuggestion(enumType, printed()),
                    at: value.location
                )
                return
            }
            if enumType.value(named: literal.value) == nil {
                context.report(
                    "Value \"\(literal.value)\" does not exist in \"\(enumType.name)\" enum."
                        + enumSuggestion(enumType, literal.value),
                    at: value.location
                )
            }
        case .scalar(let scalar):
            do {
                _ = try scalar.coercion.parseLiteral(value, variables: nil)
            } catch {
                let message =
                    BuiltInScalars.names.contains(scalar.name)
                    ? error.message
                    : "Expected value of type \"\(locationType)\", found \(printed()); \(error.message)"
                context.report(message, at: value.location)
            }
        default:
            context.report("Expected value of type \"\(locationType)\", found \(printed()).", at: value.location)
        }
    }

    private static func isNonNull(_ type: TypeReference) -> Bool {
        if case .nonNull = type { return true }
        return false
    }

    private func enumSuggestion(_ enumType: GraphQLEnumType, _ input: String) -> String {
        context.didYouMean(input, among: enumType.values.map(\.name), subMessage: "the enum value")
    }
}
