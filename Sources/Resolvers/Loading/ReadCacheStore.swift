import JSON
import Synchronization

/// The gateway's per-user read cache (issue 7): answers to a user's ServiceNow reads, kept for a short time so that
/// a widget render within the TTL of the previous one costs no round trip at all.
///
/// - Entries are keyed by the user's subject and the exact upstream request (method, path and every query
///   parameter); one user's entries are never given to another.
/// - Fresh for ``Configuration/ttl``; then, for ``Configuration/staleGrace`` more, *stale-while-revalidate*: the
///   old answer is served at once and one background refresh per entry is queued on the store's
///   ``ReadCacheRefresher`` (which its owner runs, see ``run()``). A failed refresh drops the entry, so a stale
///   answer is never served past a refusal; past the grace window an entry is a miss.
/// - A user's write empties that user's entries (``ServiceNowLoaders/invalidate()`` calls the user's view's
///   ``UpstreamReadCache/invalidateAll()``); a read or refresh that was under way during the write is not stored,
///   and later reads do not join it.
/// - Identical reads of one user in flight at the same time (two tabs rendering at once) share one upstream call.
/// - Only successful answers are kept; errors are never cached.
/// - Memory is bounded: at most ``Configuration/maxEntriesPerUser`` per user, ``Configuration/maxEntries`` and
///   ``Configuration/maxBytes`` (an estimate of the parsed answers' size) in all; the least recently used entry
///   goes first, and entries past their grace window are dropped as new ones arrive.
///
/// The gateway creates one store per process and hands each request ``cache(for:)`` of its user. It must call
/// ``invalidate(subject:)`` when a user connects or disconnects (the ServiceNow account behind the subject may
/// change) and ``invalidateAll()`` when the instance configuration changes.
public final class ReadCacheStore: Sendable {
    /// Time-to-live, grace window and bounds.
    public struct Configuration: Sendable, Hashable {
        /// How long an answer is served as fresh. Default 5 s.
        public var ttl: Duration
        /// How long after the TTL a stale answer is still served while it is refreshed in the background; zero
        /// turns stale-while-revalidate off. Default 10 s.
        public var staleGrace: Duration
        /// The most entries kept per user. Default 64.
        public var maxEntriesPerUser: Int
        /// The most entries kept in all. Default 20,000.
        public var maxEntries: Int
        /// The most bytes (estimated) kept in all. Default 64 MiB.
        public var maxBytes: Int
        /// How many background refreshes run at once. Default 4.
        public var maxConcurrentRefreshes: Int
        /// How many background refreshes may wait; beyond, a stale entry is served without a refresh. Default 1024.
        public var maxQueuedRefreshes: Int

        /// A configuration; every parameter has a sensible default.
        public init(
            ttl: Duration = .seconds(5),
            staleGrace: Duration = .seconds(10),
            maxEntriesPerUser: Int = 64,
            maxEntries: Int = 20_000,
            maxBytes: Int = 64 << 20,
            maxConcurrentRefreshes: Int = 4,
            maxQueuedRefreshes: Int = 1024
        ) {
            self.ttl = ttl
            self.staleGrace = staleGrace
            self.maxEntriesPerUser = maxEntriesPerUser
            self.maxEntries = maxEntries
            self.maxBytes = maxBytes
            self.maxConcurrentRefreshes = maxConcurrentRefreshes
            self.maxQueuedRefreshes = maxQueuedRefreshes
        }
    }

    /// One cached answer, a node of the least-recently-used list (indices into `State.nodes`; -1 is none).
    private struct Node {
        var subject: String
        var request: UpstreamRequest
        var response: UpstreamResponse
        var bytes: Int
        var storedAt: ContinuousClock.Instant
        var lastUsed: UInt64
        /// Towards the most recently used end.
        var newer = -1
        /// Towards the least recently used end.
        var older = -1
    }

    private struct UserState {
        var slots: [UpstreamRequest: Int] = [:]
        /// Reads (and refreshes) under way that later identical reads may join.
        var inFlight: [UpstreamRequest: PendingRead] = [:]
        /// The epoch of this user's last invalidation: tickets from before it are not stored.
        var invalidatedAt: UInt64 = 0
        /// Tickets handed out and not completed yet; the state is kept while any is, so `invalidatedAt` is too.
        var outstanding = 0

