internal import CPostgreSQL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One PostgreSQL connection; this class owns the libpq `PGconn` and closes it in `deinit`.
///
/// A `Connection` is not `Sendable`: it exists only on its `PooledConnection`'s thread (libpq calls block) and is
/// handed to the closures given to `PooledConnection.run`, `ConnectionPool.read` and `ConnectionPool.write`. Do
/// not let it escape them. Statements with values always go through the extended protocol with text-format
/// parameters (`$1`, `$2`, …), prepared once per connection and cached by their SQL text; values are never
/// interpolated into SQL.
public final class Connection {
    let handle: OpaquePointer
    let configuration: ConnectionConfiguration
    private var statements: [String: String] = [:]
    private var statementCount = 0
    private let statementCacheCapacity: Int

    /// Opens a connection (blocking until it is established or fails).
    init(configuration: ConnectionConfiguration, statementCacheCapacity: Int = 256) throws(PostgreSQLError) {
        let parameters = configuration.libpqParameters
        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer {
            for pointer in keywords { free(pointer) }
            // The password is among the values: wipe it before the memory goes back to the allocator.
            for pointer in values {
                if let pointer { memset(pointer, 0, strlen(pointer)) }
                free(pointer)
            }
        }
        let keywordPointers: [UnsafePointer<CChar>?] = keywords.map { $0.map { UnsafePointer($0) } } + [nil]
        let valuePointers: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer($0) } } + [nil]
        guard let connection = PQconnectdbParams(keywordPointers, valuePointers, 0) else {
            throw PostgreSQLError(code: .client, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.errorMessage(connection, configuration)
            PQfinish(connection)
            throw PostgreSQLError(
                code: .connectionFailed,
                message: "Cannot connect to \(configuration): \(message)"
            )
        }
        // Notices (`relation already exists, skipping`) would go to stderr; nothing here needs them.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        self.handle = connection
        self.configuration = configuration
        self.statementCacheCapacity = statementCacheCapacity
    }

    deinit {
        PQfinish(handle)
    }

    // MARK: Statements

    /// Runs one statement with its parameters and returns how many rows it changed (or returned).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgreSQLValue] = []) throws(PostgreSQLError) -> Int {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        return Self.affectedRows(result)
    }

    /// Runs one statement with its parameters and returns every row.
    public func query(_ sql: String, _ parameters: [PostgreSQLValue] = []) throws(PostgreSQLError) -> [Row] {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        return try Self.rows(result, sql: sql)
    }

    /// Runs one statement with its parameters and returns its first row, if any.
    public func queryFirst(_ sql: String, _ parameters: [PostgreSQLValue] = []) throws(PostgreSQLError) -> Row? {
        try query(sql, parameters).first
    }

    /// Runs a script of statements without parameters (schema migrations, `BEGIN`), through the simple protocol.
    ///
    /// A script carries no values, only fixed SQL: anything that depends on input is a parameterised statement.
    public func executeScript(_ sql: String) throws(PostgreSQLError) {
        let result = PQexec(handle, sql)
        try check(result, sql: sql)
        PQclear(result)
    }

    /// The server process serving this connection (what `pg_stat_activity.pid` and notifications show).
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Whether the connection is broken and must be replaced.
    public var isBroken: Bool { PQstatus(handle) == CONNECTION_BAD }

    /// Whether a transaction is open (possibly failed).
    public var isInTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    /// Whether the open transaction has failed: every further statement is refused until it is rolled back.
    public var isInFailedTransaction: Bool { PQtransactionStatus(handle) == PQTRANS_INERROR }

    /// How many prepared statements the connection keeps (for tests and diagnostics).
    public var preparedStatementCount: Int { statements.count }

    /// Prepares (once) and runs a statement; the caller clears the result.
    private func run(_ sql: String, _ parameters: [PostgreSQLValue]) throws(PostgreSQLError) -> OpaquePointer {
        var texts: [String?] = []
        texts.reserveCapacity(parameters.count)
        for parameter in parameters {
            do {
                texts.append(try parameter.parameterText())
            } catch {
                throw PostgreSQLError(code: error.code, message: error.message, sql: sql)
            }
        }
        let copies = texts.map { text in text.flatMap { strdup($0) } }
        defer {
            // Parameters can be secrets (sealed, but still): wipe the copies before freeing them.
            for pointer in copies {
                if let pointer { memset(pointer, 0, strlen(pointer)) }
                free(pointer)
            }
        }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        let count = Int32(parameters.count)
        let result: OpaquePointer?
        if let name = try preparedName(for: sql) {
            result = PQexecPrepared(handle, name, count, pointers, nil, nil, 0)
        } else {
            // The cache is full: run it unnamed (parsed every time) rather than evict, which would need a
            // DEALLOCATE that fails inside an aborted transaction.
            result = PQexecParams(handle, sql, count, nil, pointers, nil, nil, 0)
        }
        try check(result, sql: sql)
        guard let result else {
            throw PostgreSQLError(code: .client, message: "libpq returned no result", sql: sql)
        }
        return result
    }

    /// The prepared statement's name for `sql`, preparing it on first use; `nil` once the cache is full.
    private func preparedName(for sql: String) throws(PostgreSQLError) -> String? {
        if let name = statements[sql] { return name }
        guard statements.count < statementCacheCapacity else { return nil }
        statementCount += 1
        let name = "snowgate_\(statementCount)"
        // No parameter types: the server infers each one from its place in the statement.
        let result = PQprepare(handle, name, sql, 0, nil)
        try check(result, sql: sql)
        PQclear(result)
        statements[sql] = name
        return name
    }

    // MARK: Transactions

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// A transaction that failed inside `body` (a statement error that `body` caught and did not rethrow) is not
    /// committed: PostgreSQL would answer `COMMIT` with a silent `ROLLBACK`, so this throws instead.
    public func transaction<Result>(_ body: (Connection) throws -> Result) throws -> Result {
        try executeScript("BEGIN")
        return try inTransaction(body)
    }

    /// Runs `body` in the transaction the caller began, then commits, or rolls back if anything throws.
    func inTransaction<Result>(_ body: (Connection) throws -> Result) throws -> Result {
        let result: Result
        do {
            result = try body(self)
            guard !isInFailedTransaction else {
                throw PostgreSQLError(
                    code: .server,
                    message: "The transaction failed earlier and was rolled back",
                    sqlState: .inFailedTransaction
                )
            }
            try executeScript("COMMIT")
        } catch {
            rollbackIfNeeded()
            throw error
        }
        return result
    }

    /// Rolls back an open transaction; a failing `ROLLBACK` leaves nothing more to do than report the original
    /// error (on a broken connection the server has rolled back already).
    public func rollbackIfNeeded() {
        guard !isBroken, isInTransaction else { return }
        do {
            try executeScript("ROLLBACK")
        } catch {
            // The caller's error is the one that explains what happened.
        }
    }

    // MARK: Notifications

    /// Starts listening on `channel`, a plain identifier (letters, digits, `_`; not quoted, so lower case).
    func listen(_ channel: String) throws(PostgreSQLError) {
        try Self.validateChannel(channel)
        // An identifier cannot be a parameter; the name was just checked to be a plain lower-case identifier.
        try executeScript("LISTEN \(channel)")
    }

    /// Refuses a channel name that is not a plain lower-case identifier of at most 63 bytes.
    static func validateChannel(_ channel: String) throws(PostgreSQLError) {
        let bytes = Array(channel.utf8)
        let valid =
            !bytes.isEmpty && bytes.count <= 63
            && bytes.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
            } && !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[0])
        guard valid else {
            throw PostgreSQLError(
                code: .invalidParameter,
                message: "A notification channel must be a lower-case identifier (a-z, 0-9, _), at most 63 bytes"
            )
        }
    }

    /// The socket to poll for incoming data.
    var socket: Int32 { PQsocket(handle) }

    /// Reads what the server sent without blocking; throws when the connection broke.
    func consumeInput() throws(PostgreSQLError) {
        guard PQconsumeInput(handle) == 1 else {
            throw PostgreSQLError(code: .connectionLost, message: Self.errorMessage(handle, configuration))
        }
    }

    /// The notifications received so far, oldest first.
    func takeNotifications() -> [Notification] {
        var notifications: [Notification] = []
        while let notify = PQnotifies(handle) {
            notifications.append(
                Notification(
                    channel: String(cString: notify.pointee.relname),
                    payload: String(cString: notify.pointee.extra),
                    backendPID: notify.pointee.be_pid
                )
            )
            PQfreemem(notify)
        }
        return notifications
    }

    /// A handle that can ask the server to cancel this connection's running statement from another thread.
    func makeCancelHandle() -> CancelHandle? {
        PQgetCancel(handle).map(CancelHandle.init)
    }

    // MARK: Results

    /// The one place a libpq result becomes a Swift error: anything but a completed command or a row set throws.
    /// A broken connection is `.connectionLost` whatever the server said last.
    private func check(_ result: OpaquePointer?, sql: String) throws(PostgreSQLError) {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return
        default:
            break
        }
        defer { PQclear(result) }
        if isBroken {
            throw PostgreSQLError(
                code: .connectionLost,
                message: "The connection to \(configuration) broke: \(Self.errorMessage(handle, configuration))",
                sql: sql
            )
        }
        guard let result, status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR else {
            throw PostgreSQLError(
                code: .client,
                message: "Unexpected result status \(status.rawValue): \(Self.errorMessage(handle, configuration))",
                sql: sql
            )
        }
        let field = { (code: Int32) -> String? in PQresultErrorField(result, code).map { String(cString: $0) } }
        let sqlState = field(cpostgresql_diag_sqlstate()).map(PostgreSQLError.SQLState.init(rawValue:))
        // The primary message only: DETAIL quotes row values ("Key (subject)=(alice) already exists").
        let message = field(cpostgresql_diag_message_primary()) ?? Self.errorMessage(handle, configuration)
        let error = PostgreSQLError(
            code: sqlState?.rawValue.hasPrefix("08") == true ? .connectionLost : .server,
            message: Self.redacting(message, configuration),
            sqlState: sqlState,
            constraint: field(cpostgresql_diag_constraint_name()),
            sql: sql
        )
        throw error
    }

    private static func affectedRows(_ result: OpaquePointer) -> Int {
        guard let text = PQcmdTuples(result) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    private static let boolOID: UInt32 = 16
    private static let byteaOID: UInt32 = 17
    private static let int8OID: UInt32 = 20
    private static let int2OID: UInt32 = 21
    private static let int4OID: UInt32 = 23
    private static let oidOID: UInt32 = 26
    private static let float4OID: UInt32 = 700
    private static let float8OID: UInt32 = 701

    private static func rows(_ result: OpaquePointer, sql: String) throws(PostgreSQLError) -> [Row] {
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        let columns = (0..<columnCount).map { PQfname(result, $0).map { String(cString: $0) } ?? "column\($0)" }
        let types = (0..<columnCount).map { PQftype(result, $0) }
        var rows: [Row] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [PostgreSQLValue] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                guard PQgetisnull(result, row, column) == 0 else {
                    values.append(.null)
                    continue
                }
                let length = Int(PQgetlength(result, row, column))
                guard let pointer = PQgetvalue(result, row, column) else {
                    throw PostgreSQLError(code: .client, message: "libpq returned no value for a non-NULL field")
                }
                let value = try pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                    bytes throws(PostgreSQLError) -> PostgreSQLValue in
                    try decode(UnsafeBufferPointer(start: bytes, count: length), type: types[Int(column)]) {
                        "Column '\(columns[Int(column)])' has a value that is not valid \($0)"
                    }
                }
                values.append(value)
            }
            rows.append(Row(columns: columns, values: values))
        }
        return rows
    }

    private static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>,
        type: UInt32,
        failure: (String) -> String
    ) throws(PostgreSQLError) -> PostgreSQLValue {
        let text = { String(decoding: bytes, as: UTF8.self) }
        switch type {
        case boolOID:
            switch bytes.first {
            case UInt8(ascii: "t"): return .bool(true)
            case UInt8(ascii: "f"): return .bool(false)
            default: throw PostgreSQLError(code: .mismatch, message: failure("boolean"))
            }
        case int8OID, int2OID, int4OID, oidOID:
            guard let integer = Int64(text()) else {
                throw PostgreSQLError(code: .mismatch, message: failure("integer"))
            }
            return .integer(integer)
        case float4OID, float8OID:
            guard let double = Double(text()) else {
                throw PostgreSQLError(code: .mismatch, message: failure("double precision"))
            }
            return .double(double)
        case byteaOID:
            guard let decoded = Hex.decodeBytea(bytes) else {
                throw PostgreSQLError(code: .mismatch, message: failure("hex-format bytea"))
            }
            return .bytea(decoded)
        default:
            return .text(text())
        }
    }

    /// libpq's current error message, trimmed and without the password.
    static func errorMessage(_ handle: OpaquePointer, _ configuration: ConnectionConfiguration) -> String {
        let message = PQerrorMessage(handle).map { String(cString: $0) } ?? "unknown error"
        return redacting(message, configuration)
    }

    /// The message with the password (if any) replaced and surrounding whitespace removed. libpq does not put
    /// the password in its messages; this is the second line of defence for a log line.
    static func redacting(_ message: String, _ configuration: ConnectionConfiguration) -> String {
        var text = message
        if let password = configuration.password, password.count >= 3 {
            text = text.replacing(password, with: "<redacted>")
        }
        return text.trimmingWhitespace()
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }),
            let end = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[start...end])
    }
}
