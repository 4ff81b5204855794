import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ServiceNowOAuth {
    /// Finishes an authorization from the callback's query parameters (`code` and `state`, or `error`): consumes
    /// the state (single use), exchanges the code with its PKCE verifier, and stores the user's tokens under the
    /// configuration version the state was made for.
    func completeAuthorization(parameters: [(name: String, value: String)]) async -> CallbackOutcome {
        func parameter(_ name: String) -> String? {
            parameters.first { $0.name == name }?.value
        }
        let stateValue = parameter("state")
        // A well-formed state is 43 letters and digits; anything else is refused before it reaches the store.
        let state = stateValue.flatMap {
            RandomText.isAlphanumeric($0, lengths: Self.stateLength...Self.stateLength) ? $0 : nil
        }
        if let error = parameter("error") {
            // Consume the state anyway, so the link cannot be used again.
            if let state { _ = try? await store.consumeOAuthState(state) }
            logger.info("ServiceNow sent an authorization error", metadata: ["error": "\(Self.printable(error))"])
            return .denied(error: error)
        }
        guard let state else {
            logger.notice("OAuth callback refused: missing or malformed state")
            return .invalidState
        }
        let pending: OAuthState?
        do {
            pending = try await store.consumeOAuthState(state)
        } catch {
            logger.error("Could not consume an OAuth state", metadata: ["error": "\(String(describing: error))"])
            return .internalError
        }
        guard let pending else {
            logger.notice("OAuth callback refused: unknown, expired or already used state")
            return .invalidState
        }
        guard let code = parameter("code"), !code.isEmpty, code.utf8.count <= 4096 else {
            return .missingCode
        }
        let credentials: ServiceNowCredentials
        do {
            guard let current = try await store.serviceNowCredentials() else { return .notConfigured }
            credentials = current
        } catch {
            logger.error("Could not read the configuration", metadata: ["error": "\(String(describing: error))"])
            return .internalError
        }
        guard credentials.configuration.version == pending.configurationVersion else {
            return .configurationChanged
        }
        let redirectURL = address.redirectURL
        let grant: TokenGrant
        do {
            grant = try await endpoint.exchange(
                code: code,
                codeVerifier: pending.codeVerifier,
                redirectURL: redirectURL,
                credentials: credentials
            )
        } catch {
            switch error {
            case .refused(let status):
                logger.warning(
                    "ServiceNow refused the code exchange: the client secret or ID probably does not match",
                    metadata: ["subject": "\(pending.subject)", "status": "\(status)"]
                )
                return .invalidClient(redirectURL: redirectURL)
            case .unavailable(let reason):
                logger.warning(
                    "The authorization code exchange failed",
                    metadata: ["subject": "\(pending.subject)", "reason": "\(reason)"]
                )
                return .unavailable
            }
        }
        let now = clock.now()
        let tokens = UserTokens(
            subject: pending.subject,
            accessToken: grant.accessToken,
            accessTokenExpiresAt: now.addingTimeInterval(TimeInterval(grant.expiresIn)),
            refreshToken: grant.refreshToken,
            scope: grant.scope,
            connectedAt: now,
            configurationVersion: pending.configurationVersion
        )
        do {
            try await store.saveTokens(tokens)
        } catch let error as StoreError where error.code == .configurationChanged || error.code == .notConfigured {
            return .configurationChanged
        } catch {
            logger.error("Could not store a user's tokens", metadata: ["error": "\(String(describing: error))"])
            return .internalError
        }
        logger.info("A user connected ServiceNow", metadata: ["subject": "\(pending.subject)"])
        return .connected
    }

    /// At most 32 letters, digits and `_` of an upstream-chosen string, so a log line cannot be forged with it.
    static func printable(_ text: String) -> String {
        String(
            text.unicodeScalars.filter { scalar in
                (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                    || scalar == "_"
            }.prefix(32).map(Character.init)
        )
    }
}