        var isEmpty: Bool { slots.isEmpty && inFlight.isEmpty && outstanding == 0 }
    }

    private struct State {
        var users: [String: UserState] = [:]
        var nodes: [Node?] = []
        var freeSlots: [Int] = []
        var newest = -1
        var oldest = -1
        var entryCount = 0
        var byteCount = 0
        var epoch: UInt64 = 0
        var allInvalidatedAt: UInt64 = 0
        var tick: UInt64 = 0
    }

    /// The configuration.
    public let configuration: Configuration
    /// The background refresher of stale entries; ``run()`` runs it.
    public let refresher: ReadCacheRefresher
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state = Mutex(State())

    /// A store; `now` is the clock (tests inject one they move by hand).
    public init(
        configuration: Configuration = Configuration(),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.configuration = configuration
        self.now = now
        self.refresher = ReadCacheRefresher(
            maxConcurrent: configuration.maxConcurrentRefreshes,
            maxQueued: configuration.maxQueuedRefreshes
        )
    }

    /// Runs the background refreshes of stale entries until the task is cancelled (the gateway runs this beside
    /// its HTTP server, for the life of the process).
    public func run() async {
        await refresher.run()
    }

    /// The cache of the user with `subject`, for one request's ``ServiceNowLoaders``.
    public func cache(for subject: String) -> any UpstreamReadCache {
        UserView(store: self, subject: subject)
    }

    /// Forgets one user's entries; their reads under way are neither stored nor joined.
    public func invalidate(subject: String) {
        state.withLock { state in
            guard var user = state.users[subject] else { return }
            state.epoch += 1
            user.invalidatedAt = state.epoch
            for slot in user.slots.values { Self.unlink(slot, in: &state) }
            user.slots.removeAll()
            user.inFlight.removeAll()
            state.users[subject] = user.isEmpty ? nil : user
        }
    }

    /// Forgets every user's entries.
    public func invalidateAll() {
        state.withLock { state in
            state.epoch += 1
            state.allInvalidatedAt = state.epoch
            state.nodes.removeAll()
            state.freeSlots.removeAll()
            state.newest = -1
            state.oldest = -1
            state.entryCount = 0
            state.byteCount = 0
            state.users = state.users.compactMapValues { user in
                guard user.outstanding > 0 else { return nil }
                var kept = user
                kept.slots.removeAll()
                kept.inFlight.removeAll()
                return kept
            }
        }
    }

    /// How many answers are kept now (for metrics and tests).
    public var entryCount: Int {
        state.withLock { $0.entryCount }
    }

    /// The estimated bytes of the answers kept now (for metrics and tests).
    public var byteCount: Int {
        state.withLock { $0.byteCount }
    }

    // MARK: The per-user operations

    fileprivate func claim(subject: String, request: UpstreamRequest) -> ReadClaim {
        let now = now()
        return state.withLock { state in
            var user = state.users[subject] ?? UserState()
            defer { state.users[subject] = user }
            if let slot = user.slots[request], let node = state.nodes[slot] {
                let age = now - node.storedAt
                if age < configuration.ttl {
                    Self.touch(slot, in: &state)
                    return .cached(node.response)
                }
                if age < configuration.ttl + configuration.staleGrace {
                    Self.touch(slot, in: &state)
                    if user.inFlight[request] != nil { return .stale(node.response, refresh: nil) }
                    let refresh = Self.ticket(for: request, user: &user, epoch: state.epoch, awaitingReader: true)
                    return .stale(node.response, refresh: refresh)
                }
                user.slots[request] = nil
                Self.unlink(slot, in: &state)
            }
            if let pending = user.inFlight[request] {
                // A refresh that has not started yet may wait behind the whole refresher queue (which falls behind
                // when the refreshes due outrun its workers): this request, which has nothing to serve, takes the
                // read over and sends it now; the queued refresh then finds it taken and does nothing. The ticket
                // still counts once in `outstanding`. No invalidation came since the refresh was claimed (it would
                // have removed it from `inFlight`), so the current epoch stores the answer unless one comes now.
                if pending.becomeReader() {
                    return .claimed(ReadTicket(request: request, read: pending, epoch: state.epoch))
                }
                return .inFlight(pending)
            }
            return .claimed(Self.ticket(for: request, user: &user, epoch: state.epoch, awaitingReader: false))
        }
    }

