/// A reference to a named type of a ``GraphQLSchema``: its name and its position in ``GraphQLSchema/types``.
///
/// Types refer to each other through references rather than object pointers, which lets the type graph have
/// cycles (a `User` whose `manager` is a `User`) while every type stays an immutable, `Sendable` value.
/// ``GraphQLSchema/subscript(_:)-(NamedTypeReference)`` resolves a reference with one array access.
public struct NamedTypeReference: Sendable, Hashable, CustomStringConvertible {
    /// The type's name.
    public let name: String
    /// The type's position in ``GraphQLSchema/types``.
    public let index: Int

    /// Creates a reference; only meaningful for the schema whose `types[index]` is named `name`.
    public init(name: String, index: Int) {
        self.name = name
        self.index = index
    }

    /// The type's name.
    public var description: String { name }

    /// References are equal when they point at the same position (names are then equal too).
    public static func == (lhs: NamedTypeReference, rhs: NamedTypeReference) -> Bool { lhs.index == rhs.index }

    /// Hashes the position.
    public func hash(into hasher: inout Hasher) { hasher.combine(index) }
}

/// A type as used by a field, an argument or a variable: a named type wrapped in any number of list and
/// non-null wrappers (spec §3.4.5 "Wrapping Types").
public indirect enum GraphQLType: Sendable, Hashable, CustomStringConvertible {
    /// A named type.
    case named(NamedTypeReference)
    /// A list of the wrapped type.
    case list(GraphQLType)
    /// The wrapped type, never null (the wrapped type is never itself non-null).
    case nonNull(GraphQLType)

    /// The named type inside all wrappers.
    public var namedType: NamedTypeReference {
        switch self {
        case .named(let reference): reference
        case .list(let inner): inner.namedType
        case .nonNull(let inner): inner.namedType
        }
    }

    /// Whether the outermost wrapper is non-null.
    public var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }

    /// Whether the type, once non-null is removed, is a list.
    public var isList: Bool {
        switch self {
        case .list: true
        case .nonNull(let inner): inner.isList
        case .named: false
        }
    }

    /// The type without its outer non-null wrapper (the type itself if it is nullable).
    public var nullableType: GraphQLType {
        if case .nonNull(let inner) = self { return inner }
        return self
    }

    /// The element type, if the type (once non-null is removed) is a list.
    public var listElementType: GraphQLType? {
        switch self {
        case .list(let element): element
        case .nonNull(let inner): inner.listElementType
        case .named: nil
        }
    }

    /// The type as written in GraphQL, e.g. `[String!]!`.
    public var description: String {
        switch self {
        case .named(let reference): reference.name
        case .list(let inner): "[\(inner)]"
        case .nonNull(let inner): "\(inner)!"
        }
    }
}

/// The kind of a type, as introspection's `__TypeKind` names it (spec §4.2.1).
public enum TypeKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A scalar.
    case scalar = "SCALAR"
    /// An object type.
    case object = "OBJECT"
    /// An interface.
    case interface = "INTERFACE"
    /// A union.
    case union = "UNION"
    /// An enum.
    case enumType = "ENUM"
    /// An input object.
    case inputObject = "INPUT_OBJECT"
    /// A list wrapper.
    case list = "LIST"
    /// A non-null wrapper.
    case nonNull = "NON_NULL"

    /// The kind's introspection name, e.g. `INPUT_OBJECT`.
    public var description: String { rawValue }
}
