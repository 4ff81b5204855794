public import CurlHTTP
import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore
public import Resolvers
import Schema
public import ServiceLifecycle
import Synchronization

/// The gateway's HTTP server as a `Service`: `POST`/`GET /graphql`, the OAuth callback, health, readiness, the
/// schema and metrics, on Hummingbird.
///
/// It does not own its store or HTTP client: whoever creates them closes them after ``run()`` returns (`snowgate
/// serve` does so after graceful shutdown, when in-flight requests have finished).
public final class GatewayServer: Service, Sendable {
    /// The settings it runs with.
    public let configuration: GatewayConfiguration
    /// Its Prometheus metrics (rendered by `GET /metrics`).
    public let metrics: GatewayMetrics
    /// The gateway-owned operations (connection state, widget settings, admin configuration).
    public let operations: GatewayOperations
    let address: GatewayAddress
    let store: any GatewayStore
    let client: CurlClient
    let verifier: any IdentityVerifier
    let oauth: ServiceNowOAuth
    let graphQL: any GraphQLService
    /// How many GraphQL requests execute at once (`--max-concurrent-requests`).
    let executionGate: ExecutionGate
    let logger: Logger
    /// Requests per user.
    let userRateLimiter: RateLimiter
    /// Unauthenticated requests (failed sign-ins, OAuth callbacks) per client address.
    let addressRateLimiter: RateLimiter
    /// Which origins may call `/graphql` from a browser.
    let cors: CORSPolicy
    /// The security headers of HTML pages.
    let htmlHeaders: HTMLPageHeaders
    /// The circuit breakers of the ServiceNow instances, shared by every request (issue 8).
    let breakers: CircuitBreakers
    /// The time of retries, request budgets and the breakers (tests inject one that never sleeps).
    let resilienceClock: any ResilienceClock
    /// The per-user read cache of ServiceNow answers; nil when it is off (TTL 0, or the naive upstream mode).
    let readCache: ReadCacheStore?
    /// The backend whose change feed empties the read cache when another replica (or this one) changes a user.
    let changeFeed: any GatewayStore
    /// The graceful drain: idle keep-alive connections stay open for its grace period after SIGTERM.
    let drain: ConnectionDrain
    private let listening = Mutex<ListeningState>(.starting([]))

    private enum ListeningState {
        case starting([CheckedContinuation<String, any Error>])
        case listening(String)
        case failed(GatewayServerError)
    }

