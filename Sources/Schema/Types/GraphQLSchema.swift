import JSON

/// A GraphQL schema (spec §3): its types, directives and root operation types, built from SDL, validated,
/// immutable and `Sendable`.
///
/// ```swift
/// let schema = try GraphQLSchema(
///     sdl: "scalar DateTime type Query { now: DateTime! }",
///     scalars: ["DateTime": DateTimeCoercion()]
/// )
/// ```
///
/// Building checks the SDL as graphql-js's `buildASTSchema` and `assertValidSchema` do together (unknown
/// types and directives, duplicate names, bad extensions, root types, interface implementations, union
/// members, input object cycles, `@oneOf` rules, default values) and throws a ``SchemaError`` listing every
/// problem with its location.
///
/// Types refer to each other by ``NamedTypeReference``; `schema[reference]` resolves one with an array
/// access. The lookups validation and execution need are precomputed: types and directives by name, fields by
/// name, the possible types of abstract types, `isSubType`, and the implementations of interfaces. The
/// schema also holds the introspection types (`__Schema`, `__Type`, …) and the meta fields `__typename`,
/// `__schema` and `__type` (see ``fieldDefinition(in:named:)``).
public final class GraphQLSchema: Sendable {
    /// The schema's description.
    public let description: String?

    /// Every named type: the SDL's types in document order, then the built-in scalars they use, then the
    /// introspection types.
    public let types: [GraphQLNamedType]

    /// The directives: the SDL's, then the built-in ones it did not redefine (`@include`, `@skip`,
    /// `@deprecated`, `@specifiedBy`, `@oneOf`).
    public let directives: [GraphQLDirective]

    /// The directives applied to the schema definition and its extensions.
    public let appliedDirectives: [Directive]

    /// The `schema { … }` definition, if the SDL had one.
    public let definition: SchemaDefinition?

    /// The `extend schema` extensions.
    public let extensionDefinitions: [SchemaExtension]

    /// The SDL source, for locating the definitions behind errors.
    public let source: Source?

    /// `__schema: __Schema!`, available on the query root type.
    public let schemaMetaField: GraphQLField
    /// `__type(name: String!): __Type`, available on the query root type.
    public let typeMetaField: GraphQLField
    /// `__typename: String!`, available on every object, interface and union.
    public let typeNameMetaField: GraphQLField

    private let rootTypes: [OperationType: NamedTypeReference]
    private let typeIndex: [String: Int]
    private let directiveIndex: [String: Int]
    /// Per type index: for a union its members, for an interface the objects implementing it.
    private let possibleTypeLists: [[NamedTypeReference]]
    /// Per type index: the indexes of the types `isSubType` accepts (members, or implementing objects and
    /// interfaces).
    private let subTypeSets: [Set<Int>]
    /// Per type index: the objects and interfaces that declare they implement it.
    private let implementationLists: [(objects: [NamedTypeReference], interfaces: [NamedTypeReference])]

    /// Builds a schema from SDL text, registering coercions for custom scalars by name.
    ///
    /// - Parameters:
    ///   - sdl: The type-system document.
    ///   - scalars: Coercions of the custom scalars the SDL declares (e.g. `["DateTime": DateTimeCoercion()]`);
    ///     a declared scalar without one passes values through.
    ///   - options: How to parse the SDL.
    /// - Throws: ``SchemaError`` with every problem found: syntax, unknown names, invalid types.
    public convenience init(
        sdl: String,
        scalars: [String: any ScalarCoercion] = [:],
        options: SchemaOptions = .default
    ) throws(SchemaError) {
        let source = Source(sdl, name: options.sourceName)
        let document: Document
        do {
            document = try Parser.parse(source, options: options.parseOptions)
        } catch {
            throw SchemaError(errors: [error])
        }
        try self.init(document: document, scalars: scalars)
    }

    /// Builds a schema from a parsed type-system document.
    public convenience init(document: Document, scalars: [String: any ScalarCoercion] = [:]) throws(SchemaError) {
        let parts = try SchemaBuilder.build(document: document, scalars: scalars)
        self.init(parts: parts)
    }

    /// Everything a schema is made of, as the builder assembles it.
    struct Parts {
        var description: String?
        var types: [GraphQLNamedType]
        var directives: [GraphQLDirective]
        var appliedDirectives: [Directive]
        var definition: SchemaDefinition?
        var extensionDefinitions: [SchemaExtension]
        var source: Source?
        var rootTypes: [OperationType: NamedTypeReference]
    }

