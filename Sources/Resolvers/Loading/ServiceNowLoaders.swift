public import JSON
public import Schema
import Synchronization

/// The one door through which every ServiceNow read of one GraphQL request goes, on the request's
/// ``BatchScheduler``: a single ``DataLoader`` whose keys are either exact upstream reads or record lookups, so
/// that everything the resolvers of one level ask for — lists, searches, catalog details and lookups by sys_id,
/// number or parent — is dispatched in the same round and sent as ONE round trip (a Batch API call, or a plain
/// GET when it is a single read).
///
/// - Identical reads are made once per request: the loader caches per key, and a per-request memory of answers
///   catches the same upstream request reached through different keys (a lookup whose `IN` query equals a read
///   made earlier).
/// - Lookups of one round that share a table, key field and projection become one `IN` query per 150 values.
/// - Before a round trip, each read is claimed with the user's ``UpstreamReadCache`` (issue 7): a fresh cached
///   answer, a stale one within its grace window (refreshed in the background, once), or an identical read
///   another request of the same user is making, is used instead, so the round trip carries only what nobody is
///   reading yet and is skipped when that is nothing. Before anything from the cache is used, the user's
///   credentials are checked once per request: a user who is no longer connected gets no cached answer.
/// - In ``UpstreamMode/naive`` (a benchmark baseline) none of this happens: every read and lookup is its own call
///   the moment its resolver asks.
///
/// One instance per request and user: it holds that user's ``ServiceNowClient`` and never sees another user's
/// reads. Writes do not go through it; after one, ``invalidate()`` forgets what was read.
public final class ServiceNowLoaders: Sendable {
    enum Key: Hashable, Sendable {
        case read(UpstreamRequest)
        case lookup(RecordLookup)
    }

    enum Value: Sendable {
        case response(UpstreamResponse)
        case records([JSONObject])
    }

    private let loader: DataLoader<Key, Value>
    private let memory: RequestMemory
    private let cache: (any UpstreamReadCache)?
    private let client: ServiceNowClient
    /// How reads are made.
    public let mode: UpstreamMode

    /// Loaders on `scheduler` reading through `client`, and through `cache` when given (never in
    /// ``UpstreamMode/naive``).
    public init(
        client: ServiceNowClient,
        cache: (any UpstreamReadCache)? = nil,
        mode: UpstreamMode = .batched,
        scheduler: BatchScheduler
    ) {
        let memory = RequestMemory()
        let cache = mode == .batched ? cache : nil
        self.memory = memory
        self.cache = cache
        self.client = client
        self.mode = mode
        loader = DataLoader(scheduler: scheduler) { keys in
            await Self.round(keys, client: client, cache: cache, memory: memory)
        }
    }

    /// How many round trips this request has made for reads.
    public var roundTrips: Int {
        memory.state.withLock { $0.roundTrips }
    }

    /// Reads `request`: from this request's memory or the user's cache when possible, otherwise in the next
    /// dispatch round (in naive mode: at once, on its own).
    public func read(_ request: UpstreamRequest) async throws(ServiceNowError) -> UpstreamResponse {
        if mode == .naive {
            memory.state.withLock { $0.roundTrips += 1 }
            return try await client.perform(request)
        }
        let value: Value
        do {
            value = try await loader.load(.read(request))
        } catch {
            throw Self.serviceNowError(error)
        }
        guard case .response(let response) = value else { throw Self.mixUp }
        return response
    }

    /// The records of `group` whose key field equals `value` (empty when none is visible), in ServiceNow's order.
    public func records(_ group: RecordLookup.Group, value: String) async throws(ServiceNowError) -> [JSONObject] {
        if mode == .naive {
            let lookup = RecordLookup(group, value: value)
            guard let read = RecordLookup.reads(for: [lookup]).first else { return [] }
            memory.state.withLock { $0.roundTrips += 1 }
            let outcome: Result<UpstreamResponse, ServiceNowError>
            do {
                outcome = .success(try await client.perform(read.request))
            } catch {
                outcome = .failure(error)
            }
            return try RecordLookup.distribute(outcome, of: read)[value]?.get() ?? []
        }
        let result: Value
        do {
            result = try await loader.load(.lookup(RecordLookup(group, value: value)))
        } catch {
            throw Self.serviceNowError(error)
        }
        guard case .records(let records) = result else { throw Self.mixUp }
        return records
    }

    /// Forgets every answer of this request and of the user's cache, after a write changed ServiceNow.
    public func invalidate() {
        loader.clearAll()
        memory.state.withLock { $0.answers.removeAll() }
        cache?.invalidateAll()
    }

    // MARK: The dispatch round

    /// Answers remembered for the rest of the request, the round-trip count, and whether the credentials were
    /// checked before a cached answer was used.
    final class RequestMemory: Sendable {
        struct State {
            var answers: [UpstreamRequest: Result<UpstreamResponse, ServiceNowError>] = [:]
            var roundTrips = 0
            var credentialsChecked = false
        }

        let state = Mutex(State())
    }

    private static let mixUp = ServiceNowError(.unavailable, "The gateway mixed up two ServiceNow reads.")

