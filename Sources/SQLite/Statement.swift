internal import CSQLite

/// One prepared statement; this class owns the `sqlite3_stmt` and finalizes it in `deinit`.
///
/// Not `Sendable`: it lives in its connection's cache on the database thread. Between uses it is reset and its
/// bindings cleared, so a cached statement never holds a lock or a value (a secret) longer than one call.
final class Statement {
    let handle: OpaquePointer
    /// The connection's handle, for error messages. `sqlite3_close_v2` keeps it valid while statements live.
    private let db: OpaquePointer
    let sql: String
    let columnNames: [String]
    /// Whether the statement makes no direct change to the database (`sqlite3_stmt_readonly`).
    let isReadOnly: Bool
    private let parameterCount: Int

    /// Prepares exactly one statement; text after it other than whitespace and comments is refused, because a
    /// second statement would silently not run.
    init(db: OpaquePointer, sql: String, persistent: Bool) throws(SQLiteError) {
        var statement: OpaquePointer?
        var trailing = false
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let result = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let result = sqlite3_prepare_v3(db, text, -1, flags, &statement, &tail)
            if result == SQLITE_OK, let tail, tail.pointee != 0 {
                // Preparing the rest tells a comment (no statement) from a second statement.
                var next: OpaquePointer?
                if sqlite3_prepare_v2(db, tail, -1, &next, nil) != SQLITE_OK || next != nil { trailing = true }
                sqlite3_finalize(next)
            }
            return result
        }
        try SQLiteError.check(result, db, sql: sql)
        guard let statement else {
            throw SQLiteError(code: .misuse, message: "The SQL text holds no statement", sql: sql)
        }
        guard !trailing else {
            sqlite3_finalize(statement)
            throw SQLiteError(
                code: .misuse,
                message: "The SQL text holds more than one statement; prepare them one by one",
                sql: sql
            )
        }
        self.handle = statement
        self.db = db
        self.sql = sql
        self.isReadOnly = sqlite3_stmt_readonly(statement) != 0
        self.parameterCount = Int(sqlite3_bind_parameter_count(statement))
        let count = Int(sqlite3_column_count(statement))
        self.columnNames = (0..<count).map { index in
            sqlite3_column_name(statement, Int32(index)).map { String(cString: $0) } ?? "column\(index)"
        }
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds every parameter, in order; the count must match the statement's parameters exactly.
    func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        guard values.count == parameterCount else {
            throw SQLiteError(
                code: .range,
                message: "The statement has \(parameterCount) parameters but \(values.count) values were bound",
                sql: sql
            )
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    private func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
        let result: Int32
        switch value {
        case .null:
            result = sqlite3_bind_null(handle, index)
        case .integer(let integer):
            result = sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            result = sqlite3_bind_double(handle, index, real)
        case .text(let text):
            var text = text
            result = text.withUTF8 { bytes in
                // An empty buffer may have no base address, and a NULL pointer would bind NULL, not ''.
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
                    sqlite3_bind_text(handle, index, pointer, Int32(bytes.count), csqlite_transient())
                }
            }
        case .blob(let blob):
            result = blob.withUnsafeBytes { bytes in
                // Likewise an empty blob must stay a zero-length blob, not become NULL.
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_zeroblob(handle, index, 0)
                }
                return sqlite3_bind_blob(handle, index, base, Int32(bytes.count), csqlite_transient())
            }
        }
        try SQLiteError.check(result, db, sql: sql)
    }

    /// Advances one step: `true` when a row is ready, `false` when the statement is done.
    func step() throws(SQLiteError) -> Bool {
        let result = sqlite3_step(handle)
        try SQLiteError.check(result, db, sql: sql)
        return result == SQLITE_ROW
    }

    /// The current row's values.
    func currentRow() -> Row {
        var values: [SQLiteValue] = []
        values.reserveCapacity(columnNames.count)
        for index in 0..<Int32(columnNames.count) {
            values.append(column(at: index))
        }
        return Row(columns: columnNames, values: values)
    }

    private func column(at index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            // Ask for the pointer before the length, as SQLite documents, so no conversion happens between them.
            guard let text = sqlite3_column_text(handle, index) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            guard let blob = sqlite3_column_blob(handle, index) else { return .blob([]) }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: count)))
        default:
            return .null
        }
    }

    /// Makes the statement ready for its next use: releases its read or write lock and forgets its values.
    func reset() {
        // The step's error was already reported; `reset` repeats it, so its result is not news.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}
