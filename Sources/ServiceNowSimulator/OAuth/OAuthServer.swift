import JSON
import Synchronization

/// The instance as an OAuth authorization server: the application registry, authorization codes, access and
/// refresh tokens, and browser login sessions (§4).
final class OAuthServer: Sendable {
    /// An authorize request that passed validation, waiting for a user's decision.
    struct PendingAuthorization: Sendable, Hashable {
        var clientID: String
        /// The redirect URI in effect: the requested one if registered, else the first registered one.
        var redirectURI: String
        var state: String
        var responseType: String
        var scope: String
        var codeChallenge: String?
        var codeChallengeMethod: String?
    }

    private struct AuthorizationCode {
        var pending: PendingAuthorization
        var userID: String
        var expires: UTCTime
    }

    struct AccessToken: Sendable {
        var userID: String
        var clientID: String
        var expires: UTCTime
        var refreshToken: String?
        var issued: UTCTime
    }

    private struct RefreshToken {
        var userID: String
        var clientID: String
        var expires: UTCTime
    }

    struct Session: Sendable {
        var userID: String
        /// The anti-forgery token the consent form must echo.
        var formToken: String
    }

    private struct State {
        var applications: [String: OAuthApplication] = [:]
        var codes: [String: AuthorizationCode] = [:]
        var accessTokens: [String: AccessToken] = [:]
        var refreshTokens: [String: RefreshToken] = [:]
        var sessions: [String: Session] = [:]
    }

    /// How long an authorization code can be exchanged. [INF] Not documented; short, as codes are.
    static let codeLifespan: Int64 = 300

    private let state: Mutex<State>

    init(applications: [OAuthApplication]) {
        var initial = State()
        for application in applications { initial.applications[application.clientID] = application }
        state = Mutex(initial)
    }

    // MARK: Registry

    func register(_ application: OAuthApplication) {
        state.withLock { $0.applications[application.clientID] = application }
    }

    /// Changes a client's secret; false if there is no such client.
    func setSecret(_ secret: String, forClient clientID: String) -> Bool {
        state.withLock { state in
            guard state.applications[clientID] != nil else { return false }
            state.applications[clientID]?.clientSecret = secret
            return true
        }
    }

    var applications: [OAuthApplication] {
        state.withLock { Array($0.applications.values) }.sorted { $0.clientID < $1.clientID }
    }

    func application(_ clientID: String) -> OAuthApplication? {
        state.withLock { $0.applications[clientID] }
    }

    // MARK: Authorize

    /// Validates the parameters of `GET /oauth_auth.do`.
    func validateAuthorization(_ parameters: [String: String]) -> Result<PendingAuthorization, AuthorizationError> {
        guard let stateValue = parameters["state"], !stateValue.isEmpty else { return .failure(.missingState) }
        // "It must not be empty or contain special characters": we allow RFC 3986 unreserved characters.
        guard stateValue.utf8.allSatisfy(URLEncoding.isUnreserved) else { return .failure(.invalidState) }
        guard let clientID = parameters["client_id"], let application = application(clientID) else {
            return .failure(.unknownClient)
        }
        let responseType = parameters["response_type"] ?? ""
        guard responseType == "code" || responseType == "token" else { return .failure(.unsupportedResponseType) }
        var challenge: String?
        var method: String?
        if let value = parameters["code_challenge"], !value.isEmpty {
            challenge = value
            method = parameters["code_challenge_method"] ?? "plain"
            guard method == "S256" || method == "plain" else { return .failure(.unsupportedChallengeMethod) }
        }
        let requested = parameters["redirect_uri"] ?? ""
        // The instance falls back to the first registered redirect URL instead of failing (§4.2).
        let redirect =
            application.redirectURLs.contains(requested) ? requested : (application.redirectURLs.first ?? requested)
        return .success(
            PendingAuthorization(
                clientID: clientID,
                redirectURI: redirect,
                state: stateValue,
                responseType: responseType,
                scope: parameters["scope"] ?? "useraccount",
                codeChallenge: challenge,
                codeChallengeMethod: method
            )
        )
    }

    /// The user allowed: the URL the browser is sent to, with `code` and `state` (or, for `response_type=token`,
    /// the access token).
    func approve(_ pending: PendingAuthorization, userID: String, now: UTCTime) -> String {
        if pending.responseType == "token" {
            // [INF] Implicit grant: §4.2 shows the token on the redirect's query; no refresh token is issued.
            let issued = state.withLock { state -> (String, Int64)? in
                guard let application = state.applications[pending.clientID] else { return nil }
                let token = Self.newToken()
                let lifespan = application.accessTokenLifespan.components.seconds
                state.accessTokens[token] = AccessToken(
                    userID: userID,
                    clientID: pending.clientID,
                    expires: now.adding(seconds: lifespan),
                    refreshToken: nil,
                    issued: now
                )
                return (token, lifespan)
            }
            guard let (token, lifespan) = issued else {
                return Self.append(to: pending.redirectURI, [("error", "server_error"), ("state", pending.state)])
            }
            return Self.append(
                to: pending.redirectURI,
                [
                    ("access_token", token), ("token_type", "Bearer"), ("expires_in", String(lifespan - 1)),
                    ("scope", pending.scope), ("state", pending.state),
                ]
            )
        }
        let code = Self.newToken()
        state.withLock {
            $0.codes[code] = AuthorizationCode(
                pending: pending,
                userID: userID,
                expires: now.adding(seconds: Self.codeLifespan)
            )
        }
        return Self.append(to: pending.redirectURI, [("code", code), ("state", pending.state)])
    }

