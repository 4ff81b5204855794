import Synchronization

/// The outcome of a read another request of the same user is making, which this request waits for instead of
/// asking ServiceNow again.
public final class PendingRead: Sendable {
    private enum State {
        case waiting([CheckedContinuation<Result<UpstreamResponse, ServiceNowError>, Never>])
        case done(Result<UpstreamResponse, ServiceNowError>)
    }

    private let state = Mutex(State.waiting([]))

    /// A read that has not finished.
    public init() {}

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