    init(parts: Parts) {
        description = parts.description
        types = parts.types
        directives = parts.directives
        appliedDirectives = parts.appliedDirectives
        definition = parts.definition
        extensionDefinitions = parts.extensionDefinitions
        source = parts.source
        rootTypes = parts.rootTypes

        var typeIndex: [String: Int] = [:]
        typeIndex.reserveCapacity(types.count)
        for (position, type) in types.enumerated() { typeIndex[type.name] = position }
        self.typeIndex = typeIndex
        var directiveIndex: [String: Int] = [:]
        for (position, directive) in directives.enumerated() { directiveIndex[directive.name] = position }
        self.directiveIndex = directiveIndex

        var implementations = [(objects: [NamedTypeReference], interfaces: [NamedTypeReference])](
            repeating: ([], []),
            count: types.count
        )
        for type in types {
            switch type {
            case .object(let object):
                for interface in object.interfaces where interface.index < types.count {
                    implementations[interface.index].objects.append(object.reference)
                }
            case .interface(let interfaceType):
                for interface in interfaceType.interfaces where interface.index < types.count {
                    implementations[interface.index].interfaces.append(interfaceType.reference)
                }
            default:
                break
            }
        }
        implementationLists = implementations

        var possible = [[NamedTypeReference]](repeating: [], count: types.count)
        var subTypes = [Set<Int>](repeating: [], count: types.count)
        for (position, type) in types.enumerated() {
            switch type {
            case .union(let union):
                possible[position] = union.members
                subTypes[position] = Set(union.members.map(\.index))
            case .interface:
                possible[position] = implementations[position].objects
                subTypes[position] = Set(
                    implementations[position].objects.map(\.index) + implementations[position].interfaces.map(\.index)
                )
            default:
                break
            }
        }
        possibleTypeLists = possible
        subTypeSets = subTypes

        let string = typeIndex["String"].map { NamedTypeReference(name: "String", index: $0) }
        let schemaType = typeIndex["__Schema"].map { NamedTypeReference(name: "__Schema", index: $0) }
        let typeType = typeIndex["__Type"].map { NamedTypeReference(name: "__Type", index: $0) }
        let stringType = string.map(GraphQLType.named) ?? .named(NamedTypeReference(name: "String", index: -1))
        schemaMetaField = GraphQLField(
            name: "__schema",
            description: "Access the current type schema of this server.",
            arguments: [],
            type: .nonNull(.named(schemaType ?? NamedTypeReference(name: "__Schema", index: -1))),
            deprecationReason: nil,
            appliedDirectives: [],
            definition: nil
        )
        typeMetaField = GraphQLField(
            name: "__type",
            description: "Request the type information of a single type.",
            arguments: [
                GraphQLInputValue(
                    name: "name",
                    description: nil,
                    type: .nonNull(stringType),
                    defaultValue: nil,
                    coercedDefaultValue: nil,
                    deprecationReason: nil,
                    appliedDirectives: [],
                    definition: nil
                )
            ],
            type: .named(typeType ?? NamedTypeReference(name: "__Type", index: -1)),
            deprecationReason: nil,
            appliedDirectives: [],
            definition: nil
        )
        typeNameMetaField = GraphQLField(
            name: "__typename",
            description: "The name of the current Object type at runtime.",
            arguments: [],
            type: .nonNull(stringType),
            deprecationReason: nil,
            appliedDirectives: [],
            definition: nil
        )
    }

    // MARK: Types

    /// The named type a reference points at.
    public subscript(_ reference: NamedTypeReference) -> GraphQLNamedType {
        types[reference.index]
    }

    /// The named type inside a (possibly wrapped) type.
    public subscript(_ type: GraphQLType) -> GraphQLNamedType {
        types[type.namedType.index]
    }

    /// The named type called `name`, if the schema has one.
    public func type(named name: String) -> GraphQLNamedType? {
        typeIndex[name].map { types[$0] }
    }

    /// A reference to the named type called `name`, if the schema has one.
    public func reference(named name: String) -> NamedTypeReference? {
        typeIndex[name].map { NamedTypeReference(name: name, index: $0) }
    }

    /// The object type called `name`, if the schema has one.
    public func objectType(named name: String) -> GraphQLObjectType? {
        if case .object(let object)? = type(named: name) { return object }
        return nil
    }

    /// The type a document's type reference denotes, or `nil` if it names an unknown type (graphql-js
    /// `typeFromAST`).
    public func type(from reference: TypeReference) -> GraphQLType? {
        switch reference {
        case .named(let named):
            return self.reference(named: named.name.value).map(GraphQLType.named)
        case .list(let list):
            return type(from: list.type).map(GraphQLType.list)
        case .nonNull(let nonNull):
            return type(from: nonNull.type).map(GraphQLType.nonNull)
        }
    }

    /// The root type of `operation`, if the schema supports it.
    public func rootType(for operation: OperationType) -> GraphQLObjectType? {
        guard let reference = rootTypes[operation], case .object(let object) = self[reference] else { return nil }
        return object
    }

    /// The query root type (a valid schema always has one).
    public var queryType: GraphQLObjectType? { rootType(for: .query) }
    /// The mutation root type, if any.
    public var mutationType: GraphQLObjectType? { rootType(for: .mutation) }
    /// The subscription root type, if any.
    public var subscriptionType: GraphQLObjectType? { rootType(for: .subscription) }

    /// The reference the schema definition gives for `operation`'s root, whatever its kind (for validation).
    func rootTypeReference(for operation: OperationType) -> NamedTypeReference? { rootTypes[operation] }

