/// `schema @directives { query: Query … }` (spec §3.3).
public struct SchemaDefinition: Sendable, Hashable {
    /// The description.
    public var description: StringValue?
    /// The directives applied to the schema.
    public var directives: [Directive]
    /// The root operation types.
    public var operationTypes: [OperationTypeDefinition]
    /// Where the definition lies in the source.
    public var location: Location

    /// Creates a schema definition.
    public init(
        description: StringValue? = nil,
        directives: [Directive] = [],
        operationTypes: [OperationTypeDefinition],
        location: Location = .none
    ) {
        self.description = description
        self.directives = directives
        self.operationTypes = operationTypes
        self.location = location
    }
}

/// `query: TypeName` inside a schema definition or extension.
public struct OperationTypeDefinition: Sendable, Hashable {
    /// The operation kind.
    public var operation: OperationType
    /// The root type for it.
    public var type: NamedType
    /// Where the entry lies in the source.
    public var location: Location

    /// Creates a root operation type entry.
    public init(operation: OperationType, type: NamedType, location: Location = .none) {
        self.operation = operation
        self.type = type
        self.location = location
    }
}

/// A named type definition (spec §3.4).
public enum TypeDefinition: Sendable, Hashable {
    /// `scalar Name`.
    case scalar(ScalarTypeDefinition)
    /// `type Name implements … { … }`.
    case object(ObjectTypeDefinition)
    /// `interface Name implements … { … }`.
    case interface(InterfaceTypeDefinition)
    /// `union Name = A | B`.
    case union(UnionTypeDefinition)
    /// `enum Name { … }`.
    case enumType(EnumTypeDefinition)
    /// `input Name { … }`.
    case inputObject(InputObjectTypeDefinition)

    /// The defined type's name.
    public var name: Name {
        switch self {
        case .scalar(let node): node.name
        case .object(let node): node.name
        case .interface(let node): node.name
        case .union(let node): node.name
        case .enumType(let node): node.name
        case .inputObject(let node): node.name
        }
    }

    /// The description.
    public var description: StringValue? {
        switch self {
        case .scalar(let node): node.description
        case .object(let node): node.description
        case .interface(let node): node.description
        case .union(let node): node.description
        case .enumType(let node): node.description
        case .inputObject(let node): node.description
        }
    }

    /// The directives applied to the definition.
    public var directives: [Directive] {
        switch self {
        case .scalar(let node): node.directives
        case .object(let node): node.directives
        case .interface(let node): node.directives
        case .union(let node): node.directives
        case .enumType(let node): node.directives
        case .inputObject(let node): node.directives
        }
    }

    /// Where the definition lies in the source.
    public var location: Location {
        switch self {
        case .scalar(let node): node.location
        case .object(let node): node.location
        case .interface(let node): node.location
        case .union(let node): node.location
        case .enumType(let node): node.location
        case .inputObject(let node): node.location
        }
    }
}

/// `scalar Name @directives`.
public struct ScalarTypeDefinition: Sendable, Hashable {
    /// The description.
    public var description: StringValue?
    /// The type's name.
    public var name: Name
    /// The directives applied to the type.
    public var directives: [Directive]
    /// Where the definition lies in the source.
    public var location: Location

    /// Creates a scalar definition.
    public init(description: StringValue? = nil, name: Name, directives: [Directive] = [], location: Location = .none) {
        self.description = description
        self.name = name
        self.directives = directives
        self.location = location
    }
}

/// `type Name implements I & J @directives { fields }`.
public struct ObjectTypeDefinition: Sendable, Hashable {
    /// The description.
    public var description: StringValue?
    /// The type's name.
    public var name: Name
    /// The interfaces it implements.
    public var interfaces: [NamedType]
    /// The directives applied to the type.
    public var directives: [Directive]
    /// The fields.
    public var fields: [FieldDefinition]
    /// Where the definition lies in the source.
    public var location: Location

    /// Creates an object type definition.
    public init(
        description: StringValue? = nil,
        name: Name,
        interfaces: [NamedType] = [],
        directives: [Directive] = [],
        fields: [FieldDefinition] = [],
        location: Location = .none
    ) {
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.location = location
    }
}

/// `interface Name implements I @directives { fields }`.
public struct InterfaceTypeDefinition: Sendable, Hashable {
    /// The description.
    public var description: StringValue?
    /// The type's name.
    public var name: Name
    /// The interfaces it implements.
    public var interfaces: [NamedType]
    /// The directives applied to the type.
    public var directives: [Directive]
    /// The fields.
    public var fields: [FieldDefinition]
    /// Where the definition lies in the source.
    public var location: Location

    /// Creates an interface definition.
    public init(
        description: StringValue? = nil,
        name: Name,
        interfaces: [NamedType] = [],
        directives: [Directive] = [],
        fields: [FieldDefinition] = [],
        location: Location = .none
    ) {
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.location = location
    }
}

/// `name(arguments): Type @directives` inside an object or interface.
public struct FieldDefinition: Sendable, Hashable {
    /// The description.
    public var description: StringValue?
    /// The field's name.
    public var name: Name
    /// The arguments.
    public var arguments: [InputValueDefinition]
    /// The field's type.
    public var type: TypeReference
    /// The directives applied to the field.
    public var directives: [Directive]
    /// Where the definition lies in the source.
    public var location: Location

    /// Creates a field definition.
    public init(
        description: StringValue? = nil,
        name: Name,
        arguments: [InputValueDefinition] = [],
        type: TypeReference,
        directives: [Directive] = [],
        location: Location = .none
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.type = type
        self.directives = directives
        self.location = location
    }
}