    /// The user denied. [INF] RFC 6749's `error=access_denied`; not confirmed for ServiceNow.
    func deny(_ pending: PendingAuthorization) -> String {
        Self.append(to: pending.redirectURI, [("error", "access_denied"), ("state", pending.state)])
    }

    // MARK: Sessions

    func createSession(userID: String) -> String {
        let id = Self.newToken(bytes: 24)
        state.withLock { $0.sessions[id] = Session(userID: userID, formToken: Self.newToken(bytes: 16)) }
        return id
    }

    func session(_ id: String) -> Session? {
        state.withLock { $0.sessions[id] }
    }

    // MARK: Token endpoint

    /// Why a token request failed; every failure answers the same 401 body (§4.5), the reason is for logs.
    struct TokenFailure: Error, Sendable {
        var reason: String
    }

    /// A successful token response.
    struct TokenGrant: Sendable {
        var accessToken: String
        var refreshToken: String?
        var scope: String
        var expiresIn: Int64

        var json: JSONValue {
            var object = JSONObject()
            object["access_token"] = .string(accessToken)
            if let refreshToken { object["refresh_token"] = .string(refreshToken) }
            object["scope"] = .string(scope)
            object["token_type"] = "Bearer"
            object["expires_in"] = .int(Int(expiresIn))
            return .object(object)
        }
    }

    /// Handles a token request whose form fields are `form`; `basic` are client credentials from an
    /// `Authorization: Basic` header, if any. `checkPassword` verifies a user name and password and gives the
    /// user's sys_id.
    func token(
        form: [String: String],
        basic: (id: String, secret: String)?,
        now: UTCTime,
        checkPassword: (String, String) -> String?
    ) -> Result<TokenGrant, TokenFailure> {
        let clientID = form["client_id"] ?? basic?.id ?? ""
        let secret = form["client_secret"] ?? basic?.secret
        return state.withLock { state -> Result<TokenGrant, TokenFailure> in
            guard let application = state.applications[clientID] else {
                return .failure(TokenFailure(reason: "unknown client"))
            }
            let secretMatches = application.isPublic || secret == application.clientSecret
            switch form["grant_type"] ?? "" {
            case "password":
                guard secretMatches else { return .failure(TokenFailure(reason: "bad client secret")) }
                guard let user = checkPassword(form["username"] ?? "", form["password"] ?? "") else {
                    return .failure(TokenFailure(reason: "bad user credentials"))
                }
                return .success(
                    Self.grant(user: user, application: application, scope: form["scope"], now: now, state: &state)
                )
            case "authorization_code":
                guard let codeValue = form["code"], let code = state.codes.removeValue(forKey: codeValue) else {
                    return .failure(TokenFailure(reason: "unknown or used code"))
                }
                guard code.pending.clientID == clientID, code.expires > now else {
                    return .failure(TokenFailure(reason: "code expired or issued to another client"))
                }
                var proven = false
                if let challenge = code.pending.codeChallenge {
                    guard let verifier = form["code_verifier"],
                        PKCE.verify(
                            verifier: verifier,
                            challenge: challenge,
                            method: code.pending.codeChallengeMethod ?? "plain"
                        )
                    else { return .failure(TokenFailure(reason: "PKCE verification failed")) }
                    proven = true
                }
                // A public client proves itself with PKCE instead of a secret (§4.2).
                guard secretMatches || (proven && secret == nil) else {
                    return .failure(TokenFailure(reason: "bad client secret"))
                }
                return .success(
                    Self.grant(
                        user: code.userID,
                        application: application,
                        scope: code.pending.scope,
                        now: now,
                        state: &state
                    )
                )
            case "refresh_token":
                guard secretMatches else { return .failure(TokenFailure(reason: "bad client secret")) }
                guard let refreshValue = form["refresh_token"], let refresh = state.refreshTokens[refreshValue],
                    refresh.clientID == clientID, refresh.expires > now
                else { return .failure(TokenFailure(reason: "unknown, expired or revoked refresh token")) }
                let lifespan = application.accessTokenLifespan.components.seconds
                let token = Self.newToken()
                state.accessTokens[token] = AccessToken(
                    userID: refresh.userID,
                    clientID: clientID,
                    expires: now.adding(seconds: lifespan),
                    refreshToken: refreshValue,
                    issued: now
                )
                // The instance echoes the same refresh token and does not extend it (§4.3).
                return .success(
                    TokenGrant(
                        accessToken: token,
                        refreshToken: refreshValue,
                        scope: "useraccount",
                        expiresIn: lifespan - 1
                    )
                )
            default:
                // client_credentials is off unless a system property enables it; anything else is unknown.
                return .failure(TokenFailure(reason: "unsupported grant type"))
            }
        }
    }

