/// One token bucket (a user's or a client address's): it holds up to `burst` tokens, refills at `rate` per second,
/// and each request takes one. A value with the time passed in, so it is tested without a clock.
struct TokenBucket: Sendable, Hashable {
    /// Tokens available at ``updatedAt``.
    private(set) var tokens: Double
    /// The time, in seconds on the caller's clock, of the last update.
    private(set) var updatedAt: Double

    /// A full bucket at `now`.
    init(burst: Double, now: Double) {
        tokens = burst
        updatedAt = now
    }

    /// Takes one token at `now`; returns nil when it could, otherwise the seconds until one will be there.
    ///
    /// A clock that goes backwards refills nothing (and never makes the bucket go back in time).
    mutating func take(now: Double, rate: Double, burst: Double) -> Double? {
        refill(now: now, rate: rate, burst: burst)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / rate
    }

    /// Whether the bucket would be full at `now`: then it is no different from a new one and can be forgotten.
    func isFull(now: Double, rate: Double, burst: Double) -> Bool {
        tokens + max(0, now - updatedAt) * rate >= burst
    }

    private mutating func refill(now: Double, rate: Double, burst: Double) {
        let elapsed = max(0, now - updatedAt)
        tokens = min(burst, tokens + elapsed * rate)
        updatedAt = max(updatedAt, now)
    }
}
