/// An error from PostgreSQL or libpq, keeping the server's SQLSTATE, or from this module's own checks.
///
/// `code` says what kind of failure it is (callers branch on it); for `.server` errors `sqlState` says which one
/// (`23505` unique violation, `55P03` lock not available, …). The message is the server's primary message or
/// libpq's: never a bound value (values are parameters, never interpolated into the SQL carried here), never the
/// server's DETAIL (which quotes row values), and never the connection's password.
public struct PostgreSQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The connection string is malformed or names something unsupported.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// A connection could not be opened (unreachable server, authentication, missing database).
        public static let connectionFailed = Code("connectionFailed")
        /// An open connection broke (the server restarted, the backend was terminated, the network failed).
        /// Whether a statement sent before the break took effect is unknown.
        public static let connectionLost = Code("connectionLost")
        /// The server refused or failed a statement; `sqlState` tells which error.
        public static let server = Code("server")
        /// A parameter cannot be sent (a text with a NUL character, which PostgreSQL text cannot hold).
        public static let invalidParameter = Code("invalidParameter")
        /// A result column holds another type than the caller expects, or does not exist.
        public static let mismatch = Code("mismatch")
        /// The pool or connection is closed.
        public static let closed = Code("closed")
        /// libpq failed in a way that is not the server's (out of memory, a protocol surprise).
        public static let client = Code("client")
    }

    /// A five-character SQLSTATE error code, as the server reports it.
    public struct SQLState: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// `23505`: a unique constraint was violated.
        public static let uniqueViolation = SQLState(rawValue: "23505")
        /// `23514`: a check constraint was violated.
        public static let checkViolation = SQLState(rawValue: "23514")
        /// `23502`: a NOT NULL constraint was violated.
        public static let notNullViolation = SQLState(rawValue: "23502")
        /// `40001`: a serializable transaction conflicted with another one.
        public static let serializationFailure = SQLState(rawValue: "40001")
        /// `40P01`: the transaction was chosen as a deadlock victim.
        public static let deadlockDetected = SQLState(rawValue: "40P01")
        /// `55P03`: a lock was not obtained within `lock_timeout`.
        public static let lockNotAvailable = SQLState(rawValue: "55P03")
        /// `57014`: the statement was cancelled (a cancel request, or `statement_timeout`).
        public static let queryCanceled = SQLState(rawValue: "57014")
        /// `57P01`: the backend was terminated by an administrator (or a fast shutdown).
        public static let adminShutdown = SQLState(rawValue: "57P01")
        /// `42P01`: a table does not exist.
        public static let undefinedTable = SQLState(rawValue: "42P01")
        /// `P0001`: a `RAISE EXCEPTION` in PL/pgSQL.
        public static let raiseException = SQLState(rawValue: "P0001")
        /// `25P02`: a statement ran in a transaction that had already failed.
        public static let inFailedTransaction = SQLState(rawValue: "25P02")
    }

    /// The kind of failure.
    public var code: Code
    /// The server's SQLSTATE, when the server reported the error.
    public var sqlState: SQLState?
    /// The server's primary message or libpq's, without values.
    public var message: String
    /// The constraint that failed, when the server names one.
    public var constraint: String?
    /// The statement's SQL text, when the error belongs to one (parameters are never part of it).
    public var sql: String?

    /// Creates an error.
    public init(
        code: Code,
        message: String,
        sqlState: SQLState? = nil,
        constraint: String? = nil,
        sql: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.constraint = constraint
        self.sql = sql
    }

    /// Whether the connection broke, so the statement's outcome is unknown and the connection is unusable.
    public var isConnectionLost: Bool { code == .connectionLost }

    public var description: String {
        var text = "PostgreSQL error [\(code)"
        if let sqlState { text += " \(sqlState)" }
        text += "]: \(message)"
        if let constraint { text += " (constraint \(constraint))" }
        if let sql { text += " — in: \(sql)" }
        return text
    }
}
