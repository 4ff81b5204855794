import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Per-key rate limiting for the server: a ``RateLimitTable`` behind a lock, on an injected clock. Each replica
/// keeps its own table, so with N replicas behind a load balancer a user gets up to N times the rate.
final class RateLimiter: Sendable {
    private let table: Mutex<RateLimitTable<String>>
    private let enabled: Bool
    private let clock: any WallClock

    /// A limiter of `rate` requests per second with `burst`, tracking at most `capacity` keys; a rate of 0 allows
    /// everything.
    init(rate: Double, burst: Int, capacity: Int, clock: any WallClock) {
        enabled = rate > 0
        // A disabled limiter's table is never asked; it still needs a positive rate. A fractional rate (one request
        // every few seconds) is kept as it is.
        table = Mutex(RateLimitTable(rate: rate > 0 ? rate : 1, burst: burst, capacity: capacity))
        self.clock = clock
    }

    /// Takes a token for `key` now.
    func acquire(_ key: String) -> RateLimitTable<String>.Decision {
        guard enabled else { return .allowed }
        let now = clock.now().timeIntervalSince1970
        return table.withLock { $0.acquire(key, now: now) }
    }

    /// How many keys are tracked (for tests).
    var trackedKeys: Int { table.withLock { $0.count } }
}
