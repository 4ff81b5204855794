/// One depth-first traversal of a document that runs every rule at once (graphql-js `visitInParallel` over
/// `visitWithTypeInfo`): for each node it updates the context's type information, calls each interested rule's
/// `enter` in rule order, visits the children in graphql-js's key order, calls the rules' `leave`, and restores
/// the type information.
///
/// Type-system definitions are traversed too, because graphql-js's executable rules look at their named types,
/// directives and values (a document mixing both gets the same errors as from graphql-js).
final class ValidationWalker {
    private let context: ValidationContext
    private let schema: GraphQLSchema

    private let documentRules: [any RuleVisitor]
    private let operationRules: [any RuleVisitor]
    private let variableDefinitionRules: [any RuleVisitor]
    private let selectionSetRules: [any RuleVisitor]
    private let fieldRules: [any RuleVisitor]
    private let argumentRules: [any RuleVisitor]
    private let fragmentSpreadRules: [any RuleVisitor]
    private let inlineFragmentRules: [any RuleVisitor]
    private let fragmentDefinitionRules: [any RuleVisitor]
    private let directiveRules: [any RuleVisitor]
    private let namedTypeRules: [any RuleVisitor]
    private let valueRules: [any RuleVisitor]
    private let objectFieldRules: [any RuleVisitor]
    private let typeSystemDirectiveRules: [any RuleVisitor]

    init(context: ValidationContext, rules: [any RuleVisitor]) {
        self.context = context
        self.schema = context.schema
        func subscribers(_ event: RuleEvents) -> [any RuleVisitor] { rules.filter { $0.events.contains(event) } }
        documentRules = subscribers(.document)
        operationRules = subscribers(.operation)
        variableDefinitionRules = subscribers(.variableDefinition)
        selectionSetRules = subscribers(.selectionSet)
        fieldRules = subscribers(.field)
        argumentRules = subscribers(.argument)
        fragmentSpreadRules = subscribers(.fragmentSpread)
        inlineFragmentRules = subscribers(.inlineFragment)
        fragmentDefinitionRules = subscribers(.fragmentDefinition)
        directiveRules = subscribers(.directive)
        namedTypeRules = subscribers(.namedType)
        valueRules = subscribers(.value)
        objectFieldRules = subscribers(.objectField)
        typeSystemDirectiveRules = subscribers(.typeSystemDirectives)
    }

    func walk(_ document: Document) {
        for rule in documentRules { rule.enterDocument(document) }
        for definition in document.definitions {
            if context.aborted { return }
            switch definition {
            case .operation(let operation):
                context.isInTypeSystemDefinition = false
                walkOperation(operation)
            case .fragment(let fragment):
                context.isInTypeSystemDefinition = false
                walkFragmentDefinition(fragment)
            case .schema(let schemaDefinition):
                context.isInTypeSystemDefinition = true
                walkSchema(directives: schemaDefinition.directives, operationTypes: schemaDefinition.operationTypes)
            case .schemaExtension(let schemaExtension):
                context.isInTypeSystemDefinition = true
                walkSchema(directives: schemaExtension.directives, operationTypes: schemaExtension.operationTypes)
            case .type(let type):
                context.isInTypeSystemDefinition = true
                walkTypeDefinition(type)
            case .typeExtension(let type):
                context.isInTypeSystemDefinition = true
                walkTypeExtension(type)
            case .directive(let directive):
                context.isInTypeSystemDefinition = true
                for argument in directive.arguments {
                    walkInputValueDefinition(argument, location: .argumentDefinition)
                }
            }
        }
        if context.aborted { return }
        for rule in documentRules { rule.leaveDocument(document) }
    }

    // MARK: Executable definitions

    private func walkOperation(_ operation: OperationDefinition) {
        context.typeStack.append(schema.rootType(for: operation.operation).map { .named($0.reference) })
        for rule in operationRules { rule.enterOperation(operation) }
        for definition in operation.variableDefinitions { walkVariableDefinition(definition) }
        let location: DirectiveLocation =
            switch operation.operation {
            case .query: .query
            case .mutation: .mutation
            case .subscription: .subscription
            }
        walkDirectives(operation.directives, location: location)
        walkSelectionSet(operation.selectionSet)
        for rule in operationRules { rule.leaveOperation(operation) }
        context.typeStack.removeLast()
    }

    private func walkVariableDefinition(_ definition: VariableDefinition) {
        context.inputTypeStack.append(schema.type(from: definition.type).flatMap { schema[$0].isInputType ? $0 : nil })
        for rule in variableDefinitionRules { rule.enterVariableDefinition(definition) }
        walkTypeReference(definition.type)
        if let defaultValue = definition.defaultValue { walkValue(defaultValue) }
        walkDirectives(definition.directives, location: .variableDefinition)
        context.inputTypeStack.removeLast()
    }

