/// A parsed GraphQL document (spec §2.2): executable definitions, type-system definitions and extensions.
///
/// The AST is made of `Sendable` value types (structs and enums) so that a parsed document can be cached and
/// shared between requests. Every node has a ``Location`` (byte offsets into ``source``); the names of the
/// node types follow the specification's grammar and graphql-js's `Kind`s without the `Node` suffix.
public struct Document: Sendable {
    /// The definitions in document order.
    public var definitions: [Definition]

    /// Where the document lies in its source (all of it).
    public var location: Location

    /// The source the document was parsed from; `nil` for a document built by hand.
    public var source: Source?

    /// Creates a document.
    public init(definitions: [Definition], location: Location = .none, source: Source? = nil) {
        self.definitions = definitions
        self.location = location
        self.source = source
    }

    /// The operation definitions, in document order.
    public var operations: [OperationDefinition] {
        definitions.compactMap { definition in
            if case .operation(let operation) = definition { return operation }
            return nil
        }
    }

    /// The fragment definitions, in document order.
    public var fragments: [FragmentDefinition] {
        definitions.compactMap { definition in
            if case .fragment(let fragment) = definition { return fragment }
            return nil
        }
    }
}

extension Document: Hashable {
    /// Documents are equal when their definitions and location are; the source object is not compared.
    public static func == (lhs: Document, rhs: Document) -> Bool {
        lhs.location == rhs.location && lhs.definitions == rhs.definitions
    }

    /// Hashes the definitions and location.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(location)
        hasher.combine(definitions)
    }
}

/// One top-level definition of a document (spec §2.2 `Definition`).
public enum Definition: Sendable, Hashable {
    /// `query`, `mutation`, `subscription` or a shorthand `{ … }`.
    case operation(OperationDefinition)
    /// `fragment Name on Type { … }`.
    case fragment(FragmentDefinition)
    /// `schema { … }`.
    case schema(SchemaDefinition)
    /// `scalar`, `type`, `interface`, `union`, `enum` or `input`.
    case type(TypeDefinition)
    /// `directive @name … on …`.
    case directive(DirectiveDefinition)
    /// `extend schema …`.
    case schemaExtension(SchemaExtension)
    /// `extend scalar|type|interface|union|enum|input …`.
    case typeExtension(TypeExtension)

    /// Where the definition lies in the source.
    public var location: Location {
        switch self {
        case .operation(let node): node.location
        case .fragment(let node): node.location
        case .schema(let node): node.location
        case .type(let node): node.location
        case .directive(let node): node.location
        case .schemaExtension(let node): node.location
        case .typeExtension(let node): node.location
        }
    }

    /// Whether this is an operation or a fragment (spec §2.2 `ExecutableDefinition`).
    public var isExecutable: Bool {
        switch self {
        case .operation, .fragment: true
        default: false
        }
    }
}

/// A name (spec §2.1.9) with its location.
public struct Name: Sendable, Hashable, CustomStringConvertible {
    /// The name's text.
    public var value: String
    /// Where the name lies in the source.
    public var location: Location

    /// Creates a name.
    public init(_ value: String, location: Location = .none) {
        self.value = value
        self.location = location
    }

    /// The name's text.
    public var description: String { value }
}

/// An applied directive, `@name(arguments)` (spec §2.12).
public struct Directive: Sendable, Hashable {
    /// The directive's name, without `@`.
    public var name: Name
    /// The arguments in document order.
    public var arguments: [Argument]
    /// Where the directive lies in the source (from `@`).
    public var location: Location

    /// Creates a directive.
    public init(name: Name, arguments: [Argument] = [], location: Location = .none) {
        self.name = name
        self.arguments = arguments
        self.location = location
    }

    /// The argument named `name`, if present.
    public func argument(named name: String) -> Argument? {
        arguments.first { $0.name.value == name }
    }
}

/// An argument, `name: value` (spec §2.6).
public struct Argument: Sendable, Hashable {
    /// The argument's name.
    public var name: Name
    /// The argument's value (may contain variables in executable documents).
    public var value: Value
    /// Where the argument lies in the source.
    public var location: Location

    /// Creates an argument.
    public init(name: Name, value: Value, location: Location = .none) {
        self.name = name
        self.value = value
        self.location = location
    }
}

extension Array where Element == Directive {
    /// The first directive named `name`, if present.
    public func first(named name: String) -> Directive? {
        first { $0.name.value == name }
    }
}
