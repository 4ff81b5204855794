public import JSON

/// What a resolver returns, and what the fields below it are resolved from.
///
/// It is a closed enum rather than `any Sendable` so that completing a value is a switch, not a chain of dynamic
/// casts: a 1,000-item list of 10 fields completes 10,000 values, and each cast would cost more than the rest of
/// the work on that value.
///
/// - `.json` holds plain data. For a leaf field it is serialized by the field's scalar or enum; an `.object` is a
///   source whose keys the default resolver reads (and whose `__typename`, if a string, picks the object type of
///   an interface or union); an `.array` is a list.
/// - `.object` holds a value of the resolvers' own making (a ServiceNow record, say) that the default resolver
///   asks for its fields through ``FieldSource``.
/// - `.list` holds a list of either.
///
/// ```swift
/// return "text"                                   // a String
/// return .json(.object(["id": "1", "name": "Ada"]))  // an object the default resolver reads
/// return .objects(records)                        // a list of FieldSource values
/// ```
public enum ResolvedValue: Sendable {
    /// No value: `null` in the response.
    case null
    /// Plain JSON: a leaf value, an object source (`.object`) or a list (`.array`).
    case json(JSONValue)
    /// An object value the resolvers define; the default resolver reads its fields through ``FieldSource``.
    case object(any FieldSource)
    /// A list of values.
    case list([ResolvedValue])
}

extension ResolvedValue {
    /// A string value.
    public static func string(_ value: String) -> ResolvedValue { .json(.string(value)) }

    /// An integer value (an `Int` field accepts it if it fits in 32 bits).
    public static func int(_ value: Int) -> ResolvedValue { .json(.int(value)) }

    /// A floating-point value.
    public static func double(_ value: Double) -> ResolvedValue { .json(.double(value)) }

    /// A Boolean value.
    public static func bool(_ value: Bool) -> ResolvedValue { .json(.bool(value)) }

    /// A list of object values of the resolvers' own type.
    public static func objects<S: Sequence>(_ sources: S) -> ResolvedValue where S.Element: FieldSource {
        .list(sources.map { .object($0) })
    }

    /// The ``FieldSource`` value as `type`, when this is an `.object` of that type (how a resolver reads its
    /// parent: `parent.as(IncidentRecord.self)`).
    public func `as`<T>(_ type: T.Type) -> T? {
        if case .object(let source) = self { return source as? T }
        return nil
    }

    /// The JSON, when this is `.json`.
    public var jsonValue: JSONValue? {
        if case .json(let value) = self { return value }
        return nil
    }

    /// The JSON object, when this is `.json(.object)` (the parent of a field resolved from JSON).
    public var jsonObject: JSONObject? {
        if case .json(.object(let object)) = self { return object }
        return nil
    }

    /// Whether this is `null` (`.null` or `.json(.null)`).
    public var isNull: Bool {
        switch self {
        case .null, .json(.null): true
        default: false
        }
    }

    /// The value as plain JSON, when it holds no ``FieldSource`` (for custom scalars that take structured values).
    var plainJSON: JSONValue? {
        switch self {
        case .null: return .null
        case .json(let value): return value
        case .object: return nil
        case .list(let items):
            var array: [JSONValue] = []
            array.reserveCapacity(items.count)
            for item in items {
                guard let json = item.plainJSON else { return nil }
                array.append(json)
            }
            return .array(array)
        }
    }

    /// The value as graphql-js's `inspect` would print it, for error messages.
    var inspected: String {
        switch self {
        case .null: return "null"
        case .json(let value): return Inspect.describe(value)
        case .object(let source): return "{ \(type(of: source)) }"
        case .list(let items): return "[" + items.prefix(10).map(\.inspected).joined(separator: ", ") + "]"
        }
    }
}

extension ResolvedValue: ExpressibleByNilLiteral, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(stringLiteral value: String) { self = .json(.string(value)) }
    public init(integerLiteral value: Int) { self = .json(.int(value)) }
    public init(floatLiteral value: Double) { self = .json(.double(value)) }
    public init(booleanLiteral value: Bool) { self = .json(.bool(value)) }
    public init(arrayLiteral elements: ResolvedValue...) { self = .list(elements) }
}

/// A value of the resolvers' own type that the default resolver can read fields from, and that can say which
/// object type it is when a field's type is an interface or a union.
///
/// ```swift
/// struct UserRecord: FieldSource {
///     var sysID: String, name: String
///     var graphQLTypeName: String? { "User" }
///     func resolveField(_ name: String, arguments: JSONObject) throws -> ResolvedValue {
///         switch name {
///         case "sysId": .string(sysID)
///         case "name": .string(name)
///         default: .null
///         }
///     }
/// }
/// ```
public protocol FieldSource: Sendable {
    /// The name of the object type this value is, used when it is returned for an interface or union field
    /// (unless a `resolveType` hook is registered for that abstract type); `nil` if it cannot tell.
    var graphQLTypeName: String? { get }

    /// The value of the field `name` (the schema's field name, never an alias), for fields without a registered
    /// resolver. `arguments` are the field's coerced arguments. Throwing makes it a field error.
    func resolveField(_ name: String, arguments: JSONObject) throws -> ResolvedValue
}

extension FieldSource {
    /// By default a source does not name its type.
    public var graphQLTypeName: String? { nil }
}