    private func walkFragmentDefinition(_ fragment: FragmentDefinition) {
        context.typeStack.append(outputType(named: fragment.typeCondition.name.value))
        for rule in fragmentDefinitionRules { rule.enterFragmentDefinition(fragment) }
        walkNamedType(fragment.typeCondition)
        walkDirectives(fragment.directives, location: .fragmentDefinition)
        walkSelectionSet(fragment.selectionSet)
        context.typeStack.removeLast()
    }

    private func walkSelectionSet(_ selectionSet: SelectionSet) {
        if context.aborted { return }
        let parent = context.type.map(\.namedType).flatMap { schema[$0].isComposite ? $0 : nil }
        context.parentTypeStack.append(parent)
        for rule in selectionSetRules { rule.enterSelectionSet(selectionSet) }
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field): walkField(field)
            case .fragmentSpread(let spread): walkFragmentSpread(spread)
            case .inlineFragment(let fragment): walkInlineFragment(fragment)
            }
        }
        context.parentTypeStack.removeLast()
    }

    private func walkField(_ field: Field) {
        let definition = context.parentType.flatMap { schema.fieldDefinition(in: $0, named: field.name.value) }
        context.fieldDefinitionStack.append(definition)
        context.typeStack.append(definition?.type)
        for rule in fieldRules { rule.enterField(field) }
        for argument in field.arguments { walkArgument(argument) }
        walkDirectives(field.directives, location: .field)
        if let selectionSet = field.selectionSet { walkSelectionSet(selectionSet) }
        for rule in fieldRules { rule.leaveField(field) }
        context.typeStack.removeLast()
        context.fieldDefinitionStack.removeLast()
    }

    private func walkFragmentSpread(_ spread: FragmentSpread) {
        for rule in fragmentSpreadRules { rule.enterFragmentSpread(spread) }
        walkDirectives(spread.directives, location: .fragmentSpread)
    }

    private func walkInlineFragment(_ fragment: InlineFragment) {
        if let condition = fragment.typeCondition {
            context.typeStack.append(outputType(named: condition.name.value))
        } else {
            context.typeStack.append(context.type.map { .named($0.namedType) })
        }
        for rule in inlineFragmentRules { rule.enterInlineFragment(fragment) }
        if let condition = fragment.typeCondition { walkNamedType(condition) }
        walkDirectives(fragment.directives, location: .inlineFragment)
        walkSelectionSet(fragment.selectionSet)
        context.typeStack.removeLast()
    }

    private func outputType(named name: String) -> GraphQLType? {
        guard let reference = schema.reference(named: name), schema[reference].isOutputType else { return nil }
        return .named(reference)
    }

    // MARK: Directives and arguments

    private func walkDirectives(_ directives: [Directive], location: DirectiveLocation) {
        for directive in directives {
            context.directive = schema.directive(named: directive.name.value)
            context.isInDirective = true
            context.directiveLocation = location
            for rule in directiveRules { rule.enterDirective(directive) }
            for argument in directive.arguments { walkArgument(argument) }
            for rule in directiveRules { rule.leaveDirective(directive) }
            context.directive = nil
            context.isInDirective = false
        }
    }

    private func walkArgument(_ argument: Argument) {
        // graphql-js looks the argument up on the directive when it is known, else on the field.
        let definitions = context.directive?.arguments ?? context.fieldDefinition?.arguments
        let definition = definitions?.first { $0.name == argument.name.value }
        context.argument = definition
        context.inputTypeStack.append(definition?.type)
        for rule in argumentRules { rule.enterArgument(argument) }
        walkValue(argument.value)
        context.argument = nil
        context.inputTypeStack.removeLast()
    }

    // MARK: Values

    private func walkValue(_ value: Value) {
        switch value {
        case .list(let list):
            // List items expect the list's item type; a non-list position expects its own type, nullable.
            let listType = context.inputType?.nullableType
            context.inputTypeStack.append(listType?.listElementType ?? listType)
            for rule in valueRules { rule.enterValue(value) }
            for item in list.values { walkValue(item) }
            for rule in valueRules { rule.leaveValue(value) }
            context.inputTypeStack.removeLast()
        case .object(let object):
            for rule in valueRules { rule.enterValue(value) }
            for field in object.fields { walkObjectField(field) }
            for rule in valueRules { rule.leaveValue(value) }
        default:
            for rule in valueRules { rule.enterValue(value) }
        }
    }

    private func walkObjectField(_ field: ObjectField) {
        var fieldType: GraphQLType?
        if let type = context.inputType, case .inputObject(let input) = schema[type] {
            fieldType = input.field(named: field.name.value)?.type
        }
        context.inputTypeStack.append(fieldType)
        for rule in objectFieldRules { rule.enterObjectField(field) }
        walkValue(field.value)
        context.inputTypeStack.removeLast()
    }

    // MARK: Types

    private func walkTypeReference(_ type: TypeReference) {
        switch type {
        case .named(let named): walkNamedType(named)
        case .list(let list): walkTypeReference(list.type)
        case .nonNull(let nonNull): walkTypeReference(nonNull.type)
        }
    }

    private func walkNamedType(_ type: NamedType) {
        for rule in namedTypeRules { rule.enterNamedType(type) }
    }

    // MARK: Type-system definitions

    private func enterTypeSystemDirectives(_ directives: [Directive], scope: DirectiveScope) {
        for rule in typeSystemDirectiveRules { rule.enterTypeSystemDirectives(directives, scope: scope) }
    }

    private func walkSchema(directives: [Directive], operationTypes: [OperationTypeDefinition]) {
        enterTypeSystemDirectives(directives, scope: .schema)
        walkDirectives(directives, location: .schema)
        for operationType in operationTypes { walkNamedType(operationType.type) }
    }

    private func walkTypeDefinition(_ definition: TypeDefinition) {
        let scope = DirectiveScope.type(definition.name.value)
        switch definition {
        case .scalar(let scalar):
            walkScalar(directives: scalar.directives, scope: scope)
        case .object(let object):
            walkFields(
                interfaces: object.interfaces,
                directives: object.directives,
                fields: object.fields,
                scope: scope,
                location: .object
            )
        case .interface(let interface):
            walkFields(
                interfaces: interface.interfaces,
                directives: interface.directives,
                fields: interface.fields,
                scope: scope,
                location: .interface
            )
        case .union(let union):
            walkUnion(directives: union.directives, types: union.types, scope: scope)
        case .enumType(let enumType):
            walkEnum(directives: enumType.directives, values: enumType.values, scope: scope)
        case .inputObject(let input):
            walkInputObject(directives: input.directives, fields: input.fields, scope: scope)
        }
    }

    private func walkTypeExtension(_ definition: TypeExtension) {
        let scope = DirectiveScope.type(definition.name.value)
        switch definition {
        case .scalar(let scalar):
            walkScalar(directives: scalar.directives, scope: scope)
        case .object(let object):
            walkFields(
                interfaces: object.interfaces,
                directives: object.directives,
                fields: object.fields,
                scope: scope,
                location: .object
            )
        case .interface(let interface):
            walkFields(
                interfaces: interface.interfaces,
                directives: interface.directives,
                fields: interface.fields,
                scope: scope,
                location: .interface
            )
        case .union(let union):
            walkUnion(directives: union.directives, types: union.types, scope: scope)
        case .enumType(let enumType):
            walkEnum(directives: enumType.directives, values: enumType.values, scope: scope)
        case .inputObject(let input):
            walkInputObject(directives: input.directives, fields: input.fields, scope: scope)
        }
    }

    private func walkScalar(directives: [Directive], scope: DirectiveScope) {
        enterTypeSystemDirectives(directives, scope: scope)
        walkDirectives(directives, location: .scalar)
    }

    private func walkFields(
        interfaces: [NamedType],
        directives: [Directive],
        fields: [FieldDefinition],
        scope: DirectiveScope,
        location: DirectiveLocation
    ) {
        enterTypeSystemDirectives(directives, scope: scope)
        for interface in interfaces { walkNamedType(interface) }
        walkDirectives(directives, location: location)
        for field in fields {
            enterTypeSystemDirectives(field.directives, scope: .node)
            for argument in field.arguments { walkInputValueDefinition(argument, location: .argumentDefinition) }
            walkTypeReference(field.type)
            walkDirectives(field.directives, location: .fieldDefinition)
        }
    }

    private func walkUnion(directives: [Directive], types: [NamedType], scope: DirectiveScope) {
        enterTypeSystemDirectives(directives, scope: scope)
        walkDirectives(directives, location: .union)
        for type in types { walkNamedType(type) }
    }

    private func walkEnum(directives: [Directive], values: [EnumValueDefinition], scope: DirectiveScope) {
        enterTypeSystemDirectives(directives, scope: scope)
        walkDirectives(directives, location: .enumType)
        for value in values {
            enterTypeSystemDirectives(value.directives, scope: .node)
            walkDirectives(value.directives, location: .enumValue)
        }
    }

    private func walkInputObject(directives: [Directive], fields: [InputValueDefinition], scope: DirectiveScope) {
        enterTypeSystemDirectives(directives, scope: scope)
        walkDirectives(directives, location: .inputObject)
        for field in fields { walkInputValueDefinition(field, location: .inputFieldDefinition) }
    }

    private func walkInputValueDefinition(_ definition: InputValueDefinition, location: DirectiveLocation) {
        enterTypeSystemDirectives(definition.directives, scope: .node)
        walkTypeReference(definition.type)
        if let defaultValue = definition.defaultValue { walkValue(defaultValue) }
        walkDirectives(definition.directives, location: location)
    }
}
