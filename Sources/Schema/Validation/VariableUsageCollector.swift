/// One use of a variable: the variable node, the input type expected where it is used, and whether that
/// position (an argument or an input field) has a default value of its own.
struct VariableUsage {
    let variable: Variable
    let type: GraphQLType?
    let hasLocationDefaultValue: Bool
}

/// Finds the variables used in an operation or a fragment and the input type expected at each use, as
/// graphql-js's `getVariableUsages` does with a fresh `TypeInfo` (variable definitions are not visited, so
/// variables in their default values do not count).
///
/// Argument definitions are looked up as `TypeInfo` does: on the directive when it is known, else on the
/// enclosing field, so that the types match graphql-js's even inside unknown directives.
struct VariableUsageCollector {
    let schema: GraphQLSchema
    private var usages: [VariableUsage] = []

    init(schema: GraphQLSchema) {
        self.schema = schema
    }

    mutating func usages(in operation: OperationDefinition) -> [VariableUsage] {
        usages = []
        let root = schema.rootType(for: operation.operation).map { GraphQLType.named($0.reference) }
        visitDirectives(operation.directives, enclosingField: nil)
        visitSelectionSet(operation.selectionSet, type: root, enclosingField: nil)
        return usages
    }

    mutating func usages(in fragment: FragmentDefinition) -> [VariableUsage] {
        usages = []
        let type = outputType(named: fragment.typeCondition.name.value)
        visitDirectives(fragment.directives, enclosingField: nil)
        visitSelectionSet(fragment.selectionSet, type: type, enclosingField: nil)
        return usages
    }

    private func outputType(named name: String) -> GraphQLType? {
        guard let reference = schema.reference(named: name), schema[reference].isOutputType else { return nil }
        return .named(reference)
    }

    private mutating func visitSelectionSet(
        _ selectionSet: SelectionSet,
        type: GraphQLType?,
        enclosingField: GraphQLField?
    ) {
        let parentType = type.map(\.namedType).flatMap { schema[$0].isComposite ? $0 : nil }
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let definition = parentType.flatMap { schema.fieldDefinition(in: $0, named: field.name.value) }
                for argument in field.arguments {
                    visitArgument(argument, definitions: definition?.arguments)
                }
                visitDirectives(field.directives, enclosingField: definition)
                if let nested = field.selectionSet {
                    visitSelectionSet(nested, type: definition?.type, enclosingField: definition)
                }
            case .fragmentSpread(let spread):
                visitDirectives(spread.directives, enclosingField: enclosingField)
            case .inlineFragment(let fragment):
                let fragmentType: GraphQLType?
                if let condition = fragment.typeCondition {
                    fragmentType = outputType(named: condition.name.value)
                } else {
                    fragmentType = type.map { .named($0.namedType) }
                }
                visitDirectives(fragment.directives, enclosingField: enclosingField)
                visitSelectionSet(fragment.selectionSet, type: fragmentType, enclosingField: enclosingField)
            }
        }
    }

    private mutating func visitDirectives(_ directives: [Directive], enclosingField: GraphQLField?) {
        for directive in directives where !directive.arguments.isEmpty {
            let definitions = schema.directive(named: directive.name.value)?.arguments ?? enclosingField?.arguments
            for argument in directive.arguments {
                visitArgument(argument, definitions: definitions)
            }
        }
    }

    private mutating func visitArgument(_ argument: Argument, definitions: [GraphQLArgument]?) {
        let definition = definitions?.first { $0.name == argument.name.value }
        visitValue(argument.value, type: definition?.type, hasDefault: definition?.defaultValue != nil)
    }

    private mutating func visitValue(_ value: Value, type: GraphQLType?, hasDefault: Bool) {
        switch value {
        case .variable(let variable):
            usages.append(VariableUsage(variable: variable, type: type, hasLocationDefaultValue: hasDefault))
        case .list(let list):
            let listType = type?.nullableType
            let itemType = listType?.listElementType ?? listType
            for item in list.values {
                visitValue(item, type: itemType, hasDefault: false)
            }
        case .object(let object):
            var inputObject: GraphQLInputObjectType?
            if let type, case .inputObject(let input) = schema[type] { inputObject = input }
            for field in object.fields {
                let definition = inputObject?.field(named: field.name.value)
                visitValue(field.value, type: definition?.type, hasDefault: definition?.defaultValue != nil)
            }
        default:
            break
        }
    }
}
