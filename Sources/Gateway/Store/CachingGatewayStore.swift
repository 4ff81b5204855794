import JSON
import Synchronization

/// A `GatewayStore` that keeps what every request reads — the ServiceNow configuration, the widget settings and
/// each user's decrypted tokens — in memory, in front of another store, and says whose ServiceNow identity changed.
///
/// Every widget render reads the configuration, the settings and the viewer's tokens several times; from SQLite
/// each read is a hop to the database thread, a query and, for tokens, two AES-GCM openings. Here they are a
/// dictionary lookup (issue 7).
///
/// Consistency:
/// - every write made through this store forgets what it changes before it returns (saving the configuration
///   forgets everything, since it disconnects every user), and a read that was under way during a write is not
///   kept, so this process never uses what it has itself replaced or deleted;
/// - inside ``withRefreshLock(subject:_:)`` the user's tokens are read from the backend: a refresher must see a
///   refresh another holder (or replica) made;
/// - nothing else writes: the gateway puts this cache only in front of its SQLite store, whose file no other
///   process can open while this one has it (`DatabaseFileLock`). A change made behind its back anyway (a test
///   writing to the base store) is seen after at most ``maxAge``.
///
/// So ``maxAge`` is not what keeps the values right; it bounds how long a user's decrypted tokens stay in memory
/// after they were last read from the file. It was 2 s, which no render of a user who renders less often than
/// that ever hit: every cold render then paid a hop to the database thread and two AES-GCM openings, about 0.3 ms
/// of CPU and 0.4–0.8 ms of latency at 20 renders/s (docs/PERFORMANCE.md, "Eighth pass"). The process holds the data
/// key that opens every token in the file anyway, so minutes of a user's own tokens in its memory expose nothing
/// that its memory did not already.
///
/// `onUserChanged` is told when a user's connection changes (connected, disconnected, refused) — the ServiceNow
/// account behind the subject may be another one now — and `onEverythingChanged` when the configuration is saved;
/// the gateway empties the user's (or everyone's) read cache there.
final class CachingGatewayStore: GatewayStore {
    /// How long a value read from the backend is used (see above: memory hygiene, not consistency).
    let maxAge: Duration
    /// The gateway's ``maxAge``.
    static let defaultMaxAge: Duration = .seconds(300)
    /// The most users whose tokens are kept.
    let maxUsers: Int
    private let base: any GatewayStore
    private let onUserChanged: @Sendable (String) -> Void
    private let onEverythingChanged: @Sendable () -> Void
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state = Mutex(State())
    /// Concurrent token reads of one user under one generation share one backend read: the responder starts the
    /// viewer's read when the request's turn to execute comes (``GatewayServer/prefetchTokens(of:)``), and the
    /// resolvers that need the tokens a moment later join it instead of reading SQLite again.
    private let tokenReads = SingleFlight<TokenRead, UserTokens?, any Error>()

    private struct TokenRead: Hashable, Sendable {
        var subject: String
        /// A read that began before a write is not joined by readers that come after it.
        var generation: UInt64
    }

    private struct Entry<Value> {
        var value: Value
        var readAt: ContinuousClock.Instant
    }

    private struct State {
        var configuration: Entry<ServiceNowConfiguration?>?
        var settings: Entry<WidgetSettings>?
        var tokens: [String: Entry<UserTokens?>] = [:]
        /// Bumped by every write: a read that began before a write is not kept.
        var generation: UInt64 = 0
    }

    /// A cache over `base`.
    init(
        base: any GatewayStore,
        maxAge: Duration = CachingGatewayStore.defaultMaxAge,
        maxUsers: Int = 50_000,
        onUserChanged: @escaping @Sendable (String) -> Void = { _ in },
        onEverythingChanged: @escaping @Sendable () -> Void = {},
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.base = base
        self.maxAge = maxAge
        self.maxUsers = max(1, maxUsers)
        self.onUserChanged = onUserChanged
        self.onEverythingChanged = onEverythingChanged
        self.now = now
    }

    func checkHealth() async throws {
        try await base.checkHealth()
    }

    func close() async {
        forgetEverything()
        await base.close()
    }

    // MARK: Cached reads

    func serviceNowConfiguration() async throws -> ServiceNowConfiguration? {
        let now = now()
        let (cached, generation) = state.withLock { state in
            (state.configuration.flatMap { now - $0.readAt < maxAge ? $0 : nil }, state.generation)
        }
        if let cached { return cached.value }
        let value = try await base.serviceNowConfiguration()
        state.withLock { state in
            if state.generation == generation { state.configuration = Entry(value: value, readAt: now) }
        }
        return value
    }

    func widgetSettings() async throws -> WidgetSettings {
        let now = now()
        let (cached, generation) = state.withLock { state in
            (state.settings.flatMap { now - $0.readAt < maxAge ? $0 : nil }, state.generation)
        }
        if let cached { return cached.value }
        let value = try await base.widgetSettings()
        state.withLock { state in
            if state.generation == generation { state.settings = Entry(value: value, readAt: now) }
        }
        return value
    }

