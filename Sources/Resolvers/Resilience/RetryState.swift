/// The retry decisions for one ServiceNow call, as a value-type state machine: after each attempt it is told the
/// ``AttemptOutcome`` and the time, and answers whether to stop or to wait and send again. It does no I/O and
/// reads no clock or random source of its own, so every rule is tested directly.
///
/// The rules:
/// - Stop on any answer that is not a failure worth repeating: data, a 4xx other than 429, a web page instead of
///   the API (a hibernating instance does not wake up in a second), a timeout (the instance is slow already; asking
///   again adds load and the time is mostly spent), a TLS failure or cancellation.
/// - A read (``Kind/read``: a GET, or a Batch call made only of GETs) is retried after a 5xx, a dropped connection,
///   a failed connection and a 429.
/// - A write is retried only after a failed connection: only then is it certain that ServiceNow never saw it. A 5xx
///   or a dropped connection may come after the record was created, and a second `order_now` orders twice.
/// - A 429 with `Retry-After` waits that long (plus a little jitter) if it is at most
///   ``RetryPolicy/maxRetryAfter``; a longer one stops at once, so the client gets `SERVICENOW_RATE_LIMITED` with
///   `retryAfter` instead of a hanging widget. A 429 without it (a full transaction queue) backs off like a 5xx.
/// - Backoff is exponential with full jitter: a delay drawn from `0 ... min(maxDelay, baseDelay × 2^n)`.
/// - At most ``RetryPolicy/maxRetries`` retries, and never one whose wait would leave less than
///   ``RetryPolicy/minimumAttemptTime`` before the deadline.
public struct RetryState: Sendable, Hashable {
    /// Whether the call may be repeated after it may have reached the instance.
    public enum Kind: Sendable, Hashable {
        /// Idempotent: a GET, or a Batch call whose items are all GETs.
        case read
        /// Not idempotent: a POST that creates or orders.
        case write
    }

    /// What to do after an attempt.
    public enum Action: Sendable, Hashable {
        /// Keep this attempt's outcome: it succeeded, or it is not worth repeating, or the retries or the time are
        /// spent.
        case stop
        /// Wait this long, then send again.
        case retry(after: Duration)
    }

    /// The policy.
    public let policy: RetryPolicy
    /// Whether the call is a read or a write.
    public let kind: Kind
    /// When the request's time budget ends.
    public let deadline: ContinuousClock.Instant
    /// Retries decided so far.
    public private(set) var retries = 0

    /// The state before the first attempt of a call of `kind` that must finish by `deadline`.
    public init(policy: RetryPolicy, kind: Kind, deadline: ContinuousClock.Instant) {
        self.policy = policy
        self.kind = kind
        self.deadline = deadline
    }

    /// The decision after an attempt that ended at `now` with `outcome`. `jitter` is a random number in `0..<1`
    /// (injected, so tests choose it).
    public mutating func next(after outcome: AttemptOutcome, now: ContinuousClock.Instant, jitter: Double) -> Action {
        guard retries < policy.maxRetries else { return .stop }
        let jitter = min(max(jitter, 0), 1)
        let delay: Duration
        switch outcome {
        case .answered, .notTheAPI, .timedOut, .otherFailure:
            return .stop
        case .couldNotConnect:
            delay = backoff(jitter)
        case .serverError, .connectionClosed:
            guard kind == .read else { return .stop }
            delay = backoff(jitter)
        case .rateLimited(let retryAfter):
            guard kind == .read else { return .stop }
            if let retryAfter {
                guard retryAfter <= policy.maxRetryAfter else { return .stop }
                // A little jitter on top, so that the users the instance turned away together do not return together.
                delay = retryAfter + policy.baseDelay * jitter
            } else {
                delay = backoff(jitter)
            }
        }
        guard now.advanced(by: delay + policy.minimumAttemptTime) <= deadline else { return .stop }
        retries += 1
        return .retry(after: delay)
    }

    private func backoff(_ jitter: Double) -> Duration {
        policy.backoffCeiling(beforeRetry: retries) * jitter
    }
}
