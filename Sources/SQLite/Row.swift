/// One result row: the column names of its statement and the values in column order.
///
/// Typed accessors throw `SQLiteError` with code `.mismatch` when a column holds another type than the caller
/// expects, naming the column, so a schema drift is a clear error rather than a silent default.
public struct Row: Sendable, Hashable {
    /// The statement's column names, shared by every row of one query.
    public let columns: [String]
    /// The values, in column order.
    public let values: [SQLiteValue]

    /// Creates a row; the two arrays have the same length.
    public init(columns: [String], values: [SQLiteValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value at a column index.
    public subscript(index: Int) -> SQLiteValue { values[index] }

    /// The value of the column named `name`, or `nil` if the statement has no such column.
    public subscript(name: String) -> SQLiteValue? {
        columns.firstIndex(of: name).map { values[$0] }
    }

    /// The value of a column that must exist.
    public func value(_ column: String) throws(SQLiteError) -> SQLiteValue {
        guard let index = columns.firstIndex(of: column) else {
            throw SQLiteError(code: .range, message: "The result has no column named '\(column)'")
        }
        return values[index]
    }

    /// An `INTEGER` column.
    public func integer(_ column: String) throws(SQLiteError) -> Int64 {
        let value = try value(column)
        guard case .integer(let integer) = value else { throw mismatch(column, "INTEGER", value) }
        return integer
    }

    /// An `INTEGER` column as `Int`.
    public func int(_ column: String) throws(SQLiteError) -> Int {
        let integer = try integer(column)
        guard let int = Int(exactly: integer) else { throw mismatch(column, "Int", .integer(integer)) }
        return int
    }

    /// An `INTEGER` column that may be `NULL`.
    public func optionalInteger(_ column: String) throws(SQLiteError) -> Int64? {
        let value = try value(column)
        switch value {
        case .null: return nil
        case .integer(let integer): return integer
        default: throw mismatch(column, "INTEGER or NULL", value)
        }
    }

    /// A Boolean stored as `INTEGER` `0` or `1`.
    public func bool(_ column: String) throws(SQLiteError) -> Bool {
        switch try integer(column) {
        case 0: return false
        case 1: return true
        case let other: throw mismatch(column, "0 or 1", .integer(other))
        }
    }

    /// A `REAL` column (an `INTEGER` is widened).
    public func real(_ column: String) throws(SQLiteError) -> Double {
        let value = try value(column)
        switch value {
        case .real(let real): return real
        case .integer(let integer): return Double(integer)
        default: throw mismatch(column, "REAL", value)
        }
    }

    /// A `TEXT` column.
    public func text(_ column: String) throws(SQLiteError) -> String {
        let value = try value(column)
        guard case .text(let text) = value else { throw mismatch(column, "TEXT", value) }
        return text
    }

    /// A `TEXT` column that may be `NULL`.
    public func optionalText(_ column: String) throws(SQLiteError) -> String? {
        let value = try value(column)
        switch value {
        case .null: return nil
        case .text(let text): return text
        default: throw mismatch(column, "TEXT or NULL", value)
        }
    }

    /// A `BLOB` column.
    public func blob(_ column: String) throws(SQLiteError) -> [UInt8] {
        let value = try value(column)
        guard case .blob(let blob) = value else { throw mismatch(column, "BLOB", value) }
        return blob
    }

    /// A `BLOB` column that may be `NULL`.
    public func optionalBlob(_ column: String) throws(SQLiteError) -> [UInt8]? {
        let value = try value(column)
        switch value {
        case .null: return nil
        case .blob(let blob): return blob
        default: throw mismatch(column, "BLOB or NULL", value)
        }
    }

    private func mismatch(_ column: String, _ expected: String, _ found: SQLiteValue) -> SQLiteError {
        SQLiteError(code: .mismatch, message: "Column '\(column)' holds \(found.typeName), expected \(expected)")
    }
}
