import Crypto
public import Logging
public import PostgreSQL

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The gateway store on PostgreSQL: the backend for several gateway replicas that act as one.
///
/// Same semantics as `SQLiteGatewayStore` (each operation one transaction; tokens visible only under the current
/// configuration version; secrets sealed with `SecretBox`, off the database threads), plus what replicas need:
/// - **The refresh lock spans replicas.** `withRefreshLock` queues callers of one process on a `KeyedLock`, then
///   takes a transaction-scoped advisory lock for the subject on a connection of its own, held while `body`
///   runs; so two replicas never refresh one user's token at once, and the second sees the first's new token.
/// - **Changes reach every replica.** Each change is announced with `NOTIFY` inside its own transaction (so it is
///   sent if and only if it commits) and published to this process's `changes()` streams once committed; a
///   listening connection hands other replicas' announcements to the same streams.
/// - **One data key everywhere.** The database keeps a value sealed with the key of the first replica that
///   started; a replica with another `SNOWGATE_DATA_KEY` refuses to start instead of failing every request.
/// - **Migrations are safe when replicas start together** (an advisory lock serialises them).
///
/// Connections: `Options.connections` for statements, up to `Options.refreshLockConnections` for held refresh
/// locks, and one listening; count them per replica against the server's `max_connections`.
public final class PostgreSQLGatewayStore: GatewayStore {
    /// Settings beyond the connection URL and the data key.
    public struct Options: Sendable {
        /// Connections for statements.
        public var connections: Int
        /// Connections for refresh locks held at once (one per user refreshing right now); more refreshes wait.
        public var refreshLockConnections: Int
        /// How long a refresh waits for another replica's lock on the same user before failing with `.busy`.
        public var refreshLockTimeout: Duration
        /// How many pending OAuth authorizations one user may have; creating another drops the oldest.
        public var maxPendingOAuthStatesPerUser: Int
        /// The notification channel the replicas of one database share.
        public var channel: String
        /// Timing of the listening connection.
        public var listener: NotificationListener.Options

        /// Creates options: 4 statement connections, up to 8 lock connections, a 60 s lock timeout, 10 pending
        /// states per user, channel `snowgate_store`.
        public init(
            connections: Int = 4,
            refreshLockConnections: Int = 8,
            refreshLockTimeout: Duration = .seconds(60),
            maxPendingOAuthStatesPerUser: Int = 10,
            channel: String = "snowgate_store",
            listener: NotificationListener.Options = NotificationListener.Options()
        ) {
            self.connections = connections
            self.refreshLockConnections = refreshLockConnections
            self.refreshLockTimeout = refreshLockTimeout
            self.maxPendingOAuthStatesPerUser = maxPendingOAuthStatesPerUser
            self.channel = channel
            self.listener = listener
        }
    }

    let pool: ConnectionPool
    let lockPool: ConnectionPool
    let listener: NotificationListener
    let secretBox: SecretBox
    let clock: any WallClock
    let options: Options
    let logger: Logger
    let refreshLocks = KeyedLock<String>()
    let changeFeed: ChangeFeed
    /// Identifies this store instance in its announcements, so it does not hear its own changes twice.
    let origin: String
    /// How many pending OAuth authorizations one user may have; creating another drops the oldest.
    public let maxPendingOAuthStatesPerUser: Int

    /// Opens the store at a `postgres://` or `postgresql://` URL; see the designated initializer.
    public convenience init(
        url: String,
        key: DataKey,
        clock: any WallClock = SystemWallClock(),
        options: Options = Options(),
        logger: Logger = Logger(label: "snowgate.store")
    ) async throws {
        let configuration: ConnectionConfiguration
        do {
            configuration = try ConnectionConfiguration(url: url)
        } catch {
            throw StoreError(code: .invalidArgument, message: "The database URL is not usable: \(error.message)")
        }
        try await self.init(configuration: configuration, key: key, clock: clock, options: options, logger: logger)
    }

    /// Connects, migrates (waiting for another replica that migrates at the same moment), checks that `key` is the
    /// key the database was written with, and starts listening for other replicas' changes.
    ///
    /// `key` must be the same on every replica: use `DataKey.requireEnvironment`, never a key file.
    public init(
        configuration: ConnectionConfiguration,
        key: DataKey,
        clock: any WallClock = SystemWallClock(),
        options: Options = Options(),
        logger: Logger = Logger(label: "snowgate.store")
    ) async throws {
        var configuration = configuration
        if configuration.applicationName == nil { configuration.applicationName = "snowgate" }
        let pool = ConnectionPool(configuration: configuration, maxConnections: options.connections)
        let lockPool = ConnectionPool(configuration: configuration, maxConnections: options.refreshLockConnections)
        let secretBox = SecretBox(key: key)
        let changeFeed = ChangeFeed()
        let origin = Self.hex(Array(SHA256.hash(data: Array("\(UInt64.random(in: .min ... .max))".utf8)).prefix(8)))
        let listener: NotificationListener
        do {
            try await Self.migrator.migrate(pool)
            try await Self.checkDataKey(secretBox, pool: pool)
            listener = try await NotificationListener(
                configuration: configuration,
                channels: [options.channel],
                options: options.listener
            ) { event in
                Self.deliver(event, to: changeFeed, origin: origin, logger: logger)
            }
        } catch {
            await pool.close()
            await lockPool.close()
            throw Self.storeError(error, during: "opening the database at \(configuration)")
        }
        self.pool = pool
        self.lockPool = lockPool
        self.listener = listener
        self.secretBox = secretBox
        self.clock = clock
        self.options = options
        self.logger = logger
        self.changeFeed = changeFeed
        self.origin = origin
        self.maxPendingOAuthStatesPerUser = max(1, options.maxPendingOAuthStatesPerUser)
        logger.debug("Opened the PostgreSQL store", metadata: ["database": "\(configuration)"])
    }

