import JSON

/// Builds the parts of a ``GraphQLSchema`` from a type-system document, checking it on the way.
///
/// The order follows graphql-js: first the SDL rules that `buildASTSchema` asserts (`assertValidSDL`: unique
/// names, known types and directives, possible extensions, directive arguments), then the types are built and
/// `validateSchema`'s rules run on them, then default values and directive arguments are coerced. Every
/// problem of a stage is reported together; later stages run only if earlier ones found nothing, because they
/// need resolvable names.
enum SchemaBuilder {
    static func build(
        document: Document,
        scalars: [String: any ScalarCoercion]
    ) throws(SchemaError)
        -> GraphQLSchema.Parts
    {
        var builder = Builder(document: document, scalars: scalars)
        builder.collect()
        builder.checkSDL()
        guard builder.errors.isEmpty else { throw SchemaError(errors: builder.errors) }

        builder.assignIndexes()
        let provisional = GraphQLSchema(parts: builder.parts(coercedDefaults: [:]))
        var validator = SchemaValidator(schema: provisional)
        builder.errors += validator.validate()
        guard builder.errors.isEmpty else { throw SchemaError(errors: builder.errors) }

        let defaults = builder.coerceDefaultsAndDirectiveArguments(in: provisional)
        guard builder.errors.isEmpty else { throw SchemaError(errors: builder.errors) }
        return builder.parts(coercedDefaults: defaults)
    }
}

/// Identifies an input value whose default is coerced: `Type.field(arg:)`, `Type.field` of an input object,
/// or `@directive(arg:)`.
private struct InputValueKey: Hashable {
    var owner: String
    var field: String?
    var argument: String?
}

private struct Builder {
    let document: Document
    let source: Source?
    let scalars: [String: any ScalarCoercion]
    var errors: [GraphQLError] = []

    var typeDefinitions: [String: TypeDefinition] = [:]
    var typeOrder: [String] = []
    var typeExtensions: [String: [TypeExtension]] = [:]
    var directiveDefinitions: [String: DirectiveDefinition] = [:]
    var directiveOrder: [String] = []
    var schemaDefinition: SchemaDefinition?
    var schemaExtensions: [SchemaExtension] = []

    /// Every type name in the final schema, with its index.
    var indexes: [String: Int] = [:]
    var orderedNames: [String] = []

    init(document: Document, scalars: [String: any ScalarCoercion]) {
        self.document = document
        self.source = document.source
        self.scalars = scalars
    }

    private mutating func report(_ message: String, _ locations: [Location?]) {
        errors.append(GraphQLError(message: message, at: locations.compactMap { $0 }, in: source))
    }

    private static func isBuiltInTypeName(_ name: String) -> Bool {
        BuiltInScalars.names.contains(name) || Introspection.typeNames.contains(name)
    }

    // MARK: Collecting definitions

    mutating func collect() {
        for definition in document.definitions {
            switch definition {
            case .operation, .fragment:
                report(
                    "A schema document must contain only type system definitions and extensions, not operations or fragments.",
                    [definition.location]
                )
            case .schema(let schema):
                if schemaDefinition != nil {
                    report("Must provide only one schema definition.", [schema.location])
                } else {
                    schemaDefinition = schema
                }
            case .schemaExtension(let schemaExtension):
                schemaExtensions.append(schemaExtension)
            case .type(let type):
                let name = type.name.value
                if let existing = typeDefinitions[name] {
                    report(
                        "There can be only one type named \"\(name)\".",
                        [existing.name.location, type.name.location]
                    )
                } else {
                    typeDefinitions[name] = type
                    typeOrder.append(name)
                }
            case .typeExtension(let typeExtension):
                typeExtensions[typeExtension.name.value, default: []].append(typeExtension)
            case .directive(let directive):
                let name = directive.name.value
                if let existing = directiveDefinitions[name] {
                    report(
                        "There can be only one directive named \"@\(name)\".",
                        [existing.name.location, directive.name.location]
                    )
                } else {
                    directiveDefinitions[name] = directive
                    directiveOrder.append(name)
                }
            }
        }
    }

    // MARK: SDL rules

    /// The directive definition in force for `name`: the SDL's, else the built-in one.
    private func directiveDefinition(named name: String) -> DirectiveDefinition? {
        directiveDefinitions[name] ?? Introspection.directiveDefinitions[name]
    }