    // MARK: Directives

    /// The directive called `name` (without `@`).
    public func directive(named name: String) -> GraphQLDirective? {
        directiveIndex[name].map { directives[$0] }
    }

    // MARK: Fields

    /// The definition of field `name` selected on `parentType`, including the meta fields: `__typename` on
    /// any composite type, `__schema` and `__type` on the query root (graphql-js `getFieldDef`).
    public func fieldDefinition(in parentType: NamedTypeReference, named name: String) -> GraphQLField? {
        if name.utf8.first == 0x5F, name.utf8.dropFirst().first == 0x5F {  // "__"
            switch name {
            case "__typename" where self[parentType].isComposite: return typeNameMetaField
            case "__schema" where rootTypes[.query] == parentType: return schemaMetaField
            case "__type" where rootTypes[.query] == parentType: return typeMetaField
            default: break
            }
        }
        return self[parentType].field(named: name)
    }

    // MARK: Abstract types

    /// The object types an abstract type may be at runtime: a union's members, or the objects implementing an
    /// interface; empty for other types.
    public func possibleTypes(of abstractType: NamedTypeReference) -> [NamedTypeReference] {
        possibleTypeLists[abstractType.index]
    }

    /// Whether `maybeSubType` is a member of the union `abstractType`, or implements the interface
    /// `abstractType` (graphql-js `isSubType`).
    public func isSubType(_ maybeSubType: NamedTypeReference, of abstractType: NamedTypeReference) -> Bool {
        subTypeSets[abstractType.index].contains(maybeSubType.index)
    }

    /// Whether the object type `objectType` is a possible runtime type of `abstractType`.
    public func isPossibleType(_ objectType: NamedTypeReference, of abstractType: NamedTypeReference) -> Bool {
        isSubType(objectType, of: abstractType) && { if case .object = self[objectType] { true } else { false } }()
    }

    /// The objects and interfaces that declare they implement `interfaceType`.
    public func implementations(
        of interfaceType: NamedTypeReference
    ) -> (
        objects: [NamedTypeReference], interfaces: [NamedTypeReference]
    ) {
        implementationLists[interfaceType.index]
    }

    /// Whether a value of type `maybeSubType` may be used where `superType` is expected: the same type, a
    /// non-null version of it, or (for an abstract super type) a member or implementation, through lists
    /// (graphql-js `isTypeSubTypeOf`).
    public func isTypeSubType(_ maybeSubType: GraphQLType, of superType: GraphQLType) -> Bool {
        if maybeSubType == superType { return true }
        switch (maybeSubType, superType) {
        case (.nonNull(let sub), .nonNull(let sup)): return isTypeSubType(sub, of: sup)
        case (_, .nonNull): return false
        case (.nonNull(let sub), _): return isTypeSubType(sub, of: superType)
        case (.list(let sub), .list(let sup)): return isTypeSubType(sub, of: sup)
        case (_, .list), (.list, _): return false
        case (.named(let sub), .named(let sup)):
            let subType = self[sub]
            guard self[sup].isAbstract else { return false }
            switch subType {
            case .object, .interface: return isSubType(sub, of: sup)
            default: return false
            }
        }
    }

    /// Whether two composite types have a possible runtime type in common (graphql-js `doTypesOverlap`).
    public func doTypesOverlap(_ typeA: NamedTypeReference, _ typeB: NamedTypeReference) -> Bool {
        if typeA == typeB { return true }
        let a = self[typeA]
        let b = self[typeB]
        if a.isAbstract {
            if b.isAbstract { return possibleTypes(of: typeA).contains { isSubType($0, of: typeB) } }
            return isSubType(typeB, of: typeA)
        }
        if b.isAbstract { return isSubType(typeA, of: typeB) }
        return false
    }
}

/// How ``GraphQLSchema/init(sdl:scalars:options:)`` reads its SDL.
public struct SchemaOptions: Sendable {
    /// Parser limits; by default none but nesting, since the SDL is the gateway's own.
    public var parseOptions: ParseOptions
    /// The name of the SDL source in error messages.
    public var sourceName: String

    /// Creates options.
    public init(parseOptions: ParseOptions = .trustedSchema, sourceName: String = "schema.graphql") {
        self.parseOptions = parseOptions
        self.sourceName = sourceName
    }

    /// The defaults.
    public static let `default` = SchemaOptions()
}

/// Why a schema could not be built: every problem found, each a ``GraphQLError`` with the SDL locations it
/// concerns.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    /// The problems, in the order they were found.
    public var errors: [GraphQLError]

    /// Creates an error.
    public init(errors: [GraphQLError]) {
        self.errors = errors
    }

    /// Each problem's message with its location(s) `line:column`, one per paragraph.
    public var description: String {
        errors.map { error in
            let locations = error.locations.map(\.description).joined(separator: ", ")
            let name = error.source?.name
            if locations.isEmpty { return error.message }
            return error.message + " (" + (name.map { $0 + ":" } ?? "") + locations + ")"
        }.joined(separator: "\n\n")
    }
}
