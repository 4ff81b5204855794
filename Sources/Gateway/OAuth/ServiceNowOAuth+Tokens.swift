import Logging
import Resolvers

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ServiceNowOAuth {
    /// The user's access token, refreshed first when it expires within the refresh margin.
    func accessToken(subject: String) async throws(ServiceNowError) -> String {
        let tokens = try await currentTokens(subject: subject)
        if isFresh(tokens) { return tokens.accessToken }
        return try await refresh(subject: subject, rejected: tokens.accessToken)
    }

    /// A new access token after ServiceNow rejected `rejectedToken` with 401.
    func refreshedAccessToken(subject: String, after rejectedToken: String) async throws(ServiceNowError) -> String {
        try await refresh(subject: subject, rejected: rejectedToken)
    }

    /// Whether the token is still good beyond the refresh margin.
    func isFresh(_ tokens: UserTokens) -> Bool {
        let margin = Self.seconds(settings.refreshMargin)
        return tokens.accessTokenExpiresAt.timeIntervalSince(clock.now()) > margin
    }

    /// The user's stored tokens, or the error that says what to do without them.
    private func currentTokens(subject: String) async throws(ServiceNowError) -> UserTokens {
        let tokens: UserTokens?
        do {
            tokens = try await store.tokens(subject: subject)
        } catch {
            throw storeFailure(error, subject: subject)
        }
        if let tokens { return tokens }
        throw try await missingTokens(subject: subject)
    }

    /// Not configured, or not connected (with a link to connect).
    private func missingTokens(subject: String) async throws(ServiceNowError) -> ServiceNowError {
        let configured: Bool
        do {
            configured = try await store.serviceNowConfiguration() != nil
        } catch {
            throw storeFailure(error, subject: subject)
        }
        guard configured else { return ServiceNowError(.notConfigured, GatewayError.notConfiguredMessage) }
        return await authRequired(subject: subject)
    }

    /// One refresh for the user at a time: concurrent callers in this process share one flight, and the flight
    /// holds the store's per-user refresh lock (which also covers other replicas on a shared backend). Inside, the
    /// tokens are read again: whoever held the lock before may have refreshed them already.
    private func refresh(subject: String, rejected: String) async throws(ServiceNowError) -> String {
        let result = await refreshes.run(subject) { () async -> Result<String, ServiceNowError> in
            do {
                return try await store.withRefreshLock(subject: subject) {
                    () async throws -> Result<String, ServiceNowError> in
                    await self.refreshHoldingLock(subject: subject, rejected: rejected)
                }
            } catch {
                return .failure(storeFailure(error, subject: subject))
            }
        }
        return try result.get()
    }

    private func refreshHoldingLock(subject: String, rejected: String) async -> Result<String, ServiceNowError> {
        let tokens: UserTokens
        do {
            tokens = try await currentTokens(subject: subject)
        } catch {
            return .failure(error)
        }
        if tokens.accessToken != rejected, isFresh(tokens) {
            // Another request refreshed while this one waited.
            return .success(tokens.accessToken)
        }
        guard let refreshToken = tokens.refreshToken else {
            return .failure(await forget(tokens, reason: "no refresh token"))
        }
        if let refreshExpiry = tokens.refreshTokenExpiresAt, refreshExpiry <= clock.now() {
            return .failure(await forget(tokens, reason: "the refresh token has expired"))
        }
        let credentials: ServiceNowCredentials
        do {
            guard let current = try await store.serviceNowCredentials(),
                current.configuration.version == tokens.configurationVersion
            else {
                return .failure(await forget(tokens, reason: "the configuration changed"))
            }
            credentials = current
        } catch {
            return .failure(storeFailure(error, subject: subject))
        }
        let grant: TokenGrant
        do {
            grant = try await endpoint.refresh(refreshToken: refreshToken, credentials: credentials)
        } catch {
            switch error {
            case .refused:
                return .failure(await forget(tokens, reason: "ServiceNow refused the refresh token"))
            case .unavailable(let reason):
                logger.warning(
                    "Token refresh failed; the user's tokens are kept",
                    metadata: ["subject": "\(subject)", "reason": "\(reason)"]
                )
                return .failure(
                    ServiceNowError(.unavailable, "ServiceNow could not be reached. Try again in a moment.")
                )
            }
        }
        let now = clock.now()
        var refreshed = tokens
        refreshed.accessToken = grant.accessToken
        refreshed.accessTokenExpiresAt = now.addingTimeInterval(TimeInterval(grant.expiresIn))
        // ServiceNow echoes the same refresh token without extending it (§4.3); keep what is known about its expiry.
        if let newRefreshToken = grant.refreshToken, newRefreshToken != refreshToken {
            refreshed.refreshToken = newRefreshToken
            refreshed.refreshTokenExpiresAt = nil
        }
        if let scope = grant.scope { refreshed.scope = scope }
        do {
            guard try await store.updateRefreshedTokens(refreshed) else {
                // Disconnected or purged by a reconfiguration while the refresh ran: do not bring it back.
                return .failure(await authRequired(subject: subject))
            }
        } catch {
            return .failure(storeFailure(error, subject: subject))
        }
        logger.debug("Refreshed a user's ServiceNow access token", metadata: ["subject": "\(subject)"])
        return .success(grant.accessToken)
    }

    /// Deletes the user's dead tokens and says they must connect again.
    private func forget(_ tokens: UserTokens, reason: String) async -> ServiceNowError {
        logger.info(
            "A user's ServiceNow connection ended; they must connect again",
            metadata: ["subject": "\(tokens.subject)", "reason": "\(reason)"]
        )
        do {
            _ = try await store.deleteTokens(subject: tokens.subject)
        } catch {
            logger.error(
                "Could not delete a user's dead tokens",
                metadata: ["subject": "\(tokens.subject)", "error": "\(String(describing: error))"]
            )
        }
        return await authRequired(
            subject: tokens.subject,
            message: "Your ServiceNow connection has expired. Connect your ServiceNow account again."
        )
    }

    private func storeFailure(_ error: any Error, subject: String) -> ServiceNowError {
        logger.error(
            "The store failed while getting a user's token",
            metadata: ["subject": "\(subject)", "error": "\(String(describing: error))"]
        )
        return ServiceNowError(.unavailable, "The gateway could not read your ServiceNow connection. Try again.")
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
