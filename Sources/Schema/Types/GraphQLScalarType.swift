/// A scalar type (spec §3.5): a leaf whose values are checked and converted by a ``ScalarCoercion``.
public final class GraphQLScalarType: Sendable {
    /// The type's name.
    public let name: String
    /// The type's description.
    public let description: String?
    /// The URL of the scalar's specification, from `@specifiedBy(url:)`.
    public let specifiedByURL: String?
    /// How values of the scalar are coerced.
    public let coercion: any ScalarCoercion
    /// The directives applied to the definition and its extensions.
    public let appliedDirectives: [Directive]
    /// The SDL definition (`nil` for a built-in scalar).
    public let definition: ScalarTypeDefinition?
    /// The SDL extensions.
    public let extensionDefinitions: [ScalarTypeExtension]
    /// The reference to this type in its schema.
    public let reference: NamedTypeReference

    /// Creates a scalar type (``GraphQLSchema`` does this from SDL).
    public init(
        name: String,
        description: String?,
        specifiedByURL: String?,
        coercion: any ScalarCoercion,
        appliedDirectives: [Directive],
        definition: ScalarTypeDefinition?,
        extensionDefinitions: [ScalarTypeExtension],
        reference: NamedTypeReference
    ) {
        self.name = name
        self.description = description
        self.specifiedByURL = specifiedByURL
        self.coercion = coercion
        self.appliedDirectives = appliedDirectives
        self.definition = definition
        self.extensionDefinitions = extensionDefinitions
        self.reference = reference
    }
}

/// An object type (spec §3.6): named fields, and the interfaces it implements.
public final class GraphQLObjectType: Sendable {
    /// The type's name.
    public let name: String
    /// The type's description.
    public let description: String?
    /// The fields, in definition order (extensions' fields after the definition's).
    public let fields: [GraphQLField]
    /// The interfaces the type implements, in definition order.
    public let interfaces: [NamedTypeReference]
    /// The directives applied to the definition and its extensions.
    public let appliedDirectives: [Directive]
    /// The SDL definition (`nil` for an extension-only type, which validation rejects).
    public let definition: ObjectTypeDefinition?
    /// The SDL extensions.
    public let extensionDefinitions: [ObjectTypeExtension]
    /// The reference to this type in its schema.
    public let reference: NamedTypeReference
    private let fieldIndex: [String: Int]

    /// Creates an object type (``GraphQLSchema`` does this from SDL).
    public init(
        name: String,
        description: String?,
        fields: [GraphQLField],
        interfaces: [NamedTypeReference],
        appliedDirectives: [Directive],
        definition: ObjectTypeDefinition?,
        extensionDefinitions: [ObjectTypeExtension],
        reference: NamedTypeReference
    ) {
        self.name = name
        self.description = description
        self.fields = fields
        self.interfaces = interfaces
        self.appliedDirectives = appliedDirectives
        self.definition = definition
        self.extensionDefinitions = extensionDefinitions
        self.reference = reference
        self.fieldIndex = GraphQLField.index(fields)
    }

    /// The field named `name` (one hash lookup).
    public func field(named name: String) -> GraphQLField? {
        fieldIndex[name].map { fields[$0] }
    }

    /// Whether the type declares that it implements `interface`.
    public func implements(_ interface: NamedTypeReference) -> Bool {
        interfaces.contains(interface)
    }
}

/// An interface type (spec §3.7): fields that implementing objects and interfaces must provide.
public final class GraphQLInterfaceType: Sendable {
    /// The type's name.
    public let name: String
    /// The type's description.
    public let description: String?
    /// The fields, in definition order.
    public let fields: [GraphQLField]
    /// The interfaces this interface implements.
    public let interfaces: [NamedTypeReference]
    /// The directives applied to the definition and its extensions.
    public let appliedDirectives: [Directive]
    /// The SDL definition.
    public let definition: InterfaceTypeDefinition?
    /// The SDL extensions.
    public let extensionDefinitions: [InterfaceTypeExtension]
    /// The reference to this type in its schema.
    public let reference: NamedTypeReference
    private let fieldIndex: [String: Int]

    /// Creates an interface type (``GraphQLSchema`` does this from SDL).
    public init(
        name: String,
        description: String?,
        fields: [GraphQLField],
        interfaces: [NamedTypeReference],
        appliedDirectives: [Directive],
        definition: InterfaceTypeDefinition?,
        extensionDefinitions: [InterfaceTypeExtension],
        reference: NamedTypeReference
    ) {
        self.name = name
        self.description = description
        self.fields = fields
        self.interfaces = interfaces
        self.appliedDirectives = appliedDirectives
        self.definition = definition
        self.extensionDefinitions = extensionDefinitions
        self.reference = reference
        self.fieldIndex = GraphQLField.index(fields)
    }

    /// The field named `name` (one hash lookup).
    public func field(named name: String) -> GraphQLField? {
        fieldIndex[name].map { fields[$0] }
    }
}