/// `name: Type = default @directives`: an argument definition or an input object field.
public struct InputValueDefinition: Sendable, Hashable {
    /// The description.
    public var description: StringValue?
    /// The name.
    public var name: Name
    /// The type.
    public var type: TypeReference
    /// The default value (a constant).
    public var defaultValue: Value?
    /// The directives applied to it.
    public var directives: [Directive]
    /// Where the definition lies in the source.
    public var location: Location

    /// Creates an input value definition.
    public init(
        description: StringValue? = nil,
        name: Name,
        type: TypeReference,
        defaultValue: Value? = nil,
        directives: [Directive] = [],
        location: Location = .none
    ) {
        self.description = description
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.location = location
    }
}

/// `union Name @directives = A | B`.
public struct UnionTypeDefinition: Sendable, Hashable {
    /// The description.
    public var description: StringValue?
    /// The type's name.
    public var name: Name
    /// The directives applied to the type.
    public var directives: [Directive]
    /// The member types.
    public var types: [NamedType]
    /// Where the definition lies in the source.
    public var location: Location

    /// Creates a union definition.
    public init(
        description: StringValue? = nil,
        name: Name,
        directives: [Directive] = [],
        types: [NamedType] = [],
        location: Location = .none
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.types = types
        self.location = location
    }
}

/// `enum Name @directives { VALUES }`.
public struct EnumTypeDefinition: Sendable, Hashable {
    /// The description.
    public var description: StringValue?
    /// The type's name.
    public var name: Name
    /// The directives applied to the type.
    public var directives: [Directive]
    /// The values.
    public var values: [EnumValueDefinition]
    /// Where the definition lies in the source.
    public var location: Location

    /// Creates an enum definition.
    public init(
        description: StringValue? = nil,
        name: Name,
        directives: [Directive] = [],
        values: [EnumValueDefinition] = [],
        location: Location = .none
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.values = values
        self.location = location
    }
}

/// One enum value, `NAME @directives`.
public struct EnumValueDefinition: Sendable, Hashable {
    /// The description.
    public var description: StringValue?
    /// The value's name.
    public var name: Name
    /// The directives applied to the value.
    public var directives: [Directive]
    /// Where the definition lies in the source.
    public var location: Location

    /// Creates an enum value definition.
    public init(description: StringValue? = nil, name: Name, directives: [Directive] = [], location: Location = .none) {
        self.description = description
        self.name = name
        self.directives = directives
        self.location = location
    }
}

/// `input Name @directives { fields }`.
public struct InputObjectTypeDefinition: Sendable, Hashable {
    /// The description.
    public var description: StringValue?
    /// The type's name.
    public var name: Name
    /// The directives applied to the type.
    public var directives: [Directive]
    /// The input fields.
    public var fields: [InputValueDefinition]
    /// Where the definition lies in the source.
    public var location: Location

    /// Creates an input object definition.
    public init(
        description: StringValue? = nil,
        name: Name,
        directives: [Directive] = [],
        fields: [InputValueDefinition] = [],
        location: Location = .none
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.fields = fields
        self.location = location
    }
}

/// `directive @name(arguments) repeatable on LOCATION | …` (spec §3.13).
public struct DirectiveDefinition: Sendable, Hashable {
    /// The description.
    public var description: StringValue?
    /// The directive's name, without `@`.
    public var name: Name
    /// The arguments.
    public var arguments: [InputValueDefinition]
    /// Whether the directive may appear more than once at a location.
    public var repeatable: Bool
    /// The locations, as written (validated against ``DirectiveLocation`` by the parser).
    public var locations: [Name]
    /// Where the definition lies in the source.
    public var location: Location

    /// Creates a directive definition.
    public init(
        description: StringValue? = nil,
        name: Name,
        arguments: [InputValueDefinition] = [],
        repeatable: Bool = false,
        locations: [Name],
        location: Location = .none
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.repeatable = repeatable
        self.locations = locations
        self.location = location
    }
}

/// Where a directive may be applied (spec §3.13 `DirectiveLocation`).
public enum DirectiveLocation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// On a query operation.
    case query = "QUERY"
    /// On a mutation operation.
    case mutation = "MUTATION"
    /// On a subscription operation.
    case subscription = "SUBSCRIPTION"
    /// On a field selection.
    case field = "FIELD"
    /// On a fragment definition.
    case fragmentDefinition = "FRAGMENT_DEFINITION"
    /// On a fragment spread.
    case fragmentSpread = "FRAGMENT_SPREAD"
    /// On an inline fragment.
    case inlineFragment = "INLINE_FRAGMENT"
    /// On a variable definition.
    case variableDefinition = "VARIABLE_DEFINITION"
    /// On the schema definition or an extension of it.
    case schema = "SCHEMA"
    /// On a scalar definition.
    case scalar = "SCALAR"
    /// On an object type definition.
    case object = "OBJECT"
    /// On a field definition.
    case fieldDefinition = "FIELD_DEFINITION"
    /// On an argument definition.
    case argumentDefinition = "ARGUMENT_DEFINITION"
    /// On an interface definition.
    case interface = "INTERFACE"
    /// On a union definition.
    case union = "UNION"
    /// On an enum definition.
    case enumType = "ENUM"
    /// On an enum value definition.
    case enumValue = "ENUM_VALUE"
    /// On an input object definition.
    case inputObject = "INPUT_OBJECT"
    /// On an input field definition.
    case inputFieldDefinition = "INPUT_FIELD_DEFINITION"

    /// The location's name as written in SDL, e.g. `FIELD_DEFINITION`.
    public var description: String { rawValue }

    /// Whether the location is in an executable document (as opposed to a type-system document).
    public var isExecutable: Bool {
        switch self {
        case .query, .mutation, .subscription, .field, .fragmentDefinition, .fragmentSpread, .inlineFragment,
            .variableDefinition:
            true
        default:
            false
        }
    }
}
