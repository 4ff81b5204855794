import Synchronization

/// The outcome of a read another request of the same user is making, which this request waits for instead of
/// asking ServiceNow again.
public final class PendingRead: Sendable {
    private enum State {
        case waiting([CheckedContinuation<Result<UpstreamResponse, ServiceNowError>, Never>])
        case done(Result<UpstreamResponse, ServiceNowError>)
    }

    private let state = Mutex(State.waiting([]))
    /// Whether nobody has started this read yet. Only a background refresh is made so: it waits in the refresher's
    /// queue, and a request that finds the entry past its grace window takes the read over and sends it at once
    /// rather than waiting behind the whole queue (``ReadCacheStore``). Whoever wins ``becomeReader()`` reads.
    private let awaitingReader: Atomic<Bool>

    /// A read that has not finished; `awaitingReader` when nobody is making it yet (a queued refresh).
    public init(awaitingReader: Bool = false) {
        self.awaitingReader = Atomic(awaitingReader)
    }

    /// Claims the right to make a read that was queued without a reader: true for exactly one caller, false for
    /// every other one and always for a read someone made from the start.
    func becomeReader() -> Bool {
        awaitingReader.compareExchange(expected: true, desired: false, ordering: .acquiringAndReleasing).exchanged
    }

    /// Waits for the outcome (returns at once when it is known).
    public func outcome() async -> Result<UpstreamResponse, ServiceNowError> {
        await withCheckedContinuation { continuation in
            let known = state.withLock { state -> Result<UpstreamResponse, ServiceNowError>? in
                switch state {
                case .done(let outcome): return outcome
                case .waiting(var waiters):
                    waiters.append(continuation)
                    state = .waiting(waiters)
                    return nil
                }
            }
            if let known { continuation.resume(returning: known) }
        }
    }

    /// Sets the outcome and wakes every waiter; later calls are ignored.
    public func finish(_ outcome: Result<UpstreamResponse, ServiceNowError>) {
        let waiters = state.withLock {
            state -> [CheckedContinuation<Result<UpstreamResponse, ServiceNowError>, Never>] in
            guard case .waiting(let waiters) = state else { return [] }
            state = .done(outcome)
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: outcome) }
    }
}
