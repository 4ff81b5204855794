/// One SQLite value: what a statement binds and what a row's column holds.
///
/// These are SQLite's five storage classes; the store's tables are `STRICT`, so a column holds exactly the class
/// it declares and reading it back gives the case that was written.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLiteValue {
    /// An integer value from a Swift `Int`.
    public static func int(_ value: Int) -> SQLiteValue { .integer(Int64(value)) }

    /// A Boolean stored as SQLite does: `1` or `0`.
    public static func bool(_ value: Bool) -> SQLiteValue { .integer(value ? 1 : 0) }

    /// `.null` for `nil`, otherwise the text.
    public static func optionalText(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }

    /// `.null` for `nil`, otherwise the integer.
    public static func optionalInteger(_ value: Int64?) -> SQLiteValue { value.map { .integer($0) } ?? .null }

    /// `.null` for `nil`, otherwise the blob.
    public static func optionalBlob(_ value: [UInt8]?) -> SQLiteValue { value.map { .blob($0) } ?? .null }

    /// Whether this is `NULL`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The storage class's name as SQLite spells it, for error messages.
    var typeName: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }
}

extension SQLiteValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

extension SQLiteValue: CustomStringConvertible {
    /// A short description that never prints a text or blob's content: values can be secrets.
    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): "TEXT(\(value.utf8.count) bytes)"
        case .blob(let value): "BLOB(\(value.count) bytes)"
        }
    }
}
