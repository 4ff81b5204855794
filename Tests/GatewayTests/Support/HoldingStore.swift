import Foundation
import JSON
import Synchronization

@testable import Gateway

/// A store in front of another that counts the token reads reaching it and holds them until the test releases
/// them, so that a test can arrange callers around a read in flight. Everything else goes straight to `base`.
final class HoldingStore: GatewayStore {
    private struct State {
        var reads = 0
        var released = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    let base: any GatewayStore
    private let state = Mutex(State())

    init(base: any GatewayStore) {
        self.base = base
    }

    /// How many token reads have reached this store.
    var tokenReads: Int { state.withLock { $0.reads } }

    /// Lets every held read, and every later one, through.
    func release() {
        let waiters = state.withLock { state in
            state.released = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func tokens(subject: String) async throws -> UserTokens? {
        state.withLock { $0.reads += 1 }
        // Held until released; a cancelled caller gives up with CancellationError (as a database call would).
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let released = state.withLock { state in
                    if !state.released { state.waiters.append(continuation) }
                    return state.released
                }
                if released { continuation.resume() }
            }
        } onCancel: {
            release()
        }
        try Task.checkCancellation()
        return try await base.tokens(subject: subject)
    }

    // MARK: Forwarded

    func checkHealth() async throws { try await base.checkHealth() }
    func close() async { await base.close() }
    func serviceNowConfiguration() async throws -> ServiceNowConfiguration? { try await base.serviceNowConfiguration() }
    func serviceNowCredentials() async throws -> ServiceNowCredentials? { try await base.serviceNowCredentials() }
    func saveServiceNowConfiguration(
        _ input: ServiceNowConfigurationInput,
        by actor: String
    ) async throws -> ConfigurationSaveResult {
        try await base.saveServiceNowConfiguration(input, by: actor)
    }
    func widgetSettings() async throws -> WidgetSettings { try await base.widgetSettings() }
    func saveWidgetSettings(_ settings: WidgetSettings, by actor: String) async throws -> WidgetSettings {
        try await base.saveWidgetSettings(settings, by: actor)
    }
    func saveTokens(_ tokens: UserTokens) async throws { try await base.saveTokens(tokens) }
    func updateRefreshedTokens(_ tokens: UserTokens) async throws -> Bool {
        try await base.updateRefreshedTokens(tokens)
    }
    func deleteTokens(subject: String) async throws -> Bool { try await base.deleteTokens(subject: subject) }
    func disconnectUser(subject: String, by actor: String) async throws -> Bool {
        try await base.disconnectUser(subject: subject, by: actor)
    }
    func connectedUsers(limit: Int, offset: Int) async throws -> [ConnectedUser] {
        try await base.connectedUsers(limit: limit, offset: offset)
    }
    func connectedUserCount() async throws -> Int { try await base.connectedUserCount() }
    func withRefreshLock<Result: Sendable>(
        subject: String,
        _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        try await base.withRefreshLock(subject: subject, body)
    }
    func createOAuthState(
        _ value: String,
        subject: String,
        codeVerifier: String,
        configurationVersion: Int64,
        lifetime: Duration
    ) async throws -> OAuthState {
        try await base.createOAuthState(
            value,
            subject: subject,
            codeVerifier: codeVerifier,
            configurationVersion: configurationVersion,
            lifetime: lifetime
        )
    }
    func consumeOAuthState(_ value: String) async throws -> OAuthState? { try await base.consumeOAuthState(value) }
    func purgeExpiredOAuthStates() async throws -> Int { try await base.purgeExpiredOAuthStates() }
    func recordAudit(actor: String, action: String, details: JSONValue) async throws {
        try await base.recordAudit(actor: actor, action: action, details: details)
    }
    func auditLog(limit: Int) async throws -> [AuditEntry] { try await base.auditLog(limit: limit) }
    func changes() -> AsyncStream<StoreChange> { base.changes() }
    func announceUserWrite(subject: String) async throws { try await base.announceUserWrite(subject: subject) }
}
