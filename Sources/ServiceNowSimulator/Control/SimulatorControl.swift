import Synchronization

/// The test handle of a running simulator: its request log, fault injection, token and client management,
/// acting as a user in the authorize flow, and a view of its current data. In-process; the same operations are
/// offered over HTTP under `/_simulator/` when `controlEndpoints` is on.
public struct SimulatorControl: Sendable {
    let instance: Instance

    /// An access token (and refresh token) issued through `issueToken`.
    public struct IssuedToken: Sendable, Hashable {
        /// The access token, for `Authorization: Bearer`.
        public var accessToken: String
        /// The refresh token.
        public var refreshToken: String
        /// Seconds until the access token expires, as the token endpoint reports it (lifespan − 1).
        public var expiresIn: Int
    }

    /// An id to remove one injected fault.
    public struct FaultID: Sendable, Hashable {
        let value: UInt64
    }

    // MARK: Request log

    /// Every request answered so far (the control API excluded), in arrival order.
    public var requests: [LoggedRequest] { instance.requestLog.all }

    /// The requests that carried `accessToken`: with a Batch call counting once, the round trips made with it.
    public func requests(withAccessToken accessToken: String) -> [LoggedRequest] {
        instance.requestLog.all.filter { $0.accessToken == accessToken }
    }

    /// Forgets the request log.
    public func clearRequestLog() {
        instance.requestLog.clear()
    }

    // MARK: Faults

    /// Makes matching requests fail; the first matching fault, in injection order, wins.
    @discardableResult
    public func inject(_ fault: Fault) -> FaultID {
        FaultID(value: instance.faults.inject(fault))
    }

    /// Removes one injected fault.
    public func removeFault(_ id: FaultID) {
        instance.faults.remove(id.value)
    }

    /// Removes every injected fault.
    public func clearFaults() {
        instance.faults.clear()
    }

    /// The faults still active (counted faults disappear when used up).
    public var activeFaults: [Fault] { instance.faults.active }

    // MARK: OAuth

    /// Expires every access token at once (and every refresh token too, if asked), as if their time had run out.
    public func expireAllTokens(includingRefreshTokens: Bool = false) {
        instance.oauth.expireAll(includingRefreshTokens: includingRefreshTokens, now: instance.clock.now)
    }

    /// Revokes a token as `/oauth_revoke_token.do` would.
    public func revoke(token: String) {
        instance.oauth.revoke(token, now: instance.clock.now)
    }

    /// Changes a client's secret; requests with the old one fail from now on.
    public func setClientSecret(_ secret: String, forClient clientID: String) throws(SimulatorError) {
        guard instance.oauth.setSecret(secret, forClient: clientID) else {
            throw SimulatorError(code: .unknownClient, message: "No OAuth application with client id \(clientID)")
        }
    }

    /// Adds (or replaces) an OAuth application.
    public func register(_ application: OAuthApplication) {
        instance.oauth.register(application)
    }

    /// The registered OAuth applications.
    public var applications: [OAuthApplication] { instance.oauth.applications }

    /// Issues tokens for a user directly, as a password grant by `clientID` would (including the reuse of a live
    /// access token).
    public func issueToken(forUser userName: String, clientID: String) throws(SimulatorError) -> IssuedToken {
        guard let userID = instance.database.withLock({ $0.user(named: userName)?.sysID }) else {
            throw SimulatorError(code: .unknownUser, message: "No user named \(userName)")
        }
        guard let grant = instance.oauth.issue(userID: userID, clientID: clientID, now: instance.clock.now) else {
            throw SimulatorError(code: .unknownClient, message: "No OAuth application with client id \(clientID)")
        }
        return IssuedToken(
            accessToken: grant.accessToken,
            refreshToken: grant.refreshToken ?? "",
            expiresIn: Int(grant.expiresIn)
        )
    }

    /// Acts as `userName` pressing Allow on the consent page for the authorize URL `url` (an
    /// `/oauth_auth.do?...` URL, absolute or relative): returns where the browser would be redirected, with
    /// `code` and `state`. Throws `authorizationRefused` with the page text when the instance would show an
    /// error page instead (missing state, unknown client, ...).
    public func approveAuthorization(url: String, asUser userName: String) throws(SimulatorError) -> String {
        let pending = try pendingAuthorization(url)
        guard let userID = instance.database.withLock({ $0.user(named: userName)?.sysID }) else {
            throw SimulatorError(code: .unknownUser, message: "No user named \(userName)")
        }
        return instance.oauth.approve(pending, userID: userID, now: instance.clock.now)
    }

    /// Acts as a user pressing Deny for the authorize URL `url`: returns the redirect with `error=access_denied`.
    public func denyAuthorization(url: String) throws(SimulatorError) -> String {
        instance.oauth.deny(try pendingAuthorization(url))
    }

    private func pendingAuthorization(_ url: String) throws(SimulatorError) -> OAuthServer.PendingAuthorization {
        let query = url.firstIndex(of: "?").map { String(url[url.index(after: $0)...]) } ?? ""
        var parameters: [String: String] = [:]
        for (name, value) in URLEncoding.parseForm(query) where parameters[name] == nil { parameters[name] = value }
        switch instance.oauth.validateAuthorization(parameters) {
        case .success(let pending): return pending
        case .failure(let error): throw SimulatorError(code: .authorizationRefused, message: error.message)
        }
    }

    // MARK: Data and load

    /// The current rows of a concrete table (`incident`, not `task`), as stored.
    public func records(in table: String) -> [Record] {
        instance.database.withLock { $0.records(in: table) }
    }

    /// The seed the simulator started with.
    public var seed: SimulatorSeed { instance.seed }

    /// The API transactions running now (for latency-model tests).
    public var activeTransactions: Int { instance.transactions.active }

    /// The API transactions waiting for a free slot.
    public var queuedTransactions: Int { instance.transactions.queued }
}
