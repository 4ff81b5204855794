public import SQLite

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The gateway store on an SQLite file: the embedded default backend of `GatewayStore`.
///
/// One `Database` (one connection on its own thread, WAL, `synchronous=FULL`) holds everything; each operation
/// is one transaction, so a process killed at any moment leaves each operation applied entirely or not at all.
/// Secrets are sealed and opened off the database thread, before and after the transaction.
public final class SQLiteGatewayStore: GatewayStore {
    let database: Database
    /// This process's claim on the file, held until ``close()``; nil for an in-memory database or a `file:` URI.
    let fileLock: DatabaseFileLock?
    let secretBox: SecretBox
    let clock: any WallClock
    let refreshLocks = KeyedLock<String>()
    /// This process's `changes()` streams: with one process per file there are no other replicas to hear from.
    let changeFeed = ChangeFeed()
    /// How many pending OAuth authorizations one user may have; creating another drops the oldest.
    public let maxPendingOAuthStatesPerUser: Int

    /// Opens (creating and migrating if needed) the store at `path`, with secrets sealed under `key`.
    ///
    /// Fails with `StoreError.Code.inUse` when another process has the same file open (`DatabaseFileLock`
    /// says why there may be only one).
    public init(
        path: String,
        key: DataKey,
        clock: any WallClock = SystemWallClock(),
        maxPendingOAuthStatesPerUser: Int = 10,
        databaseConfiguration: Database.Configuration = Database.Configuration()
    ) async throws {
        self.secretBox = SecretBox(key: key)
        self.clock = clock
        self.maxPendingOAuthStatesPerUser = max(1, maxPendingOAuthStatesPerUser)
        // Before SQLite opens the file: a second process must not even run the migrations.
        let fileLock = path == ":memory:" || path.hasPrefix("file:") ? nil : try DatabaseFileLock(databasePath: path)
        self.fileLock = fileLock
        do {
            self.database = try await Database(path: path, configuration: databaseConfiguration)
        } catch {
            fileLock?.release()
            throw Self.storeError(error, during: "opening the database at \(path)")
        }
        do {
            try await Self.migrator.migrate(database)
        } catch {
            await database.close()
            fileLock?.release()
            throw Self.storeError(error, during: "migrating the database at \(path)")
        }
    }

    /// Finishes pending work and closes the database; later calls fail with `.backend`, and `changes()` streams
    /// end.
    public func close() async {
        await database.close()
        fileLock?.release()
        changeFeed.finish()
    }

    public func changes() -> AsyncStream<StoreChange> {
        changeFeed.subscribe()
    }

    public func announceUserWrite(subject: String) async throws {
        try Self.requireNonEmpty(subject, "subject")
        changeFeed.publish(.userWrote(subject: subject))
    }

    public func checkHealth() async throws {
        try await read("the health check") { connection in
            _ = try connection.queryFirst("SELECT 1")
        }
    }

    // MARK: Running operations

    /// Runs a read transaction, mapping failures to `StoreError`.
    func read<Result: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (Connection) throws -> Result
    ) async throws -> Result {
        do {
            return try await database.read(body)
        } catch {
            throw Self.storeError(error, during: operation)
        }
    }

    /// Runs a write transaction, mapping failures to `StoreError`.
    func write<Result: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (Connection) throws -> Result
    ) async throws -> Result {
        do {
            return try await database.write(body)
        } catch {
            throw Self.storeError(error, during: operation)
        }
    }

    /// Turns any failure into the backend-neutral `StoreError`; messages carry SQL text but never values.
    static func storeError(_ error: any Error, during operation: String) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as SQLiteError where error.code == .busy || error.code == .locked:
            return StoreError(code: .busy, message: "The database stayed locked during \(operation): \(error)")
        case let error as SQLiteError:
            return StoreError(code: .backend, message: "The database failed during \(operation): \(error)")
        case let error as EncryptionError:
            return StoreError(code: .undecryptable, message: "A stored secret failed during \(operation): \(error)")
        default:
            return StoreError(code: .backend, message: "The store failed during \(operation): \(error)")
        }
    }

    /// The current configuration version inside a transaction, or `.notConfigured`.
    static func currentVersion(_ connection: Connection) throws -> Int64 {
        guard
            let row = try connection.queryFirst("SELECT version FROM servicenow_configuration WHERE id = 1")
        else {
            throw StoreError(code: .notConfigured, message: "ServiceNow is not configured")
        }
        return try row.integer("version")
    }
}
