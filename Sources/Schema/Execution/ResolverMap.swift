public import JSON

/// A resolver that computes its value at once: no task is created and nothing is awaited, which keeps the
/// thousands of trivial fields of a large list cheap.
///
/// It receives the parent value, the field's coerced arguments (an absent argument is a missing key, an
/// explicit `null` is `.null`), the request's context and the ``ResolveInfo``.
public typealias SyncResolver<Context> =
    @Sendable (_ parent: ResolvedValue, _ arguments: JSONObject, _ context: Context, _ info: ResolveInfo) throws ->
    ResolvedValue

/// A resolver that may suspend: to call ServiceNow, or to wait on a ``DataLoader``.
public typealias AsyncResolver<Context> =
    @Sendable (_ parent: ResolvedValue, _ arguments: JSONObject, _ context: Context, _ info: ResolveInfo) async throws
    -> ResolvedValue

/// Names the object type of a value returned for an interface or union field; `nil` means "cannot tell" (the
/// executor then tries the value's own ``FieldSource/graphQLTypeName`` or `__typename`, and the `isTypeOf`
/// checks).
public typealias TypeResolver<Context> =
    @Sendable (_ value: ResolvedValue, _ context: Context, _ info: ResolveInfo) throws -> String?

/// Says whether a value is of an object type (graphql-js `isTypeOf`).
public typealias IsTypeOfCheck<Context> =
    @Sendable (_ value: ResolvedValue, _ context: Context, _ info: ResolveInfo) throws -> Bool

/// The resolvers of a schema, registered per `Type.field`, plus the hooks that pick the object type of values of
/// interface and union types.
///
/// A field without a resolver uses the default one: the value of the key of the field's name in a
/// `.json(.object)` parent, or ``FieldSource/resolveField(_:arguments:)`` of an `.object` parent.
///
/// ```swift
/// var resolvers = ResolverMap<RequestContext>()
/// resolvers.sync("Query", "widgetSettings") { _, _, context, _ in
///     .json(context.settings.jsonValue)
/// }
/// resolvers.async("Query", "incidents") { _, arguments, context, info in
///     try await context.serviceNow.incidents(arguments, selection: info.selection)
/// }
/// resolvers.resolveType("Node") { value, _, _ in value.as(Record.self)?.typeName }
/// ```
///
/// Registering a field twice keeps the last resolver. ``Executor/init(schema:resolvers:options:)`` checks
/// every name against the schema.
public struct ResolverMap<Context: Sendable>: Sendable {
    enum FieldResolver: Sendable {
        case sync(SyncResolver<Context>)
        case async(AsyncResolver<Context>)
    }

    struct Coordinate: Hashable, Sendable {
        var type: String
        var field: String
    }

    private(set) var fields: [Coordinate: FieldResolver] = [:]
    private(set) var fieldOrder: [Coordinate] = []
    private(set) var typeResolvers: [String: TypeResolver<Context>] = [:]
    private(set) var isTypeOfChecks: [String: IsTypeOfCheck<Context>] = [:]

    /// An empty map: every field uses the default resolver.
    public init() {}

    /// Registers a synchronous resolver for `type.field`.
    public mutating func sync(_ type: String, _ field: String, _ resolve: @escaping SyncResolver<Context>) {
        register(Coordinate(type: type, field: field), .sync(resolve))
    }

    /// Registers an asynchronous resolver for `type.field`.
    public mutating func async(_ type: String, _ field: String, _ resolve: @escaping AsyncResolver<Context>) {
        register(Coordinate(type: type, field: field), .async(resolve))
    }

    /// Registers the hook that names the object type of values returned for the interface or union
    /// `abstractType` (graphql-js `resolveType`).
    public mutating func resolveType(_ abstractType: String, _ resolve: @escaping TypeResolver<Context>) {
        typeResolvers[abstractType] = resolve
    }

    /// Registers the check that a value is of the object type `objectType` (graphql-js `isTypeOf`): used to pick
    /// the type of an abstract value, and to refuse values of the wrong type where `objectType` is expected.
    public mutating func isTypeOf(_ objectType: String, _ check: @escaping IsTypeOfCheck<Context>) {
        isTypeOfChecks[objectType] = check
    }

    /// Adds every registration of `other`, which wins where both register the same name.
    public mutating func merge(_ other: ResolverMap<Context>) {
        for coordinate in other.fieldOrder {
            if let resolver = other.fields[coordinate] { register(coordinate, resolver) }
        }
        typeResolvers.merge(other.typeResolvers) { _, new in new }
        isTypeOfChecks.merge(other.isTypeOfChecks) { _, new in new }
    }

    private mutating func register(_ coordinate: Coordinate, _ resolver: FieldResolver) {
        if fields.updateValue(resolver, forKey: coordinate) == nil { fieldOrder.append(coordinate) }
    }
}

/// Why an ``Executor`` refused its ``ResolverMap``: registrations that name no field or type of the schema (a
/// typo would otherwise leave a field silently on the default resolver).
public struct ResolverMapError: Error, Sendable, CustomStringConvertible {
    /// One line per problem.
    public var problems: [String]

    /// Creates an error.
    public init(problems: [String]) {
        self.problems = problems
    }

    /// The problems, one per line.
    public var description: String { problems.joined(separator: "\n") }
}