    /// The kind of the type called `name`, user-defined or built in.
    private func kind(of name: String) -> TypeKind? {
        if BuiltInScalars.names.contains(name) { return .scalar }
        if let builtIn = Introspection.typeDefinitions.first(where: { $0.0 == name })?.1 {
            return Self.kind(of: builtIn)
        }
        return typeDefinitions[name].map(Self.kind(of:))
    }

    private static func kind(of definition: TypeDefinition) -> TypeKind {
        switch definition {
        case .scalar: .scalar
        case .object: .object
        case .interface: .interface
        case .union: .union
        case .enumType: .enumType
        case .inputObject: .inputObject
        }
    }

    private static func kind(of typeExtension: TypeExtension) -> TypeKind {
        switch typeExtension {
        case .scalar: .scalar
        case .object: .object
        case .interface: .interface
        case .union: .union
        case .enumType: .enumType
        case .inputObject: .inputObject
        }
    }

    private static func kindName(_ kind: TypeKind) -> String {
        switch kind {
        case .scalar: "scalar"
        case .object: "object"
        case .interface: "interface"
        case .union: "union"
        case .enumType: "enum"
        case .inputObject: "input object"
        case .list: "list"
        case .nonNull: "non-null"
        }
    }

    mutating func checkSDL() {
        checkOperationTypes()
        checkExtensions()
        for name in typeOrder {
            guard let definition = typeDefinitions[name] else { continue }
            checkMemberNames(definition, typeExtensions[name] ?? [])
        }
        for name in directiveOrder {
            guard let directive = directiveDefinitions[name] else { continue }
            checkArgumentDefinitionNames(directive.arguments, owner: "@\(name)")
        }
        checkTypeReferences()
        checkAppliedDirectives()
        checkRegisteredScalars()
    }

    private mutating func checkOperationTypes() {
        var seen: [OperationType: OperationTypeDefinition] = [:]
        // Every schema definition counts here, even one already reported as a duplicate, as in graphql-js.
        let all = document.definitions.flatMap { definition -> [OperationTypeDefinition] in
            switch definition {
            case .schema(let schema): schema.operationTypes
            case .schemaExtension(let schemaExtension): schemaExtension.operationTypes
            default: []
            }
        }
        for operationType in all {
            if let first = seen[operationType.operation] {
                report(
                    "There can be only one \(operationType.operation.rawValue) type in schema.",
                    [first.location, operationType.location]
                )
            } else {
                seen[operationType.operation] = operationType
            }
        }
    }

    private mutating func checkExtensions() {
        var reported = Set<String>()
        for definition in document.definitions {
            guard case .typeExtension(let typeExtension) = definition else { continue }
            let name = typeExtension.name.value
            guard let defined = typeDefinitions[name] else {
                if reported.insert("\(typeExtension.location.start)").inserted {
                    let suggestions = Suggestions.list(for: name, among: typeOrder)
                    report(
                        "Cannot extend type \"\(name)\" because it is not defined."
                            + Suggestions.didYouMean(suggestions),
                        [typeExtension.name.location]
                    )
                }
                continue
            }
            let expected = Self.kind(of: defined)
            if Self.kind(of: typeExtension) != expected {
                report(
                    "Cannot extend non-\(Self.kindName(Self.kind(of: typeExtension))) type \"\(name)\".",
                    [defined.location, typeExtension.location]
                )
            }
        }
    }

    /// Unique field, enum value, input field and argument names across a definition and its extensions.
    private mutating func checkMemberNames(_ definition: TypeDefinition, _ extensions: [TypeExtension]) {
        let typeName = definition.name.value
        switch definition {
        case .object(let object):
            let fields =
                object.fields
                + extensions.flatMap { ext -> [FieldDefinition] in
                    if case .object(let node) = ext { return node.fields }
                    return []
                }
            checkFieldNames(fields, typeName: typeName)
        case .interface(let interface):
            let fields =
                interface.fields
                + extensions.flatMap { ext -> [FieldDefinition] in
                    if case .interface(let node) = ext { return node.fields }
                    return []
                }
            checkFieldNames(fields, typeName: typeName)
        case .inputObject(let input):
            let fields =
                input.fields
                + extensions.flatMap { ext -> [InputValueDefinition] in
                    if case .inputObject(let node) = ext { return node.fields }
                    return []
                }
            var seen: [String: Name] = [:]
            for field in fields {
                if let first = seen[field.name.value] {
                    report(
                        "Field \"\(typeName).\(field.name.value)\" can only be defined once.",
                        [first.location, field.name.location]
                    )
                } else {
                    seen[field.name.value] = field.name
                }
            }
        case .enumType(let enumType):
            let values =
                enumType.values
                + extensions.flatMap { ext -> [EnumValueDefinition] in
                    if case .enumType(let node) = ext { return node.values }
                    return []
                }
            var seen: [String: Name] = [:]
            for value in values {
                if let first = seen[value.name.value] {
                    report(
                        "Enum value \"\(typeName).\(value.name.value)\" can only be defined once.",
                        [first.location, value.name.location]
                    )
                } else {
                    seen[value.name.value] = value.name
                }
            }
        case .scalar, .union:
            break
        }
    }