    func tokens(subject: String) async throws -> UserTokens? {
        let now = now()
        let (cached, generation) = state.withLock { state in
            (state.tokens[subject].flatMap { now - $0.readAt < maxAge ? $0 : nil }, state.generation)
        }
        if let cached { return cached.value }
        let shared = await tokenReads.run(TokenRead(subject: subject, generation: generation)) {
            do {
                return .success(try await base.tokens(subject: subject))
            } catch {
                return .failure(error)
            }
        }
        let value: UserTokens?
        switch shared {
        case .success(let read):
            value = read
        case .failure(let error) where error is CancellationError && !Task.isCancelled:
            // The read this caller joined was cancelled with its own request; this one still wants the tokens.
            value = try await base.tokens(subject: subject)
        case .failure(let error):
            throw error
        }
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.tokens.count >= maxUsers, state.tokens[subject] == nil {
                // Bounded: drop what has aged out, and everything if that is not enough (it is all re-readable).
                state.tokens = state.tokens.filter { now - $0.value.readAt < maxAge }
                if state.tokens.count >= maxUsers { state.tokens.removeAll() }
            }
            state.tokens[subject] = Entry(value: value, readAt: now)
        }
        return value
    }

    /// How many users' tokens are kept (for tests).
    var cachedUserCount: Int { state.withLock { $0.tokens.count } }

    /// How many callers wait for the backend read of `subject`'s tokens that is in flight (for tests).
    func tokenReadFollowerCount(subject: String) -> Int {
        let generation = state.withLock { $0.generation }
        return tokenReads.followerCount(TokenRead(subject: subject, generation: generation))
    }

    // MARK: Writes, each forgetting what it changes

    func serviceNowCredentials() async throws -> ServiceNowCredentials? {
        try await base.serviceNowCredentials()
    }

    func saveServiceNowConfiguration(
        _ input: ServiceNowConfigurationInput,
        by actor: String
    ) async throws -> ConfigurationSaveResult {
        forgetEverything()
        defer {
            forgetEverything()
            onEverythingChanged()
        }
        return try await base.saveServiceNowConfiguration(input, by: actor)
    }

    func saveWidgetSettings(_ settings: WidgetSettings, by actor: String) async throws -> WidgetSettings {
        forget { $0.settings = nil }
        defer { forget { $0.settings = nil } }
        return try await base.saveWidgetSettings(settings, by: actor)
    }

    func saveTokens(_ tokens: UserTokens) async throws {
        forgetTokens(of: tokens.subject)
        defer { userChanged(tokens.subject) }
        try await base.saveTokens(tokens)
    }

    func updateRefreshedTokens(_ tokens: UserTokens) async throws -> Bool {
        // The same account with a new token: the user's cached ServiceNow answers stay valid.
        forgetTokens(of: tokens.subject)
        defer { forgetTokens(of: tokens.subject) }
        return try await base.updateRefreshedTokens(tokens)
    }

    func deleteTokens(subject: String) async throws -> Bool {
        forgetTokens(of: subject)
        defer { userChanged(subject) }
        return try await base.deleteTokens(subject: subject)
    }

    func disconnectUser(subject: String, by actor: String) async throws -> Bool {
        forgetTokens(of: subject)
        defer { userChanged(subject) }
        return try await base.disconnectUser(subject: subject, by: actor)
    }

    func connectedUsers(limit: Int, offset: Int) async throws -> [ConnectedUser] {
        try await base.connectedUsers(limit: limit, offset: offset)
    }

    func connectedUserCount() async throws -> Int {
        try await base.connectedUserCount()
    }

    func withRefreshLock<Result: Sendable>(
        subject: String,
        _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        try await base.withRefreshLock(subject: subject) {
            self.forgetTokens(of: subject)
            return try await body()
        }
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

    func consumeOAuthState(_ value: String) async throws -> OAuthState? {
        try await base.consumeOAuthState(value)
    }

    func purgeExpiredOAuthStates() async throws -> Int {
        try await base.purgeExpiredOAuthStates()
    }

    func recordAudit(actor: String, action: String, details: JSONValue) async throws {
        try await base.recordAudit(actor: actor, action: action, details: details)
    }

    func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await base.auditLog(limit: limit)
    }

    // MARK: Change feed (the backend's; this cache is only used for a single process's SQLite store)

    func changes() -> AsyncStream<StoreChange> {
        base.changes()
    }

    func announceUserWrite(subject: String) async throws {
        try await base.announceUserWrite(subject: subject)
    }

    // MARK: Forgetting

    private func forget(_ change: (inout State) -> Void) {
        state.withLock { state in
            state.generation += 1
            change(&state)
        }
    }

    private func forgetTokens(of subject: String) {
        forget { $0.tokens[subject] = nil }
    }

    private func forgetEverything() {
        forget { state in
            state.configuration = nil
            state.settings = nil
            state.tokens.removeAll()
        }
    }

    private func userChanged(_ subject: String) {
        forgetTokens(of: subject)
        onUserChanged(subject)
    }
}
