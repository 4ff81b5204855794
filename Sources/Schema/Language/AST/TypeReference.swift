/// A type as written in a document (spec §2.11): a named type, a list type or a non-null type.
public indirect enum TypeReference: Sendable, Hashable, CustomStringConvertible {
    /// `Name`.
    case named(NamedType)
    /// `[Type]`.
    case list(ListType)
    /// `Type!` (the wrapped type is never itself non-null).
    case nonNull(NonNullType)

    /// Where the type lies in the source.
    public var location: Location {
        switch self {
        case .named(let node): node.location
        case .list(let node): node.location
        case .nonNull(let node): node.location
        }
    }

    /// The named type at the core of the wrappers.
    public var namedType: NamedType {
        switch self {
        case .named(let node): node
        case .list(let node): node.type.namedType
        case .nonNull(let node): node.type.namedType
        }
    }

    /// The type as written, e.g. `[String!]!`.
    public var description: String {
        switch self {
        case .named(let node): node.name.value
        case .list(let node): "[\(node.type)]"
        case .nonNull(let node): "\(node.type)!"
        }
    }
}

/// A named type reference, `Name`.
public struct NamedType: Sendable, Hashable {
    /// The type's name.
    public var name: Name
    /// Where the reference lies in the source.
    public var location: Location

    /// Creates a named type reference.
    public init(name: Name, location: Location = .none) {
        self.name = name
        self.location = location
    }

    /// Creates a named type reference whose location is its name's.
    public init(_ name: String, location: Location = .none) {
        self.name = Name(name, location: location)
        self.location = location
    }
}

/// A list type, `[Type]`.
public struct ListType: Sendable, Hashable {
    /// The element type.
    public var type: TypeReference
    /// Where the type lies in the source (brackets included).
    public var location: Location

    /// Creates a list type.
    public init(_ type: TypeReference, location: Location = .none) {
        self.type = type
        self.location = location
    }
}

/// A non-null type, `Type!`.
public struct NonNullType: Sendable, Hashable {
    /// The wrapped type (a named or list type).
    public var type: TypeReference
    /// Where the type lies in the source (`!` included).
    public var location: Location

    /// Creates a non-null type.
    public init(_ type: TypeReference, location: Location = .none) {
        self.type = type
        self.location = location
    }
}