    /// A server over `store` that calls ServiceNow through `client`.
    /// - Parameters:
    ///   - clock: the time for token expiry and user-token checks (tests inject a manual clock).
    ///   - identityClient: the HTTP client that fetches the JWKS, when one is configured; by default `client`. The
    ///     identity provider is usually on the intranet, which the ServiceNow client may be forbidden to reach.
    ///   - graphQL: the GraphQL engine; by default ``SchemaGraphQLService`` over the embedded schema.
    ///   - logger: where every log line goes; each request's lines carry its `request_id`.
    ///   - resilienceClock: the time of upstream retries, request budgets and circuit breakers (tests inject one).
    public init(
        configuration: GatewayConfiguration,
        store: any GatewayStore,
        client: CurlClient,
        identityClient: CurlClient? = nil,
        clock: any WallClock = SystemWallClock(),
        graphQL: (any GraphQLService)? = nil,
        metrics: GatewayMetrics = GatewayMetrics(),
        logger: Logger,
        resilienceClock: any ResilienceClock = SystemResilienceClock()
    ) throws(GatewayConfigurationError) {
        try configuration.validate()
        let readCache: ReadCacheStore? =
            configuration.readCache.isEnabled && configuration.upstreamMode == .batched
            ? ReadCacheStore(
                configuration: ReadCacheStore.Configuration(
                    ttl: configuration.readCache.ttl,
                    staleGrace: configuration.readCache.staleGrace,
                    maxBytes: configuration.readCache.maxBytes,
                    maxConcurrentRefreshes: configuration.readCache.maxConcurrentRefreshes
                )
            ) : nil
        // On SQLite (one process), every read a request makes of the store (configuration, settings, the viewer's
        // tokens) comes from memory; a user's connection changing empties their cached ServiceNow answers, a new
        // configuration everyone's. On a shared store, another replica's purge must hold at once (issue 9), so
        // replicas read the database every time; their read caches follow the store's change feed (`run()`).
        self.changeFeed = store
        self.drain = ConnectionDrain(grace: configuration.drainGrace)
        let store: any GatewayStore =
            store is PostgreSQLGatewayStore
            ? store
            : CachingGatewayStore(
                base: store,
                onUserChanged: { subject in readCache?.invalidate(subject: subject) },
                onEverythingChanged: { readCache?.invalidateAll() }
            )
        let verifier = try Self.makeVerifier(
            configuration,
            client: identityClient ?? client,
            clock: clock,
            logger: logger
        )
        let address = GatewayAddress(configuration: configuration)
        let oauth = ServiceNowOAuth(
            store: store,
            endpoint: TokenEndpoint(client: client, timeout: configuration.upstreamTimeout, metrics: metrics),
            address: address,
            clock: clock,
            settings: configuration.oauth,
            logger: logger
        )
        self.configuration = configuration
        self.readCache = readCache
        self.metrics = metrics
        self.address = address
        self.store = store
        self.client = client
        self.verifier = verifier
        self.executionGate = ExecutionGate(limit: configuration.limits.maxConcurrentRequests)
        self.oauth = oauth
        self.operations = GatewayOperations(
            store: store,
            oauth: oauth,
            address: address,
            allowHTTPLoopbackInstance: configuration.allowHTTPLoopbackInstance,
            addressPolicy: configuration.instanceAddressPolicy,
            logger: logger
        )
        if let graphQL {
            self.graphQL = graphQL
        } else {
            do {
                let limits = configuration.security.operations
                self.graphQL = try SchemaGraphQLService(
                    schema: SchemaGraphQLService.gatewaySchema(),
                    parseOptions: limits.parseOptions,
                    requestLimits: SchemaGraphQLService.RequestLimits(
                        maxCost: limits.operationLimits.maxCost,
                        costModel: limits.operationLimits.costModel,
                        executionTimeout: limits.executionTimeout
                    ),
                    validationOptions: { identity in limits.validationOptions(isAdmin: identity.isAdmin) }
                )
            } catch {
                // The schema and resolvers are compiled in: this is a build defect, reported rather than trapped.
                throw GatewayConfigurationError("The embedded GraphQL schema cannot be served: \(error)")
            }
        }
        self.logger = logger
        let rates = configuration.security.rateLimits
        self.userRateLimiter = RateLimiter(
            rate: rates.userRequestsPerSecond,
            burst: rates.userBurst,
            capacity: rates.maxTrackedKeys,
            clock: clock
        )
        self.addressRateLimiter = RateLimiter(
            rate: rates.addressRequestsPerSecond,
            burst: rates.addressBurst,
            capacity: rates.maxTrackedKeys,
            clock: clock
        )
        self.cors = CORSPolicy(origins: configuration.security.web.corsOrigins)
        self.htmlHeaders = HTMLPageHeaders(
            frameAncestors: configuration.security.web.effectiveFrameAncestors,
            publicURL: configuration.publicURL
        )
        self.resilienceClock = resilienceClock
        self.breakers = CircuitBreakers(
            settings: configuration.resilience.breakerSettings,
            clock: resilienceClock,
            observer: CircuitBreakerReporter(metrics: metrics, logger: logger)
        )
    }

