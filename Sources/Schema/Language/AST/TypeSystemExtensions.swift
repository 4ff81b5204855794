/// `extend schema @directives { query: Query … }` (spec §3.3.2).
public struct SchemaExtension: Sendable, Hashable {
    /// The directives added to the schema.
    public var directives: [Directive]
    /// The root operation types added.
    public var operationTypes: [OperationTypeDefinition]
    /// Where the extension lies in the source.
    public var location: Location

    /// Creates a schema extension.
    public init(
        directives: [Directive] = [],
        operationTypes: [OperationTypeDefinition] = [],
        location: Location = .none
    ) {
        self.directives = directives
        self.operationTypes = operationTypes
        self.location = location
    }
}

/// An extension of a named type (spec §3.4.3): what it adds has the shape of the definition it extends,
/// without a description.
public enum TypeExtension: Sendable, Hashable {
    /// `extend scalar Name @directives`.
    case scalar(ScalarTypeExtension)
    /// `extend type Name implements … @directives { … }`.
    case object(ObjectTypeExtension)
    /// `extend interface Name implements … @directives { … }`.
    case interface(InterfaceTypeExtension)
    /// `extend union Name @directives = A | B`.
    case union(UnionTypeExtension)
    /// `extend enum Name @directives { … }`.
    case enumType(EnumTypeExtension)
    /// `extend input Name @directives { … }`.
    case inputObject(InputObjectTypeExtension)

    /// The extended type's name.
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

    /// The directives the extension adds.
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

    /// Where the extension lies in the source.
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

/// `extend scalar Name @directives`.
public struct ScalarTypeExtension: Sendable, Hashable {
    /// The extended type's name.
    public var name: Name
    /// The directives added.
    public var directives: [Directive]
    /// Where the extension lies in the source.
    public var location: Location

    /// Creates a scalar extension.
    public init(name: Name, directives: [Directive], location: Location = .none) {
        self.name = name
        self.directives = directives
        self.location = location
    }
}

/// `extend type Name implements … @directives { fields }`.
public struct ObjectTypeExtension: Sendable, Hashable {
    /// The extended type's name.
    public var name: Name
    /// The interfaces added.
    public var interfaces: [NamedType]
    /// The directives added.
    public var directives: [Directive]
    /// The fields added.
    public var fields: [FieldDefinition]
    /// Where the extension lies in the source.
    public var location: Location

    /// Creates an object type extension.
    public init(
        name: Name,
        interfaces: [NamedType] = [],
        directives: [Directive] = [],
        fields: [FieldDefinition] = [],
        location: Location = .none
    ) {
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.location = location
    }
}

/// `extend interface Name implements … @directives { fields }`.
public struct InterfaceTypeExtension: Sendable, Hashable {
    /// The extended type's name.
    public var name: Name
    /// The interfaces added.
    public var interfaces: [NamedType]
    /// The directives added.
    public var directives: [Directive]
    /// The fields added.
    public var fields: [FieldDefinition]
    /// Where the extension lies in the source.
    public var location: Location

    /// Creates an interface extension.
    public init(
        name: Name,
        interfaces: [NamedType] = [],
        directives: [Directive] = [],
        fields: [FieldDefinition] = [],
        location: Location = .none
    ) {
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.location = location
    }
}

/// `extend union Name @directives = A | B`.
public struct UnionTypeExtension: Sendable, Hashable {
    /// The extended type's name.
    public var name: Name
    /// The directives added.
    public var directives: [Directive]
    /// The member types added.
    public var types: [NamedType]
    /// Where the extension lies in the source.
    public var location: Location

    /// Creates a union extension.
    public init(name: Name, directives: [Directive] = [], types: [NamedType] = [], location: Location = .none) {
        self.name = name
        self.directives = directives
        self.types = types
        self.location = location
    }
}

/// `extend enum Name @directives { VALUES }`.
public struct EnumTypeExtension: Sendable, Hashable {
    /// The extended type's name.
    public var name: Name
    /// The directives added.
    public var directives: [Directive]
    /// The values added.
    public var values: [EnumValueDefinition]
    /// Where the extension lies in the source.
    public var location: Location

    /// Creates an enum extension.
    public init(
        name: Name,
        directives: [Directive] = [],
        values: [EnumValueDefinition] = [],
        location: Location = .none
    ) {
        self.name = name
        self.directives = directives
        self.values = values
        self.location = location
    }
}

/// `extend input Name @directives { fields }`.
public struct InputObjectTypeExtension: Sendable, Hashable {
    /// The extended type's name.
    public var name: Name
    /// The directives added.
    public var directives: [Directive]
    /// The input fields added.
    public var fields: [InputValueDefinition]
    /// Where the extension lies in the source.
    public var location: Location

    /// Creates an input object extension.
    public init(
        name: Name,
        directives: [Directive] = [],
        fields: [InputValueDefinition] = [],
        location: Location = .none
    ) {
        self.name = name
        self.directives = directives
        self.fields = fields
        self.location = location
    }
}
