import Synchronization

/// A bound on how many GraphQL requests execute at once; the others wait their turn, first come first served.
///
/// Why: an executing request holds its execution plans, its loaders, its ServiceNow session and the transfer it
/// waits on, while a waiting one holds only its decoded body. With 1,000 connected users rendering at once (the
/// memory benchmark of issue 7) every request was executing and the gateway's peak RSS was 256 MB; ServiceNow
/// serves only a handful of transactions per user session at a time anyway (§ semaphores), so letting more
/// requests wait *here* rather than in its queue costs no throughput and bounds the gateway's memory by this limit
/// instead of by the number of clients. A waiting request that is cancelled (its client went away) leaves the
/// queue at once.
final class ExecutionGate: Sendable {
    private struct State {
        /// Permits not held by anyone (only positive while nobody waits).
        var available: Int
        /// Waiting requests by ticket number.
        var waiters: [UInt64: CheckedContinuation<Void, any Error>] = [:]
        /// Ticket numbers in arrival order from `head`; cancelled ones are skipped when their turn comes.
        var queue: [UInt64] = []
        var head = 0
        var nextTicket: UInt64 = 0
    }

    /// The most requests executing at once.
    let limit: Int
    private let state: Mutex<State>

    /// A gate letting `limit` (at least 1) requests through at once.
    init(limit: Int) {
        self.limit = max(1, limit)
        self.state = Mutex(State(available: max(1, limit)))
    }

    /// Runs `body` once a permit is free, and frees it afterwards.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while it waits (the body does not run), or what
    ///   `body` throws.
    func withPermit<T>(_ body: () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    /// How many requests wait now (for tests).
    var waitingCount: Int { state.withLock { $0.waiters.count } }

    private func acquire() async throws {
        // The common case, a free permit and no queue, takes no continuation.
        let ticket: UInt64? = state.withLock { state in
            if state.available > 0, state.waiters.isEmpty {
                state.available -= 1
                return nil
            }
            state.nextTicket += 1
            return state.nextTicket
        }
        guard let ticket else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Decision { case wait, proceed, cancelled }
                let decision = state.withLock { state -> Decision in
                    // A permit freed since the first look, with nobody ahead: take it.
                    if state.available > 0, state.waiters.isEmpty {
                        state.available -= 1
                        return .proceed
                    }
                    // Cancelled before waiting: the cancellation handler found nothing to resume (the flag is set
                    // before handlers run, and both look under the lock).
                    if Task.isCancelled { return .cancelled }
                    state.waiters[ticket] = continuation
                    state.queue.append(ticket)
                    return .wait
                }
                switch decision {
                case .wait: break
                case .proceed: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: ticket) }
            waiter?.resume(throwing: CancellationError())
        }
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            while state.head < state.queue.count {
                let ticket = state.queue[state.head]
                state.head += 1
                if let waiter = state.waiters.removeValue(forKey: ticket) {
                    Self.compact(&state)
                    return waiter
                }
            }
            Self.compact(&state)
            state.available += 1
            return nil
        }
        // The permit passes straight to the next waiter.
        next?.resume()
    }

    /// Drops the consumed front of the queue once it is most of it, so the queue stays as long as the waiters.
    private static func compact(_ state: inout State) {
        if state.head == state.queue.count {
            state.queue.removeAll(keepingCapacity: true)
            state.head = 0
        } else if state.head > 1024, state.head * 2 > state.queue.count {
            state.queue.removeFirst(state.head)
            state.head = 0
        }
    }
}
