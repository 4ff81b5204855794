import Foundation
import PostgreSQL
import Synchronization
import Testing

@testable import Gateway

/// What replicas on one PostgreSQL database need beyond the shared contract (`GatewayStoreContractTests`): two
/// store instances here are two replicas, each with its own connections, listener and in-process locks.
@Suite struct PostgreSQLGatewayStoreTests {
    @Test func aSaveOnOneReplicaHidesEveryTokenFromTheOtherAtOnce() async throws {
        let fixture = try await StoreFixture(.postgresql)
        let a = fixture.store
        let b = try await fixture.openAnother()
        let version = try await fixture.configure().configuration.version
        try await a.saveTokens(fixture.tokens(for: "alice", version: version))
        #expect(try await b.tokens(subject: "alice")?.accessToken == "ACCESS-alice-a1b2")
        #expect(try await b.connectedUserCount() == 1)

        _ = try await a.saveServiceNowConfiguration(StoreFixture.input, by: "admin-2")
        // No waiting for a notification: B reads the shared database.
        #expect(try await b.tokens(subject: "alice") == nil)
        #expect(try await b.connectedUserCount() == 0)
        #expect(try await b.serviceNowConfiguration()?.version == version + 1)
        // And B cannot store a token obtained under the old version.
        let stale = await #expect(throws: StoreError.self) {
            try await b.saveTokens(fixture.tokens(for: "alice", version: version))
        }
        #expect(stale?.code == .configurationChanged)
        #expect(try await b.updateRefreshedTokens(fixture.tokens(for: "alice", version: version)) == false)
    }

    @Test func theOtherReplicaHearsEveryChange() async throws {
        let fixture = try await StoreFixture(.postgresql)
        let a = fixture.store
        let b = try await fixture.openAnother()
        var heardByB = b.changes().makeAsyncIterator()

        let version = try await fixture.configure().configuration.version
        _ = try await a.saveWidgetSettings(WidgetSettings(showLogo: false), by: "admin-1")
        let alice = fixture.tokens(for: "alice", version: version)
        try await a.saveTokens(alice)
        #expect(try await a.updateRefreshedTokens(alice))
        #expect(try await a.deleteTokens(subject: "alice"))
        try await a.saveTokens(fixture.tokens(for: "bob", version: version))
        #expect(try await a.disconnectUser(subject: "bob", by: "admin-1"))
        try await a.announceUserWrite(subject: "carol")

        var received: [StoreChange] = []
        while received.count < 8, let change = await next(&heardByB) {
            received.append(change)
        }
        #expect(
            received == [
                .configurationSaved(version: version),
                .widgetSettingsSaved,
                .tokensStored(subject: "alice"),
                .tokensStored(subject: "alice"),
                .userDisconnected(subject: "alice"),
                .tokensStored(subject: "bob"),
                .userDisconnected(subject: "bob"),
                .userWrote(subject: "carol"),
            ]
        )

        // A rolled-back change is never announced: the notification belongs to the transaction.
        try await fixture.makeAuditInsertsFail()
        await #expect(throws: StoreError.self) { try await fixture.configure() }
        try await b.announceUserWrite(subject: "marker")
        #expect(await next(&heardByB) == .userWrote(subject: "marker"))
    }

    @Test func refreshLocksAreHeldAcrossReplicas() async throws {
        let fixture = try await StoreFixture(.postgresql)
        let replicas = [fixture.store, try await fixture.openAnother(), try await fixture.openAnother()]
        let version = try await fixture.configure().configuration.version
        try await fixture.store.saveTokens(fixture.tokens(for: "alice", version: version, access: "ACCESS-0"))
        let occupancy = Occupancy()
        // Each holder does what a refresher does: read, "refresh" (a new access token one higher), store.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in 0..<12 {
                let store = replicas[round % replicas.count]
                group.addTask {
                    try await store.withRefreshLock(subject: "alice") {
                        occupancy.enter()
                        defer { occupancy.leave() }
                        let tokens = try #require(try await store.tokens(subject: "alice"))
                        let number = try #require(Int(tokens.accessToken.dropFirst("ACCESS-".count)))
                        try await Task.sleep(for: .milliseconds(5))
                        var refreshed = tokens
                        refreshed.accessToken = "ACCESS-\(number + 1)"
                        #expect(try await store.updateRefreshedTokens(refreshed))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(occupancy.maximum == 1)
        // Every holder saw the previous holder's refresh, whichever replica made it: no update was lost.
        #expect(try await fixture.store.tokens(subject: "alice")?.accessToken == "ACCESS-12")
    }

    @Test func otherUsersDoNotWaitForEachOther() async throws {
        let fixture = try await StoreFixture(.postgresql)
        let a = fixture.store
        let b = try await fixture.openAnother()
        let gate = Gate()
        // A holds alice's lock until B has taken and released bob's.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await a.withRefreshLock(subject: "alice") { await gate.wait() }
            }
            try await b.withRefreshLock(subject: "bob") {}
            gate.open()
            try await group.waitForAll()
        }
    }

    @Test func aWaitingRefreshIsCancellableAndTimesOut() async throws {
        let fixture = try await StoreFixture(.postgresql)
        let a = fixture.store
        var impatient = StoreFixture.testOptions
        impatient.refreshLockTimeout = .milliseconds(200)
        let b = try await fixture.openAnother(options: impatient)
        let c = try await fixture.openAnother()
        let held = Gate()
        let release = Gate()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await a.withRefreshLock(subject: "alice") {
                    held.open()
                    await release.wait()
                }
            }
            await held.wait()

            // B gives up after its lock timeout.
            let timedOut = await #expect(throws: StoreError.self) {
                try await b.withRefreshLock(subject: "alice") { Issue.record("B ran while A held the lock") }
            }
            #expect(timedOut?.code == .busy)

            // C waits until its task is cancelled, then stops waiting at once: the server cancels the wait.
            let waiter = Task {
                try await c.withRefreshLock(subject: "alice") { Issue.record("C ran while A held the lock") }
            }
            try await waitUntil { try await fixture.lockWaiters() == 1 }
            waiter.cancel()
            await #expect(throws: CancellationError.self) { try await waiter.value }
            try await waitUntil { try await fixture.lockWaiters() == 0 }

            release.open()
            try await group.waitForAll()
        }
        // Nothing is left locked: B takes the lock now without waiting.
        try await b.withRefreshLock(subject: "alice") {}
    }

    @Test func replicasMigratingAtOnceApplyEachMigrationOnce() async throws {
        let server = try await PostgreSQLTestServer.shared()
        let database = try await server.makeDatabase()
        let key = DataKey.generate()
        let stores = try await withThrowingTaskGroup(of: PostgreSQLGatewayStore.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await PostgreSQLGatewayStore(
                        url: server.url(database: database),
                        key: key,
                        options: StoreFixture.testOptions
                    )
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(stores.count == 4)
        let pool = ConnectionPool(configuration: server.configuration(database: database), maxConnections: 1)
        let names = try await pool.read { connection in
            try connection.query("SELECT name FROM schema_migrations ORDER BY position").map { try $0.text("name") }
        }
        #expect(names == ["0001_initial"])
        #expect(try await PostgreSQLGatewayStore.migrator.appliedMigrations(pool) == ["0001_initial"])
        await pool.close()
        for store in stores { await store.close() }
    }

    @Test func concurrentSavesNeverLeaveATokenOfAnOldVersionBehind() async throws {
        let fixture = try await StoreFixture(.postgresql)
        let a = fixture.store
        let b = try await fixture.openAnother()
        let version = try await fixture.configure().configuration.version
        // B connects users while A reconfigures: each token either lands before the purge (and is purged) or
        // is refused; none may survive under the old version.
        let connecting = (0..<40).map { fixture.tokens(for: "user-\($0)", version: version) }
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for tokens in connecting {
                group.addTask {
                    do {
                        try await b.saveTokens(tokens)
                        return true
                    } catch let error as StoreError where error.code == .configurationChanged {
                        return false
                    }
                }
            }
            group.addTask {
                _ = try await a.saveServiceNowConfiguration(StoreFixture.input, by: "admin-2")
                return false
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.count == 41)
        let stale = try await fixture.rawConnection().read { connection in
            try connection.queryFirst(
                """
                SELECT count(*) AS count FROM user_tokens
                WHERE configuration_version <> (SELECT version FROM servicenow_configuration)
                """
            )?.int("count")
        }
        #expect(stale == 0)
    }

    @Test func theDatabaseNeverHoldsASecretOrTokenInPlainText() async throws {
        let fixture = try await StoreFixture(.postgresql)
        let version = try await fixture.configure().configuration.version
        try await fixture.store.saveTokens(fixture.tokens(for: "alice", version: version))
        _ = try await fixture.store.createOAuthState(
            "StateValue9f8e7d",
            subject: "alice",
            codeVerifier: "VERIFIER-5a6b7c",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        // Every value of every row of every table, as raw bytes (bytea) or text.
        let stored = try await fixture.rawConnection().read { connection in
            let tables = try connection.query(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).map { try $0.text("tablename") }
            var bytes: [UInt8] = []
            for table in tables {
                // The table names come from the catalogue, not from input.
                for row in try connection.query("SELECT * FROM \(table)") {
                    for value in row.values {
                        switch value {
                        case .bytea(let raw): bytes += raw
                        case .text(let text): bytes += Array(text.utf8)
                        default: bytes += Array("\(value)".utf8)
                        }
                        bytes.append(0)
                    }
                }
            }
            return (tables, bytes)
        }
        #expect(
            stored.0 == [
                "audit_log", "oauth_states", "schema_migrations", "servicenow_configuration", "store_metadata",
                "user_tokens", "widget_settings",
            ]
        )
        #expect(contains(stored.1, "client-id-1"), "the search must find what is stored in clear")
        #expect(contains(stored.1, "alice@example.com"))
        for needle in [
            "CLIENT-SECRET-b7f3a9", "ACCESS-alice-a1b2", "REFRESH-alice-c3d4", "VERIFIER-5a6b7c", "StateValue9f8e7d",
            "snowgate data key check",
        ] {
            #expect(!contains(stored.1, needle), "\(needle) is in the database")
        }
    }

    @Test func aReplicaWithoutTheSharedKeyCannotStart() async throws {
        let missing = #expect(throws: EncryptionError.self) { try DataKey.requireEnvironment(nil) }
        #expect(missing?.code == .missingEnvironmentKey)
        #expect(missing?.message.contains("SNOWGATE_DATA_KEY") == true)
        let invalid = #expect(throws: EncryptionError.self) { try DataKey.requireEnvironment("not a key") }
        #expect(invalid?.code == .invalidEnvironmentKey)
        let text = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        let key = try DataKey.requireEnvironment(text)

        let fixture = try await StoreFixture(.postgresql, key: key)
        let version = try await fixture.configure().configuration.version
        try await fixture.store.saveTokens(fixture.tokens(for: "alice", version: version))
        // The same key from the same variable on another replica reads everything.
        let sameKey = try await fixture.openAnother(key: try DataKey.requireEnvironment(text + "\n"))
        #expect(try await sameKey.tokens(subject: "alice")?.refreshToken == "REFRESH-alice-c3d4")
        let otherKey = await #expect(throws: StoreError.self) { try await fixture.openAnother(key: .generate()) }
        #expect(otherKey?.code == .undecryptable)
    }

    @Test func aBadURLOrUnreachableServerIsAClearErrorWithoutThePassword() async throws {
        let malformed = await #expect(throws: StoreError.self) {
            try await PostgreSQLGatewayStore(url: "postgres://u:Secret-PW-123@h/d?sslmode=nope", key: .generate())
        }
        #expect(malformed?.code == .invalidArgument)
        #expect(malformed.map { !$0.message.contains("Secret-PW-123") } == true)

        let server = try await PostgreSQLTestServer.shared()
        let wrongPassword = await #expect(throws: StoreError.self) {
            try await PostgreSQLGatewayStore(
                url: "postgres://\(server.user):Wrong-PW-456@127.0.0.1:\(server.port)/postgres?sslmode=disable",
                key: .generate()
            )
        }
        #expect(wrongPassword?.code == .unavailable)
        #expect(wrongPassword.map { !$0.message.contains("Wrong-PW-456") } == true)
        #expect(wrongPassword.map { $0.message.contains("<redacted>") } == true)
    }

    @Test func replicasCarryOnAfterTheServerDropsTheirConnections() async throws {
        let fixture = try await StoreFixture(.postgresql)
        let a = fixture.store
        let b = try await fixture.openAnother()
        let version = try await fixture.configure().configuration.version
        try await a.saveTokens(fixture.tokens(for: "alice", version: version))
        var heardByB = b.changes().makeAsyncIterator()

        // What a server restart or a failover does to every session of the database.
        let server = try #require(fixture.server)
        _ = try await server.adminQuery(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            [.text(fixture.database)]
        )
        // Idle pooled connections are found dead and replaced without an error.
        #expect(try await b.tokens(subject: "alice")?.accessToken == "ACCESS-alice-a1b2")
        try await a.saveTokens(fixture.tokens(for: "bob", version: version))
        #expect(try await b.connectedUserCount() == 2)
        // B's listener says it may have missed changes, reconnects, and hears A again. (A's notifications sent
        // before the break, alice's tokens, may still arrive first.)
        var before: StoreChange?
        repeat {
            before = await next(&heardByB)
        } while before != nil && before != .feedInterrupted
        #expect(before == .feedInterrupted)
        #expect(await next(&heardByB) == .resynchronized)
        try await a.announceUserWrite(subject: "carol")
        var after: [StoreChange] = []
        while let change = await next(&heardByB) {
            after.append(change)
            if change == .userWrote(subject: "carol") { break }
        }
        #expect(after.last == .userWrote(subject: "carol"))
        #expect(try (fixture.postgreSQLStore).isChangeFeedConnected)
    }
}

extension StoreFixture {
    /// How many sessions on this fixture's database wait for an advisory lock.
    func lockWaiters() async throws -> Int {
        let server = try #require(server)
        let rows = try await server.adminQuery(
            """
            SELECT count(*) AS count FROM pg_locks AS l JOIN pg_database AS d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = $1
            """,
            [.text(database)]
        )
        return try rows.first?.int("count") ?? 0
    }
}

/// Polls `condition` until it holds (at most 5 s): for states only the server can report.
func waitUntil(_ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(5)
    while try await !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("The condition did not hold within 5 s")
            return
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// Counts how many bodies run at once, and the most ever seen.
final class Occupancy: Sendable {
    private let state = Mutex<(current: Int, maximum: Int)>((0, 0))
    func enter() {
        state.withLock {
            $0.current += 1
            $0.maximum = max($0.maximum, $0.current)
        }
    }
    func leave() { state.withLock { $0.current -= 1 } }
    var maximum: Int { state.withLock { $0.maximum } }
}

/// A one-shot signal tasks can wait for.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if isOpen { continuation.resume() }
        }
    }
}
