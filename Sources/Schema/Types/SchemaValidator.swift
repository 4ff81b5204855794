/// The type-system validation rules of the specification (§3, "Type Validation" of each type, and §3.3.1
/// root types), as graphql-js's `validateSchema` implements them, with its messages.
struct SchemaValidator {
    let schema: GraphQLSchema
    private var errors: [GraphQLError] = []

    init(schema: GraphQLSchema) {
        self.schema = schema
    }

    mutating func validate() -> [GraphQLError] {
        validateRootTypes()
        validateDirectives()
        validateTypes()
        return errors
    }

    private mutating func report(_ message: String, _ locations: [Location?]) {
        errors.append(GraphQLError(message: message, at: locations.compactMap { $0 }, in: schema.source))
    }

    // MARK: Root types

    private func operationTypeLocation(_ operation: OperationType) -> Location? {
        let all = (schema.definition?.operationTypes ?? []) + schema.extensionDefinitions.flatMap(\.operationTypes)
        return all.last { $0.operation == operation }?.type.location
    }

    private mutating func validateRootTypes() {
        var rootsByType: [NamedTypeReference: [OperationType]] = [:]
        for operation in OperationType.allCases {
            guard let reference = schema.rootTypeReference(for: operation) else {
                if operation == .query {
                    report("Query root type must be provided.", [schema.definition?.location])
                }
                continue
            }
            let type = schema[reference]
            guard case .object = type else {
                let label = operation.rawValue.prefix(1).uppercased() + operation.rawValue.dropFirst()
                let ifProvided = operation == .query ? "" : " if provided"
                report(
                    "\(label) root type must be Object type\(ifProvided), it cannot be \(type.name).",
                    [operationTypeLocation(operation) ?? type.definitionLocation]
                )
                continue
            }
            rootsByType[reference, default: []].append(operation)
        }
        // Spec §3.3.1: the root types must all be different types (graphql-js 17 wording).
        for (reference, operations) in rootsByType.sorted(by: { $0.key.index < $1.key.index })
        where operations.count > 1 {
            let names = operations.map(\.rawValue)
            let list =
                names.count == 2
                ? "\(names[0]) and \(names[1])"
                : names.dropLast().joined(separator: ", ") + ", and " + (names.last ?? "")
            report(
                "All root types must be different, \"\(reference.name)\" type is used as \(list) root types.",
                operations.map(operationTypeLocation)
            )
        }
    }

    // MARK: Directives

    private mutating func validateName(_ name: String, _ location: Location?) {
        if name.hasPrefix("__") {
            report(
                "Name \"\(name)\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                [location]
            )
        }
    }

    private func deprecatedLocation(_ directives: [Directive]) -> Location? {
        directives.first(named: "deprecated")?.location
    }

    private mutating func validateDirectives() {
        for directive in schema.directives where !directive.isBuiltIn {
            validateName(directive.name, directive.definition?.name.location)
            if directive.locations.isEmpty {
                report(
                    "Directive @\(directive.name) must include 1 or more locations.",
                    [directive.definition?.location]
                )
            }
            for argument in directive.arguments {
                validateName(argument.name, argument.definition?.name.location)
                if !schema[argument.type].isInputType {
                    report(
                        "The type of @\(directive.name)(\(argument.name):) must be Input Type but got: \(argument.type).",
                        [argument.definition?.type.location]
                    )
                }
                if argument.isRequired && argument.deprecationReason != nil {
                    report(
                        "Required argument @\(directive.name)(\(argument.name):) cannot be deprecated.",
                        [deprecatedLocation(argument.appliedDirectives), argument.definition?.type.location]
                    )
                }
            }
        }
    }

    // MARK: Types

    private mutating func validateTypes() {
        var circularReferences = InputObjectCycleDetector()
        for type in schema.types where !type.isIntrospectionType && !type.isBuiltInScalar {
            validateName(type.name, nameLocation(type))
            switch type {
            case .object(let object):
                validateFields(
                    typeName: object.name,
                    fields: object.fields,
                    definitionLocations: [object.definition?.location] + object.extensionDefinitions.map(\.location)
                )
                validateInterfaces(of: type)
            case .interface(let interface):
                validateFields(
                    typeName: interface.name,
                    fields: interface.fields,
                    definitionLocations: [interface.definition?.location]
                        + interface.extensionDefinitions.map(\.location)
                )
                validateInterfaces(of: type)
            case .union(let union):
                validateUnionMembers(union)
            case .enumType(let enumType):
                validateEnumValues(enumType)
            case .inputObject(let input):
                validateInputFields(input)
                circularReferences.check(input, in: schema) { message, locations in report(message, locations) }
            case .scalar:
                break
            }
        }
    }

