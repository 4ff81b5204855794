import Synchronization

/// An async mutual-exclusion lock per key: at most one holder per key, waiters served first come, first served.
///
/// Used for the per-user token refresh, so that concurrent requests of one user wait for one refresh instead of
/// racing ServiceNow's refresh grant. A waiter whose task is cancelled leaves the queue at once with
/// `CancellationError`. Keys without holder or waiters take no memory.
final class KeyedLock<Key: Hashable & Sendable>: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        /// A key is present while held; its array holds the waiters in arrival order.
        var queues: [Key: [Waiter]] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    init() {}

    /// Runs `body` while holding the lock for `key`.
    func withLock<Result>(_ key: Key, _ body: () async throws -> Result) async throws -> Result {
        try await acquire(key)
        defer { release(key) }
        return try await body()
    }

    /// Whether the key is held (for tests).
    func isHeld(_ key: Key) -> Bool {
        state.withLock { $0.queues[key] != nil }
    }

    /// How many tasks wait for the key (for tests).
    func waiterCount(_ key: Key) -> Int {
        state.withLock { $0.queues[key]?.count ?? 0 }
    }

    private func acquire(_ key: Key) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = state.withLock { state -> Outcome in
                    // Checked under the lock: a cancellation after this point finds the waiter in the queue.
                    if Task.isCancelled { return .cancelled }
                    guard state.queues[key] != nil else {
                        state.queues[key] = []
                        return .acquired
                    }
                    state.queues[key, default: []].append(Waiter(id: id, continuation: continuation))
                    return .waiting
                }
                switch outcome {
                case .acquired: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .waiting: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.queues[key]?.firstIndex(where: { $0.id == id }) else { return nil }
                return state.queues[key]?.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private enum Outcome {
        case acquired
        case waiting
        case cancelled
    }

    /// Hands the lock to the first waiter, or frees the key.
    private func release(_ key: Key) {
        let next = state.withLock { state -> Waiter? in
            guard var waiters = state.queues[key], !waiters.isEmpty else {
                state.queues[key] = nil
                return nil
            }
            let next = waiters.removeFirst()
            state.queues[key] = waiters
            return next
        }
        next?.continuation.resume()
    }
}