    private mutating func checkFieldNames(_ fields: [FieldDefinition], typeName: String) {
        var seen: [String: Name] = [:]
        for field in fields {
            if let first = seen[field.name.value] {
                report(
                    "Field \"\(typeName).\(field.name.value)\" can only be defined once.",
                    [first.location, field.name.location]
                )
            } else {
                seen[field.name.value] = field.name
            }
            checkArgumentDefinitionNames(field.arguments, owner: "\(typeName).\(field.name.value)")
        }
    }

    private mutating func checkArgumentDefinitionNames(_ arguments: [InputValueDefinition], owner: String) {
        var seen: [String: Name] = [:]
        for argument in arguments {
            if let first = seen[argument.name.value] {
                report(
                    "Argument \"\(owner)(\(argument.name.value):)\" can only be defined once.",
                    [first.location, argument.name.location]
                )
            } else {
                seen[argument.name.value] = argument.name
            }
        }
    }

    /// Every named type the SDL mentions must exist (graphql-js `KnownTypeNamesRule`).
    private mutating func checkTypeReferences() {
        var references: [NamedType] = []
        func add(_ type: TypeReference) { references.append(type.namedType) }
        func addInputs(_ values: [InputValueDefinition]) { for value in values { add(value.type) } }
        func addFields(_ fields: [FieldDefinition]) {
            for field in fields {
                addInputs(field.arguments)
                add(field.type)
            }
        }
        for definition in document.definitions {
            switch definition {
            case .schema(let schema): references += schema.operationTypes.map(\.type)
            case .schemaExtension(let schemaExtension): references += schemaExtension.operationTypes.map(\.type)
            case .directive(let directive): addInputs(directive.arguments)
            case .type(let type):
                switch type {
                case .object(let node):
                    references += node.interfaces
                    addFields(node.fields)
                case .interface(let node):
                    references += node.interfaces
                    addFields(node.fields)
                case .union(let node): references += node.types
                case .inputObject(let node): addInputs(node.fields)
                case .scalar, .enumType: break
                }
            case .typeExtension(let typeExtension):
                switch typeExtension {
                case .object(let node):
                    references += node.interfaces
                    addFields(node.fields)
                case .interface(let node):
                    references += node.interfaces
                    addFields(node.fields)
                case .union(let node): references += node.types
                case .inputObject(let node): addInputs(node.fields)
                case .scalar, .enumType: break
                }
            case .operation, .fragment:
                break
            }
        }
        let known = typeOrder + BuiltInScalars.names + Introspection.typeDefinitions.map(\.0)
        for reference in references where kind(of: reference.name.value) == nil {
            let name = reference.name.value
            report(
                "Unknown type \"\(name)\"." + Suggestions.didYouMean(Suggestions.list(for: name, among: known)),
                [reference.location]
            )
        }
    }

