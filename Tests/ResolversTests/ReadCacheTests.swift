import JSON
import Schema
import ServiceNowSimulator
import Synchronization
import Testing

@testable import Resolvers

/// The per-user read cache (issue 7): zero round trips within the TTL, never shared between users, emptied by the
/// user's own writes, errors never kept, identical concurrent reads of one user coalesced.
@Suite struct ReadCacheTests {
    /// A clock the test moves by hand.
    final class TestClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(by duration: Duration) { instant.withLock { $0 += duration } }
    }

    static func store(
        _ clock: TestClock,
        ttl: Duration = .seconds(5),
        grace: Duration = .zero,
        perUser: Int = 64,
        maxBytes: Int = 64 << 20,
        maxQueuedRefreshes: Int = 1024
    ) -> ReadCacheStore {
        ReadCacheStore(
            configuration: .init(
                ttl: ttl,
                staleGrace: grace,
                maxEntriesPerUser: perUser,
                maxBytes: maxBytes,
                maxQueuedRefreshes: maxQueuedRefreshes
            )
        ) { clock.now }
    }

    /// A list read of `incident` that differs by its limit, and an answer to it.
    static func request(_ limit: Int) -> UpstreamRequest {
        UpstreamRequest(path: "/api/now/table/incident", query: [("sysparm_limit", String(limit))])
    }

    static let answer = UpstreamResponse(status: 200, body: ["result": []])

    /// Claims `request` for `cache` and completes it with `response`, as a round trip would.
    static func fill(_ cache: any UpstreamReadCache, _ request: UpstreamRequest, _ response: UpstreamResponse = answer)
    {
        guard case .claimed(let ticket) = cache.claim(request) else {
            Issue.record("expected to claim \(request)")
            return
        }
        cache.complete(ticket, with: .success(response))
    }

    /// Whether `cache` answers `request` fresh from memory (a claim that finds nothing is completed with a failure,
    /// which stores nothing).
    static func isCached(_ cache: any UpstreamReadCache, _ request: UpstreamRequest) -> Bool {
        switch cache.claim(request) {
        case .cached: return true
        case .claimed(let ticket):
            cache.complete(ticket, with: .failure(ServiceNowError(.unavailable, "test")))
            return false
        case .stale, .inFlight: return false
        }
    }

    static func render(
        _ setup: SimulatorSetup,
        _ credentials: TestCredentials,
        _ store: ReadCacheStore
    )
        async throws -> ExecutionResult
    {
        try await Harness.run(setup, credentials: credentials, cache: store, try WidgetTests.widgetQuery())
    }

    @Test func aRenderWithinTheTTLCostsNoRoundTrip() async throws {
        try await SimulatorSetup.run { setup in
            let clock = TestClock()
            let store = Self.store(clock)
            let credentials = try setup.credentials("beth.anglin")
            let first = try await Self.render(setup, credentials, store)
            #expect(first.errors.isEmpty)
            #expect(setup.control.requests.count == 1)
            clock.advance(by: .seconds(4))
            let second = try await Self.render(setup, credentials, store)
            #expect(second == first)
            #expect(setup.control.requests.count == 1)
            clock.advance(by: .seconds(2))
            _ = try await Self.render(setup, credentials, store)
            #expect(setup.control.requests.count == 2)
        }
    }

    @Test func usersNeverShareEntries() async throws {
        try await SimulatorSetup.run { setup in
            let store = Self.store(TestClock())
            let abel = try setup.credentials("abel.tuter")
            let beth = try setup.credentials("beth.anglin")
            let abelView = try await Self.render(setup, abel, store)
            // The same upstream requests (the "mine" filters do not name the user), but beth's own answers.
            let bethView = try await Self.render(setup, beth, store)
            #expect(abelView["viewer", "user", "name"] == "Abel Tuter")
            #expect(bethView["viewer", "user", "name"] == "Beth Anglin")
            #expect(setup.control.requests(withAccessToken: try beth.currentToken()).count == 1)
            #expect(abelView["incidents"] != bethView["incidents"])
        }
    }

    @Test func theUsersOwnWriteEmptiesTheirEntries() async throws {
        try await SimulatorSetup.run { setup in
            let store = Self.store(TestClock())
            let abel = try setup.credentials("abel.tuter")
            let beth = try setup.credentials("beth.anglin")
            let before = try await Self.render(setup, abel, store)
            _ = try await Self.render(setup, beth, store)
            let written = try await Harness.run(
                setup,
                credentials: abel,
                cache: store,
                #"mutation { createIncident(input: { shortDescription: "Cache test" }) { incident { number } } }"#
            )
            let number = try #require(written["createIncident", "incident", "number"]?.stringValue)
            let count = setup.control.requests.count
            let after = try await Self.render(setup, abel, store)
            #expect(setup.control.requests.count == count + 1)
            #expect(
                after["incidents", "totalCount"]?.intValue == (before["incidents", "totalCount"]?.intValue ?? 0) + 1
            )
            #expect(after["incidents", "nodes"]?[0]?["number"]?.stringValue == number)
            // beth's entries are untouched by abel's write.
            _ = try await Self.render(setup, beth, store)
            #expect(setup.control.requests.count == count + 1)
        }
    }

    @Test func errorsAreNotKept() async throws {
        try await SimulatorSetup.run { setup in
            let store = Self.store(TestClock())
            let credentials = try setup.credentials("abel.tuter")
            // A hibernation page: not retried (a 503 would be, and would be gone on the retry).
            setup.control.inject(.hibernating(count: 1))
            let failed = try await Self.render(setup, credentials, store)
            #expect(failed.errorCodes.allSatisfy { $0 == "SERVICENOW_UNAVAILABLE" })
            #expect(failed.errorCodes.count == 5)
            #expect(store.entryCount == 0)
            let fine = try await Self.render(setup, credentials, store)
            #expect(fine.errors.isEmpty)
            #expect(setup.control.requests.count == 2)
            #expect(store.entryCount == 5)
        }
    }

    @Test func identicalConcurrentReadsOfOneUserShareOneCall() async throws {
        let simulatorClock = ManualClock(start: SimulatorSeed.epoch)
        try await SimulatorSetup.run(clock: simulatorClock, latency: LatencyModel(roundTrip: .milliseconds(100))) {
            setup in
            let store = Self.store(TestClock())
            let credentials = try setup.credentials("beth.anglin")
            async let first = Self.render(setup, credentials, store)
            // The first render's call is parked in the simulator's latency until its clock moves.
            while simulatorClock.sleeperCount < 1 { await Task.yield() }
            async let second = Self.render(setup, credentials, store)
            for _ in 0..<200 { await Task.yield() }
            simulatorClock.advance(by: .milliseconds(100))
            let (a, b) = try await (first, second)
            #expect(a.errors.isEmpty)
            #expect(a == b)
            // Whether the second render joined the call in flight or found its answer cached, it made none.
            #expect(setup.control.requests.count == 1)
        }
    }

    @Test func aSecondClaimJoinsTheReadInFlight() async throws {
        let store = Self.store(TestClock())
        let cache = store.cache(for: "u")
        let request = Self.request(1)
        guard case .claimed(let ticket) = cache.claim(request) else {
            Issue.record("the first claim must be the caller's")
            return
        }
        guard case .inFlight(let pending) = cache.claim(request) else {
            Issue.record("a second claim must join")
            return
        }
        guard case .claimed = store.cache(for: "v").claim(request) else {
            Issue.record("another user's claim must not join")
            return
        }
        cache.complete(ticket, with: .success(Self.answer))
        #expect(try await pending.outcome().get() == Self.answer)
        guard case .cached(let cached) = cache.claim(request) else {
            Issue.record("a finished read must be cached")
            return
        }
        #expect(cached == Self.answer)
    }

    @Test func aReadUnderWayDuringAnInvalidationIsNeitherKeptNorJoined() async throws {
        let store = Self.store(TestClock())
        let cache = store.cache(for: "u")
        let request = Self.request(1)
        guard case .claimed(let before) = cache.claim(request) else {
            Issue.record("the first claim must be the caller's")
            return
        }
        cache.invalidateAll()
        // A read after the write must not be answered by the one begun before it.
        guard case .claimed(let after) = cache.claim(request) else {
            Issue.record("a read after an invalidation must not join one from before it")
            return
        }
        cache.complete(before, with: .success(UpstreamResponse(status: 200, body: ["result": ["old"]])))
        #expect(store.entryCount == 0)
        cache.complete(after, with: .success(Self.answer))
        guard case .cached(let cached) = cache.claim(request) else {
            Issue.record("the read after the write is kept")
            return
        }
        #expect(cached == Self.answer)
        #expect(try await before.read.outcome().get().body == ["result": ["old"]])
    }

    @Test func anInvalidationOfEveryoneDropsReadsUnderWay() {
        let store = Self.store(TestClock())
        let cache = store.cache(for: "u")
        guard case .claimed(let ticket) = cache.claim(Self.request(1)) else {
            Issue.record("the first claim must be the caller's")
            return
        }
        Self.fill(store.cache(for: "v"), Self.request(2))
        #expect(store.entryCount == 1)
        store.invalidateAll()
        #expect(store.entryCount == 0)
        cache.complete(ticket, with: .success(Self.answer))
        #expect(store.entryCount == 0)
        #expect(store.byteCount == 0)
    }

    @Test func entriesAreBoundedPerUser() {
        let clock = TestClock()
        let store = Self.store(clock, perUser: 3)
        let cache = store.cache(for: "u")
        let other = store.cache(for: "v")
        for index in 1...5 {
            Self.fill(cache, Self.request(index))
            clock.advance(by: .milliseconds(10))
        }
        #expect(store.entryCount == 3)
        #expect(Self.isCached(cache, Self.request(5)))
        #expect(!Self.isCached(cache, Self.request(1)))
        #expect(!Self.isCached(other, Self.request(5)))
        store.invalidate(subject: "u")
        #expect(store.entryCount == 0)
    }

    @Test func theLeastRecentlyUsedGoFirstWhenTheBytesRunOut() {
        let one = ReadCacheStore.estimatedBytes(Self.answer)
        let store = Self.store(TestClock(), maxBytes: one * 3)
        let users = ["a", "b", "c"].map { store.cache(for: $0) }
        for user in users { Self.fill(user, Self.request(1)) }
        // a's entry is used again, so b's is now the least recently used.
        #expect(Self.isCached(users[0], Self.request(1)))
        Self.fill(store.cache(for: "d"), Self.request(1))
        #expect(store.entryCount == 3)
        #expect(store.byteCount == one * 3)
        #expect(Self.isCached(users[0], Self.request(1)))
        #expect(!Self.isCached(users[1], Self.request(1)))
        #expect(Self.isCached(users[2], Self.request(1)))
    }

    @Test func anAnswerLargerThanTheBudgetIsNotKept() {
        let store = Self.store(TestClock(), maxBytes: 100)
        let cache = store.cache(for: "u")
        Self.fill(
            cache,
            Self.request(1),
            UpstreamResponse(status: 200, body: ["result": .string(String(repeating: "x", count: 200))])
        )
        #expect(store.entryCount == 0)
        #expect(store.byteCount == 0)
    }

    // MARK: Stale-while-revalidate

    @Test func aStaleAnswerIsServedAndRefreshedOnceInTheBackground() async throws {
        try await SimulatorSetup.run { setup in
            let clock = TestClock()
            let store = Self.store(clock, ttl: .seconds(5), grace: .seconds(10))
            let credentials = try setup.credentials("beth.anglin")
            let first = try await Self.render(setup, credentials, store)
            #expect(first.errors.isEmpty)
            #expect(setup.control.requests.count == 1)
            clock.advance(by: .seconds(6))
            // Two renders past the TTL, before the refresher runs: both get the stale answer at once, and only the
            // first queues a refresh.
            let stale = try await Self.render(setup, credentials, store)
            let again = try await Self.render(setup, credentials, store)
            #expect(stale == first)
            #expect(again == first)
            #expect(setup.control.requests.count == 1)
            #expect(store.refresher.queuedCount == 1)
            await withDiscardingTaskGroup { group in
                group.addTask { await store.run() }
                await store.refresher.waitUntilIdle()
                group.cancelAll()
            }
            // One Batch call with every stale read of the render, made with the user's own token.
            let log = setup.control.requests
            #expect(log.count == 2)
            #expect(log.last?.batchItems.count == 5)
            #expect(log.last?.accessToken == (try credentials.currentToken()))
            // Fresh again: no round trip for the next render.
            let fresh = try await Self.render(setup, credentials, store)
            #expect(fresh == first)
            #expect(setup.control.requests.count == 2)
        }
    }

    @Test func pastTheGraceWindowAnEntryIsAMiss() {
        let clock = TestClock()
        let store = Self.store(clock, ttl: .seconds(5), grace: .seconds(10))
        let cache = store.cache(for: "u")
        Self.fill(cache, Self.request(1))
        clock.advance(by: .seconds(14))
        guard case .stale(_, let refresh?) = cache.claim(Self.request(1)) else {
            Issue.record("within the grace window the answer is stale and the first claim refreshes it")
            return
        }
        guard case .stale(_, nil) = cache.claim(Self.request(1)) else {
            Issue.record("a second claim serves stale without another refresh")
            return
        }
        clock.advance(by: .seconds(2))
        // Past the grace window: a miss. The refresh has not started, so the claim takes its read over (one read,
        // not two) rather than waiting behind the refresher's queue.
        guard case .claimed(let takenOver) = cache.claim(Self.request(1)) else {
            Issue.record("past the grace window a claim must not be served the stale answer, nor wait for the queue")
            return
        }
        #expect(takenOver.read === refresh.read)
        #expect(!refresh.read.becomeReader(), "the queued refresh must find its read taken")
        // A further claim joins the read that is now under way.
        guard case .inFlight(let pending) = cache.claim(Self.request(1)) else {
            Issue.record("a read under way is joined")
            return
        }
        #expect(pending === refresh.read)
        cache.complete(takenOver, with: .success(Self.answer))
        #expect(store.entryCount == 1)
        #expect(Self.isCached(cache, Self.request(1)))
    }

    @Test func aReadUnderWayIsJoinedNotTakenOver() {
        let clock = TestClock()
        let store = Self.store(clock, ttl: .seconds(5), grace: .seconds(10))
        let cache = store.cache(for: "u")
        guard case .claimed(let ticket) = cache.claim(Self.request(1)) else {
            Issue.record("the first claim reads")
            return
        }
        // A read made by a request (not a queued refresh) is never taken over.
        guard case .inFlight = cache.claim(Self.request(1)) else {
            Issue.record("a second claim joins the first read")
            return
        }
        #expect(!ticket.read.becomeReader())
        cache.complete(ticket, with: .success(Self.answer))
        #expect(Self.isCached(cache, Self.request(1)))
    }

    @Test func aMissDoesNotWaitForARefreshStillQueued() async throws {
        try await SimulatorSetup.run { setup in
            let clock = TestClock()
            let store = Self.store(clock, ttl: .seconds(5), grace: .seconds(10))
            let credentials = try setup.credentials("beth.anglin")
            let first = try await Self.render(setup, credentials, store)
            clock.advance(by: .seconds(6))
            // Stale: served at once, and a refresh queued. The refresher is not running, as when every worker is busy
            // with earlier refreshes.
            #expect(try await Self.render(setup, credentials, store) == first)
            #expect(store.refresher.queuedCount == 1)
            #expect(setup.control.requests.count == 1)
            clock.advance(by: .seconds(10))
            // Past the grace window with the refresh still queued: the render sends the reads itself, now. (Without
            // the takeover it joins the queued refresh and waits for the refresher, which is not running: after a
            // generous wait, recorded as a failure, and the refresher is started so the test ends.)
            enum Finished {
                case render(ExecutionResult?)
                case waitedForTheQueue
            }
            let finished = await withTaskGroup(of: Finished.self) { group in
                group.addTask { .render(try? await Self.render(setup, credentials, store)) }
                group.addTask {
                    try? await Task.sleep(for: .seconds(30))
                    return .waitedForTheQueue
                }
                let winner = await group.next()
                if case .waitedForTheQueue = winner {
                    group.addTask {
                        await store.run()
                        return .waitedForTheQueue
                    }
                    _ = await group.next()
                }
                group.cancelAll()
                return winner
            }
            guard case .render(let late) = finished else {
                Issue.record("a render past the grace window waited for the background refresh queue")
                return
            }
            #expect(late == first)
            #expect(setup.control.requests.count == 2)
            // The queued refresh then finds every read taken and makes no call.
            await withDiscardingTaskGroup { group in
                group.addTask { await store.run() }
                await store.refresher.waitUntilIdle()
                group.cancelAll()
            }
            #expect(setup.control.requests.count == 2)
            // What the render read was stored: the next render is served fresh.
            #expect(try await Self.render(setup, credentials, store) == first)
            #expect(setup.control.requests.count == 2)
            #expect(store.entryCount == 5)
        }
    }

    @Test func aFailedRefreshDropsTheStaleAnswer() {
        let clock = TestClock()
        let store = Self.store(clock, ttl: .seconds(5), grace: .seconds(10))
        let cache = store.cache(for: "u")
        Self.fill(cache, Self.request(1))
        clock.advance(by: .seconds(6))
        guard case .stale(_, let refresh?) = cache.claim(Self.request(1)) else {
            Issue.record("the answer is stale")
            return
        }
        cache.complete(refresh, with: .failure(ServiceNowError(.accessDenied, "no longer yours")))
        #expect(store.entryCount == 0)
        guard case .claimed = cache.claim(Self.request(1)) else {
            Issue.record("after a failed refresh the next read goes to ServiceNow")
            return
        }
    }

    @Test func aRefreshThatCannotBeQueuedLeavesTheStaleAnswer() async throws {
        try await SimulatorSetup.run { setup in
            let clock = TestClock()
            let store = Self.store(clock, grace: .seconds(10), maxQueuedRefreshes: 0)
            let credentials = try setup.credentials("abel.tuter")
            let first = try await Self.render(setup, credentials, store)
            clock.advance(by: .seconds(6))
            #expect(try await Self.render(setup, credentials, store) == first)
            #expect(store.refresher.queuedCount == 0)
            // The refresh was abandoned, so the next render may try again, and is still served at once.
            #expect(try await Self.render(setup, credentials, store) == first)
            #expect(setup.control.requests.count == 1)
            #expect(store.entryCount == 5)
        }
    }

    @Test func aUserWhoseCredentialsRefuseGetsNothingFromTheCache() async throws {
        try await SimulatorSetup.run { setup in
            let store = Self.store(TestClock())
            let credentials = try setup.credentials("abel.tuter")
            let first = try await Self.render(setup, credentials, store)
            #expect(first.errors.isEmpty)
            credentials.refusing.withLock { $0 = true }
            let refused = try await Self.render(setup, credentials, store)
            #expect(refused["viewer", "user"] == .null)
            #expect(refused["incidents"] == .null)
            #expect(refused.errorCodes.contains("SERVICENOW_AUTH_REQUIRED"))
            #expect(setup.control.requests.count == 1)
        }
    }

    @Test func theRefresherAbandonsWhatIsQueuedWhenItStops() async {
        let refresher = ReadCacheRefresher(maxConcurrent: 1, maxQueued: 4)
        let ran = Mutex(0)
        let abandoned = Mutex(0)
        let job = ReadCacheRefresher.Job(
            run: { ran.withLock { $0 += 1 } },
            abandon: { abandoned.withLock { $0 += 1 } }
        )
        #expect(refresher.submit(job))
        #expect(refresher.submit(job))
        await withDiscardingTaskGroup { group in
            group.addTask { await refresher.run() }
            await refresher.waitUntilIdle()
            group.cancelAll()
        }
        #expect(ran.withLock { $0 } == 2)
        // Stopped: a later job is abandoned at once.
        #expect(!refresher.submit(job))
        #expect(abandoned.withLock { $0 } == 1)
    }
}
