internal import CSQLite

/// An error from SQLite, keeping the C library's result codes, or from this module's checks of its own.
///
/// `code` is the primary result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT`, …) that callers branch on;
/// `extendedCode` tells the detail (`SQLITE_CONSTRAINT_UNIQUE`, …). The message never holds a bound value:
/// statements take their values as parameters, so the SQL text carried here is safe to log.
public struct SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A primary SQLite result code.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// `SQLITE_ERROR`: a generic error, such as an SQL syntax error or a missing table.
        public static let error = Code(rawValue: SQLITE_ERROR)
        /// `SQLITE_INTERNAL`.
        public static let `internal` = Code(rawValue: SQLITE_INTERNAL)
        /// `SQLITE_PERM`: the file cannot be opened with the access asked for.
        public static let permission = Code(rawValue: SQLITE_PERM)
        /// `SQLITE_ABORT`.
        public static let abort = Code(rawValue: SQLITE_ABORT)
        /// `SQLITE_BUSY`: another connection holds the lock longer than the busy timeout.
        public static let busy = Code(rawValue: SQLITE_BUSY)
        /// `SQLITE_LOCKED`: a conflict inside this connection.
        public static let locked = Code(rawValue: SQLITE_LOCKED)
        /// `SQLITE_NOMEM`.
        public static let noMemory = Code(rawValue: SQLITE_NOMEM)
        /// `SQLITE_READONLY`.
        public static let readOnly = Code(rawValue: SQLITE_READONLY)
        /// `SQLITE_INTERRUPT`.
        public static let interrupt = Code(rawValue: SQLITE_INTERRUPT)
        /// `SQLITE_IOERR`: the operating system reported an I/O error.
        public static let ioError = Code(rawValue: SQLITE_IOERR)
        /// `SQLITE_CORRUPT`: the file is not a sound database.
        public static let corrupt = Code(rawValue: SQLITE_CORRUPT)
        /// `SQLITE_FULL`: the disk is full.
        public static let full = Code(rawValue: SQLITE_FULL)
        /// `SQLITE_CANTOPEN`: the file cannot be opened.
        public static let cannotOpen = Code(rawValue: SQLITE_CANTOPEN)
        /// `SQLITE_CONSTRAINT`: a `UNIQUE`, `CHECK`, `NOT NULL` or foreign-key constraint failed.
        public static let constraint = Code(rawValue: SQLITE_CONSTRAINT)
        /// `SQLITE_MISMATCH`: a value of the wrong type (also used for reading a column as the wrong type).
        public static let mismatch = Code(rawValue: SQLITE_MISMATCH)
        /// `SQLITE_MISUSE`: the API was used wrongly (also: the database is closed, several statements in one).
        public static let misuse = Code(rawValue: SQLITE_MISUSE)
        /// `SQLITE_RANGE`: the number of bindings does not match the statement's parameters.
        public static let range = Code(rawValue: SQLITE_RANGE)
        /// `SQLITE_NOTADB`: the file is not a database.
        public static let notADatabase = Code(rawValue: SQLITE_NOTADB)

        public var description: String { String(cString: sqlite3_errstr(rawValue)) + " (\(rawValue))" }
    }

    /// The primary result code.
    public var code: Code
    /// The extended result code (equal to the primary code when SQLite gives no more detail).
    public var extendedCode: Int32
    /// SQLite's message, or this module's.
    public var message: String
    /// The statement's SQL text, if the error belongs to one (no values: they are bound, never interpolated).
    public var sql: String?

    /// Creates an error; the primary code is derived from the extended one.
    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.code = Code(rawValue: extendedCode & 0xFF)
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// Creates an error with a primary code only.
    public init(code: Code, message: String, sql: String? = nil) {
        self.init(extendedCode: code.rawValue, message: message, sql: sql)
    }

    public var description: String {
        var text = "SQLite error \(extendedCode) [\(code)]: \(message)"
        if let sql { text += " — in: \(sql)" }
        return text
    }

    /// The one place a C result code becomes a Swift error: anything but `OK`, `ROW` and `DONE` throws, with
    /// the connection's message when there is a connection to ask.
    static func check(_ result: Int32, _ db: OpaquePointer?, sql: String? = nil) throws(SQLiteError) {
        if let error = failure(result, db, sql: sql) { throw error }
    }

    /// `check` for code that cannot throw (inside a C buffer's closure): the error, or `nil` for success.
    static func failure(_ result: Int32, _ db: OpaquePointer?, sql: String? = nil) -> SQLiteError? {
        switch result {
        case SQLITE_OK, SQLITE_ROW, SQLITE_DONE:
            return nil
        default:
            return SQLiteError(result: result, db, sql: sql)
        }
    }

    /// The error for a failed C call: the connection's message and extended code when it has them.
    private init(result: Int32, _ db: OpaquePointer?, sql: String?) {
        guard let db else {
            self.init(extendedCode: result, message: String(cString: sqlite3_errstr(result)), sql: sql)
            return
        }
        let extended = sqlite3_extended_errcode(db)
        // The connection's last error belongs to this call only when its primary code agrees.
        let code = (extended & 0xFF) == (result & 0xFF) ? extended : result
        let message = sqlite3_errmsg(db).map { String(cString: $0) } ?? String(cString: sqlite3_errstr(result))
        self.init(extendedCode: code, message: message, sql: sql)
    }
}