    /// Applied directives: known, allowed at their location, not repeated unless repeatable, with known,
    /// unique and complete arguments (graphql-js `KnownDirectivesRule`, `UniqueDirectivesPerLocationRule`,
    /// `KnownArgumentNamesOnDirectivesRule`, `UniqueArgumentNamesRule`,
    /// `ProvidedRequiredArgumentsOnDirectivesRule`).
    private mutating func checkAppliedDirectives() {
        var typeDirectives: [String: [Directive]] = [:]
        var schemaDirectives: [Directive] = []
        for definition in document.definitions {
            switch definition {
            case .schema(let schema):
                checkDirectives(schema.directives, at: .schema)
                schemaDirectives += schema.directives
            case .schemaExtension(let schemaExtension):
                checkDirectives(schemaExtension.directives, at: .schema)
                schemaDirectives += schemaExtension.directives
            case .directive(let directive):
                for argument in directive.arguments {
                    checkDirectives(argument.directives, at: .argumentDefinition, unique: true)
                }
            case .type(let type):
                checkDirectives(type.directives, at: directiveLocation(of: Self.kind(of: type)))
                typeDirectives[type.name.value, default: []] += type.directives
                checkMemberDirectives(of: type)
            case .typeExtension(let typeExtension):
                checkDirectives(typeExtension.directives, at: directiveLocation(of: Self.kind(of: typeExtension)))
                typeDirectives[typeExtension.name.value, default: []] += typeExtension.directives
                checkMemberDirectives(of: typeExtension)
            case .operation, .fragment:
                break
            }
        }
        checkUniqueness(schemaDirectives)
        for name in typeDirectives.keys.sorted() { checkUniqueness(typeDirectives[name] ?? []) }
    }

    private func directiveLocation(of kind: TypeKind) -> DirectiveLocation {
        switch kind {
        case .scalar: .scalar
        case .object: .object
        case .interface: .interface
        case .union: .union
        case .enumType: .enumType
        case .inputObject, .list, .nonNull: .inputObject
        }
    }

    private mutating func checkMemberDirectives(of type: TypeDefinition) {
        switch type {
        case .object(let node): checkFieldDirectives(node.fields)
        case .interface(let node): checkFieldDirectives(node.fields)
        case .enumType(let node):
            for value in node.values { checkDirectives(value.directives, at: .enumValue, unique: true) }
        case .inputObject(let node):
            for field in node.fields { checkDirectives(field.directives, at: .inputFieldDefinition, unique: true) }
        case .scalar, .union: break
        }
    }

    private mutating func checkMemberDirectives(of type: TypeExtension) {
        switch type {
        case .object(let node): checkFieldDirectives(node.fields)
        case .interface(let node): checkFieldDirectives(node.fields)
        case .enumType(let node):
            for value in node.values { checkDirectives(value.directives, at: .enumValue, unique: true) }
        case .inputObject(let node):
            for field in node.fields { checkDirectives(field.directives, at: .inputFieldDefinition, unique: true) }
        case .scalar, .union: break
        }
    }

    private mutating func checkFieldDirectives(_ fields: [FieldDefinition]) {
        for field in fields {
            checkDirectives(field.directives, at: .fieldDefinition, unique: true)
            for argument in field.arguments {
                checkDirectives(argument.directives, at: .argumentDefinition, unique: true)
            }
        }
    }

    private mutating func checkDirectives(
        _ directives: [Directive],
        at location: DirectiveLocation,
        unique: Bool = false
    ) {
        for directive in directives {
            let name = directive.name.value
            guard let definition = directiveDefinition(named: name) else {
                report("Unknown directive \"@\(name)\".", [directive.location])
                continue
            }
            if !definition.locations.contains(where: { $0.value == location.rawValue }) {
                report("Directive \"@\(name)\" may not be used on \(location.rawValue).", [directive.location])
            }
            var seenArguments: [String: Name] = [:]
            let known = definition.arguments.map(\.name.value)
            for argument in directive.arguments {
                let argumentName = argument.name.value
                if let first = seenArguments[argumentName] {
                    report(
                        "There can be only one argument named \"\(argumentName)\".",
                        [first.location, argument.name.location]
                    )
                } else {
                    seenArguments[argumentName] = argument.name
                }
                if !known.contains(argumentName) {
                    report(
                        "Unknown argument \"\(argumentName)\" on directive \"@\(name)\"."
                            + Suggestions.didYouMean(Suggestions.list(for: argumentName, among: known)),
                        [argument.location]
                    )
                }
            }
            for argument in definition.arguments {
                if case .nonNull = argument.type, argument.defaultValue == nil,
                    seenArguments[argument.name.value] == nil
                {
                    report(
                        "Directive \"@\(name)\" argument \"\(argument.name.value)\" of type \"\(argument.type)\" is required, but it was not provided.",
                        [directive.location]
                    )
                }
            }
        }
        if unique { checkUniqueness(directives) }
    }

