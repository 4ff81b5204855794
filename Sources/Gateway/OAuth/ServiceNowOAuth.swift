import Logging
import Resolvers

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Each user's OAuth connection to ServiceNow: authorize links (single-use `state` + PKCE), the callback's code
/// exchange, access tokens refreshed ahead of expiry and after a 401 (one refresh per user at a time), and
/// disconnection.
///
/// All state lives in the `GatewayStore`, so a restart or a second replica loses nothing. A user's failure (a dead
/// refresh token) deletes only that user's tokens.
final class ServiceNowOAuth: Sendable {
    let store: any GatewayStore
    let endpoint: TokenEndpoint
    let address: GatewayAddress
    let clock: any WallClock
    let settings: GatewayConfiguration.OAuthSettings
    let logger: Logger
    /// In-process coalescing of refreshes per subject, in front of the store's refresh lock.
    let refreshes = SingleFlight<String, String, ServiceNowError>()

    /// Letters and digits in a `state` this gateway makes; anything else in a callback is refused unread.
    static let stateLength = 43

    init(
        store: any GatewayStore,
        endpoint: TokenEndpoint,
        address: GatewayAddress,
        clock: any WallClock,
        settings: GatewayConfiguration.OAuthSettings,
        logger: Logger
    ) {
        self.store = store
        self.endpoint = endpoint
        self.address = address
        self.clock = clock
        self.settings = settings
        self.logger = logger
    }

    // MARK: Authorize links

    /// A new authorize link for `subject`, or nil when ServiceNow is not configured.
    ///
    /// `<instance>/oauth_auth.do?response_type=code&client_id=…&redirect_uri=<public URL>/oauth/callback&state=…&
    /// code_challenge=…&code_challenge_method=S256`. The state (43 letters and digits from the CSPRNG) is stored as a
    /// hash with the encrypted PKCE verifier, bound to the user and to the configuration version, and expires after
    /// the configured lifetime.
    func authorizeURL(subject: String) async throws -> String? {
        guard let configuration = try await store.serviceNowConfiguration() else { return nil }
        let state = RandomText.alphanumeric(count: Self.stateLength)
        let pkce = PKCE()
        _ = try await store.createOAuthState(
            state,
            subject: subject,
            codeVerifier: pkce.verifier,
            configurationVersion: configuration.version,
            lifetime: settings.stateLifetime
        )
        let query = FormEncoding.encode([
            ("response_type", "code"),
            ("client_id", configuration.clientID),
            ("redirect_uri", address.redirectURL),
            ("state", state),
            ("code_challenge", pkce.challenge),
            ("code_challenge_method", PKCE.method),
        ])
        return configuration.instanceURL + "/oauth_auth.do?" + query
    }

    /// `authRequired` carrying a fresh authorize link (or none, if even that cannot be made).
    func authRequired(subject: String, message: String? = nil) async -> ServiceNowError {
        do {
            return .authRequired(authorizeURL: try await authorizeURL(subject: subject), message: message)
        } catch {
            logger.error(
                "Could not create an authorize link",
                metadata: ["subject": "\(subject)", "error": "\(String(describing: error))"]
            )
            return .authRequired(authorizeURL: nil, message: message)
        }
    }

    // MARK: Disconnect

    /// Revokes the user's tokens at ServiceNow (best effort: an unreachable instance does not keep the user
    /// connected) and deletes them; returns whether the user had any.
    func disconnect(subject: String) async throws -> Bool {
        try await revokeTokens(subject: subject)
        return try await store.deleteTokens(subject: subject)
    }

    /// Asks ServiceNow to revoke the user's refresh and access tokens, without forgetting them here; a failure is
    /// logged, never thrown (the caller deletes the tokens either way).
    func revokeTokens(subject: String) async throws {
        guard let tokens = try await store.tokens(subject: subject),
            let credentials = try await store.serviceNowCredentials()
        else { return }
        let instanceURL = credentials.configuration.instanceURL
        var revoked = true
        if let refreshToken = tokens.refreshToken {
            revoked = await endpoint.revoke(token: refreshToken, instanceURL: instanceURL) && revoked
        }
        revoked = await endpoint.revoke(token: tokens.accessToken, instanceURL: instanceURL) && revoked
        if !revoked {
            logger.warning(
                "ServiceNow did not confirm the revocation; the tokens are deleted here anyway",
                metadata: ["subject": "\(subject)"]
            )
        }
    }
}