    private static func ticket(
        for request: UpstreamRequest,
        user: inout UserState,
        epoch: UInt64,
        awaitingReader: Bool
    ) -> ReadTicket {
        let ticket = ReadTicket(request: request, read: PendingRead(awaitingReader: awaitingReader), epoch: epoch)
        user.inFlight[request] = ticket.read
        user.outstanding += 1
        return ticket
    }

    fileprivate func complete(
        subject: String,
        ticket: ReadTicket,
        outcome: Result<UpstreamResponse, ServiceNowError>
    ) {
        let now = now()
        // Sized outside the lock: the walk is proportional to the answer.
        let bytes: Int
        if case .success(let response) = outcome { bytes = Self.estimatedBytes(response) } else { bytes = 0 }
        state.withLock { state in
            guard var user = state.users[subject] else { return }
            user.outstanding -= 1
            if user.inFlight[ticket.request] === ticket.read { user.inFlight[ticket.request] = nil }
            if ticket.epoch >= user.invalidatedAt, ticket.epoch >= state.allInvalidatedAt {
                store(outcome, of: ticket.request, bytes: bytes, at: now, for: subject, user: &user, in: &state)
            }
            state.users[subject] = user.isEmpty ? nil : user
            trim(&state, now: now)
        }
        ticket.read.finish(outcome)
    }

    /// Keeps a successful answer as the newest entry, or drops the entry a failed read was meant to replace.
    private func store(
        _ outcome: Result<UpstreamResponse, ServiceNowError>,
        of request: UpstreamRequest,
        bytes: Int,
        at now: ContinuousClock.Instant,
        for subject: String,
        user: inout UserState,
        in state: inout State
    ) {
        let existing = user.slots.removeValue(forKey: request)
        if let existing { Self.unlink(existing, in: &state) }
        // A failed refresh must not leave the old answer being served: ServiceNow may now refuse it. An answer
        // larger than the whole budget is not kept either: it would only push out everyone else's.
        guard case .success(let response) = outcome, bytes <= configuration.maxBytes else { return }
        let node = Node(
            subject: subject,
            request: request,
            response: response,
            bytes: bytes,
            storedAt: now,
            lastUsed: 0
        )
        user.slots[request] = Self.insert(node, in: &state)
        if user.slots.count > configuration.maxEntriesPerUser {
            evictLeastRecentlyUsed(of: &user, in: &state)
        }
    }

    /// A refresh that will not run: joined reads hear that ServiceNow was not asked; the stale entry stays until its
    /// grace window ends.
    fileprivate func abandon(subject: String, ticket: ReadTicket) {
        state.withLock { state in
            guard var user = state.users[subject] else { return }
            user.outstanding -= 1
            if user.inFlight[ticket.request] === ticket.read { user.inFlight[ticket.request] = nil }
            state.users[subject] = user.isEmpty ? nil : user
        }
        ticket.read.finish(.failure(ServiceNowError(.unavailable, "The gateway is too busy to ask ServiceNow now.")))
    }

    fileprivate func refresh(subject: String, tickets: [ReadTicket], client: ServiceNowClient) {
        guard !tickets.isEmpty else { return }
        refresher.submit(
            ReadCacheRefresher.Job(
                run: { [self] in
                    // Reads a request took over while this job was queued are that request's to complete.
                    let mine = tickets.filter { $0.read.becomeReader() }
                    guard !mine.isEmpty else { return }
                    let outcomes = await client.batch(mine.map(\.request))
                    for (ticket, outcome) in zip(mine, outcomes) {
                        complete(subject: subject, ticket: ticket, outcome: outcome)
                    }
                },
                abandon: { [self] in
                    for ticket in tickets where ticket.read.becomeReader() { abandon(subject: subject, ticket: ticket) }
                }
            )
        )
    }

    // MARK: Bounds

