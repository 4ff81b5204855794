import Synchronization

/// How long one request waited on ServiceNow: the wall-clock time during which at least one of its ServiceNow calls
/// was in flight (concurrent calls overlap, so this is the union of their intervals, not their sum).
///
/// The gateway sets one per request as a task local around the request's work; ``ServiceNowClient`` and the gateway's
/// OAuth token endpoint run every HTTP exchange through ``during(_:)`` (child tasks inherit the task local, so the
/// calls of a request's resolvers and of its Batch dispatch all count). Time spent waiting for *another* request's
/// call — a token refresh whose lock that request holds — is not counted: it is not this request's call. The gateway
/// subtracts the total from the request's duration to tell its own time apart from ServiceNow's (`Server-Timing`).
public final class UpstreamWait: Sendable {
    /// The current request's, if the gateway set one.
    @TaskLocal public static var current: UpstreamWait?

    private struct State {
        var inFlight = 0
        var since: ContinuousClock.Instant?
        var total: Duration = .zero
    }

    private let state = Mutex(State())

    /// A new, empty account.
    public init() {}

    /// Runs `call`, one exchange with ServiceNow, counted against the current request's account if it has one.
    public static func during<Result, Failure: Error>(
        _ call: () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        guard let wait = current else { return try await call() }
        wait.begin()
        defer { wait.end() }
        return try await call()
    }

    /// A call starts.
    func begin(at now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            if state.inFlight == 0 { state.since = now }
            state.inFlight += 1
        }
    }

    /// A call that began has ended (answered, failed or cancelled).
    func end(at now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            state.inFlight -= 1
            if state.inFlight == 0, let since = state.since {
                state.total += now - since
                state.since = nil
            }
        }
    }

    /// The time waited so far, including a call still in flight.
    public func total(at now: ContinuousClock.Instant = .now) -> Duration {
        state.withLock { state in
            guard state.inFlight > 0, let since = state.since else { return state.total }
            return state.total + (now - since)
        }
    }
}
