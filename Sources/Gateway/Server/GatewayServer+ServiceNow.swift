import Logging
import Resolvers

extension GatewayServer {
    /// Reads the user's tokens into the store's cache, ahead of the resolvers that need them.
    ///
    /// Every widget render needs the viewer's tokens (the connection status, then the ServiceNow call), and reading
    /// them is a hop to the database thread and two AES-GCM openings. Started when the request's turn to execute comes
    /// (not before: a request waiting at the ``ExecutionGate`` holds nothing), the read runs while the context is made
    /// and the operation planned and started, instead of on the render's critical path: the loaders' dispatch round
    /// waited for the viewer's resolver that made it. The resolvers join it (``CachingGatewayStore`` shares
    /// concurrent reads). Only a caching store is read ahead: on a shared store every read goes to the database, so
    /// an early read would be one more.
    func prefetchTokens(of identity: Identity) async {
        guard store is CachingGatewayStore else { return }
        _ = try? await store.tokens(subject: identity.subject)
    }

    /// The caller's ServiceNow session for one request.
    ///
    /// Once ServiceNow is configured every caller gets a session, connected or not: the credentials answer
    /// `SERVICENOW_AUTH_REQUIRED` (with a fresh authorize link) only when a ServiceNow field actually asks for a
    /// token, and the session asks at most once per request, so a request that reads no ServiceNow field mints no
    /// link. `viewer.user` reads such a refusal as null.
    func serviceNowContext(
        for identity: Identity,
        credentials: any UserCredentials,
        logger: Logger
    ) async -> ServiceNowContext {
        let configuration: ServiceNowConfiguration?
        do {
            configuration = try await store.serviceNowConfiguration()
        } catch {
            logger.error("Could not read the configuration", metadata: ["error": "\(String(describing: error))"])
            return .unavailable(ServiceNowError(.unavailable, "The gateway could not read its configuration."))
        }
        guard let configuration else {
            return .unavailable(ServiceNowError(.notConfigured, GatewayError.notConfiguredMessage))
        }
        let oauth = self.oauth
        let subject = identity.subject
        do {
            return .connected(
                try ServiceNowSession(
                    instanceURL: configuration.instanceURL,
                    http: client,
                    credentials: credentials,
                    options: ServiceNowClient.Options(
                        timeout: self.configuration.upstreamTimeout,
                        // The instance stops a Batch call after 30 s (§5); never cut one shorter than a single call.
                        batchTimeout: max(self.configuration.upstreamTimeout, .seconds(35))
                    ),
                    // Issue 8: retries within the request's budget; one breaker per instance for the whole process.
                    resilience: UpstreamResilience(
                        retry: self.configuration.resilience.retryPolicy,
                        budget: self.configuration.resilience.budget,
                        breaker: breakers.breaker(for: configuration.instanceURL),
                        clock: resilienceClock
                    ),
                    cache: readCache.map {
                        ReplicaReadCache(base: $0.cache(for: subject), subject: subject, store: store)
                    },
                    mode: self.configuration.upstreamMode,
                    authorizationRequired: {
                        await oauth.authRequired(
                            subject: subject,
                            message: "ServiceNow no longer accepts your sign-in. Connect your ServiceNow account again."
                        )
                    },
                    observer: UpstreamCallBudget(
                        limit: self.configuration.security.operations.maxUpstreamCalls == 0
                            ? nil : self.configuration.security.operations.maxUpstreamCalls,
                        metrics: metrics,
                        logger: logger
                    )
                )
            )
        } catch {
            return .unavailable(error)
        }
    }
}