    private mutating func checkUniqueness(_ directives: [Directive]) {
        var seen: [String: Directive] = [:]
        for directive in directives {
            let name = directive.name.value
            guard let definition = directiveDefinition(named: name), !definition.repeatable else { continue }
            if let first = seen[name] {
                report(
                    "The directive \"@\(name)\" can only be used once at this location.",
                    [first.location, directive.location]
                )
            } else {
                seen[name] = directive
            }
        }
    }

    /// Every registered coercion must be for a custom scalar the SDL declares.
    private mutating func checkRegisteredScalars() {
        for name in scalars.keys.sorted() {
            if BuiltInScalars.names.contains(name) {
                report("The built-in scalar \"\(name)\" cannot be given another coercion.", [])
            } else if kind(of: name) != .scalar {
                report(
                    "A coercion is registered for \"\(name)\", but the schema declares no scalar of that name.",
                    [typeDefinitions[name]?.location]
                )
            }
        }
    }

    // MARK: Building types

    /// Decides the final list of types and their positions: the SDL's types, the built-in scalars referenced
    /// anywhere (`String` and `Boolean` always are, by introspection), then the introspection types.
    mutating func assignIndexes() {
        var names: [String] = typeOrder.filter { !Self.isBuiltInTypeName($0) }
        var referenced = Set<String>()
        func visit(_ type: TypeReference) { referenced.insert(type.namedType.name.value) }
        func visitInputs(_ values: [InputValueDefinition]) { for value in values { visit(value.type) } }
        func visitFields(_ fields: [FieldDefinition]) {
            for field in fields {
                visit(field.type)
                visitInputs(field.arguments)
            }
        }
        let allDefinitions =
            document.definitions
            + Introspection.document.definitions.filter { definition in
                if case .directive(let directive) = definition {
                    return directiveDefinitions[directive.name.value] == nil
                }
                return true
            }
        for definition in allDefinitions {
            switch definition {
            case .type(.object(let node)):
                visitFields(node.fields)
                referenced.formUnion(node.interfaces.map(\.name.value))
            case .type(.interface(let node)):
                visitFields(node.fields)
                referenced.formUnion(node.interfaces.map(\.name.value))
            case .type(.union(let node)): referenced.formUnion(node.types.map(\.name.value))
            case .type(.inputObject(let node)): visitInputs(node.fields)
            case .typeExtension(.object(let node)):
                visitFields(node.fields)
                referenced.formUnion(node.interfaces.map(\.name.value))
            case .typeExtension(.interface(let node)):
                visitFields(node.fields)
                referenced.formUnion(node.interfaces.map(\.name.value))
            case .typeExtension(.union(let node)): referenced.formUnion(node.types.map(\.name.value))
            case .typeExtension(.inputObject(let node)): visitInputs(node.fields)
            case .directive(let node): visitInputs(node.arguments)
            case .schema(let node): referenced.formUnion(node.operationTypes.map(\.type.name.value))
            case .schemaExtension(let node): referenced.formUnion(node.operationTypes.map(\.type.name.value))
            default: break
            }
        }
        names += BuiltInScalars.names.filter { referenced.contains($0) }
        names += Introspection.typeDefinitions.map(\.0)
        orderedNames = names
        for (position, name) in names.enumerated() { indexes[name] = position }
    }

    private func reference(_ name: String) -> NamedTypeReference {
        NamedTypeReference(name: name, index: indexes[name] ?? -1)
    }

    private func resolve(_ type: TypeReference) -> GraphQLType {
        switch type {
        case .named(let named): .named(reference(named.name.value))
        case .list(let list): .list(resolve(list.type))
        case .nonNull(let nonNull): .nonNull(resolve(nonNull.type))
        }
    }

    /// The `reason` of an applied `@deprecated`, or its default; `nil` when not deprecated.
    private func deprecationReason(_ directives: [Directive]) -> String? {
        guard let deprecated = directives.first(named: "deprecated") else { return nil }
        if let argument = deprecated.argument(named: "reason") {
            if case .string(let reason) = argument.value { return reason.value }
            return nil  // `reason: null` (graphql-js treats the element as not deprecated)
        }
        let defaultValue = directiveDefinition(named: "deprecated")?.arguments.first { $0.name.value == "reason" }?
            .defaultValue
        if case .string(let reason)? = defaultValue { return reason.value }
        return nil
    }

