/// A parameter or result value, as this module exchanges them with the server: always in text format.
///
/// Parameters carry no type: the server infers each parameter's type from where it stands in the statement
/// (`WHERE subject = $1` makes `$1` text), so one prepared statement serves every call, and a value that does not
/// parse as that type is the server's error rather than a silent conversion. Results are decoded by their
/// column's type: `bool`, the integer types, `float4`/`float8`, `bytea`; everything else is text.
public enum PostgreSQLValue: Sendable, Hashable {
    /// SQL `NULL`.
    case null
    /// A Boolean (`boolean`).
    case bool(Bool)
    /// An integer (`smallint`, `integer`, `bigint`, `oid`).
    case integer(Int64)
    /// A floating-point number (`real`, `double precision`).
    case double(Double)
    /// Text (and every type without a decoding of its own, in the server's text form).
    case text(String)
    /// Bytes (`bytea`).
    case bytea([UInt8])
}

extension PostgreSQLValue {
    /// An integer value from a Swift `Int`.
    public static func int(_ value: Int) -> PostgreSQLValue { .integer(Int64(value)) }

    /// `.null` for `nil`, otherwise the text.
    public static func optionalText(_ value: String?) -> PostgreSQLValue { value.map { .text($0) } ?? .null }

    /// `.null` for `nil`, otherwise the integer.
    public static func optionalInteger(_ value: Int64?) -> PostgreSQLValue { value.map { .integer($0) } ?? .null }

    /// `.null` for `nil`, otherwise the bytes.
    public static func optionalBytea(_ value: [UInt8]?) -> PostgreSQLValue { value.map { .bytea($0) } ?? .null }

    /// Whether this is `NULL`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The type's name, for error messages.
    var typeName: String {
        switch self {
        case .null: "NULL"
        case .bool: "boolean"
        case .integer: "integer"
        case .double: "double precision"
        case .text: "text"
        case .bytea: "bytea"
        }
    }

    /// The value's text form as a parameter, or `nil` for `NULL`.
    ///
    /// Text holding a NUL character is refused: libpq sends text parameters as C strings, so everything after the
    /// NUL would be cut off silently, and `alice\0x` would be looked up as `alice`.
    func parameterText() throws(PostgreSQLError) -> String? {
        switch self {
        case .null:
            return nil
        case .bool(let value):
            return value ? "t" : "f"
        case .integer(let value):
            return String(value)
        case .double(let value):
            guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
            return String(value)
        case .text(let value):
            guard !value.utf8.contains(0) else {
                throw PostgreSQLError(
                    code: .invalidParameter,
                    message: "A text parameter contains a NUL character, which PostgreSQL text cannot hold"
                )
            }
            return value
        case .bytea(let bytes):
            return Hex.byteaLiteral(bytes)
        }
    }
}

extension PostgreSQLValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension PostgreSQLValue: CustomStringConvertible {
    /// A short description that never prints a text or bytea's content: values can be secrets.
    public var description: String {
        switch self {
        case .null: "NULL"
        case .bool(let value): String(value)
        case .integer(let value): String(value)
        case .double(let value): String(value)
        case .text(let value): "text(\(value.utf8.count) bytes)"
        case .bytea(let value): "bytea(\(value.count) bytes)"
        }
    }
}
