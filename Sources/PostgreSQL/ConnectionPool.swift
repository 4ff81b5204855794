import Synchronization

/// A small pool of PostgreSQL connections, each on a thread of its own, opened on demand up to a maximum.
///
/// `read` runs its closure without a transaction (every statement sees the latest committed data); `write` runs
/// it in a transaction, committed when the closure returns and rolled back when it throws. Both borrow a
/// connection for the call; `withConnection` lends one for longer, for work that spans several `await`s on one
/// session (a lock held while other work runs). Callers wait, first come first served, when every connection is
/// lent; waiting is cancellable.
///
/// Connections that break are replaced: a connection found broken when a `write` begins or a `read` starts
/// (the server restarted while it sat idle) is reopened and the call goes on, since nothing of it ran yet.
public final class ConnectionPool: Sendable {
    /// Where the connections go.
    public let configuration: ConnectionConfiguration
    /// The most connections the pool opens.
    public let maxConnections: Int

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<PooledConnection, any Error>
    }

    private struct State {
        var idle: [PooledConnection] = []
        var total = 0
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
        var isClosed = false
    }

    private enum Acquisition {
        case ready(PooledConnection)
        case create
        case wait
        case closed
        case cancelled
    }

    private let state = Mutex(State())

    /// A pool for `configuration` of at most `maxConnections` (at least one). Nothing is opened yet.
    public init(configuration: ConnectionConfiguration, maxConnections: Int) {
        self.configuration = configuration
        self.maxConnections = max(1, maxConnections)
    }

    /// Runs `body` on a pooled connection without a transaction; see the type's notes on reconnecting.
    public func read<Result: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> Result
    ) async throws -> Result {
        try await lease { connection in try await connection.runRetryingOnLostConnection(body) }
    }

    /// Runs `body` in a transaction on a pooled connection: committed when it returns, rolled back when it throws.
    public func write<Result: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> Result
    ) async throws -> Result {
        try await lease { connection in try await connection.runTransaction(body) }
    }

    /// Lends a connection to `body` for as long as it runs. A transaction `body` leaves open is rolled back when
    /// it returns; release session-level state (advisory locks, `SET`) yourself.
    public func withConnection<Result>(
        _ body: (PooledConnection) async throws -> Result
    ) async throws -> Result {
        try await lease { connection in
            do {
                let result = try await body(connection)
                await connection.rollBackOpenTransaction()
                return result
            } catch {
                await connection.rollBackOpenTransaction()
                throw error
            }
        }
    }

    private func lease<Result>(_ body: (PooledConnection) async throws -> Result) async throws -> Result {
        let connection = try await acquire()
        do {
            let result = try await body(connection)
            release(connection)
            return result
        } catch {
            release(connection)
            throw error
        }
    }

    /// Closes the idle connections and, as they come back, the lent ones; waiters and later calls fail with
    /// `.closed`.
    public func close() async {
        let (idle, waiters) = state.withLock { state -> ([PooledConnection], [Waiter]) in
            state.isClosed = true
            defer {
                state.idle = []
                state.waiters = []
            }
            return (state.idle, state.waiters)
        }
        for waiter in waiters { waiter.continuation.resume(throwing: Self.closedError) }
        for connection in idle { await connection.shutdown() }
    }

    /// How many connections are open or lent, and how many are idle (for tests and metrics).
    public var counts: (total: Int, idle: Int) {
        state.withLock { ($0.total, $0.idle.count) }
    }

    // MARK: Lending

    private func acquire() async throws -> PooledConnection {
        try Task.checkCancellation()
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<PooledConnection, any Error>) in
                let acquisition = state.withLock { state -> Acquisition in
                    if state.isClosed { return .closed }
                    // Checked under the lock: a cancellation after this point finds the waiter in the queue.
                    if Task.isCancelled { return .cancelled }
                    if let connection = state.idle.popLast() { return .ready(connection) }
                    if state.total < maxConnections {
                        state.total += 1
                        return .create
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return .wait
                }
                switch acquisition {
                case .ready(let connection):
                    continuation.resume(returning: connection)
                case .create:
                    do {
                        continuation.resume(returning: try PooledConnection(configuration: configuration))
                    } catch {
                        state.withLock { $0.total -= 1 }
                        continuation.resume(throwing: error)
                    }
                case .wait:
                    break
                case .closed:
                    continuation.resume(throwing: Self.closedError)
                case .cancelled:
                    continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Hands the connection to the first waiter, or keeps it idle; after `close`, shuts it down.
    private func release(_ connection: PooledConnection) {
        // After `close` the connection is not kept: dropping the last reference shuts its thread down after the
        // queued jobs, closing the connection.
        let waiter = state.withLock { state -> Waiter? in
            if state.isClosed {
                state.total -= 1
                return nil
            }
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.idle.append(connection)
            return nil
        }
        waiter?.continuation.resume(returning: connection)
    }

    private static var closedError: PostgreSQLError {
        PostgreSQLError(code: .closed, message: "The connection pool is closed")
    }
}
