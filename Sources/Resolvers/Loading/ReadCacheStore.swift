import Synchronization

/// The gateway's per-user read cache (issue 7): answers to a user's ServiceNow reads, kept for a short time so that
/// a widget render within the TTL of the previous one costs no round trip at all.
///
/// - Entries are keyed by the user's subject and the exact upstream request (method, path and every query
///   parameter); one user's entries are never given to another.
/// - A user's write empties that user's entries (``ServiceNowLoaders/invalidate()`` calls the user's view's
///   ``UpstreamReadCache/invalidateAll()``); a read that was under way during the write is not stored.
/// - Identical reads of one user in flight at the same time (two tabs rendering at once) share one upstream call.
/// - Only successful answers are kept; errors are never cached.
/// - Memory is bounded: at most ``Configuration/maxEntriesPerUser`` per user and ``Configuration/maxEntries`` in
///   all; expired entries are dropped as new ones arrive, and the oldest go first when a bound is reached.
///
/// The gateway creates one store per process and hands each request ``cache(for:)`` of its user. It must call
/// ``invalidate(subject:)`` when a user connects or disconnects (the ServiceNow account behind the subject may
/// change) and ``invalidateAll()`` when the instance configuration changes.
public final class ReadCacheStore: Sendable {
    /// Time-to-live and bounds.
    public struct Configuration: Sendable, Hashable {
        /// How long an answer is served. Default 5 s.
        public var ttl: Duration
        /// The most entries kept per user. Default 64.
        public var maxEntriesPerUser: Int
        /// The most entries kept in all. Default 20,000.
        public var maxEntries: Int

        /// A configuration; every parameter has a sensible default.
        public init(ttl: Duration = .seconds(5), maxEntriesPerUser: Int = 64, maxEntries: Int = 20_000) {
            self.ttl = ttl
            self.maxEntriesPerUser = maxEntriesPerUser
            self.maxEntries = maxEntries
        }
    }

    private struct Entry {
        var response: UpstreamResponse
        var expires: ContinuousClock.Instant
    }

    private struct UserState {
        var entries: [UpstreamRequest: Entry] = [:]
        var inFlight: [UpstreamRequest: (read: PendingRead, generation: Int)] = [:]
        /// Bumped by every invalidation, so that reads begun before it are not stored after it.
        var generation = 0
    }

    private struct State {
        var users: [String: UserState] = [:]
        var entryCount = 0
    }

    /// The configuration.
    public let configuration: Configuration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state = Mutex(State())

    /// A store; `now` is the clock (tests inject one they move by hand).
    public init(
        configuration: Configuration = Configuration(),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.configuration = configuration
        self.now = now
    }

    /// The cache of the user with `subject`, for one request's ``ServiceNowLoaders``.
    public func cache(for subject: String) -> any UpstreamReadCache {
        UserView(store: self, subject: subject)
    }

    /// Forgets one user's entries.
    public func invalidate(subject: String) {
        state.withLock { state in
            guard var user = state.users[subject] else { return }
            state.entryCount -= user.entries.count
            user.entries.removeAll()
            user.generation += 1
            state.users[subject] = user.inFlight.isEmpty ? nil : user
        }
    }

    /// Forgets every user's entries.
    public func invalidateAll() {
        state.withLock { state in
            for subject in Array(state.users.keys) {
                guard var user = state.users[subject] else { continue }
                user.entries.removeAll()
                user.generation += 1
                state.users[subject] = user.inFlight.isEmpty ? nil : user
            }
            state.entryCount = 0
        }
    }

    /// How many answers are kept now (for metrics and tests).
    public var entryCount: Int {
        state.withLock { $0.entryCount }
    }

    // MARK: The per-user operations

    fileprivate func cachedResponse(subject: String, request: UpstreamRequest) -> UpstreamResponse? {
        let now = now()
        return state.withLock { state in
            guard let entry = state.users[subject]?.entries[request] else { return nil }
            if entry.expires > now { return entry.response }
            state.users[subject]?.entries[request] = nil
            state.entryCount -= 1
            return nil
        }
    }

