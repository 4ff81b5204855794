import JSON
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

    static func store(_ clock: TestClock, ttl: Duration = .seconds(5), perUser: Int = 64) -> ReadCacheStore {
        ReadCacheStore(configuration: .init(ttl: ttl, maxEntriesPerUser: perUser)) { clock.now }
    }

    /// A fresh request's session for `userName` with the store's view of that user.
    static func context(
        _ setup: SimulatorSetup,
        _ userName: String,
        credentials: TestCredentials,
        store: ReadCacheStore
    )
        throws -> ServiceNowContext
    {
        let client = try ServiceNowClient(instanceURL: setup.baseURL, http: setup.http, credentials: credentials)
        return .connected(ServiceNowSession(client: client, cache: store.cache(for: credentials.subject)))
    }

    @Test func aRenderWithinTheTTLCostsNoRoundTrip() async throws {
        try await SimulatorSetup.run { setup in
            let clock = TestClock()
            let store = Self.store(clock)
            let credentials = try setup.credentials("beth.anglin")
            let first = try await WidgetTests.render(
                try Self.context(setup, "beth.anglin", credentials: credentials, store: store)
            )
            #expect(setup.control.requests.count == 1)
            clock.advance(by: .seconds(4))
            let second = try await WidgetTests.render(
                try Self.context(setup, "beth.anglin", credentials: credentials, store: store),
                waitingFor: 0
            )
            #expect(second == first)
            #expect(setup.control.requests.count == 1)
            clock.advance(by: .seconds(2))
            _ = try await WidgetTests.render(
                try Self.context(setup, "beth.anglin", credentials: credentials, store: store)
            )
            #expect(setup.control.requests.count == 2)
        }
    }

    @Test func usersNeverShareEntries() async throws {
        try await SimulatorSetup.run { setup in
            let store = Self.store(TestClock())
            let abel = try setup.credentials("abel.tuter")
            let beth = try setup.credentials("beth.anglin")
            let abelView = try await WidgetTests.render(
                try Self.context(setup, "abel.tuter", credentials: abel, store: store)
            )
            // The same upstream requests (the "mine" filters do not name the user), but beth's own answers.
            let bethView = try await WidgetTests.render(
                try Self.context(setup, "beth.anglin", credentials: beth, store: store)
            )
            #expect(abelView[0]["sysId"]?.stringValue == (try setup.userID("abel.tuter")))
            #expect(bethView[0]["sysId"]?.stringValue == (try setup.userID("beth.anglin")))
            #expect(setup.control.requests(withAccessToken: try beth.currentToken()).count == 1)
            #expect(abelView[1] != bethView[1])
        }
    }

    @Test func theUsersOwnWriteEmptiesTheirEntries() async throws {
        try await SimulatorSetup.run { setup in
            let store = Self.store(TestClock())
            let abel = try setup.credentials("abel.tuter")
            let beth = try setup.credentials("beth.anglin")
            let before = try await WidgetTests.render(
                try Self.context(setup, "abel.tuter", credentials: abel, store: store)
            )
            _ = try await WidgetTests.render(try Self.context(setup, "beth.anglin", credentials: beth, store: store))
            let writing = try Self.context(setup, "abel.tuter", credentials: abel, store: store)
            let payload = try await ServiceNowFields.createIncident(
                writing,
                arguments: ["input": ["shortDescription": "Cache test"]],
                selection: selection("incident { number }")
            )
            let number = try #require(payload["incident"]?["number"]?.stringValue)
            let count = setup.control.requests.count
            let after = try await WidgetTests.render(
                try Self.context(setup, "abel.tuter", credentials: abel, store: store)
            )
            #expect(setup.control.requests.count == count + 1)
            #expect(after[1]["totalCount"]?.intValue == (before[1]["totalCount"]?.intValue ?? 0) + 1)
            #expect(after[1]["nodes"]?[0]?["number"]?.stringValue == number)
            // beth's entries are untouched by abel's write.
            _ = try await WidgetTests.render(
                try Self.context(setup, "beth.anglin", credentials: beth, store: store),
                waitingFor: 0
            )
            #expect(setup.control.requests.count == count + 1)
        }
    }

    @Test func errorsAreNotKept() async throws {
        try await SimulatorSetup.run { setup in
            let store = Self.store(TestClock())
            let credentials = try setup.credentials("abel.tuter")
            setup.control.inject(.serviceUnavailable(count: 1))
            await #expect(throws: (any Error).self) {
                _ = try await WidgetTests.render(
                    try Self.context(setup, "abel.tuter", credentials: credentials, store: store)
                )
            }
            #expect(store.entryCount == 0)
            _ = try await WidgetTests.render(
                try Self.context(setup, "abel.tuter", credentials: credentials, store: store)
            )
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
            let one = try Self.context(setup, "beth.anglin", credentials: credentials, store: store)
            let two = try Self.context(setup, "beth.anglin", credentials: credentials, store: store)
            let request = ServiceNowAPI.list(TableQuery(table: "incident", fields: ["number"], limit: 3, count: true))
            let loadersOne = try #require(one.loaders)
            let loadersTwo = try #require(two.loaders)
            async let first = loadersOne.batcher.load(request)
            async let second = loadersTwo.batcher.load(request)
            while loadersOne.batcher.queuedReads + loadersTwo.batcher.queuedReads < 2 { await Task.yield() }
            async let dispatchOne: Void = loadersOne.dispatch()
            // The first request's call is parked in the simulator's latency until the clock moves.
            while simulatorClock.sleeperCount < 1 { await Task.yield() }
            async let dispatchTwo: Void = loadersTwo.dispatch()
            for _ in 0..<50 { await Task.yield() }
            simulatorClock.advance(by: .milliseconds(100))
            _ = await (dispatchOne, dispatchTwo)
            let (a, b) = try await (first, second)
            #expect(a == b)
            #expect(setup.control.requests.count == 1)
            #expect(loadersTwo.batcher.roundTrips == 0)
        }
    }

    @Test func aReadUnderWayDuringAnInvalidationIsNotKept() {
        let store = Self.store(TestClock())
        let cache = store.cache(for: "u")
        let request = UpstreamRequest(path: "/api/now/table/incident")
        guard case .claimed = cache.claim(request) else {
            Issue.record("the first claim must be the caller's")
            return
        }
        guard case .inFlight = cache.claim(request) else {
            Issue.record("a second claim must join")
            return
        }
        cache.invalidateAll()
        cache.complete(request, with: .success(UpstreamResponse(status: 200, body: ["result": []])))
        #expect(cache.cachedResponse(for: request) == nil)
        #expect(store.entryCount == 0)
    }

    @Test func entriesAreBoundedPerUser() {
        let clock = TestClock()
        let store = Self.store(clock, perUser: 3)
        let cache = store.cache(for: "u")
        let other = store.cache(for: "v")
        for index in 0..<5 {
            let request = UpstreamRequest(
                path: "/api/now/table/incident",
                query: [("sysparm_limit", String(index + 1))]
            )
            _ = cache.claim(request)
            cache.complete(request, with: .success(UpstreamResponse(status: 200, body: ["result": []])))
            clock.advance(by: .milliseconds(10))
        }
        #expect(store.entryCount == 3)
        let newest = UpstreamRequest(path: "/api/now/table/incident", query: [("sysparm_limit", "5")])
        #expect(cache.cachedResponse(for: newest) != nil)
        #expect(other.cachedResponse(for: newest) == nil)
        store.invalidate(subject: "u")
        #expect(store.entryCount == 0)
    }
}
