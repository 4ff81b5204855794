/// How ServiceNow calls are retried: how often, how long to back off, and how long a `Retry-After` may be.
///
/// Only reads are retried on failures that may have reached the instance (5xx, a dropped connection, 429); a write is
/// sent again only when no connection could be made at all. See ``RetryState`` for the rules.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt; 0 turns retrying off. Default 2 (three attempts in all).
    public var maxRetries: Int
    /// The backoff before the first retry is drawn from `0...baseDelay`, before the second from `0...2×baseDelay`,
    /// and so on ("full jitter"), so that many clients that failed together do not come back together.
    /// Default 100 ms.
    public var baseDelay: Duration
    /// The ceiling of the backoff window. Default 2 s.
    public var maxDelay: Duration
    /// The longest `Retry-After` waited for; a longer one fails at once with `SERVICENOW_RATE_LIMITED` and
    /// `retryAfter`, since a person is waiting for the widget. Default 5 s.
    public var maxRetryAfter: Duration
    /// A retry is made only if, after its wait, at least this much of the request's time budget is left for it.
    /// Default 500 ms.
    public var minimumAttemptTime: Duration

    /// A policy; the defaults suit a widget that a person is waiting for.
    public init(
        maxRetries: Int = 2,
        baseDelay: Duration = .milliseconds(100),
        maxDelay: Duration = .seconds(2),
        maxRetryAfter: Duration = .seconds(5),
        minimumAttemptTime: Duration = .milliseconds(500)
    ) {
        self.maxRetries = max(0, maxRetries)
        self.baseDelay = max(.zero, baseDelay)
        self.maxDelay = max(.zero, maxDelay)
        self.maxRetryAfter = max(.zero, maxRetryAfter)
        self.minimumAttemptTime = max(.zero, minimumAttemptTime)
    }

    /// No retries at all.
    public static let never = RetryPolicy(maxRetries: 0)

    /// The backoff window before retry number `retry` (0 for the first): `min(maxDelay, baseDelay × 2^retry)`.
    public func backoffCeiling(beforeRetry retry: Int) -> Duration {
        var ceiling = baseDelay
        for _ in 0..<min(max(retry, 0), 30) {
            ceiling = ceiling * 2
            if ceiling >= maxDelay { return maxDelay }
        }
        return min(ceiling, maxDelay)
    }
}
