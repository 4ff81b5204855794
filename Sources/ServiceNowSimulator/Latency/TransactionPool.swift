import Synchronization

/// The instance's API semaphores: at most `capacity` transactions run at once, at most `queueLength` wait, and
/// the rest are turned away (the caller answers 429).
final class TransactionPool: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var active = 0
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
        var cancelled: Set<UInt64> = []
    }

    private let capacity: Int?
    private let queueLength: Int
    private let state = Mutex(State())

    init(capacity: Int?, queueLength: Int) {
        self.capacity = capacity.map { max(1, $0) }
        self.queueLength = max(0, queueLength)
    }

    /// The transactions running now.
    var active: Int { state.withLock { $0.active } }
    /// The transactions waiting for a slot.
    var queued: Int { state.withLock { $0.waiters.count } }

    /// Takes a slot, waiting in the queue if needed; false when the queue is full too. Every `true` must be
    /// matched by one `release()`.
    func acquire() async throws -> Bool {
        guard let capacity else {
            state.withLock { $0.active += 1 }
            return true
        }
        enum Decision {
            case run
            case wait(UInt64)
            case reject
        }
        let decision = state.withLock { state -> Decision in
            if state.active < capacity {
                state.active += 1
                return .run
            }
            if state.waiters.count >= queueLength { return .reject }
            state.nextID += 1
            return .wait(state.nextID)
        }
        switch decision {
        case .run: return true
        case .reject: return false
        case .wait(let id):
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let cancelled = state.withLock { state -> Bool in
                        if state.cancelled.remove(id) != nil { return true }
                        state.waiters.append(Waiter(id: id, continuation: continuation))
                        return false
                    }
                    if cancelled { continuation.resume(throwing: CancellationError()) }
                }
            } onCancel: {
                let waiter = state.withLock { state -> Waiter? in
                    if let index = state.waiters.firstIndex(where: { $0.id == id }) {
                        return state.waiters.remove(at: index)
                    }
                    state.cancelled.insert(id)
                    return nil
                }
                waiter?.continuation.resume(throwing: CancellationError())
            }
            return true
        }
    }

    /// Frees a slot, handing it straight to the longest-waiting transaction if there is one.
    func release() {
        guard capacity != nil else {
            state.withLock { $0.active -= 1 }
            return
        }
        let next = state.withLock { state -> Waiter? in
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.active -= 1
            return nil
        }
        next?.continuation.resume()
    }
}
