/// The token buckets of many keys (users, client addresses) under one rate and burst, with bounded memory: a
/// value-type state machine with the time passed in.
///
/// A bucket that has refilled completely is equal to a new one, so it is dropped (every few thousand operations,
/// and whenever the table is full). If the table is still full, the least recently used buckets go first; that only
/// happens when more keys than ``capacity`` are active within one refill period.
struct RateLimitTable<Key: Hashable & Sendable>: Sendable {
    /// What a request gets.
    enum Decision: Sendable, Hashable {
        /// It may proceed.
        case allowed
        /// It must wait: `retryAfter` whole seconds (rounded up, at least 1) until a token is there.
        case limited(retryAfter: Int)
    }

    /// Tokens per second.
    let rate: Double
    /// The most tokens a bucket holds.
    let burst: Double
    /// The most buckets kept.
    let capacity: Int
    private var buckets: [Key: TokenBucket] = [:]
    private var operationsSinceSweep = 0

    /// How many operations pass between sweeps of full buckets.
    static var sweepInterval: Int { 4096 }

    /// A table; `rate` and `burst` must be positive, `capacity` at least 1.
    init(rate: Double, burst: Int, capacity: Int) {
        self.rate = rate
        self.burst = Double(burst)
        self.capacity = max(1, capacity)
    }

    /// How many buckets are kept.
    var count: Int { buckets.count }

    /// Takes a token for `key` at `now` (seconds on any steady clock).
    mutating func acquire(_ key: Key, now: Double) -> Decision {
        operationsSinceSweep += 1
        if operationsSinceSweep >= Self.sweepInterval { sweep(now: now) }
        if buckets[key] == nil, buckets.count >= capacity { makeRoom(now: now) }
        var bucket = buckets[key] ?? TokenBucket(burst: burst, now: now)
        let wait = bucket.take(now: now, rate: rate, burst: burst)
        buckets[key] = bucket
        guard let wait else { return .allowed }
        let seconds = wait.rounded(.up)
        return .limited(retryAfter: seconds >= Double(Int.max) ? Int.max : max(1, Int(seconds)))
    }

    /// Drops every bucket that is full at `now`.
    mutating func sweep(now: Double) {
        operationsSinceSweep = 0
        buckets = buckets.filter { !$0.value.isFull(now: now, rate: rate, burst: burst) }
    }

    /// Frees at least a tenth of the capacity: full buckets first, then the least recently used.
    private mutating func makeRoom(now: Double) {
        sweep(now: now)
        let target = capacity - max(1, capacity / 10)
        guard buckets.count > target else { return }
        let oldest = buckets.sorted { $0.value.updatedAt < $1.value.updatedAt }.prefix(buckets.count - target)
        for (key, _) in oldest { buckets[key] = nil }
    }
}