    /// Stops listening, closes every connection, and ends the `changes()` streams; later calls fail with
    /// `.backend`.
    public func close() async {
        await listener.stop()
        await pool.close()
        await lockPool.close()
        changeFeed.finish()
    }

    public func checkHealth() async throws {
        try await read("the health check") { connection in
            _ = try connection.queryFirst("SELECT 1 AS one")
        }
    }

    /// Whether the connection that hears other replicas' changes is up (for readiness and metrics).
    public var isChangeFeedConnected: Bool { listener.isListening }

    // MARK: Running operations

    /// Runs statements outside a transaction (each sees the latest commits), mapping failures to `StoreError`.
    func read<Result: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (Connection) throws -> Result
    ) async throws -> Result {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.storeError(error, during: operation)
        }
    }

    /// Runs a transaction, mapping failures to `StoreError`.
    func write<Result: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (Connection) throws -> Result
    ) async throws -> Result {
        do {
            return try await pool.write(body)
        } catch {
            throw Self.storeError(error, during: operation)
        }
    }

    /// Turns any failure into the backend-neutral `StoreError`; messages carry SQL text but never values.
    static func storeError(_ error: any Error, during operation: String) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as PostgreSQLError where error.code == .connectionFailed || error.code == .connectionLost:
            return StoreError(code: .unavailable, message: "The database was unreachable during \(operation): \(error)")
        case let error as PostgreSQLError
        where error.sqlState == .lockNotAvailable || error.sqlState == .serializationFailure
            || error.sqlState == .deadlockDetected:
            return StoreError(code: .busy, message: "The database stayed locked during \(operation): \(error)")
        case let error as PostgreSQLError:
            return StoreError(code: .backend, message: "The database failed during \(operation): \(error)")
        case let error as EncryptionError:
            return StoreError(code: .undecryptable, message: "A stored secret failed during \(operation): \(error)")
        default:
            return StoreError(code: .backend, message: "The store failed during \(operation): \(error)")
        }
    }

    /// The current configuration version inside a transaction, share-locked until it ends so that a concurrent
    /// save (which purges every token) waits for this transaction, or `.notConfigured`.
    static func lockedCurrentVersion(_ connection: Connection) throws -> Int64 {
        guard
            let row = try connection.queryFirst(
                "SELECT version FROM servicenow_configuration WHERE id = 1 FOR SHARE"
            )
        else {
            throw StoreError(code: .notConfigured, message: "ServiceNow is not configured")
        }
        return try row.integer("version")
    }

    /// A 32-bit advisory-lock key for a subject (the second half of a two-`integer` key).
    static func lockKey(_ subject: String) -> Int64 {
        let digest = Array(SHA256.hash(data: Array(subject.utf8)))
        let bits = UInt32(digest[0]) << 24 | UInt32(digest[1]) << 16 | UInt32(digest[2]) << 8 | UInt32(digest[3])
        return Int64(Int32(bitPattern: bits))
    }

    // MARK: The data-key check

    /// Seals a known value on first start and opens it on every start: a replica whose `SNOWGATE_DATA_KEY`
    /// differs from the first one's stops here, before it could fail (or worse, re-encrypt) anyone's tokens.
    private static func checkDataKey(_ secretBox: SecretBox, pool: ConnectionPool) async throws {
        let sealed = try secretBox.seal(Self.keyCheckPlaintext, purpose: .keyCheck)
        let stored = try await pool.write { connection in
            try connection.execute(
                "INSERT INTO store_metadata (name, value) VALUES ('key_check', $1) ON CONFLICT (name) DO NOTHING",
                [.bytea(sealed)]
            )
            guard let row = try connection.queryFirst("SELECT value FROM store_metadata WHERE name = 'key_check'")
            else {
                throw StoreError(code: .backend, message: "The data-key check was not stored")
            }
            return try row.bytea("value")
        }
        do {
            guard try secretBox.openString(stored, purpose: .keyCheck) == Self.keyCheckPlaintext else {
                throw EncryptionError(code: .authenticationFailed, message: "The data-key check holds another value")
            }
        } catch {
            throw StoreError(
                code: .undecryptable,
                message: "\(DataKey.environmentVariable) is not the key this database was written with (by another "
                    + "replica or an earlier start). Every replica must use the same key; with another one no "
                    + "stored secret or token can be read."
            )
        }
    }

    private static let keyCheckPlaintext = "snowgate data key check v1"
}
