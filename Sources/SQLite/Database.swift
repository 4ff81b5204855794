internal import CSQLite
import DatabaseThread

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An SQLite database file with one connection on a thread of its own; work is submitted as closures.
///
/// `read` runs its closure in a deferred transaction (one consistent snapshot, writes refused); `write` runs it
/// in a `BEGIN IMMEDIATE` transaction, committed when the closure returns and rolled back when it throws. Jobs run
/// one at a time in submission order, so a closure sees no interleaving from this process; other processes are
/// kept out by SQLite's file locks, waited on up to the busy timeout.
///
/// One connection rather than a writer and a reader pool: the gateway's statements are point lookups by primary
/// key that take microseconds, so a pool would add threads and file handles without measurable gain; with WAL
/// a reader pool can be added behind the same API if profiles ever show the queue.
public final class Database: Sendable {
    /// How the connection is opened.
    public struct Configuration: Sendable {
        /// How long a statement waits for another process's lock before failing with `SQLITE_BUSY`.
        public var busyTimeout: Duration
        /// The `synchronous` setting; see `Synchronous`.
        public var synchronous: Synchronous
        /// How many prepared statements the connection keeps.
        public var statementCacheCapacity: Int
        /// The permission bits a new database file is created with (`nil`: SQLite's default, 0644 less the
        /// umask). SQLite gives its `-wal` and `-shm` files the database file's permissions.
        public var fileMode: UInt32?

        /// Creates a configuration: 5 s busy timeout, `synchronous=FULL`, 128 cached statements, files 0600.
        public init(
            busyTimeout: Duration = .seconds(5),
            synchronous: Synchronous = .full,
            statementCacheCapacity: Int = 128,
            fileMode: UInt32? = 0o600
        ) {
            self.busyTimeout = busyTimeout
            self.synchronous = synchronous
            self.statementCacheCapacity = statementCacheCapacity
            self.fileMode = fileMode
        }
    }

    /// SQLite's `synchronous` setting, always with the WAL journal.
    ///
    /// In WAL mode both settings keep the database consistent after any crash, and both are durable when only the
    /// process dies (`kill -9`): a committed transaction is in the `-wal` file, in the operating system's cache,
    /// before `COMMIT` returns. They differ on power loss or a kernel crash: `normal` syncs only at checkpoints, so
    /// the last transactions before the loss may roll back; `full` syncs the WAL at every commit, so a commit that
    /// returned survives. The default is `full`: the gateway writes rarely (a configuration save, a token refresh
    /// per user every half hour or so), and a refresh token lost after ServiceNow rotated it would force that
    /// user to connect again.
    public enum Synchronous: Sendable, Hashable {
        /// `PRAGMA synchronous=NORMAL`.
        case normal
        /// `PRAGMA synchronous=FULL`.
        case full
    }

    /// The file's path (or `:memory:`).
    public let path: String
    private let worker: WorkerThread

    /// Opens (creating if needed) the database at `path` on a new thread: WAL journal, the configured
    /// `synchronous`, `foreign_keys=ON`, the busy timeout, and SQLite's defensive flags.
    public init(path: String, configuration: Configuration = Configuration()) async throws {
        self.path = path
        do {
            self.worker = try WorkerThread(name: "sqlite")
        } catch {
            throw SQLiteError(error)
        }
        try await perform { slot in
            if let mode = configuration.fileMode, path != ":memory:", !path.hasPrefix("file:") {
                createFileIfMissing(path, mode: mode)
            }
            let connection = try Connection(
                path: path,
                readOnly: false,
                statementCacheCapacity: configuration.statementCacheCapacity
            )
            try Self.configure(connection, path: path, configuration: configuration)
            slot = connection
        }
    }

    deinit {
        // The thread finishes what was queued, then closes the connection on itself.
        worker.shutdown()
    }

    /// Runs `body` in a read transaction: a consistent snapshot, and any statement that would write is refused.
    public func read<Result: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> Result
    ) async throws -> Result {
        try await perform { slot in
            guard let connection = slot else { throw Self.closedError }
            connection.isReadOnlyContext = true
            defer { connection.isReadOnlyContext = false }
            return try connection.transaction(.deferred, body)
        }
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back when it throws.
    public func write<Result: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> Result
    ) async throws -> Result {
        try await perform { slot in
            guard let connection = slot else { throw Self.closedError }
            return try connection.transaction(.immediate, body)
        }
    }

    /// Finishes the work already submitted, then closes the connection; later calls throw `.misuse`.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let accepted = worker.submitLast { slot in
                slot = nil
                continuation.resume()
            }
            if !accepted { continuation.resume() }
        }
    }

    private func perform<Result: Sendable>(
        _ body: @escaping @Sendable (inout Connection?) throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = worker.submit { slot in
                continuation.resume(with: Swift.Result { try body(&slot) })
            }
            if !accepted { continuation.resume(throwing: Self.closedError) }
        }
    }

    private static var closedError: SQLiteError {
        SQLiteError(code: .misuse, message: "The database is closed")
    }

    private static func configure(
        _ connection: Connection,
        path: String,
        configuration: Configuration
    ) throws(SQLiteError) {
        let handle = connection.handle
        // Clamped to SQLite's Int32 milliseconds (about 24 days) before multiplying, so no setting can overflow.
        let (seconds, attoseconds) = configuration.busyTimeout.components
        let milliseconds = max(0, min(seconds, 2_000_000)) * 1000 + attoseconds / 1_000_000_000_000_000
        try SQLiteError.check(sqlite3_busy_timeout(handle, Int32(clamping: milliseconds)), handle)
        // Defensive: no writable_schema or other ways to corrupt the file from SQL. No trusted schema: functions
        // in triggers and views must be innocuous. No double-quoted string literals: a misspelt column is an
        // error, not a string.
        let flags: [(Int32, Int32)] = [
            (SQLITE_DBCONFIG_DEFENSIVE, 1),
            (SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0),
            (SQLITE_DBCONFIG_DQS_DML, 0),
            (SQLITE_DBCONFIG_DQS_DDL, 0),
        ]
        for (option, value) in flags {
            var current: Int32 = 0
            try SQLiteError.check(csqlite_db_config_flag(handle, option, value, &current), handle)
        }
        let mode = try connection.queryFirst("PRAGMA journal_mode=WAL")?.text("journal_mode")
        let expected = path == ":memory:" ? "memory" : "wal"
        guard mode == expected else {
            throw SQLiteError(
                code: .error,
                message: "The database could not switch to the WAL journal (it reports '\(mode ?? "nothing")')"
            )
        }
        switch configuration.synchronous {
        case .normal: try connection.execute("PRAGMA synchronous=NORMAL")
        case .full: try connection.execute("PRAGMA synchronous=FULL")
        }
        try connection.execute("PRAGMA foreign_keys=ON")
    }
}

/// Creates an empty file with `mode` unless something exists at `path`; SQLite then opens it as a new database.
/// A failure here is left for SQLite's open to report with its own clearer message.
private func createFileIfMissing(_ path: String, mode: UInt32) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode))
    if descriptor >= 0 { close(descriptor) }
}