    private func nameLocation(_ type: GraphQLNamedType) -> Location? {
        switch type {
        case .scalar(let node): node.definition?.name.location
        case .object(let node): node.definition?.name.location
        case .interface(let node): node.definition?.name.location
        case .union(let node): node.definition?.name.location
        case .enumType(let node): node.definition?.name.location
        case .inputObject(let node): node.definition?.name.location
        }
    }

    private mutating func validateFields(typeName: String, fields: [GraphQLField], definitionLocations: [Location?]) {
        if fields.isEmpty {
            report("Type \(typeName) must define one or more fields.", definitionLocations)
        }
        for field in fields {
            validateName(field.name, field.definition?.name.location)
            if !schema[field.type].isOutputType {
                report(
                    "The type of \(typeName).\(field.name) must be Output Type but got: \(field.type).",
                    [field.definition?.type.location]
                )
            }
            for argument in field.arguments {
                validateName(argument.name, argument.definition?.name.location)
                if !schema[argument.type].isInputType {
                    report(
                        "The type of \(typeName).\(field.name)(\(argument.name):) must be Input Type but got: \(argument.type).",
                        [argument.definition?.type.location]
                    )
                }
                if argument.isRequired && argument.deprecationReason != nil {
                    report(
                        "Required argument \(typeName).\(field.name)(\(argument.name):) cannot be deprecated.",
                        [deprecatedLocation(argument.appliedDirectives), argument.definition?.type.location]
                    )
                }
            }
        }
    }

    /// The `implements X` nodes of `type` naming `interface`, across its definition and extensions.
    private func implementsLocations(_ type: GraphQLNamedType, _ interface: String) -> [Location?] {
        var named: [NamedType] = []
        switch type {
        case .object(let object):
            named = (object.definition?.interfaces ?? []) + object.extensionDefinitions.flatMap(\.interfaces)
        case .interface(let interfaceType):
            named =
                (interfaceType.definition?.interfaces ?? []) + interfaceType.extensionDefinitions.flatMap(\.interfaces)
        default:
            break
        }
        return named.filter { $0.name.value == interface }.map(\.location)
    }

    private mutating func validateInterfaces(of type: GraphQLNamedType) {
        var seen = Set<String>()
        for reference in type.interfaces {
            let candidate = schema[reference]
            guard case .interface(let interface) = candidate else {
                report(
                    "Type \(type.name) must only implement Interface types, it cannot implement \(candidate.name).",
                    implementsLocations(type, reference.name)
                )
                continue
            }
            if reference == type.reference {
                report(
                    "Type \(type.name) cannot implement itself because it would create a circular reference.",
                    implementsLocations(type, reference.name)
                )
            }
            if !seen.insert(interface.name).inserted {
                report(
                    "Type \(type.name) can only implement \(interface.name) once.",
                    implementsLocations(type, reference.name)
                )
                continue
            }
            validateImplementsAncestors(type, interface)
            validateImplementsInterface(type, interface)
        }
    }

    private mutating func validateImplementsAncestors(_ type: GraphQLNamedType, _ interface: GraphQLInterfaceType) {
        let declared = type.interfaces
        for transitive in interface.interfaces where !declared.contains(transitive) {
            let message =
                transitive == type.reference
                ? "Type \(type.name) cannot implement \(interface.name) because it would create a circular reference."
                : "Type \(type.name) must implement \(transitive.name) because it is implemented by \(interface.name)."
            report(
                message,
                implementsLocations(.interface(interface), transitive.name) + implementsLocations(type, interface.name)
            )
        }
    }

    private mutating func validateImplementsInterface(_ type: GraphQLNamedType, _ interface: GraphQLInterfaceType) {
        let typeLocations: [Location?]
        switch type {
        case .object(let object):
            typeLocations = [object.definition?.location] + object.extensionDefinitions.map(\.location)
        case .interface(let node):
            typeLocations = [node.definition?.location] + node.extensionDefinitions.map(\.location)
        default: typeLocations = []
        }
        for interfaceField in interface.fields {
            let fieldName = interfaceField.name
            guard let typeField = type.field(named: fieldName) else {
                report(
                    "Interface field \(interface.name).\(fieldName) expected but \(type.name) does not provide it.",
                    [interfaceField.definition?.location] + typeLocations
                )
                continue
            }
            // Covariance: the implementing field's type must be a subtype of the interface field's.
            if !schema.isTypeSubType(typeField.type, of: interfaceField.type) {
                report(
                    "Interface field \(interface.name).\(fieldName) expects type \(interfaceField.type) but \(type.name).\(fieldName) is type \(typeField.type).",
                    [interfaceField.definition?.type.location, typeField.definition?.type.location]
                )
            }
            for interfaceArgument in interfaceField.arguments {
                let argumentName = interfaceArgument.name
                guard let typeArgument = typeField.argument(named: argumentName) else {
                    report(
                        "Interface field argument \(interface.name).\(fieldName)(\(argumentName):) expected but \(type.name).\(fieldName) does not provide it.",
                        [interfaceArgument.definition?.location, typeField.definition?.location]
                    )
                    continue
                }
                // Arguments are invariant.
                if typeArgument.type != interfaceArgument.type {
                    report(
                        "Interface field argument \(interface.name).\(fieldName)(\(argumentName):) expects type \(interfaceArgument.type) but \(type.name).\(fieldName)(\(argumentName):) is type \(typeArgument.type).",
                        [interfaceArgument.definition?.type.location, typeArgument.definition?.type.location]
                    )
                }
            }
            for typeArgument in typeField.arguments
            where typeArgument.isRequired && interfaceField.argument(named: typeArgument.name) == nil {
                report(
                    "Object field \(type.name).\(fieldName) includes required argument \(typeArgument.name) that is missing from the Interface field \(interface.name).\(fieldName).",
                    [typeArgument.definition?.location, interfaceField.definition?.location]
                )
            }
        }
    }