    private func inputValues(
        _ definitions: [InputValueDefinition],
        owner: String,
        field: String?,
        keepDefinitions: Bool,
        defaults: [InputValueKey: JSONValue]
    ) -> [GraphQLInputValue] {
        definitions.map { definition in
            let key =
                field == nil
                ? InputValueKey(owner: owner, field: definition.name.value, argument: nil)
                : InputValueKey(owner: owner, field: field, argument: definition.name.value)
            return GraphQLInputValue(
                name: definition.name.value,
                description: definition.description?.value,
                type: resolve(definition.type),
                defaultValue: definition.defaultValue,
                coercedDefaultValue: defaults[key],
                deprecationReason: deprecationReason(definition.directives),
                appliedDirectives: definition.directives,
                definition: keepDefinitions ? definition : nil
            )
        }
    }

    private func fields(
        _ definitions: [FieldDefinition],
        owner: String,
        keepDefinitions: Bool,
        defaults: [InputValueKey: JSONValue]
    ) -> [GraphQLField] {
        definitions.map { definition in
            GraphQLField(
                name: definition.name.value,
                description: definition.description?.value,
                arguments: inputValues(
                    definition.arguments,
                    owner: owner,
                    field: definition.name.value,
                    keepDefinitions: keepDefinitions,
                    defaults: defaults
                ),
                type: resolve(definition.type),
                deprecationReason: deprecationReason(definition.directives),
                appliedDirectives: definition.directives,
                definition: keepDefinitions ? definition : nil
            )
        }
    }

    private func buildType(
        _ name: String,
        _ definition: TypeDefinition,
        _ extensions: [TypeExtension],
        builtIn: Bool,
        defaults: [InputValueKey: JSONValue]
    ) -> GraphQLNamedType {
        let reference = reference(name)
        let keep = !builtIn
        switch definition {
        case .scalar(let node):
            let scalarExtensions = extensions.compactMap { ext -> ScalarTypeExtension? in
                if case .scalar(let node) = ext { return node }
                return nil
            }
            let directives = node.directives + scalarExtensions.flatMap(\.directives)
            var specifiedBy: String?
            for directive in directives where directive.name.value == "specifiedBy" {
                if case .string(let url)? = directive.argument(named: "url")?.value { specifiedBy = url.value }
            }
            return .scalar(
                GraphQLScalarType(
                    name: name,
                    description: node.description?.value,
                    specifiedByURL: specifiedBy,
                    coercion: scalars[name] ?? PassthroughScalarCoercion(),
                    appliedDirectives: directives,
                    definition: keep ? node : nil,
                    extensionDefinitions: scalarExtensions,
                    reference: reference
                )
            )
        case .object(let node):
            let objectExtensions = extensions.compactMap { ext -> ObjectTypeExtension? in
                if case .object(let node) = ext { return node }
                return nil
            }
            return .object(
                GraphQLObjectType(
                    name: name,
                    description: node.description?.value,
                    fields: fields(
                        node.fields + objectExtensions.flatMap(\.fields),
                        owner: name,
                        keepDefinitions: keep,
                        defaults: defaults
                    ),
                    interfaces: (node.interfaces + objectExtensions.flatMap(\.interfaces)).map {
                        self.reference($0.name.value)
                    },
                    appliedDirectives: node.directives + objectExtensions.flatMap(\.directives),
                    definition: keep ? node : nil,
                    extensionDefinitions: objectExtensions,
                    reference: reference
                )
            )
        case .interface(let node):
            let interfaceExtensions = extensions.compactMap { ext -> InterfaceTypeExtension? in
                if case .interface(let node) = ext { return node }
                return nil
            }
            return .interface(
                GraphQLInterfaceType(
                    name: name,
                    description: node.description?.value,
                    fields: fields(
                        node.fields + interfaceExtensions.flatMap(\.fields),
                        owner: name,
                        keepDefinitions: keep,
                        defaults: defaults
                    ),
                    interfaces: (node.interfaces + interfaceExtensions.flatMap(\.interfaces)).map {
                        self.reference($0.name.value)
                    },
                    appliedDirectives: node.directives + interfaceExtensions.flatMap(\.directives),
                    definition: keep ? node : nil,
                    extensionDefinitions: interfaceExtensions,
                    reference: reference
                )
            )
        case .union(let node):
            let unionExtensions = extensions.compactMap { ext -> UnionTypeExtension? in
                if case .union(let node) = ext { return node }
                return nil
            }
            return .union(
                GraphQLUnionType(
                    name: name,
                    description: node.description?.value,
                    members: (node.types + unionExtensions.flatMap(\.types)).map { self.reference($0.name.value) },
                    appliedDirectives: node.directives + unionExtensions.flatMap(\.directives),
                    definition: keep ? node : nil,
                    extensionDefinitions: unionExtensions,
                    reference: reference
                )
            )
        case .enumType(let node):
            let enumExtensions = extensions.compactMap { ext -> EnumTypeExtension? in
                if case .enumType(let node) = ext { return node }
                return nil
            }
            let values = (node.values + enumExtensions.flatMap(\.values)).map { value in
                GraphQLEnumValue(
                    name: value.name.value,
                    description: value.description?.value,
                    deprecationReason: deprecationReason(value.directives),
                    appliedDirectives: value.directives,
                    definition: keep ? value : nil
                )
            }
            return .enumType(
                GraphQLEnumType(
                    name: name,
                    description: node.description?.value,
                    values: values,
                    appliedDirectives: node.directives + enumExtensions.flatMap(\.directives),
                    definition: keep ? node : nil,
                    extensionDefinitions: enumExtensions,
                    reference: reference
                )
            )
        case .inputObject(let node):
            let inputExtensions = extensions.compactMap { ext -> InputObjectTypeExtension? in
                if case .inputObject(let node) = ext { return node }
                return nil
            }
            let directives = node.directives + inputExtensions.flatMap(\.directives)
            return .inputObject(
                GraphQLInputObjectType(
                    name: name,
                    description: node.description?.value,
                    fields: inputValues(
                        node.fields + inputExtensions.flatMap(\.fields),
                        owner: name,
                        field: nil,
                        keepDefinitions: keep,
                        defaults: defaults
                    ),
                    isOneOf: directives.contains { $0.name.value == "oneOf" },
                    appliedDirectives: directives,
                    definition: keep ? node : nil,
                    extensionDefinitions: inputExtensions,
                    reference: reference
                )
            )
        }
    }

