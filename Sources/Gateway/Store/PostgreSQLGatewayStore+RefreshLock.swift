import Logging
import PostgreSQL

extension PostgreSQLGatewayStore {
    /// The first half of the two-`integer` advisory-lock key of refresh locks ("SnRf"): keeps them apart from
    /// other users of advisory locks on the same database.
    static let refreshLockClass: Int64 = 0x536E_5266

    /// Holds the user's refresh lock in this process (a `KeyedLock`, so one replica's waiters queue here instead
    /// of each taking a connection) and across replicas (`pg_advisory_xact_lock` on a connection lent for the
    /// duration, in a transaction that ends — releasing the lock — once `body` has returned). `body`'s own store
    /// calls use other connections and commit by themselves, before the lock is released.
    public func withRefreshLock<Result: Sendable>(
        subject: String,
        _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        try Self.requireNonEmpty(subject, "subject")
        let key = Self.lockKey(subject)
        let timeout = "\(Self.milliseconds(options.refreshLockTimeout))ms"
        return try await refreshLocks.withLock(subject) {
            try await lockPool.withConnection { connection in
                try await Self.acquireRefreshLock(key: key, timeout: timeout, on: connection)
                let result: Result
                do {
                    result = try await body()
                } catch {
                    await releaseRefreshLock(on: connection)
                    throw error
                }
                await releaseRefreshLock(on: connection)
                return result
            }
        }
    }

    /// Begins the lock's transaction and waits for the lock. A cancelled task stops waiting at once (the server
    /// cancels the statement); a lock not had within the timeout is `.busy`. A lent connection found broken is
    /// replaced once: nothing was locked on it.
    private static func acquireRefreshLock(
        key: Int64,
        timeout: String,
        on connection: PooledConnection
    ) async throws {
        let job: @Sendable (Connection) throws -> Void = { connection in
            try connection.executeScript("BEGIN")
            do {
                try connection.execute("SELECT set_config('lock_timeout', $1, true)", [.text(timeout)])
                try connection.execute(
                    "SELECT pg_advisory_xact_lock($1::integer, $2::integer)",
                    [.integer(refreshLockClass), .integer(key)]
                )
            } catch {
                connection.rollbackIfNeeded()
                throw error
            }
        }
        do {
            do {
                try await connection.runCancellable(job)
            } catch let error as PostgreSQLError where error.isConnectionLost {
                try await connection.runCancellable(job)
            }
        } catch let error as CancellationError {
            throw error
        } catch {
            throw storeError(error, during: "waiting for a user's refresh lock")
        }
    }

    /// Ends the lock's transaction, which releases the lock. If the connection broke while `body` ran, the
    /// server released the lock at that moment, and another replica may have refreshed concurrently: worth a
    /// warning, though `body`'s result stands (ServiceNow keeps the old refresh token valid).
    private func releaseRefreshLock(on connection: PooledConnection) async {
        do {
            try await connection.run { connection in try connection.executeScript("COMMIT") }
        } catch {
            logger.warning(
                "The connection holding a refresh lock broke before the refresh ended",
                metadata: ["error": "\(error)"]
            )
        }
    }
}