    fileprivate func claim(subject: String, request: UpstreamRequest) -> ReadClaim {
        let now = now()
        return state.withLock { state in
            var user = state.users[subject] ?? UserState()
            defer { state.users[subject] = user }
            if let entry = user.entries[request] {
                if entry.expires > now { return .cached(entry.response) }
                user.entries[request] = nil
                state.entryCount -= 1
            }
            if let pending = user.inFlight[request] { return .inFlight(pending.read) }
            user.inFlight[request] = (PendingRead(), user.generation)
            return .claimed
        }
    }

    fileprivate func complete(
        subject: String,
        request: UpstreamRequest,
        outcome: Result<UpstreamResponse, ServiceNowError>
    ) {
        let expires = now() + configuration.ttl
        let now = now()
        let pending = state.withLock { state -> PendingRead? in
            guard var user = state.users[subject], let pending = user.inFlight.removeValue(forKey: request) else {
                return nil
            }
            if case .success(let response) = outcome, pending.generation == user.generation {
                if user.entries.updateValue(Entry(response: response, expires: expires), forKey: request) == nil {
                    state.entryCount += 1
                }
                Self.trim(&user, count: &state.entryCount, now: now, limit: configuration.maxEntriesPerUser)
            }
            state.users[subject] = user
            if state.entryCount > configuration.maxEntries {
                Self.shrink(&state, now: now, limit: configuration.maxEntries)
            }
            return pending.read
        }
        pending?.finish(outcome)
    }

    /// Drops a user's expired entries, then the soonest to expire until at most `limit` remain.
    private static func trim(_ user: inout UserState, count: inout Int, now: ContinuousClock.Instant, limit: Int) {
        guard user.entries.count > limit else { return }
        for (request, entry) in user.entries where entry.expires <= now {
            user.entries[request] = nil
            count -= 1
        }
        while user.entries.count > limit, let oldest = user.entries.min(by: { $0.value.expires < $1.value.expires }) {
            user.entries[oldest.key] = nil
            count -= 1
        }
    }

    /// Drops expired entries of every user, then whole users' entries (the least recently filled first) until the
    /// total is within `limit`.
    private static func shrink(_ state: inout State, now: ContinuousClock.Instant, limit: Int) {
        for subject in Array(state.users.keys) {
            guard var user = state.users[subject] else { continue }
            for (request, entry) in user.entries where entry.expires <= now {
                user.entries[request] = nil
                state.entryCount -= 1
            }
            state.users[subject] = user.entries.isEmpty && user.inFlight.isEmpty ? nil : user
        }
        while state.entryCount > limit {
            let oldest = state.users.filter { !$0.value.entries.isEmpty }.min { a, b in
                (a.value.entries.values.map(\.expires).max() ?? now)
                    < (b.value.entries.values.map(\.expires).max() ?? now)
            }
            guard let (subject, user) = oldest else { break }
            state.entryCount -= user.entries.count
            var emptied = user
            emptied.entries.removeAll()
            state.users[subject] = emptied.inFlight.isEmpty ? nil : emptied
        }
    }

    /// One user's view of the store.
    private struct UserView: UpstreamReadCache {
        let store: ReadCacheStore
        let subject: String

        func cachedResponse(for request: UpstreamRequest) -> UpstreamResponse? {
            store.cachedResponse(subject: subject, request: request)
        }

        func claim(_ request: UpstreamRequest) -> ReadClaim {
            store.claim(subject: subject, request: request)
        }

        func complete(_ request: UpstreamRequest, with outcome: Result<UpstreamResponse, ServiceNowError>) {
            store.complete(subject: subject, request: request, outcome: outcome)
        }

        func invalidateAll() {
            store.invalidate(subject: subject)
        }
    }
}