    private func buildDirective(
        _ definition: DirectiveDefinition,
        builtIn: Bool,
        defaults: [InputValueKey: JSONValue]
    )
        -> GraphQLDirective
    {
        GraphQLDirective(
            name: definition.name.value,
            description: definition.description?.value,
            arguments: inputValues(
                definition.arguments,
                owner: "@" + definition.name.value,
                field: "",
                keepDefinitions: !builtIn,
                defaults: defaults
            ),
            locations: definition.locations.compactMap { DirectiveLocation(rawValue: $0.value) },
            isRepeatable: definition.repeatable,
            definition: builtIn ? nil : definition
        )
    }

    func parts(coercedDefaults defaults: [InputValueKey: JSONValue]) -> GraphQLSchema.Parts {
        let introspectionDefinitions = Dictionary(
            Introspection.typeDefinitions,
            uniquingKeysWith: { first, _ in first }
        )
        var types: [GraphQLNamedType] = []
        types.reserveCapacity(orderedNames.count)
        for name in orderedNames {
            if BuiltInScalars.names.contains(name) {
                types.append(
                    .scalar(
                        GraphQLScalarType(
                            name: name,
                            description: BuiltInScalars.descriptions[name],
                            specifiedByURL: nil,
                            coercion: BuiltInScalars.coercion(named: name) ?? PassthroughScalarCoercion(),
                            appliedDirectives: [],
                            definition: nil,
                            extensionDefinitions: [],
                            reference: reference(name)
                        )
                    )
                )
            } else if let definition = introspectionDefinitions[name] {
                types.append(buildType(name, definition, [], builtIn: true, defaults: defaults))
            } else if let definition = typeDefinitions[name] {
                types.append(
                    buildType(name, definition, typeExtensions[name] ?? [], builtIn: false, defaults: defaults)
                )
            }
        }

        var directives = directiveOrder.compactMap { name in
            directiveDefinitions[name].map { buildDirective($0, builtIn: false, defaults: defaults) }
        }
        for name in Introspection.directiveNames where directiveDefinitions[name] == nil {
            if let definition = Introspection.directiveDefinitions[name] {
                directives.append(buildDirective(definition, builtIn: true, defaults: defaults))
            }
        }

        var rootTypes: [OperationType: NamedTypeReference] = [:]
        if schemaDefinition == nil {
            for operation in OperationType.allCases {
                let name = operation.rawValue.prefix(1).uppercased() + operation.rawValue.dropFirst()
                if typeDefinitions[name] != nil, indexes[name] != nil { rootTypes[operation] = reference(name) }
            }
        }
        for operationType in (schemaDefinition?.operationTypes ?? []) + schemaExtensions.flatMap(\.operationTypes) {
            rootTypes[operationType.operation] = reference(operationType.type.name.value)
        }

        return GraphQLSchema.Parts(
            description: schemaDefinition?.description?.value,
            types: types,
            directives: directives,
            appliedDirectives: (schemaDefinition?.directives ?? []) + schemaExtensions.flatMap(\.directives),
            definition: schemaDefinition,
            extensionDefinitions: schemaExtensions,
            source: source,
            rootTypes: rootTypes
        )
    }

