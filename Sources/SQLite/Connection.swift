internal import CSQLite

/// One SQLite connection; this class owns the `sqlite3` handle and closes it in `deinit`.
///
/// A `Connection` is not `Sendable`: it exists only on its `Database`'s thread and is handed to the closures
/// given to `Database.read` and `Database.write`. Do not let it escape them. Every statement is prepared with
/// bound parameters and cached by its SQL text, so the fixed statements of a store are compiled once.
public final class Connection {
    let handle: OpaquePointer
    private var cache: [String: CachedStatement] = [:]
    private var useCounter: UInt64 = 0
    private let cacheCapacity: Int
    /// Set while a `Database.read` closure runs: statements that would write are refused.
    var isReadOnlyContext = false

    private struct CachedStatement {
        let statement: Statement
        var lastUse: UInt64
    }

    /// Opens (and creates, unless `readOnly`) the database file at `path`.
    init(path: String, readOnly: Bool, statementCacheCapacity: Int) throws(SQLiteError) {
        var db: OpaquePointer?
        // NOMUTEX: the connection is confined to one thread, so SQLite's own per-call mutex is wasted work.
        // EXRESCODE: errors carry extended codes from the start.
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let result = sqlite3_open_v2(path, &db, flags, nil)
        do {
            try SQLiteError.check(result, db)
        } catch {
            // A failed open still allocates a handle that carries the message and must be closed.
            sqlite3_close_v2(db)
            throw error
        }
        guard let db else {
            throw SQLiteError(code: .noMemory, message: "SQLite returned no connection handle")
        }
        self.handle = db
        self.cacheCapacity = max(1, statementCacheCapacity)
    }

    deinit {
        // Statements first, then the connection; `close_v2` would also wait for stragglers.
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one statement with its parameters, discarding any rows it returns.
    public func execute(_ sql: String, _ bindings: [SQLiteValue] = []) throws(SQLiteError) {
        try withStatement(sql, bindings) { statement throws(SQLiteError) in
            while try statement.step() {}
        }
    }

    /// Runs one statement with its parameters and returns every row.
    public func query(_ sql: String, _ bindings: [SQLiteValue] = []) throws(SQLiteError) -> [Row] {
        try withStatement(sql, bindings) { statement throws(SQLiteError) in
            var rows: [Row] = []
            while try statement.step() {
                rows.append(statement.currentRow())
            }
            return rows
        }
    }

    /// Runs one statement with its parameters and returns its first row, if any (the rest are not read).
    public func queryFirst(_ sql: String, _ bindings: [SQLiteValue] = []) throws(SQLiteError) -> Row? {
        try withStatement(sql, bindings) { statement throws(SQLiteError) in
            try statement.step() ? statement.currentRow() : nil
        }
    }

    /// Runs a script of several statements without parameters (schema migrations), each prepared in turn.
    ///
    /// The statements are not cached: a script runs once.
    public func executeScript(_ sql: String) throws(SQLiteError) {
        let readOnlyContext = isReadOnlyContext
        let failure: SQLiteError? = sql.withCString { start -> SQLiteError? in
            var cursor = start
            while cursor.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let result = sqlite3_prepare_v2(handle, cursor, -1, &statement, &tail)
                // The failing statement's end is unknown: the error reports the rest of the script.
                guard result == SQLITE_OK else {
                    return SQLiteError.failure(result, handle, sql: String(cString: cursor))
                }
                guard let statement else { break }  // only whitespace or comments left
                defer { sqlite3_finalize(statement) }
                guard let end = tail else {
                    return SQLiteError(code: .internal, message: "SQLite did not say where a statement ends")
                }
                let text = String(
                    decoding: UnsafeRawBufferPointer(start: cursor, count: cursor.distance(to: end)),
                    as: UTF8.self
                )
                guard readOnlyContext == false || sqlite3_stmt_readonly(statement) != 0 else {
                    return SQLiteError(code: .readOnly, message: "A read may not change the database", sql: text)
                }
                var step = sqlite3_step(statement)
                while step == SQLITE_ROW { step = sqlite3_step(statement) }
                if let error = SQLiteError.failure(step, handle, sql: text) { return error }
                cursor = end
            }
            return nil
        }
        if let failure { throw failure }
    }

    /// The number of rows the last `INSERT`, `UPDATE` or `DELETE` changed.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// The rowid of the last successful `INSERT` on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Whether a transaction is open.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// How many prepared statements the cache holds (for tests and diagnostics).
    public var cachedStatementCount: Int { cache.count }

    /// Runs `body` with the cached statement for `sql`, bound to `bindings`; the statement is reset afterwards
    /// whatever happens, so no lock or value outlives the call.
    private func withStatement<Result>(
        _ sql: String,
        _ bindings: [SQLiteValue],
        _ body: (Statement) throws(SQLiteError) -> Result
    ) throws(SQLiteError) -> Result {
        let statement = try cachedStatement(sql)
        defer { statement.reset() }
        guard statement.isReadOnly || !isReadOnlyContext else {
            throw SQLiteError(code: .readOnly, message: "A read may not change the database", sql: sql)
        }
        try statement.bind(bindings)
        return try body(statement)
    }

    private func cachedStatement(_ sql: String) throws(SQLiteError) -> Statement {
        useCounter &+= 1
        if var cached = cache[sql] {
            cached.lastUse = useCounter
            cache[sql] = cached
            return cached.statement
        }
        let statement = try Statement(db: handle, sql: sql, persistent: true)
        if cache.count >= cacheCapacity,
            let oldest = cache.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
        {
            // Evicting is O(n) but only happens once the cache is full, which a store's fixed set of
            // statements never reaches.
            cache[oldest] = nil
        }
        cache[sql] = CachedStatement(statement: statement, lastUse: useCounter)
        return statement
    }
}

extension Connection {
    /// How a transaction takes its lock.
    enum TransactionKind {
        /// `BEGIN DEFERRED`: a read snapshot, upgraded to a write lock by the first write.
        case deferred
        /// `BEGIN IMMEDIATE`: the write lock at once, so the commit cannot fail with `SQLITE_BUSY` half-way.
        case immediate
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<Result>(_ kind: TransactionKind, _ body: (Connection) throws -> Result) throws -> Result {
        try execute(kind == .immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        let result: Result
        do {
            result = try body(self)
            try execute("COMMIT")
        } catch {
            rollbackIfNeeded()
            throw error
        }
        return result
    }

    /// Rolls back an open transaction. SQLite rolls back by itself on some errors (`SQLITE_FULL`, `SQLITE_IOERR`),
    /// hence the check; a failing `ROLLBACK` leaves nothing more to do than report the original error.
    private func rollbackIfNeeded() {
        guard isInTransaction else { return }
        let wasReadOnly = isReadOnlyContext
        isReadOnlyContext = false
        defer { isReadOnlyContext = wasReadOnly }
        do {
            try execute("ROLLBACK")
        } catch {
            // The caller's error is the one that explains what happened; this one adds nothing actionable.
        }
    }
}