    /// Issues tokens for `user`, or, when the client already holds a live access token for them, returns that
    /// token with its expiry pushed out and its refresh token renewed (§4.3).
    private static func grant(
        user: String,
        application: OAuthApplication,
        scope: String?,
        now: UTCTime,
        state: inout State
    ) -> TokenGrant {
        let accessLifespan = application.accessTokenLifespan.components.seconds
        let refreshLifespan = application.refreshTokenLifespan.components.seconds
        let live = state.accessTokens.filter {
            $0.value.userID == user && $0.value.clientID == application.clientID && $0.value.expires > now
        }.max { $0.value.issued < $1.value.issued }
        if let (token, existing) = live {
            state.accessTokens[token]?.expires = now.adding(seconds: accessLifespan)
            var refresh = existing.refreshToken
            if let refreshValue = refresh {
                if state.refreshTokens[refreshValue] != nil {
                    state.refreshTokens[refreshValue]?.expires = now.adding(seconds: refreshLifespan)
                } else {
                    refresh = nil
                }
            }
            if refresh == nil {
                let refreshValue = newToken()
                state.refreshTokens[refreshValue] = RefreshToken(
                    userID: user,
                    clientID: application.clientID,
                    expires: now.adding(seconds: refreshLifespan)
                )
                state.accessTokens[token]?.refreshToken = refreshValue
                refresh = refreshValue
            }
            return TokenGrant(
                accessToken: token,
                refreshToken: refresh,
                scope: "useraccount",
                expiresIn: accessLifespan - 1
            )
        }
        let token = newToken()
        let refreshValue = newToken()
        state.refreshTokens[refreshValue] = RefreshToken(
            userID: user,
            clientID: application.clientID,
            expires: now.adding(seconds: refreshLifespan)
        )
        state.accessTokens[token] = AccessToken(
            userID: user,
            clientID: application.clientID,
            expires: now.adding(seconds: accessLifespan),
            refreshToken: refreshValue,
            issued: now
        )
        // The instance's scope is `useraccount` whatever was asked for (§4.3).
        _ = scope
        return TokenGrant(
            accessToken: token,
            refreshToken: refreshValue,
            scope: "useraccount",
            expiresIn: accessLifespan - 1
        )
    }

    /// Issues a fresh token pair for `userID` without any flow (for tests); nil for an unknown client.
    func issue(userID: String, clientID: String, now: UTCTime) -> TokenGrant? {
        state.withLock { state in
            guard let application = state.applications[clientID] else { return nil }
            return Self.grant(user: userID, application: application, scope: nil, now: now, state: &state)
        }
    }

    // MARK: Using and ending tokens

    /// The user a live access token acts for.
    func user(forAccessToken token: String, now: UTCTime) -> String? {
        state.withLock { state in
            guard let access = state.accessTokens[token], access.expires > now else { return nil }
            return access.userID
        }
    }

    /// Marks `token` (access or refresh) expired; a refresh token takes the access tokens issued from it along.
    /// Returns whether the token was known.
    @discardableResult
    func revoke(_ token: String, now: UTCTime) -> Bool {
        state.withLock { state in
            if state.accessTokens[token] != nil {
                state.accessTokens[token]?.expires = now
                return true
            }
            if state.refreshTokens[token] != nil {
                state.refreshTokens[token]?.expires = now
                for (key, access) in state.accessTokens where access.refreshToken == token {
                    state.accessTokens[key]?.expires = now
                }
                return true
            }
            return false
        }
    }

    /// Expires every access token at once (and every refresh token too, if asked).
    func expireAll(includingRefreshTokens: Bool, now: UTCTime) {
        state.withLock { state in
            for key in state.accessTokens.keys { state.accessTokens[key]?.expires = now }
            if includingRefreshTokens {
                for key in state.refreshTokens.keys { state.refreshTokens[key]?.expires = now }
            }
        }
    }

    // MARK: Helpers

    /// An opaque token: random bytes in base64url, about as long as the instance's.
    static func newToken(bytes: Int = 64) -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64.encode((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }, url: true)
    }

    /// `url` with `pairs` appended to its query.
    static func append(to url: String, _ pairs: [(String, String)]) -> String {
        let separator = url.contains("?") ? "&" : "?"
        return url + separator + URLEncoding.formatForm(pairs)
    }
}
