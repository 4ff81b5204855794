import Foundation
import JSON
import Synchronization
import Testing

@testable import Gateway

/// The `GatewayStore` contract: every test runs against every backend (SQLite and PostgreSQL), so both keep the
/// same semantics. What only one backend has is tested in `SQLiteGatewayStoreTests` and
/// `PostgreSQLGatewayStoreTests`.
@Suite struct GatewayStoreContractTests {
    // MARK: Configuration

    @Test(arguments: StoreBackend.allCases)
    func aFreshStoreIsEmpty(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        #expect(try await store.serviceNowConfiguration() == nil)
        #expect(try await store.serviceNowCredentials() == nil)
        #expect(try await store.widgetSettings() == .defaults)
        #expect(try await store.widgetSettings().showLogo)
        #expect(try await store.connectedUserCount() == 0)
        #expect(try await store.connectedUsers(limit: 10, offset: 0).isEmpty)
        #expect(try await store.tokens(subject: "alice") == nil)
        #expect(try await store.auditLog(limit: 10).isEmpty)
        try await store.checkHealth()
    }

    @Test(arguments: StoreBackend.allCases)
    func savingTheConfigurationBumpsTheVersionAndKeepsTheSecretApart(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let first = try await fixture.configure()
        #expect(first.configuration.version == 1)
        #expect(first.configuration.instanceURL == "https://example.service-now.com")
        #expect(first.configuration.clientID == "client-id-1")
        #expect(first.configuration.updatedBy == "admin-1")
        #expect(first.configuration.updatedAt == fixture.clock.now())
        #expect(first.disconnectedUsers == 0)
        #expect(try await fixture.store.serviceNowConfiguration() == first.configuration)

        let credentials = try #require(try await fixture.store.serviceNowCredentials())
        #expect(credentials.clientSecret == "CLIENT-SECRET-b7f3a9")
        #expect(credentials.configuration == first.configuration)
        #expect(!String(describing: credentials).contains("CLIENT-SECRET"))
        #expect(!String(describing: StoreFixture.input).contains("CLIENT-SECRET"))

        // Every save is an edit, even with the same values.
        fixture.clock.advance(by: 60)
        let second = try await fixture.configure(by: "admin-2")
        #expect(second.configuration.version == 2)
        #expect(second.configuration.updatedBy == "admin-2")
        #expect(second.configuration.updatedAt == fixture.clock.now())
    }

    @Test(arguments: StoreBackend.allCases)
    func emptyConfigurationFieldsAreRefused(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        for input in [
            ServiceNowConfigurationInput(instanceURL: "", clientID: "id", clientSecret: "secret"),
            ServiceNowConfigurationInput(
                instanceURL: "https://x.service-now.com",
                clientID: "",
                clientSecret: "secret"
            ),
            ServiceNowConfigurationInput(instanceURL: "https://x.service-now.com", clientID: "id", clientSecret: ""),
        ] {
            let error = await #expect(throws: StoreError.self) { try await fixture.configure(input) }
            #expect(error?.code == .invalidArgument)
        }
        let error = await #expect(throws: StoreError.self) { try await fixture.configure(by: "") }
        #expect(error?.code == .invalidArgument)
        #expect(try await fixture.store.serviceNowConfiguration() == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func savingTheConfigurationPurgesEveryUsersTokensAndStatesAtOnce(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        for subject in ["alice", "bob", "carol"] {
            try await store.saveTokens(fixture.tokens(for: subject, version: version))
        }
        _ = try await store.createOAuthState(
            "pendingState1",
            subject: "dave",
            codeVerifier: "verifier",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        #expect(try await store.connectedUserCount() == 3)

        let result = try await fixture.configure(
            ServiceNowConfigurationInput(
                instanceURL: "https://other.service-now.com",
                clientID: "client-id-2",
                clientSecret: "NEW-SECRET-77"
            )
        )
        #expect(result.disconnectedUsers == 3)
        #expect(result.configuration.version == version + 1)
        #expect(try await store.connectedUserCount() == 0)
        for subject in ["alice", "bob", "carol"] {
            #expect(try await store.tokens(subject: subject) == nil)
        }
        #expect(try await store.consumeOAuthState("pendingState1") == nil)
        #expect(try await store.serviceNowCredentials()?.clientSecret == "NEW-SECRET-77")

        // Tokens obtained under the old version can no longer be stored.
        let stale = await #expect(throws: StoreError.self) {
            try await store.saveTokens(fixture.tokens(for: "alice", version: version))
        }
        #expect(stale?.code == .configurationChanged)