/// A union type (spec §3.8): one of several object types.
public final class GraphQLUnionType: Sendable {
    /// The type's name.
    public let name: String
    /// The type's description.
    public let description: String?
    /// The member types, in definition order.
    public let members: [NamedTypeReference]
    /// The directives applied to the definition and its extensions.
    public let appliedDirectives: [Directive]
    /// The SDL definition.
    public let definition: UnionTypeDefinition?
    /// The SDL extensions.
    public let extensionDefinitions: [UnionTypeExtension]
    /// The reference to this type in its schema.
    public let reference: NamedTypeReference

    /// Creates a union type (``GraphQLSchema`` does this from SDL).
    public init(
        name: String,
        description: String?,
        members: [NamedTypeReference],
        appliedDirectives: [Directive],
        definition: UnionTypeDefinition?,
        extensionDefinitions: [UnionTypeExtension],
        reference: NamedTypeReference
    ) {
        self.name = name
        self.description = description
        self.members = members
        self.appliedDirectives = appliedDirectives
        self.definition = definition
        self.extensionDefinitions = extensionDefinitions
        self.reference = reference
    }
}

/// An enum type (spec §3.9): a leaf with a fixed set of named values.
///
/// Coerced enum values are their names (as `JSONValue.string`), both for input and for output.
public final class GraphQLEnumType: Sendable {
    /// The type's name.
    public let name: String
    /// The type's description.
    public let description: String?
    /// The values, in definition order.
    public let values: [GraphQLEnumValue]
    /// The directives applied to the definition and its extensions.
    public let appliedDirectives: [Directive]
    /// The SDL definition (`nil` for introspection's built-in enums).
    public let definition: EnumTypeDefinition?
    /// The SDL extensions.
    public let extensionDefinitions: [EnumTypeExtension]
    /// The reference to this type in its schema.
    public let reference: NamedTypeReference
    private let valueIndex: [String: Int]

    /// Creates an enum type (``GraphQLSchema`` does this from SDL).
    public init(
        name: String,
        description: String?,
        values: [GraphQLEnumValue],
        appliedDirectives: [Directive],
        definition: EnumTypeDefinition?,
        extensionDefinitions: [EnumTypeExtension],
        reference: NamedTypeReference
    ) {
        self.name = name
        self.description = description
        self.values = values
        self.appliedDirectives = appliedDirectives
        self.definition = definition
        self.extensionDefinitions = extensionDefinitions
        self.reference = reference
        var index: [String: Int] = [:]
        for (position, value) in values.enumerated() where index[value.name] == nil { index[value.name] = position }
        self.valueIndex = index
    }

    /// The value named `name`.
    public func value(named name: String) -> GraphQLEnumValue? {
        valueIndex[name].map { values[$0] }
    }
}

/// One value of an enum type.
public final class GraphQLEnumValue: Sendable {
    /// The value's name (which is also its coerced value).
    public let name: String
    /// The value's description.
    public let description: String?
    /// Why the value is deprecated, if it is (`@deprecated`).
    public let deprecationReason: String?
    /// The directives applied to the value.
    public let appliedDirectives: [Directive]
    /// The SDL definition.
    public let definition: EnumValueDefinition?

    /// Creates an enum value.
    public init(
        name: String,
        description: String?,
        deprecationReason: String?,
        appliedDirectives: [Directive],
        definition: EnumValueDefinition?
    ) {
        self.name = name
        self.description = description
        self.deprecationReason = deprecationReason
        self.appliedDirectives = appliedDirectives
        self.definition = definition
    }

    /// Whether the value is deprecated.
    public var isDeprecated: Bool { deprecationReason != nil }
}

/// An input object type (spec §3.10): named input fields; with `@oneOf`, exactly one of them must be given.
public final class GraphQLInputObjectType: Sendable {
    /// The type's name.
    public let name: String
    /// The type's description.
    public let description: String?
    /// The input fields, in definition order.
    public let fields: [GraphQLInputValue]
    /// Whether the type is a OneOf input object (`@oneOf`, spec §3.10.1).
    public let isOneOf: Bool
    /// The directives applied to the definition and its extensions.
    public let appliedDirectives: [Directive]
    /// The SDL definition.
    public let definition: InputObjectTypeDefinition?
    /// The SDL extensions.
    public let extensionDefinitions: [InputObjectTypeExtension]
    /// The reference to this type in its schema.
    public let reference: NamedTypeReference
    private let fieldIndex: [String: Int]

    /// Creates an input object type (``GraphQLSchema`` does this from SDL).
    public init(
        name: String,
        description: String?,
        fields: [GraphQLInputValue],
        isOneOf: Bool,
        appliedDirectives: [Directive],
        definition: InputObjectTypeDefinition?,
        extensionDefinitions: [InputObjectTypeExtension],
        reference: NamedTypeReference
    ) {
        self.name = name
        self.description = description
        self.fields = fields
        self.isOneOf = isOneOf
        self.appliedDirectives = appliedDirectives
        self.definition = definition
        self.extensionDefinitions = extensionDefinitions
        self.reference = reference
        self.fieldIndex = GraphQLInputValue.index(fields)
    }

    /// The input field named `name`.
    public func field(named name: String) -> GraphQLInputValue? {
        fieldIndex[name].map { fields[$0] }
    }
}
