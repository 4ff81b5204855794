import JSON

// The values behind the introspection types (spec §4.2): each one a ``FieldSource`` answering the fields of its
// `__` type, so the executor completes introspection with its ordinary, synchronous default resolver.

/// `__Schema`.
struct IntrospectionSchema: FieldSource {
    let schema: GraphQLSchema

    var graphQLTypeName: String? { "__Schema" }

    func resolveField(_ name: String, arguments: JSONObject) throws -> ResolvedValue {
        switch name {
        case "description":
            return schema.description.map(ResolvedValue.string) ?? .null
        case "types":
            return .list(schema.types.map { .object(IntrospectionType(schema: schema, type: .named($0.reference))) })
        case "queryType":
            return typeValue(schema.queryType)
        case "mutationType":
            return typeValue(schema.mutationType)
        case "subscriptionType":
            return typeValue(schema.subscriptionType)
        case "directives":
            return .list(schema.directives.map { .object(IntrospectionDirective(schema: schema, directive: $0)) })
        default:
            return .null
        }
    }

    private func typeValue(_ type: GraphQLObjectType?) -> ResolvedValue {
        guard let type else { return .null }
        return .object(IntrospectionType(schema: schema, type: .named(type.reference)))
    }
}

/// `__Type`: a named type, or a list or non-null wrapper.
struct IntrospectionType: FieldSource {
    let schema: GraphQLSchema
    let type: GraphQLType

    var graphQLTypeName: String? { "__Type" }

    func resolveField(_ name: String, arguments: JSONObject) throws -> ResolvedValue {
        let includeDeprecated = arguments["includeDeprecated"]?.boolValue ?? false
        switch type {
        case .list(let inner):
            switch name {
            case "kind": return .string(TypeKind.list.rawValue)
            case "ofType": return .object(IntrospectionType(schema: schema, type: inner))
            default: return .null
            }
        case .nonNull(let inner):
            switch name {
            case "kind": return .string(TypeKind.nonNull.rawValue)
            case "ofType": return .object(IntrospectionType(schema: schema, type: inner))
            default: return .null
            }
        case .named(let reference):
            return namedField(name, schema[reference], includeDeprecated: includeDeprecated)
        }
    }

    private func namedField(_ name: String, _ named: GraphQLNamedType, includeDeprecated: Bool) -> ResolvedValue {
        switch name {
        case "kind":
            return .string(named.kind.rawValue)
        case "name":
            return .string(named.name)
        case "description":
            return named.description.map(ResolvedValue.string) ?? .null
        case "specifiedByURL":
            if case .scalar(let scalar) = named, let url = scalar.specifiedByURL { return .string(url) }
            return .null
        case "fields":
            guard let fields = named.fields else { return .null }
            return .list(
                fields.filter { includeDeprecated || !$0.isDeprecated }.map {
                    .object(IntrospectionField(schema: schema, field: $0))
                }
            )
        case "interfaces":
            switch named {
            case .object, .interface:
                return .list(named.interfaces.map { .object(IntrospectionType(schema: schema, type: .named($0))) })
            default:
                return .null
            }
        case "possibleTypes":
            guard named.isAbstract else { return .null }
            return .list(
                schema.possibleTypes(of: named.reference).map {
                    .object(IntrospectionType(schema: schema, type: .named($0)))
                }
            )
        case "enumValues":
            guard case .enumType(let enumType) = named else { return .null }
            return .list(
                enumType.values.filter { includeDeprecated || !$0.isDeprecated }.map {
                    .object(IntrospectionEnumValue(value: $0))
                }
            )
        case "inputFields":
            guard case .inputObject(let input) = named else { return .null }
            return .list(
                input.fields.filter { includeDeprecated || !$0.isDeprecated }.map {
                    .object(IntrospectionInputValue(schema: schema, value: $0))
                }
            )
        case "isOneOf":
            guard case .inputObject(let input) = named else { return .null }
            return .bool(input.isOneOf)
        default:
            return .null
        }
    }
}

/// `__Field`.
struct IntrospectionField: FieldSource {
    let schema: GraphQLSchema
    let field: GraphQLField

    var graphQLTypeName: String? { "__Field" }

    func resolveField(_ name: String, arguments: JSONObject) throws -> ResolvedValue {
        switch name {
        case "name": return .string(field.name)
        case "description": return field.description.map(ResolvedValue.string) ?? .null
        case "args":
            let includeDeprecated = arguments["includeDeprecated"]?.boolValue ?? false
            return .list(
                field.arguments.filter { includeDeprecated || !$0.isDeprecated }.map {
                    .object(IntrospectionInputValue(schema: schema, value: $0))
                }
            )
        case "type": return .object(IntrospectionType(schema: schema, type: field.type))
        case "isDeprecated": return .bool(field.isDeprecated)
        case "deprecationReason": return field.deprecationReason.map(ResolvedValue.string) ?? .null
        default: return .null
        }
    }
}

/// `__InputValue`: an argument or an input field.
struct IntrospectionInputValue: FieldSource {
    let schema: GraphQLSchema
    let value: GraphQLInputValue

    var graphQLTypeName: String? { "__InputValue" }

    func resolveField(_ name: String, arguments: JSONObject) throws -> ResolvedValue {
        switch name {
        case "name": return .string(value.name)
        case "description": return value.description.map(ResolvedValue.string) ?? .null
        case "type": return .object(IntrospectionType(schema: schema, type: value.type))
        case "defaultValue":
            // graphql-js prints the coerced default back as a literal (`astFromValue`), not the SDL as written.
            if let coerced = value.coercedDefaultValue,
                let literal = schema.literal(for: coerced, type: value.type)
            {
                return .string(Printer.print(literal))
            }
            if let written = value.defaultValue { return .string(Printer.print(written)) }
            return .null
        case "isDeprecated": return .bool(value.isDeprecated)
        case "deprecationReason": return value.deprecationReason.map(ResolvedValue.string) ?? .null
        default: return .null
        }
    }
}

/// `__EnumValue`.
struct IntrospectionEnumValue: FieldSource {
    let value: GraphQLEnumValue

    var graphQLTypeName: String? { "__EnumValue" }

    func resolveField(_ name: String, arguments: JSONObject) throws -> ResolvedValue {
        switch name {
        case "name": return .string(value.name)
        case "description": return value.description.map(ResolvedValue.string) ?? .null
        case "isDeprecated": return .bool(value.isDeprecated)
        case "deprecationReason": return value.deprecationReason.map(ResolvedValue.string) ?? .null
        default: return .null
        }
    }
}

/// `__Directive`.
struct IntrospectionDirective: FieldSource {
    let schema: GraphQLSchema
    let directive: GraphQLDirective

    var graphQLTypeName: String? { "__Directive" }

    func resolveField(_ name: String, arguments: JSONObject) throws -> ResolvedValue {
        switch name {
        case "name": return .string(directive.name)
        case "description": return directive.description.map(ResolvedValue.string) ?? .null
        case "isRepeatable": return .bool(directive.isRepeatable)
        case "locations": return .list(directive.locations.map { .string($0.rawValue) })
        case "args":
            let includeDeprecated = arguments["includeDeprecated"]?.boolValue ?? false
            return .list(
                directive.arguments.filter { includeDeprecated || !$0.isDeprecated }.map {
                    .object(IntrospectionInputValue(schema: schema, value: $0))
                }
            )
        default: return .null
        }
    }
}
