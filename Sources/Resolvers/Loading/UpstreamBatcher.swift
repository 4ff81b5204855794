import Synchronization

/// The one door through which every ServiceNow read of one GraphQL request goes: it collects the reads the
/// resolvers ask for, makes each distinct read once, and sends the reads collected until ``dispatch()`` as one
/// round trip (a Batch API call, or a plain GET when there is only one).
///
/// The executor calls ``dispatch()`` when every outstanding resolver is waiting on a loader, level by level, so
/// the independent reads of one query level share one round trip. A read asked for again later in the same request
/// (by another field, alias or level) is answered from memory, including a read still in flight, which the second
/// asker joins. A read-through ``UpstreamReadCache`` (per user, issue 7) is consulted before a read is queued.
///
/// One instance per request and user: it holds that user's ``ServiceNowClient`` and never sees another user's
/// reads. Writes do not go through it; after one, ``invalidate()`` forgets what was read.
public final class UpstreamBatcher: Sendable {
    /// What a read resolves to.
    public typealias Outcome = Result<UpstreamResponse, ServiceNowError>
    /// Called with a read's outcome during ``dispatch()``.
    public typealias Completion = @Sendable (Outcome) -> Void

    private enum Waiter {
        case continuation(CheckedContinuation<Outcome, Never>)
        case completion(Completion)

        func resume(_ outcome: Outcome) {
            switch self {
            case .continuation(let continuation): continuation.resume(returning: outcome)
            case .completion(let completion): completion(outcome)
            }
        }
    }

    private struct State {
        /// Reads waiting for the next dispatch, in the order first asked.
        var queue: [UpstreamRequest] = []
        /// Who waits for each queued or in-flight read.
        var waiters: [UpstreamRequest: [Waiter]] = [:]
        /// Reads that have been answered in this request.
        var answered: [UpstreamRequest: Outcome] = [:]
        /// How many round trips this batcher has made.
        var roundTrips = 0
    }

    private let client: ServiceNowClient
    private let cache: (any UpstreamReadCache)?
    private let state = Mutex(State())

    /// A batcher sending through `client`, reading through `cache` when given.
    public init(client: ServiceNowClient, cache: (any UpstreamReadCache)? = nil) {
        self.client = client
        self.cache = cache
    }

    /// Whether reads are waiting for ``dispatch()``.
    public var hasPending: Bool {
        state.withLock { !$0.queue.isEmpty }
    }

    /// How many distinct reads wait for ``dispatch()``.
    public var queuedReads: Int {
        state.withLock { $0.queue.count }
    }

    /// How many round trips ``dispatch()`` has made so far.
    public var roundTrips: Int {
        state.withLock { $0.roundTrips }
    }

    /// Asks for `request` and waits for the dispatch that answers it (or answers at once if it was already read).
    public func load(_ request: UpstreamRequest) async throws(ServiceNowError) -> UpstreamResponse {
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            enqueue(request, waiter: .continuation(continuation))
        }
        return try outcome.get()
    }

    /// Asks for `request`; `completion` runs with its outcome, during the ``dispatch()`` that answers it, or at once
    /// when it was already read. For loaders that turn their own keys into reads when they are flushed.
    public func enqueue(_ request: UpstreamRequest, completion: @escaping Completion) {
        enqueue(request, waiter: .completion(completion))
    }

    private func enqueue(_ request: UpstreamRequest, waiter: Waiter) {
        let answered = state.withLock { state -> Outcome? in
            if let outcome = state.answered[request] { return outcome }
            if let cached = cache?.cachedResponse(for: request) {
                state.answered[request] = .success(cached)
                return .success(cached)
            }
            if state.waiters[request] != nil {
                state.waiters[request]?.append(waiter)
            } else {
                state.waiters[request] = [waiter]
                state.queue.append(request)
            }
            return nil
        }
        if let answered { waiter.resume(answered) }
    }

    /// Reads `request` at once, outside the dispatch rounds, for a resolver that runs alone (a mutation): answered
    /// from this request's memory or the cache when possible, otherwise by a round trip of its own.
    public func loadNow(_ request: UpstreamRequest) async throws(ServiceNowError) -> UpstreamResponse {
        if let outcome = state.withLock({ $0.answered[request] }) { return try outcome.get() }
        let outcome: Outcome
        switch cache?.claim(request) ?? .claimed {
        case .cached(let response):
            outcome = .success(response)
        case .inFlight(let pending):
            outcome = await pending.outcome()
        case .claimed:
            state.withLock { $0.roundTrips += 1 }
            do throws(ServiceNowError) {
                outcome = .success(try await client.perform(request))
            } catch {
                outcome = .failure(error)
            }
            cache?.complete(request, with: outcome)
        }
        state.withLock { $0.answered[request] = outcome }
        return try outcome.get()
    }

    /// Sends every queued read as one round trip and resumes their waiters; returns at once when none is queued.
    ///
    /// With a cache, each read is first claimed: a fresh answer (cached since it was queued) or an identical read
    /// that another request of the same user is making are used instead of asking again, so the round trip carries
    /// only what nobody is reading yet (and is skipped when that is nothing). Reads queued while the round trip is
    /// under way wait for the next dispatch.
    public func dispatch() async {
        let requests = state.withLock { state -> [UpstreamRequest] in
            let queued = state.queue
            state.queue.removeAll()
            return queued
        }
        guard !requests.isEmpty else { return }
        var toSend: [UpstreamRequest] = []
        var toJoin: [(UpstreamRequest, PendingRead)] = []
        for request in requests {
            switch cache?.claim(request) ?? .claimed {
            case .cached(let response): deliver(.success(response), for: request)
            case .inFlight(let pending): toJoin.append((request, pending))
            case .claimed: toSend.append(request)
            }
        }
        let sending = toSend
        let joining = toJoin
        if !sending.isEmpty { state.withLock { $0.roundTrips += 1 } }
        await withTaskGroup(of: Void.self) { group in
            if !sending.isEmpty {
                group.addTask { [self] in
                    let outcomes = await client.batch(sending)
                    for (request, outcome) in zip(sending, outcomes) {
                        cache?.complete(request, with: outcome)
                        deliver(outcome, for: request)
                    }
                }
            }
            for (request, pending) in joining {
                group.addTask { [self] in deliver(await pending.outcome(), for: request) }
            }
        }
    }

    private func deliver(_ outcome: Outcome, for request: UpstreamRequest) {
        let waiters = state.withLock { state -> [Waiter] in
            state.answered[request] = outcome
            return state.waiters.removeValue(forKey: request) ?? []
        }
        for waiter in waiters { waiter.resume(outcome) }
    }

    /// Forgets every answered read of this request and of the user's cache, after a write changed ServiceNow.
    public func invalidate() {
        state.withLock { $0.answered.removeAll() }
        cache?.invalidateAll()
    }
}
