import Foundation
import Synchronization
import Testing

@testable import Gateway

/// The in-memory front of the gateway store (issue 7): what every request reads comes from memory, every write made
/// through it is seen at once, a change made behind its back is seen after `maxAge`, and a user's connection
/// changing is reported.
@Suite struct CachingGatewayStoreTests {
    /// A monotonic clock the test moves by hand.
    final class TestClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(by duration: Duration) { instant.withLock { $0 += duration } }
    }

    /// What the cache reported.
    final class Changes: Sendable {
        let users = Mutex<[String]>([])
        let everything = Mutex(0)
    }

    struct Fixture {
        let directory: TemporaryDirectory
        let base: SQLiteGatewayStore
        let cache: CachingGatewayStore
        let clock: TestClock
        let wallClock: ManualClock
        let changes: Changes

        /// `maxAge` nil: the gateway's default.
        init(maxAge: Duration? = .seconds(2)) async throws {
            let clock = TestClock()
            let wallClock = ManualClock()
            let changes = Changes()
            self.clock = clock
            self.wallClock = wallClock
            self.changes = changes
            directory = try TemporaryDirectory()
            base = try await SQLiteGatewayStore(path: directory.file("g.sqlite"), key: .generate(), clock: wallClock)
            cache = CachingGatewayStore(
                base: base,
                maxAge: maxAge ?? CachingGatewayStore.defaultMaxAge,
                onUserChanged: { subject in changes.users.withLock { $0.append(subject) } },
                onEverythingChanged: { changes.everything.withLock { $0 += 1 } },
                now: { clock.now }
            )
        }

        @discardableResult
        func configure(through store: any GatewayStore) async throws -> Int64 {
            try await store.saveServiceNowConfiguration(
                ServiceNowConfigurationInput(
                    instanceURL: "https://example.service-now.com",
                    clientID: "client",
                    clientSecret: "SECRET-1"
                ),
                by: "admin"
            ).configuration.version
        }

        func tokens(_ subject: String, version: Int64, access: String = "ACCESS-1") -> UserTokens {
            UserTokens(
                subject: subject,
                accessToken: access,
                accessTokenExpiresAt: wallClock.now().addingTimeInterval(1800),
                refreshToken: "REFRESH-1",
                refreshTokenExpiresAt: nil,
                scope: "useraccount",
                connectedAt: wallClock.now(),
                configurationVersion: version,
                profile: UserProfile(name: subject, email: nil, serviceNowUserID: nil)
            )
        }
    }

    @Test func readsComeFromMemoryUntilTheyAge() async throws {
        let fixture = try await Fixture()
        let version = try await fixture.configure(through: fixture.cache)
        try await fixture.cache.saveTokens(fixture.tokens("alice", version: version))
        #expect(try await fixture.cache.tokens(subject: "alice")?.accessToken == "ACCESS-1")
        #expect(try await fixture.cache.serviceNowConfiguration()?.version == version)
        // Changed behind the cache's back (as a test can; another process cannot, DatabaseFileLockTests): still the
        // remembered values...
        #expect(try await fixture.base.deleteTokens(subject: "alice"))
        try await fixture.configure(through: fixture.base)
        #expect(try await fixture.cache.tokens(subject: "alice") != nil)
        #expect(try await fixture.cache.serviceNowConfiguration()?.version == version)
        // ...until they are older than maxAge.
        fixture.clock.advance(by: .seconds(3))
        #expect(try await fixture.cache.tokens(subject: "alice") == nil)
        #expect(try await fixture.cache.serviceNowConfiguration()?.version == version + 1)
        await fixture.base.close()
    }

    /// The gateway's default lifetime: a user who renders every minute or so reads their tokens from memory, not
    /// from the database thread with two AES-GCM openings each time (it was 2 s, which only back-to-back renders
    /// ever hit); after five minutes unused they are dropped from memory.
    @Test func theDefaultKeepsAUsersTokensForMinutes() async throws {
        let fixture = try await Fixture(maxAge: nil)
        let version = try await fixture.configure(through: fixture.cache)
        try await fixture.cache.saveTokens(fixture.tokens("alice", version: version))
        #expect(try await fixture.cache.tokens(subject: "alice")?.accessToken == "ACCESS-1")
        #expect(try await fixture.base.deleteTokens(subject: "alice"))
        fixture.clock.advance(by: .seconds(90))
        #expect(try await fixture.cache.tokens(subject: "alice")?.accessToken == "ACCESS-1")
        fixture.clock.advance(by: .seconds(211))
        #expect(try await fixture.cache.tokens(subject: "alice") == nil)
        await fixture.base.close()
    }

    @Test func writesThroughItAreSeenAtOnceAndReported() async throws {
        let fixture = try await Fixture()
        #expect(try await fixture.cache.serviceNowConfiguration() == nil)
        let version = try await fixture.configure(through: fixture.cache)
        #expect(try await fixture.cache.serviceNowConfiguration()?.version == version)
        #expect(fixture.changes.everything.withLock { $0 } == 1)

        #expect(try await fixture.cache.tokens(subject: "alice") == nil)
        try await fixture.cache.saveTokens(fixture.tokens("alice", version: version))
        #expect(try await fixture.cache.tokens(subject: "alice")?.accessToken == "ACCESS-1")

        // A refresh is the same account: seen at once, not reported.
        #expect(try await fixture.cache.updateRefreshedTokens(fixture.tokens("alice", version: version, access: "A2")))
        #expect(try await fixture.cache.tokens(subject: "alice")?.accessToken == "A2")

        #expect(try await fixture.cache.deleteTokens(subject: "alice"))
        #expect(try await fixture.cache.tokens(subject: "alice") == nil)

        try await fixture.cache.saveTokens(fixture.tokens("bob", version: version))
        #expect(try await fixture.cache.disconnectUser(subject: "bob", by: "admin"))
        #expect(try await fixture.cache.tokens(subject: "bob") == nil)
        #expect(fixture.changes.users.withLock { $0 } == ["alice", "alice", "bob", "bob"])

        // A new configuration disconnects everyone, in memory too.
        try await fixture.cache.saveTokens(fixture.tokens("carol", version: version))
        #expect(try await fixture.cache.tokens(subject: "carol") != nil)
        let next = try await fixture.configure(through: fixture.cache)
        #expect(try await fixture.cache.tokens(subject: "carol") == nil)
        #expect(try await fixture.cache.serviceNowConfiguration()?.version == next)
        #expect(fixture.changes.everything.withLock { $0 } == 2)

        #expect(try await fixture.cache.widgetSettings().showLogo)
        _ = try await fixture.cache.saveWidgetSettings(WidgetSettings(showLogo: false), by: "admin")
        #expect(try await fixture.cache.widgetSettings().showLogo == false)
        await fixture.base.close()
    }

    @Test func aRefresherReadsTheBackendUnderTheLock() async throws {
        let fixture = try await Fixture()
        let version = try await fixture.configure(through: fixture.cache)
        try await fixture.cache.saveTokens(fixture.tokens("alice", version: version))
        #expect(try await fixture.cache.tokens(subject: "alice")?.accessToken == "ACCESS-1")
        // Another replica refreshed: a refresher must see its token, not the one remembered here.
        #expect(try await fixture.base.updateRefreshedTokens(fixture.tokens("alice", version: version, access: "B")))
        let seen = try await fixture.cache.withRefreshLock(subject: "alice") {
            try await fixture.cache.tokens(subject: "alice")?.accessToken
        }
        #expect(seen == "B")
        #expect(try await fixture.cache.tokens(subject: "alice")?.accessToken == "B")
        await fixture.base.close()
    }

    @Test func theUsersKeptAreBounded() async throws {
        let fixture = try await Fixture()
        let cache = CachingGatewayStore(base: fixture.base, maxUsers: 3)
        for index in 0..<10 { _ = try await cache.tokens(subject: "user-\(index)") }
        #expect(cache.cachedUserCount <= 3)
        await fixture.base.close()
    }

    // MARK: Reads shared while in flight

    /// Waits (bounded) until `count` callers wait for the read of `subject` in flight.
    private static func waitForFollowers(_ count: Int, of subject: String, in cache: CachingGatewayStore) async {
        for _ in 0..<10_000 where cache.tokenReadFollowerCount(subject: subject) < count { await Task.yield() }
    }

    @Test func concurrentReadsOfOneUserShareOneBackendRead() async throws {
        let fixture = try await Fixture()
        let version = try await fixture.configure(through: fixture.base)
        try await fixture.base.saveTokens(fixture.tokens("alice", version: version))
        let holding = HoldingStore(base: fixture.base)
        let cache = CachingGatewayStore(base: holding, now: { fixture.clock.now })
        try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<6 { group.addTask { try await cache.tokens(subject: "alice")?.accessToken } }
            await Self.waitForFollowers(5, of: "alice", in: cache)
            #expect(cache.tokenReadFollowerCount(subject: "alice") == 5)
            holding.release()
            for try await token in group { #expect(token == "ACCESS-1") }
        }
        #expect(holding.tokenReads == 1)
        await fixture.base.close()
    }

    @Test func aReadAfterAWriteDoesNotJoinOneThatBeganBefore() async throws {
        let fixture = try await Fixture()
        let version = try await fixture.configure(through: fixture.base)
        let holding = HoldingStore(base: fixture.base)
        let cache = CachingGatewayStore(base: holding, now: { fixture.clock.now })
        let early = Task { try await cache.tokens(subject: "alice") }
        for _ in 0..<10_000 where holding.tokenReads == 0 { await Task.yield() }
        // The user connects while that read is held: a read from now on must see the new tokens.
        try await cache.saveTokens(fixture.tokens("alice", version: version))
        let late = Task { try await cache.tokens(subject: "alice")?.accessToken }
        for _ in 0..<10_000 where holding.tokenReads < 2 { await Task.yield() }
        #expect(holding.tokenReads == 2)
        holding.release()
        #expect(try await late.value == "ACCESS-1")
        _ = try await early.value
        // The early read's answer (whatever it saw) is not what the cache keeps.
        #expect(try await cache.tokens(subject: "alice")?.accessToken == "ACCESS-1")
        await fixture.base.close()
    }

    @Test func aCallerWhoseSharedReadWasCancelledReadsItself() async throws {
        let fixture = try await Fixture()
        let version = try await fixture.configure(through: fixture.base)
        try await fixture.base.saveTokens(fixture.tokens("alice", version: version))
        let holding = HoldingStore(base: fixture.base)
        let cache = CachingGatewayStore(base: holding, now: { fixture.clock.now })
        let leader = Task { try await cache.tokens(subject: "alice") }
        for _ in 0..<10_000 where holding.tokenReads == 0 { await Task.yield() }
        let follower = Task { try await cache.tokens(subject: "alice")?.accessToken }
        await Self.waitForFollowers(1, of: "alice", in: cache)
        leader.cancel()
        await #expect(throws: CancellationError.self) { try await leader.value }
        #expect(try await follower.value == "ACCESS-1")
        #expect(holding.tokenReads == 2)
        await fixture.base.close()
    }
}
