public import JSON

/// The gateway's persistent state: ServiceNow configuration, widget settings, users' tokens, pending OAuth
/// authorizations and the audit log.
///
/// Every method is one atomic operation: it happens entirely or not at all, even if the process is killed
/// during it, and concurrent calls (from this process or other replicas on a shared database) see each other's
/// operations whole. A backend must keep these semantics:
/// - saving the configuration bumps its version and deletes every user's tokens and every pending OAuth state in
///   the same transaction as the new values, and records the audit entry in it too;
/// - tokens are returned only when their `configurationVersion` is the current version, and can only be stored
///   under the current version, so a token obtained before a reconfiguration can never be used or stored;
/// - consuming an OAuth state deletes it and returns it in one step: of two concurrent consumers, one gets it;
/// - secrets (client secret, tokens, PKCE verifiers) are stored encrypted with `SecretBox`, each bound to its
///   owner; state values are stored as hashes;
/// - times come from the store's injected `WallClock`;
/// - every committed change that a cache could hold is published to `changes()` (see `StoreChange`).
/// Errors are `StoreError`.
public protocol GatewayStore: Sendable {
    /// Succeeds when the store answers; for readiness checks.
    func checkHealth() async throws

    /// Finishes the work already submitted and releases the database; later calls fail with `.backend`.
    func close() async

    // MARK: ServiceNow configuration

    /// The current configuration without its secret, or `nil` before the first save.
    func serviceNowConfiguration() async throws -> ServiceNowConfiguration?

    /// The current configuration with its client secret decrypted, or `nil` before the first save. Only the
    /// OAuth code calls this.
    func serviceNowCredentials() async throws -> ServiceNowCredentials?

    /// Stores a new configuration (version + 1) and, in the same transaction, deletes every user's tokens and
    /// every pending OAuth state, and records a `configureServiceNow` audit entry by `actor` (without the secret).
    /// Every save counts as an edit, even with unchanged values.
    func saveServiceNowConfiguration(
        _ input: ServiceNowConfigurationInput,
        by actor: String
    ) async throws -> ConfigurationSaveResult

    // MARK: Widget settings

    /// The widget settings (`WidgetSettings.defaults` until an admin saves some).
    func widgetSettings() async throws -> WidgetSettings

    /// Stores the widget settings and records an `updateWidgetSettings` audit entry by `actor`.
    func saveWidgetSettings(_ settings: WidgetSettings, by actor: String) async throws -> WidgetSettings

    // MARK: Users' tokens

    /// The user's tokens, or `nil` if the user is not connected under the current configuration.
    func tokens(subject: String) async throws -> UserTokens?

    /// Stores a user's tokens after a successful authorization, replacing any they had. Throws
    /// `.configurationChanged` unless `tokens.configurationVersion` is the current version (and `.notConfigured`
    /// without a configuration).
    func saveTokens(_ tokens: UserTokens) async throws

    /// Replaces a connected user's tokens after a refresh; returns `false` and stores nothing if the user is no
    /// longer connected under `tokens.configurationVersion` (disconnected or purged while the refresh ran), so a
    /// refresh never brings back a connection that was removed.
    func updateRefreshedTokens(_ tokens: UserTokens) async throws -> Bool

    /// Deletes the user's tokens (the user disconnects); returns whether there were any.
    func deleteTokens(subject: String) async throws -> Bool

    /// Deletes a user's tokens on an admin's behalf and records a `disconnectUser` audit entry by `actor`;
    /// returns whether there were any (no entry is recorded otherwise).
    func disconnectUser(subject: String, by actor: String) async throws -> Bool

    /// Connected users, most recently connected first, without tokens.
    func connectedUsers(limit: Int, offset: Int) async throws -> [ConnectedUser]

    /// How many users are connected.
    func connectedUserCount() async throws -> Int

    /// Runs `body` while holding the user's refresh lock: at most one holder per subject at a time, in this
    /// process and, on a shared backend, across every replica. Waiting is cancellable (`CancellationError`).
    ///
    /// The lock is acquired before `body` starts and released after it ends, and every store write `body` made has
    /// committed by then; so a holder that re-reads the tokens inside `body` sees whatever the previous holder —
    /// on any replica — stored. A refresher must re-read them: the previous holder may have refreshed already.
    /// `body` may call the store (it does not run inside a store transaction). Throws `.busy` when a shared
    /// backend's lock cannot be had within its lock timeout.
    func withRefreshLock<Result: Sendable>(
        subject: String,
        _ body: @Sendable () async throws -> Result
    ) async throws -> Result

    // MARK: OAuth states

    /// Records a pending authorization for `subject` under the current configuration, valid for `lifetime`.
    /// Throws `.configurationChanged` if `configurationVersion` is not the current version. Expired states
    /// are purged, and the user's oldest pending states beyond the store's per-user limit are dropped.
    func createOAuthState(
        _ value: String,
        subject: String,
        codeVerifier: String,
        configurationVersion: Int64,
        lifetime: Duration
    ) async throws -> OAuthState

    /// Deletes and returns the pending authorization for `value` in one atomic step; `nil` if unknown, already
    /// consumed, or expired (an expired one is deleted too).
    func consumeOAuthState(_ value: String) async throws -> OAuthState?

    /// Deletes expired pending authorizations; returns how many.
    func purgeExpiredOAuthStates() async throws -> Int

    // MARK: Audit log

    /// Records an admin action. `details` must be a JSON object and must not contain a secret.
    func recordAudit(actor: String, action: String, details: JSONValue) async throws

    /// The newest `limit` audit entries, newest first.
    func auditLog(limit: Int) async throws -> [AuditEntry]

    // MARK: Change feed

    /// A new stream of the changes committed from now on: this process's and, on a shared backend, every
    /// replica's, for invalidating caches.
    ///
    /// Every method that changes what a cache may hold publishes its change once it has committed (nothing is
    /// published for a call that changed nothing). Other replicas' changes arrive within moments over the shared
    /// backend; if that channel breaks, the stream says so with `.feedInterrupted` and `.resynchronized`. The
    /// stream ends when the store closes or the consumer stops iterating, and buffers without bound: keep
    /// consuming it.
    func changes() -> AsyncStream<StoreChange>

    /// Tells every `changes()` stream — this process's and every replica's — that the user changed something in
    /// ServiceNow (`.userWrote`), so per-user caches of ServiceNow data drop their entries.
    func announceUserWrite(subject: String) async throws
}
