import DatabaseThread
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection on a thread of its own, as a `ConnectionPool` lends it out: jobs submitted with `run` execute
/// on that thread, one after another, against the same session.
///
/// The connection opens on the first job and is replaced by a new one when it breaks (the job that saw the break
/// fails with `.connectionLost`; the next one reconnects). Holding a lease across several `run` calls keeps one
/// session, which is what a transaction spanning `await`s or a session lock needs.
public final class PooledConnection: Sendable {
    private let worker: WorkerThread
    private let configuration: ConnectionConfiguration
    private let cancellation = Mutex(CancellationState())

    private struct CancellationState {
        /// The current connection's cancel handle (replaced on every reconnect).
        var handle: CancelHandle?
        /// Identifies the `runCancellable` call in progress, so a late cancellation cannot hit a later call.
        var call: UInt64 = 0
        /// Whether the current call's job is executing on the thread.
        var armed = false
        /// Whether the current call's task was cancelled.
        var requested = false
        /// Whether a thread is sending cancel requests for the current call.
        var sending = false
    }

    init(configuration: ConnectionConfiguration) throws(PostgreSQLError) {
        self.configuration = configuration
        do {
            self.worker = try WorkerThread(name: "postgresql")
        } catch {
            throw PostgreSQLError(error)
        }
    }

    deinit {
        // The thread finishes what was queued, then closes the connection on itself.
        worker.shutdown()
    }

    /// Runs `job` on the connection's thread with a live connection, opening one first if needed.
    public func run<Result: Sendable>(
        _ job: @escaping @Sendable (Connection) throws -> Result
    ) async throws -> Result {
        try await perform { slot in
            let (connection, _) = try self.connect(&slot)
            defer { Self.dropIfBroken(&slot) }
            return try job(connection)
        }
    }

    /// Runs `job` like `run`, and if the calling task is cancelled meanwhile, asks the server to cancel the
    /// statement that runs (repeatedly, since a request that arrives between two statements is ignored), so a
    /// statement blocked on a lock ends with SQLSTATE `57014`. A task cancelled before the job starts gets
    /// `CancellationError` without running it.
    public func runCancellable<Result: Sendable>(
        _ job: @escaping @Sendable (Connection) throws -> Result
    ) async throws -> Result {
        let call = cancellation.withLock { state -> UInt64 in
            state.call &+= 1
            state.requested = false
            state.armed = false
            return state.call
        }
        return try await withTaskCancellationHandler {
            try await perform { slot in
                let (connection, _) = try self.connect(&slot)
                defer { Self.dropIfBroken(&slot) }
                let cancelled = self.cancellation.withLock { state -> Bool in
                    guard !state.requested else { return true }
                    state.armed = true
                    return false
                }
                guard !cancelled else { throw CancellationError() }
                defer { self.cancellation.withLock { $0.armed = false } }
                do {
                    return try job(connection)
                } catch let error as PostgreSQLError where error.sqlState == .queryCanceled {
                    let requested = self.cancellation.withLock { $0.requested }
                    if requested { throw CancellationError() }
                    throw error
                }
            }
        } onCancel: {
            requestCancellation(of: call)
        }
    }

    /// Runs `body` without a transaction (each statement commits by itself); when a reused connection turns out
    /// to be broken (the server restarted while it sat idle), reconnects and runs `body` once more. Only for
    /// bodies that may run twice: reads.
    func runRetryingOnLostConnection<Result: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> Result
    ) async throws -> Result {
        try await perform { slot in
            let (connection, fresh) = try self.connect(&slot)
            defer { Self.dropIfBroken(&slot) }
            do {
                return try body(connection)
            } catch let error as PostgreSQLError where error.isConnectionLost && !fresh {
                slot = nil
                let (again, _) = try self.connect(&slot)
                return try body(again)
            }
        }
    }

    /// Runs `body` in a transaction. When `BEGIN` finds a reused connection broken, nothing was sent yet, so it
    /// reconnects and begins again; a break after that fails with `.connectionLost` (the outcome is unknown).
    func runTransaction<Result: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> Result
    ) async throws -> Result {
        try await perform { slot in
            var (connection, fresh) = try self.connect(&slot)
            defer { Self.dropIfBroken(&slot) }
            do {
                try connection.executeScript("BEGIN")
            } catch let error as PostgreSQLError where error.isConnectionLost && !fresh {
                slot = nil
                (connection, fresh) = try self.connect(&slot)
                try connection.executeScript("BEGIN")
            }
            return try connection.inTransaction(body)
        }
    }

    /// Rolls back a transaction the last borrower left open, so the next one starts clean.
    func rollBackOpenTransaction() async {
        _ = try? await perform { slot in
            slot?.rollbackIfNeeded()
            Self.dropIfBroken(&slot)
        }
    }

    /// Finishes the queued jobs, then closes the connection and ends the thread.
    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let accepted = worker.submitLast { slot in
                slot = nil
                continuation.resume()
            }
            if !accepted { continuation.resume() }
        }
    }

    // MARK: Internals

    private func perform<Result: Sendable>(
        _ body: @escaping @Sendable (inout Connection?) throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = worker.submit { slot in
                continuation.resume(with: Swift.Result { try body(&slot) })
            }
            if !accepted {
                continuation.resume(throwing: PostgreSQLError(code: .closed, message: "The connection is closed"))
            }
        }
    }

    /// The live connection in `slot`, opened now if there is none or it broke; `fresh` when opened by this call.
    private func connect(_ slot: inout Connection?) throws(PostgreSQLError) -> (Connection, fresh: Bool) {
        if let connection = slot, !connection.isBroken { return (connection, false) }
        slot = nil
        let connection = try Connection(configuration: configuration)
        slot = connection
        let handle = connection.makeCancelHandle()
        cancellation.withLock { $0.handle = handle }
        return (connection, true)
    }

    private static func dropIfBroken(_ slot: inout Connection?) {
        if slot?.isBroken == true { slot = nil }
    }

    /// Marks the call cancelled and, while its job executes, sends cancel requests from a thread of its own:
    /// `PQcancel` opens a connection to the server and must not block the cooperative pool.
    private func requestCancellation(of call: UInt64) {
        let start = cancellation.withLock { state -> Bool in
            guard state.call == call else { return false }
            state.requested = true
            guard state.armed, !state.sending else { return false }
            state.sending = true
            return true
        }
        guard start else { return }
        let sender: WorkerThread
        do {
            sender = try WorkerThread(name: "postgresql-cancel")
        } catch {
            // Without a thread the statement ends by itself or by its lock timeout.
            cancellation.withLock { $0.sending = false }
            return
        }
        _ = sender.submitLast { [self] _ in
            var sinceLastRequest = Int.max
            while true {
                let handle = self.cancellation.withLock { state -> CancelHandle?? in
                    guard state.call == call, state.armed else {
                        state.sending = false
                        return .none
                    }
                    return .some(state.handle)
                }
                guard let handle else { return }
                if sinceLastRequest >= 500 {
                    handle?.cancel()
                    sinceLastRequest = 0
                }
                usleep(20_000)
                sinceLastRequest += 20
            }
        }
    }
}
