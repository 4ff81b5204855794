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

    static func store(_ clock: TestClock, ttl: Duration = .seconds(5), perUser: Int = 64) -> ReadCacheStore {
        ReadCacheStore(configuration: .init(ttl: ttl, maxEntriesPerUser: perUser)) { clock.now }
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
        let request = UpstreamRequest(path: "/api/now/table/incident")
        guard case .claimed = cache.claim(request) else {
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
        let response = UpstreamResponse(status: 200, body: ["result": []])
        cache.complete(request, with: .success(response))
        #expect(try await pending.outcome().get() == response)
        guard case .cached(let cached) = cache.claim(request) else {
            Issue.record("a finished read must be cached")
            return
        }
        #expect(cached == response)
    }

    @Test func aReadUnderWayDuringAnInvalidationIsNotKept() {
        let store = Self.store(TestClock())
        let cache = store.cache(for: "u")
        let request = UpstreamRequest(path: "/api/now/table/incident")
        _ = cache.claim(request)
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