        // The audit log has both saves, with the count, and never the secret.
        let log = try await store.auditLog(limit: 10)
        #expect(log.map(\.action) == ["configureServiceNow", "configureServiceNow"])
        #expect(log[0].details["disconnectedUsers"] == 3)
        #expect(log[0].details["instanceUrl"] == "https://other.service-now.com")
        #expect(log[0].details["clientId"] == "client-id-2")
        #expect(log[1].details["disconnectedUsers"] == 0)
        #expect(!log.contains { $0.details.serializedString().contains("SECRET") })
    }

    @Test(arguments: StoreBackend.allCases)
    func aFailureAtTheLastStepOfASaveUndoesThePurge(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        try await store.saveTokens(fixture.tokens(for: "alice", version: version))
        // The audit entry is the save's last statement: make it fail, as a full disk or a crash there would.
        try await fixture.makeAuditInsertsFail()
        await #expect(throws: StoreError.self) {
            try await fixture.configure(
                ServiceNowConfigurationInput(
                    instanceURL: "https://new.service-now.com",
                    clientID: "new",
                    clientSecret: "new"
                )
            )
        }
        #expect(try await store.serviceNowConfiguration()?.version == version)
        #expect(try await store.serviceNowCredentials()?.clientSecret == "CLIENT-SECRET-b7f3a9")
        #expect(try await store.tokens(subject: "alice")?.accessToken == "ACCESS-alice-a1b2")
        #expect(try await store.connectedUserCount() == 1)
    }

    @Test(arguments: StoreBackend.allCases)
    func aRestartKeepsEverything(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let version = try await fixture.configure().configuration.version
        try await fixture.store.saveTokens(fixture.tokens(for: "alice", version: version))
        _ = try await fixture.store.saveWidgetSettings(WidgetSettings(showLogo: false), by: "admin-1")
        _ = try await fixture.store.createOAuthState(
            "stateAcrossRestart",
            subject: "bob",
            codeVerifier: "verifier-bob",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        try await fixture.store.recordAudit(actor: "admin-1", action: "exportSomething", details: ["rows": 3])

        try await fixture.restart()
        let store = fixture.store
        #expect(try await store.serviceNowConfiguration()?.version == version)
        #expect(try await store.serviceNowCredentials()?.clientSecret == "CLIENT-SECRET-b7f3a9")
        #expect(try await store.widgetSettings() == WidgetSettings(showLogo: false))
        #expect(try await store.tokens(subject: "alice") == fixture.tokens(for: "alice", version: version))
        #expect(try await store.consumeOAuthState("stateAcrossRestart")?.codeVerifier == "verifier-bob")
        #expect(
            try await store.auditLog(limit: 10).map(\.action) == [
                "exportSomething", "updateWidgetSettings", "configureServiceNow",
            ]
        )
    }

    @Test(arguments: StoreBackend.allCases)
    func anotherDataKeyCannotReadTheSecrets(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let version = try await fixture.configure().configuration.version
        try await fixture.store.saveTokens(fixture.tokens(for: "alice", version: version))
        await fixture.store.close()
        switch backend {
        case .sqlite:
            // The key file sits beside the database, so a wrong key is a restored backup or a mistyped variable:
            // what is not secret still reads; the secrets fail loudly instead of yielding garbage.
            let wrongKey = try await fixture.openAnother(key: .generate())
            #expect(try await wrongKey.serviceNowConfiguration()?.version == version)
            let secret = await #expect(throws: StoreError.self) { try await wrongKey.serviceNowCredentials() }
            #expect(secret?.code == .undecryptable)
            let tokens = await #expect(throws: StoreError.self) { try await wrongKey.tokens(subject: "alice") }
            #expect(tokens?.code == .undecryptable)
        case .postgresql:
            // A replica with another key would fail every request it serves: it refuses to start instead.
            let error = await #expect(throws: StoreError.self) { try await fixture.openAnother(key: .generate()) }
            #expect(error?.code == .undecryptable)
            #expect(error?.message.contains("SNOWGATE_DATA_KEY") == true)
        }
    }

    // MARK: Tokens

    @Test(arguments: StoreBackend.allCases)
    func tokensBelongToTheirSubjectOnly(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        try await store.saveTokens(fixture.tokens(for: "alice", version: version))
        #expect(try await store.tokens(subject: "bob") == nil)
        #expect(try await store.tokens(subject: "Alice") == nil)
        #expect(try await store.tokens(subject: "alice ") == nil)
        try await store.saveTokens(fixture.tokens(for: "bob", version: version))
        let alice = try #require(try await store.tokens(subject: "alice"))
        let bob = try #require(try await store.tokens(subject: "bob"))
        #expect(alice.subject == "alice" && alice.accessToken == "ACCESS-alice-a1b2")
        #expect(bob.subject == "bob" && bob.accessToken == "ACCESS-bob-a1b2")
        #expect(alice == fixture.tokens(for: "alice", version: version))
        #expect(!String(describing: alice).contains("ACCESS-alice"))
        #expect(!String(describing: alice).contains("REFRESH-alice"))
    }

    @Test(arguments: StoreBackend.allCases)
    func aCiphertextMovedToAnotherUsersRowDoesNotDecrypt(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        try await store.saveTokens(fixture.tokens(for: "alice", version: version))
        try await store.saveTokens(fixture.tokens(for: "mallory", version: version))
        // Someone with write access to the file copies alice's tokens into mallory's row.
        try await fixture.execute(
            """
            UPDATE user_tokens SET
                access_token = (SELECT access_token FROM user_tokens WHERE subject = 'alice'),
                refresh_token = (SELECT refresh_token FROM user_tokens WHERE subject = 'alice')
            WHERE subject = 'mallory'
            """
        )
        let error = await #expect(throws: StoreError.self) { try await store.tokens(subject: "mallory") }
        #expect(error?.code == .undecryptable)
        #expect(error.map { !$0.message.contains("alice") && !$0.message.contains("mallory") } == true)
        #expect(try await store.tokens(subject: "alice")?.accessToken == "ACCESS-alice-a1b2")
    }

    @Test(arguments: StoreBackend.allCases)
    func accessAndRefreshTokensCannotBeSwapped(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        try await store.saveTokens(fixture.tokens(for: "alice", version: version))
        try await fixture.execute("UPDATE user_tokens SET access_token = refresh_token, refresh_token = access_token")
        let error = await #expect(throws: StoreError.self) { try await store.tokens(subject: "alice") }
        #expect(error?.code == .undecryptable)
    }

    @Test(arguments: StoreBackend.allCases)
    func tokensNeedTheCurrentConfiguration(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let unconfigured = await #expect(throws: StoreError.self) {
            try await store.saveTokens(fixture.tokens(for: "alice", version: 1))
        }
        #expect(unconfigured?.code == .notConfigured)
        let version = try await fixture.configure().configuration.version
        let future = await #expect(throws: StoreError.self) {
            try await store.saveTokens(fixture.tokens(for: "alice", version: version + 1))
        }
        #expect(future?.code == .configurationChanged)
        let empty = await #expect(throws: StoreError.self) {
            try await store.saveTokens(fixture.tokens(for: "", version: version))
        }
        #expect(empty?.code == .invalidArgument)
        #expect(try await store.connectedUserCount() == 0)
    }

    @Test(arguments: StoreBackend.allCases)
    func tokensOfAnOlderVersionAreNeverReturned(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        try await store.saveTokens(fixture.tokens(for: "alice", version: version))
        // A row that somehow escaped a purge (written by hand here) stays invisible.
        try await fixture.execute("UPDATE servicenow_configuration SET version = version + 1")
        #expect(try await store.tokens(subject: "alice") == nil)
        #expect(try await store.connectedUserCount() == 0)
        #expect(try await store.connectedUsers(limit: 10, offset: 0).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func aRefreshReplacesTokensOnlyWhileTheUserIsStillConnected(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        let connected = fixture.tokens(for: "alice", version: version)
        try await store.saveTokens(connected)

        fixture.clock.advance(by: 1700)
        var refreshed = connected
        refreshed.accessToken = "ACCESS-alice-refreshed"
        refreshed.refreshToken = "REFRESH-alice-rotated"
        refreshed.accessTokenExpiresAt = fixture.clock.now().addingTimeInterval(1800)
        #expect(try await store.updateRefreshedTokens(refreshed))
        let stored = try #require(try await store.tokens(subject: "alice"))
        #expect(stored.accessToken == "ACCESS-alice-refreshed")
        #expect(stored.refreshToken == "REFRESH-alice-rotated")
        #expect(stored.connectedAt == connected.connectedAt)
        #expect(try await store.connectedUsers(limit: 1, offset: 0).first?.updatedAt == fixture.clock.now())

        // The user disconnected while the refresh ran: it must not reconnect them.
        #expect(try await store.deleteTokens(subject: "alice"))
        #expect(try await store.updateRefreshedTokens(refreshed) == false)
        #expect(try await store.tokens(subject: "alice") == nil)

        // Nor may a refresh begun before a reconfiguration.
        try await store.saveTokens(connected)
        try await fixture.configure()
        #expect(try await store.updateRefreshedTokens(refreshed) == false)
        #expect(try await store.connectedUserCount() == 0)
    }

    @Test(arguments: StoreBackend.allCases)
    func connectedUsersAreListedNewestFirstWithoutTokens(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        for subject in ["alice", "bob", "carol"] {
            try await store.saveTokens(fixture.tokens(for: subject, version: version))
            fixture.clock.advance(by: 10)
        }
        let users = try await store.connectedUsers(limit: 10, offset: 0)
        #expect(users.map(\.subject) == ["carol", "bob", "alice"])
        #expect(
            users[0].profile
                == UserProfile(name: "Name of carol", email: "carol@example.com", serviceNowUserID: "sys-carol")
        )
        #expect(try await store.connectedUsers(limit: 1, offset: 1).map(\.subject) == ["bob"])
        #expect(try await store.connectedUsers(limit: 0, offset: 0).isEmpty)
        #expect(try await store.connectedUserCount() == 3)
        let negative = await #expect(throws: StoreError.self) { try await store.connectedUsers(limit: -1, offset: 0) }
        #expect(negative?.code == .invalidArgument)
    }

    @Test(arguments: StoreBackend.allCases)
    func adminDisconnectsAreAuditedAndUserDisconnectsAreNot(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        try await store.saveTokens(fixture.tokens(for: "alice", version: version))
        try await store.saveTokens(fixture.tokens(for: "bob", version: version))

        #expect(try await store.disconnectUser(subject: "alice", by: "admin-9"))
        #expect(try await store.disconnectUser(subject: "alice", by: "admin-9") == false)
        #expect(try await store.deleteTokens(subject: "bob"))
        #expect(try await store.deleteTokens(subject: "bob") == false)
        #expect(try await store.connectedUserCount() == 0)

        let log = try await store.auditLog(limit: 10)
        #expect(log.map(\.action) == ["disconnectUser", "configureServiceNow"])
        #expect(log[0].actor == "admin-9")
        #expect(log[0].details == ["subject": "alice"])
    }

    @Test(arguments: StoreBackend.allCases)
    func theRefreshLockSerialisesOneUser(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let order = try await withThrowingTaskGroup(of: [String].self) { group in
            let log = LockLog()
            for index in 0..<5 {
                group.addTask {
                    try await store.withRefreshLock(subject: "alice") {
                        log.append("enter \(index)")
                        try await Task.sleep(for: .milliseconds(2))
                        log.append("leave \(index)")
                    }
                    return []
                }
            }
            try await group.waitForAll()
            return log.entries
        }
        // Every enter is followed by its own leave: no two holders overlapped.
        for pair in stride(from: 0, to: order.count, by: 2) {
            #expect(order[pair].dropFirst(6) == order[pair + 1].dropFirst(6))
        }
        #expect(order.count == 10)
    }

    // MARK: OAuth states

    @Test(arguments: StoreBackend.allCases)
    func aStateIsConsumedOnceOnly(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        let created = try await store.createOAuthState(
            "abc123XYZ",
            subject: "alice",
            codeVerifier: "pkce-verifier",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        #expect(created.expiresAt == fixture.clock.now().addingTimeInterval(600))
        #expect(!String(describing: created).contains("pkce-verifier"))
        #expect(!String(describing: created).contains("abc123XYZ"))
        let consumed = try #require(try await store.consumeOAuthState("abc123XYZ"))
        #expect(consumed == created)
        #expect(try await store.consumeOAuthState("abc123XYZ") == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func concurrentConsumersGetAStateExactlyOnce(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        _ = try await store.createOAuthState(
            "raceState",
            subject: "alice",
            codeVerifier: "v",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 { group.addTask { try await store.consumeOAuthState("raceState") != nil } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(winners == 1)
    }

    @Test(arguments: StoreBackend.allCases)
    func aStateExpiresByTheInjectedClock(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        _ = try await store.createOAuthState(
            "early",
            subject: "alice",
            codeVerifier: "v1",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        _ = try await store.createOAuthState(
            "late",
            subject: "alice",
            codeVerifier: "v2",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        fixture.clock.advance(by: 599)
        #expect(try await store.consumeOAuthState("early")?.codeVerifier == "v1")
        fixture.clock.advance(by: 1)
        #expect(try await store.consumeOAuthState("late") == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func forgedOrEmptyStatesAreRefused(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        _ = try await store.createOAuthState(
            "realState",
            subject: "alice",
            codeVerifier: "v",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        for forged in ["", "realstate", "realState ", "realStat", "realState\u{0}", "' OR 1=1 --"] {
            #expect(try await store.consumeOAuthState(forged) == nil)
        }
        #expect(try await store.consumeOAuthState("realState") != nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func aMovedVerifierDoesNotOpen(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        _ = try await store.createOAuthState(
            "aliceState",
            subject: "alice",
            codeVerifier: "alice-verifier",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        _ = try await store.createOAuthState(
            "malloryState",
            subject: "mallory",
            codeVerifier: "mallory-verifier",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        try await fixture.execute("UPDATE oauth_states SET subject = 'mallory' WHERE subject = 'alice'")
        let error = await #expect(throws: StoreError.self) { try await store.consumeOAuthState("aliceState") }
        #expect(error?.code == .undecryptable)
        // It was consumed all the same: a failing state is never retried.
        #expect(try await store.consumeOAuthState("aliceState") == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func statesNeedTheCurrentConfigurationVersion(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let none = await #expect(throws: StoreError.self) {
            try await store.createOAuthState(
                "s",
                subject: "alice",
                codeVerifier: "v",
                configurationVersion: 1,
                lifetime: .seconds(600)
            )
        }
        #expect(none?.code == .notConfigured)
        let version = try await fixture.configure().configuration.version
        let stale = await #expect(throws: StoreError.self) {
            try await store.createOAuthState(
                "s",
                subject: "alice",
                codeVerifier: "v",
                configurationVersion: version - 1,
                lifetime: .seconds(600)
            )
        }
        #expect(stale?.code == .configurationChanged)
        let zero = await #expect(throws: StoreError.self) {
            try await store.createOAuthState(
                "s",
                subject: "alice",
                codeVerifier: "v",
                configurationVersion: version,
                lifetime: .zero
            )
        }
        #expect(zero?.code == .invalidArgument)
        _ = try await store.createOAuthState(
            "s",
            subject: "alice",
            codeVerifier: "v",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        let duplicate = await #expect(throws: StoreError.self) {
            try await store.createOAuthState(
                "s",
                subject: "bob",
                codeVerifier: "v",
                configurationVersion: version,
                lifetime: .seconds(600)
            )
        }
        #expect(duplicate?.code == .invalidArgument)
        #expect(try await store.consumeOAuthState("s")?.subject == "alice")
    }

    @Test(arguments: StoreBackend.allCases)
    func aUserHasABoundedNumberOfPendingStates(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend, maxPendingStates: 3)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        for index in 0..<5 {
            _ = try await store.createOAuthState(
                "state\(index)",
                subject: "alice",
                codeVerifier: "v\(index)",
                configurationVersion: version,
                lifetime: .seconds(600)
            )
            fixture.clock.advance(by: 1)
        }
        _ = try await store.createOAuthState(
            "bobState",
            subject: "bob",
            codeVerifier: "vb",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        #expect(try await store.consumeOAuthState("state0") == nil)
        #expect(try await store.consumeOAuthState("state1") == nil)
        for index in 2..<5 {
            #expect(try await store.consumeOAuthState("state\(index)")?.codeVerifier == "v\(index)")
        }
        #expect(try await store.consumeOAuthState("bobState") != nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func expiredStatesArePurged(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let version = try await fixture.configure().configuration.version
        _ = try await store.createOAuthState(
            "short",
            subject: "alice",
            codeVerifier: "v",
            configurationVersion: version,
            lifetime: .seconds(60)
        )
        _ = try await store.createOAuthState(
            "long",
            subject: "bob",
            codeVerifier: "v",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        #expect(try await store.purgeExpiredOAuthStates() == 0)
        fixture.clock.advance(by: 60)
        #expect(try await store.purgeExpiredOAuthStates() == 1)
        #expect(try await store.consumeOAuthState("long") != nil)
    }

    // MARK: Widget settings and the audit log

    @Test(arguments: StoreBackend.allCases)
    func widgetSettingsAreSavedAndAudited(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        #expect(
            try await store.saveWidgetSettings(WidgetSettings(showLogo: false), by: "admin-1")
                == WidgetSettings(showLogo: false)
        )
        #expect(try await store.widgetSettings().showLogo == false)
        _ = try await store.saveWidgetSettings(WidgetSettings(showLogo: true), by: "admin-2")
        #expect(try await store.widgetSettings().showLogo)
        let log = try await store.auditLog(limit: 10)
        #expect(log.map(\.details) == [["showLogo": true], ["showLogo": false]])
        #expect(log.map(\.actor) == ["admin-2", "admin-1"])
    }

    @Test(arguments: StoreBackend.allCases)
    func theAuditLogListsNewestFirstWithALimit(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        for index in 0..<5 {
            try await store.recordAudit(
                actor: "admin-\(index)",
                action: "action\(index)",
                details: ["index": .int(index), "note": "ünïcode ✓"]
            )
            fixture.clock.advance(by: 1)
        }
        let log = try await store.auditLog(limit: 3)
        #expect(log.map(\.action) == ["action4", "action3", "action2"])
        #expect(log[0].at == fixture.clock.now().addingTimeInterval(-1))
        #expect(log[0].details["note"] == "ünïcode ✓")
        #expect(log[0].id > log[1].id)
        let notObject = await #expect(throws: StoreError.self) {
            try await store.recordAudit(actor: "admin", action: "x", details: ["not", "an", "object"])
        }
        #expect(notObject?.code == .invalidArgument)
        let noActor = await #expect(throws: StoreError.self) {
            try await store.recordAudit(actor: "", action: "x", details: [:])
        }
        #expect(noActor?.code == .invalidArgument)
    }

    // MARK: Change feed

    @Test(arguments: StoreBackend.allCases)
    func everyCommittedChangeIsPublishedOnce(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        var changes = store.changes().makeAsyncIterator()

        let version = try await fixture.configure().configuration.version
        _ = try await store.saveWidgetSettings(WidgetSettings(showLogo: false), by: "admin-1")
        let alice = fixture.tokens(for: "alice", version: version)
        try await store.saveTokens(alice)
        try await store.saveTokens(fixture.tokens(for: "bob", version: version))
        #expect(try await store.updateRefreshedTokens(alice))
        // What changes nothing publishes nothing.
        #expect(try await store.updateRefreshedTokens(fixture.tokens(for: "nobody", version: version)) == false)
        await #expect(throws: StoreError.self) {
            try await store.saveTokens(fixture.tokens(for: "carol", version: version + 1))
        }
        #expect(try await store.deleteTokens(subject: "alice"))
        #expect(try await store.deleteTokens(subject: "alice") == false)
        #expect(try await store.disconnectUser(subject: "bob", by: "admin-1"))
        #expect(try await store.disconnectUser(subject: "bob", by: "admin-1") == false)
        try await store.announceUserWrite(subject: "carol")
        try await fixture.configure()

        var received: [StoreChange] = []
        while received.count < 9, let change = await next(&changes) {
            received.append(change)
        }
        #expect(
            received == [
                .configurationSaved(version: version),
                .widgetSettingsSaved,
                .tokensStored(subject: "alice"),
                .tokensStored(subject: "bob"),
                .tokensStored(subject: "alice"),
                .userDisconnected(subject: "alice"),
                .userDisconnected(subject: "bob"),
                .userWrote(subject: "carol"),
                .configurationSaved(version: version + 1),
            ]
        )
        // Nothing more, in particular no second copy of this store's own announcements.
        try await store.announceUserWrite(subject: "marker")
        #expect(await next(&changes) == .userWrote(subject: "marker"))
        #expect(StoreChange.userWrote(subject: "marker").subject == "marker")
        #expect(StoreChange.configurationSaved(version: 1).subject == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func everyStreamGetsEveryChangeAndClosingEndsThem(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        var first = store.changes().makeAsyncIterator()
        var second = store.changes().makeAsyncIterator()
        try await store.announceUserWrite(subject: "alice")
        #expect(await next(&first) == .userWrote(subject: "alice"))
        #expect(await next(&second) == .userWrote(subject: "alice"))
        let empty = await #expect(throws: StoreError.self) { try await store.announceUserWrite(subject: "") }
        #expect(empty?.code == .invalidArgument)

        await store.close()
        #expect(await next(&first) == nil)
        var late = store.changes().makeAsyncIterator()
        #expect(await next(&late) == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func aClosedStoreFailsWithABackendError(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        await fixture.store.close()
        let error = await #expect(throws: StoreError.self) { try await fixture.store.checkHealth() }
        #expect(error?.code == .backend)
    }
}

/// An append-only list shared by concurrent tasks.
private final class LockLog: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ entry: String) { storage.withLock { $0.append(entry) } }
    var entries: [String] { storage.withLock { $0 } }
}