    /// One dispatch round: every distinct upstream request the keys need, answered from memory, the cache, a read
    /// in flight for the same user, or one round trip for the rest.
    private static func round(
        _ keys: [Key],
        client: ServiceNowClient,
        cache: (any UpstreamReadCache)?,
        memory: RequestMemory
    ) async -> [Result<Value, any Error>] {
        let lookups = keys.compactMap { key -> RecordLookup? in
            if case .lookup(let lookup) = key { return lookup }
            return nil
        }
        let reads = RecordLookup.reads(for: lookups)
        var needed: [UpstreamRequest] = []
        var seen = Set<UpstreamRequest>()
        for key in keys {
            if case .read(let request) = key, seen.insert(request).inserted { needed.append(request) }
        }
        for read in reads where seen.insert(read.request).inserted { needed.append(read.request) }

        let answers = await answer(needed, client: client, cache: cache, memory: memory)
        var lookupResults: [RecordLookup: Result<[JSONObject], ServiceNowError>] = [:]
        for read in reads {
            let outcome = answers[read.request] ?? .failure(unanswered)
            for (value, result) in RecordLookup.distribute(outcome, of: read) {
                lookupResults[RecordLookup(read.group, value: value)] = result
            }
        }
        return keys.map { key -> Result<Value, any Error> in
            switch key {
            case .read(let request):
                return (answers[request] ?? .failure(unanswered)).map(Value.response).mapError { $0 }
            case .lookup(let lookup):
                return (lookupResults[lookup] ?? .failure(unanswered)).map(Value.records).mapError { $0 }
            }
        }
    }

    private static let unanswered = ServiceNowError(.unavailable, "ServiceNow did not answer part of the request.")

    private static func answer(
        _ requests: [UpstreamRequest],
        client: ServiceNowClient,
        cache: (any UpstreamReadCache)?,
        memory: RequestMemory
    ) async -> [UpstreamRequest: Result<UpstreamResponse, ServiceNowError>] {
        var answers: [UpstreamRequest: Result<UpstreamResponse, ServiceNowError>] = [:]
        var cached: [UpstreamRequest: UpstreamResponse] = [:]
        var toSend: [(request: UpstreamRequest, ticket: ReadTicket?)] = []
        var toJoin: [(UpstreamRequest, PendingRead)] = []
        var toRefresh: [ReadTicket] = []
        let remembered = memory.state.withLock { state in requests.map { state.answers[$0] } }
        for (request, known) in zip(requests, remembered) {
            if let known {
                answers[request] = known
                continue
            }
            guard let cache else {
                toSend.append((request, nil))
                continue
            }
            switch cache.claim(request) {
            case .cached(let response): cached[request] = response
            case .stale(let response, let refresh):
                cached[request] = response
                if let refresh { toRefresh.append(refresh) }
            case .inFlight(let pending): toJoin.append((request, pending))
            case .claimed(let ticket): toSend.append((request, ticket))
            }
        }
        // Whatever comes from the cache (or from another request's read) is served only to a user whose
        // credentials still hold: a disconnected or refused user gets the refusal, not what was cached.
        if let cache, !cached.isEmpty || !toJoin.isEmpty,
            case .failure(let refusal) = await checkCredentials(client: client, memory: memory)
        {
            for request in cached.keys { answers[request] = .failure(refusal) }
            for (request, _) in toJoin { answers[request] = .failure(refusal) }
            // Completed here only if no request took the refresh over meanwhile (then it is that request's).
            for ticket in toRefresh where ticket.read.becomeReader() { cache.complete(ticket, with: .failure(refusal)) }
            cached = [:]
            toJoin = []
            toRefresh = []
        }
        for (request, response) in cached { answers[request] = .success(response) }
        if let cache, !toRefresh.isEmpty { cache.refresh(toRefresh, through: client) }

        let sending = toSend
        let joining = toJoin
        if !sending.isEmpty { memory.state.withLock { $0.roundTrips += 1 } }
        let fetched = await withTaskGroup(of: [(UpstreamRequest, Result<UpstreamResponse, ServiceNowError>)].self) {
            group in
            if !sending.isEmpty {
                group.addTask {
                    let outcomes = await client.batch(sending.map(\.request))
                    for (sent, outcome) in zip(sending, outcomes) {
                        if let ticket = sent.ticket { cache?.complete(ticket, with: outcome) }
                    }
                    return Array(zip(sending.map(\.request), outcomes))
                }
            }
            for (request, pending) in joining {
                group.addTask { [(request, await pending.outcome())] }
            }
            var all: [(UpstreamRequest, Result<UpstreamResponse, ServiceNowError>)] = []
            for await part in group { all += part }
            return all
        }
        for (request, outcome) in fetched { answers[request] = outcome }
        memory.state.withLock { state in
            for (request, outcome) in fetched { state.answers[request] = outcome }
        }
        return answers
    }

    /// Checks once per request that the user's credentials still give a token.
    private static func checkCredentials(
        client: ServiceNowClient,
        memory: RequestMemory
    ) async -> Result<Void, ServiceNowError> {
        if memory.state.withLock({ $0.credentialsChecked }) { return .success(()) }
        do {
            try await client.checkCredentials()
        } catch {
            return .failure(error)
        }
        memory.state.withLock { $0.credentialsChecked = true }
        return .success(())
    }

    /// A loader failure as the field should show it: ServiceNow's own errors as they are; cancellation and the
    /// scheduler's refusals (which only a finished or cancelled execution causes) as unavailability.
    static func serviceNowError(_ error: any Error) -> ServiceNowError {
        if let error = error as? ServiceNowError { return error }
        if error is CancellationError { return ServiceNowError(.unavailable, "The request was cancelled.") }
        return ServiceNowError(.unavailable, "ServiceNow could not be asked.")
    }
}
