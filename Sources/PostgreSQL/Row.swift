/// One result row: the column names of its statement and the values in column order.
///
/// Typed accessors throw `PostgreSQLError` with code `.mismatch` when a column holds another type than the caller
/// expects, naming the column, so a schema drift is a clear error rather than a silent default.
public struct Row: Sendable, Hashable {
    /// The statement's column names, shared by every row of one query.
    public let columns: [String]
    /// The values, in column order.
    public let values: [PostgreSQLValue]

    /// Creates a row; the two arrays have the same length.
    public init(columns: [String], values: [PostgreSQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value at a column index.
    public subscript(index: Int) -> PostgreSQLValue { values[index] }

    /// The value of the column named `name`, or `nil` if the statement has no such column.
    public subscript(name: String) -> PostgreSQLValue? {
        columns.firstIndex(of: name).map { values[$0] }
    }

    /// The value of a column that must exist.
    public func value(_ column: String) throws(PostgreSQLError) -> PostgreSQLValue {
        guard let index = columns.firstIndex(of: column) else {
            throw PostgreSQLError(code: .mismatch, message: "The result has no column named '\(column)'")
        }
        return values[index]
    }

    /// An integer column.
    public func integer(_ column: String) throws(PostgreSQLError) -> Int64 {
        let value = try value(column)
        guard case .integer(let integer) = value else { throw mismatch(column, "integer", value) }
        return integer
    }

    /// An integer column as `Int`.
    public func int(_ column: String) throws(PostgreSQLError) -> Int {
        let integer = try integer(column)
        guard let int = Int(exactly: integer) else { throw mismatch(column, "Int", .integer(integer)) }
        return int
    }

    /// An integer column that may be `NULL`.
    public func optionalInteger(_ column: String) throws(PostgreSQLError) -> Int64? {
        let value = try value(column)
        switch value {
        case .null: return nil
        case .integer(let integer): return integer
        default: throw mismatch(column, "integer or NULL", value)
        }
    }

    /// A `boolean` column.
    public func bool(_ column: String) throws(PostgreSQLError) -> Bool {
        let value = try value(column)
        guard case .bool(let bool) = value else { throw mismatch(column, "boolean", value) }
        return bool
    }

    /// A floating-point column (an integer is widened).
    public func double(_ column: String) throws(PostgreSQLError) -> Double {
        let value = try value(column)
        switch value {
        case .double(let double): return double
        case .integer(let integer): return Double(integer)
        default: throw mismatch(column, "double precision", value)
        }
    }

    /// A text column.
    public func text(_ column: String) throws(PostgreSQLError) -> String {
        let value = try value(column)
        guard case .text(let text) = value else { throw mismatch(column, "text", value) }
        return text
    }

    /// A text column that may be `NULL`.
    public func optionalText(_ column: String) throws(PostgreSQLError) -> String? {
        let value = try value(column)
        switch value {
        case .null: return nil
        case .text(let text): return text
        default: throw mismatch(column, "text or NULL", value)
        }
    }

    /// A `bytea` column.
    public func bytea(_ column: String) throws(PostgreSQLError) -> [UInt8] {
        let value = try value(column)
        guard case .bytea(let bytes) = value else { throw mismatch(column, "bytea", value) }
        return bytes
    }

    /// A `bytea` column that may be `NULL`.
    public func optionalBytea(_ column: String) throws(PostgreSQLError) -> [UInt8]? {
        let value = try value(column)
        switch value {
        case .null: return nil
        case .bytea(let bytes): return bytes
        default: throw mismatch(column, "bytea or NULL", value)
        }
    }

    private func mismatch(_ column: String, _ expected: String, _ found: PostgreSQLValue) -> PostgreSQLError {
        PostgreSQLError(code: .mismatch, message: "Column '\(column)' holds \(found.typeName), expected \(expected)")
    }
}