    /// Empties what the read cache holds of a user whose connection changed or who wrote to ServiceNow, on any
    /// replica, and everything when the configuration changed or changes may have been missed. Ends with the feed
    /// (the store closed) or when the server stops (cancellation ends the stream).
    static func apply(_ changes: AsyncStream<StoreChange>, to readCache: ReadCacheStore) async {
        for await change in changes {
            switch change {
            case .tokensStored(let subject), .userDisconnected(let subject), .userWrote(let subject):
                readCache.invalidate(subject: subject)
            case .configurationSaved, .feedInterrupted, .resynchronized:
                readCache.invalidateAll()
            case .widgetSettingsSaved:
                break
            }
        }
    }

    /// Where browsers reach the gateway (the configured public URL, or `http://HOST:PORT` once bound).
    public var publicURL: PublicURL { address.publicURL }

    /// Serves until the task is cancelled or the service group shuts down gracefully; in-flight requests finish
    /// first.
    public func run() async throws {
        let drain = self.drain
        let application = Application(
            responder: GatewayResponder(server: self),
            // Before Hummingbird's connection state handler, which would close idle connections at the first news of
            // a shutdown (ConnectionDrain says why that loses requests behind a load balancer).
            server: .http1(
                configuration: HTTP1Channel.Configuration(
                    additionalChannelHandlers: [DrainingConnectionHandler(drain: drain)],
                    idleTimeout: configuration.idleTimeout > .zero
                        ? .nanoseconds(configuration.idleTimeout.wholeNanoseconds) : nil
                )
            ),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil
            ),
            onServerRunning: { [self] channel in
                let port = channel.localAddress?.port ?? configuration.port
                address.bound(port: port)
                let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
                let url = "http://\(host):\(port)"
                logger.info(
                    "Gateway listening",
                    metadata: ["address": "\(url)", "publicURL": "\(address.publicURL)"]
                )
                let waiters = listening.withLock { state -> [CheckedContinuation<String, any Error>] in
                    guard case .starting(let waiters) = state else { return [] }
                    state = .listening(url)
                    return waiters
                }
                for waiter in waiters { waiter.resume(returning: url) }
            },
            logger: logger
        )
        do {
            // The read cache's background refreshes run beside the server, and stop once it has stopped (its
            // requests finished): a structured child task, not one stashed away.
            try await withThrowingTaskGroup(of: Void.self) { group in
                if let readCache {
                    group.addTask { await readCache.run() }
                    let changes = changeFeed.changes()
                    group.addTask { await Self.apply(changes, to: readCache) }
                }
                group.addTask { [resilienceClock] in await drain.runDeadline(clock: resilienceClock) }
                // Registered before Hummingbird's own handler (inside `run()`), so the drain has begun when the
                // connections hear of the shutdown.
                try await withGracefulShutdownHandler {
                    try await application.run()
                } onGracefulShutdown: {
                    drain.begin()
                }
                group.cancelAll()
            }
        } catch {
            fail(
                GatewayServerError(
                    "The gateway could not serve on \(configuration.host):\(configuration.port): \(error)"
                )
            )
            throw error
        }
        fail(GatewayServerError("The gateway stopped"))
        logger.info("Gateway stopped")
    }

    /// `http://HOST:PORT` of the listener once bound (waits while it starts; throws if it could not start).
    public func listeningURL() async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            let result = listening.withLock { state -> Result<String, GatewayServerError>? in
                switch state {
                case .starting(var waiters):
                    waiters.append(continuation)
                    state = .starting(waiters)
                    return nil
                case .listening(let url): return .success(url)
                case .failed(let error): return .failure(error)
                }
            }
            if let result { continuation.resume(with: result) }
        }
    }

    private func fail(_ error: GatewayServerError) {
        let waiters = listening.withLock { state -> [CheckedContinuation<String, any Error>] in
            guard case .starting(let waiters) = state else { return [] }
            state = .failed(error)
            return waiters
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }
}

/// The server could not start, or stopped before it was listening.
public struct GatewayServerError: Error, Sendable, CustomStringConvertible {
    /// What happened.
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