    /// Drops entries past their grace window from the least recently used end, then the least recently used ones
    /// until the store is within its bounds.
    private func trim(_ state: inout State, now: ContinuousClock.Instant) {
        let lifetime = configuration.ttl + configuration.staleGrace
        while state.oldest >= 0, let node = state.nodes[state.oldest],
            state.entryCount > configuration.maxEntries || state.byteCount > configuration.maxBytes
                || now - node.storedAt >= lifetime
        {
            let slot = state.oldest
            if var user = state.users[node.subject] {
                user.slots[node.request] = nil
                state.users[node.subject] = user.isEmpty ? nil : user
            }
            Self.unlink(slot, in: &state)
        }
    }

    private func evictLeastRecentlyUsed(of user: inout UserState, in state: inout State) {
        guard
            let (request, slot) = user.slots.min(by: { a, b in
                (state.nodes[a.value]?.lastUsed ?? 0) < (state.nodes[b.value]?.lastUsed ?? 0)
            })
        else { return }
        user.slots[request] = nil
        Self.unlink(slot, in: &state)
    }

    // MARK: The least-recently-used list

    private static func insert(_ node: Node, in state: inout State) -> Int {
        var node = node
        state.tick += 1
        node.lastUsed = state.tick
        node.older = state.newest
        node.newer = -1
        let slot: Int
        if let free = state.freeSlots.popLast() {
            slot = free
            state.nodes[slot] = node
        } else {
            slot = state.nodes.count
            state.nodes.append(node)
        }
        if state.newest >= 0 { state.nodes[state.newest]?.newer = slot }
        state.newest = slot
        if state.oldest < 0 { state.oldest = slot }
        state.entryCount += 1
        state.byteCount += node.bytes
        return slot
    }

    private static func unlink(_ slot: Int, in state: inout State) {
        guard let node = state.nodes[slot] else { return }
        detach(node, slot: slot, in: &state)
        state.nodes[slot] = nil
        state.freeSlots.append(slot)
        state.entryCount -= 1
        state.byteCount -= node.bytes
    }

    private static func touch(_ slot: Int, in state: inout State) {
        guard var node = state.nodes[slot] else { return }
        state.tick += 1
        guard state.newest != slot else {
            state.nodes[slot]?.lastUsed = state.tick
            return
        }
        detach(node, slot: slot, in: &state)
        node.lastUsed = state.tick
        node.older = state.newest
        node.newer = -1
        state.nodes[slot] = node
        if state.newest >= 0 { state.nodes[state.newest]?.newer = slot }
        state.newest = slot
        if state.oldest < 0 { state.oldest = slot }
    }

    private static func detach(_ node: Node, slot: Int, in state: inout State) {
        if node.newer >= 0 { state.nodes[node.newer]?.older = node.older } else { state.newest = node.older }
        if node.older >= 0 { state.nodes[node.older]?.newer = node.newer } else { state.oldest = node.newer }
    }

    // MARK: Size

    /// An estimate of the memory a parsed answer holds: every value's storage plus the text of its strings.
    static func estimatedBytes(_ response: UpstreamResponse) -> Int {
        var total = 64 + estimatedBytes(response.body)
        for header in response.headers { total += 32 + header.name.utf8.count + header.value.utf8.count }
        return total
    }

    private static func estimatedBytes(_ value: JSONValue) -> Int {
        switch value {
        case .null, .bool, .int, .double:
            return 16
        case .string(let text):
            return 16 + (text.utf8.count > 15 ? text.utf8.count + 32 : 0)
        case .array(let elements):
            return 48 + elements.reduce(0) { $0 + estimatedBytes($1) }
        case .object(let object):
            var total = 64
            for (key, member) in object {
                total += 24 + (key.utf8.count > 15 ? key.utf8.count + 32 : 0) + estimatedBytes(member)
            }
            return total
        }
    }

    /// One user's view of the store.
    private struct UserView: UpstreamReadCache {
        let store: ReadCacheStore
        let subject: String

        func claim(_ request: UpstreamRequest) -> ReadClaim {
            store.claim(subject: subject, request: request)
        }

        func complete(_ ticket: ReadTicket, with outcome: Result<UpstreamResponse, ServiceNowError>) {
            store.complete(subject: subject, ticket: ticket, outcome: outcome)
        }

        func refresh(_ tickets: [ReadTicket], through client: ServiceNowClient) {
            store.refresh(subject: subject, tickets: tickets, client: client)
        }

        func invalidateAll() {
            store.invalidate(subject: subject)
        }
    }
}