    private mutating func validateUnionMembers(_ union: GraphQLUnionType) {
        if union.members.isEmpty {
            report(
                "Union type \(union.name) must define one or more member types.",
                [union.definition?.location] + union.extensionDefinitions.map(\.location)
            )
        }
        let memberNodes = (union.definition?.types ?? []) + union.extensionDefinitions.flatMap(\.types)
        func locations(_ name: String) -> [Location?] { memberNodes.filter { $0.name.value == name }.map(\.location) }
        var included = Set<String>()
        for member in union.members {
            let memberType = schema[member]
            guard case .object = memberType else {
                report(
                    "Union type \(union.name) can only include Object types, it cannot include \(memberType.name).",
                    locations(member.name)
                )
                continue
            }
            if !included.insert(member.name).inserted {
                report("Union type \(union.name) can only include type \(member.name) once.", locations(member.name))
            }
        }
    }

    private mutating func validateEnumValues(_ enumType: GraphQLEnumType) {
        if enumType.values.isEmpty {
            report(
                "Enum type \(enumType.name) must define one or more values.",
                [enumType.definition?.location] + enumType.extensionDefinitions.map(\.location)
            )
        }
        for value in enumType.values {
            validateName(value.name, value.definition?.name.location)
        }
    }

    private mutating func validateInputFields(_ input: GraphQLInputObjectType) {
        if input.fields.isEmpty {
            report(
                "Input Object type \(input.name) must define one or more fields.",
                [input.definition?.location] + input.extensionDefinitions.map(\.location)
            )
        }
        for field in input.fields {
            validateName(field.name, field.definition?.name.location)
            if !schema[field.type].isInputType {
                report(
                    "The type of \(input.name).\(field.name) must be Input Type but got: \(field.type).",
                    [field.definition?.type.location]
                )
            }
            if field.isRequired && field.deprecationReason != nil {
                report(
                    "Required input field \(input.name).\(field.name) cannot be deprecated.",
                    [deprecatedLocation(field.appliedDirectives), field.definition?.type.location]
                )
            }
            if input.isOneOf {
                if field.type.isNonNull {
                    report(
                        "OneOf input field \(input.name).\(field.name) must be nullable.",
                        [field.definition?.type.location]
                    )
                }
                if field.defaultValue != nil {
                    report(
                        "OneOf input field \(input.name).\(field.name) cannot have a default value.",
                        [field.definition?.location]
                    )
                }
            }
        }
    }
}

/// Finds input objects that contain themselves through non-null fields, which no finite value can satisfy
/// (spec §3.10 "Circular References"; graphql-js's `validateInputObjectCircularRefs`, a depth-first search
/// like the one of `NoFragmentCyclesRule`).
private struct InputObjectCycleDetector {
    private var visited = Set<String>()
    private var fieldPath: [(name: String, location: Location?)] = []
    private var pathIndexByType: [String: Int] = [:]

    mutating func check(
        _ input: GraphQLInputObjectType,
        in schema: GraphQLSchema,
        report: (String, [Location?]) -> Void
    ) {
        guard visited.insert(input.name).inserted else { return }
        pathIndexByType[input.name] = fieldPath.count
        for field in input.fields {
            guard case .nonNull(.named(let reference)) = field.type,
                case .inputObject(let fieldType) = schema[reference]
            else { continue }
            let cycleIndex = pathIndexByType[fieldType.name]
            fieldPath.append((field.name, field.definition?.location))
            if let cycleIndex {
                let cycle = fieldPath[cycleIndex...]
                report(
                    "Cannot reference Input Object \"\(fieldType.name)\" within itself through a series of non-null fields: \"\(cycle.map(\.name).joined(separator: "."))\".",
                    cycle.map(\.location)
                )
            } else {
                check(fieldType, in: schema, report: report)
            }
            fieldPath.removeLast()
        }
        pathIndexByType[input.name] = nil
    }
}