    // MARK: Values

    /// Coerces every default value and every applied directive's arguments with the provisional schema, and
    /// returns the coerced defaults for the final build.
    mutating func coerceDefaultsAndDirectiveArguments(in schema: GraphQLSchema) -> [InputValueKey: JSONValue] {
        var defaults: [InputValueKey: JSONValue] = [:]

        func coerceDefaults(_ values: [GraphQLInputValue], owner: String, field: String?, label: (String) -> String) {
            for value in values {
                guard let literal = value.defaultValue else { continue }
                let key =
                    field == nil
                    ? InputValueKey(owner: owner, field: value.name, argument: nil)
                    : InputValueKey(owner: owner, field: field, argument: value.name)
                do {
                    defaults[key] = try schema.coerceLiteral(literal, to: value.type, variables: nil) ?? .null
                } catch {
                    report(
                        "\(label(value.name)) has invalid default value \(Printer.print(literal)): \(error.message)",
                        [literal.location]
                    )
                }
            }
        }

        for type in schema.types where !type.isIntrospectionType {
            switch type {
            case .object(let object):
                for field in object.fields {
                    coerceDefaults(field.arguments, owner: object.name, field: field.name) {
                        "Argument \"\(object.name).\(field.name)(\($0):)\""
                    }
                }
            case .interface(let interface):
                for field in interface.fields {
                    coerceDefaults(field.arguments, owner: interface.name, field: field.name) {
                        "Argument \"\(interface.name).\(field.name)(\($0):)\""
                    }
                }
            case .inputObject(let input):
                coerceDefaults(input.fields, owner: input.name, field: nil) { "Input field \"\(input.name).\($0)\"" }
            default:
                break
            }
        }
        for directive in schema.directives {
            coerceDefaults(directive.arguments, owner: "@" + directive.name, field: "") {
                "Argument \"@\(directive.name)(\($0):)\""
            }
        }
        // The built-in definitions' defaults are valid by construction, but are coerced the same way above.

        checkAppliedDirectiveArguments(in: schema)
        return defaults
    }

    /// The values given to applied directives must fit their argument types.
    private mutating func checkAppliedDirectiveArguments(in schema: GraphQLSchema) {
        var applied: [Directive] = schema.appliedDirectives
        for type in schema.types where !type.isIntrospectionType {
            applied += type.appliedDirectives
            switch type {
            case .object(let object):
                for field in object.fields {
                    applied += field.appliedDirectives + field.arguments.flatMap(\.appliedDirectives)
                }
            case .interface(let interface):
                for field in interface.fields {
                    applied += field.appliedDirectives + field.arguments.flatMap(\.appliedDirectives)
                }
            case .enumType(let enumType):
                applied += enumType.values.flatMap(\.appliedDirectives)
            case .inputObject(let input):
                applied += input.fields.flatMap(\.appliedDirectives)
            default:
                break
            }
        }
        for directive in schema.directives {
            applied += directive.arguments.flatMap(\.appliedDirectives)
        }
        for directive in applied {
            guard let definition = schema.directive(named: directive.name.value) else { continue }
            for argument in directive.arguments {
                guard let argumentDefinition = definition.argument(named: argument.name.value) else { continue }
                do {
                    _ = try schema.coerceLiteral(argument.value, to: argumentDefinition.type, variables: nil)
                } catch {
                    report(
                        "Argument \"@\(definition.name)(\(argument.name.value):)\" has invalid value \(Printer.print(argument.value)): \(error.message)",
                        [argument.value.location]
                    )
                }
            }
        }
    }
}
