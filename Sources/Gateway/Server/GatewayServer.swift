public import CurlHTTP
import Hummingbird
public import Logging
import NIOCore
import Resolvers
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
    let logger: Logger
    /// The per-user read cache of ServiceNow answers; nil when it is off (TTL 0, or the naive upstream mode).
    let readCache: ReadCacheStore?
    private let listening = Mutex<ListeningState>(.starting([]))

    private enum ListeningState {
        case starting([CheckedContinuation<String, any Error>])
        case listening(String)
        case failed(GatewayServerError)
    }

    /// A server over `store` that calls ServiceNow through `client`.
    /// - Parameters:
    ///   - clock: the time for token expiry and user-token checks (tests inject a manual clock).
    ///   - graphQL: the GraphQL engine; by default ``SchemaGraphQLService`` over the embedded schema.
    ///   - logger: where every log line goes; each request's lines carry its `request_id`.
    public init(
        configuration: GatewayConfiguration,
        store: any GatewayStore,
        client: CurlClient,
        clock: any WallClock = SystemWallClock(),
        graphQL: (any GraphQLService)? = nil,
        metrics: GatewayMetrics = GatewayMetrics(),
        logger: Logger
    ) throws(GatewayConfigurationError) {
        try configuration.validate()
        let readCache: ReadCacheStore? =
            configuration.readCache.isEnabled && configuration.upstreamMode == .batched
            ? ReadCacheStore(
                configuration: ReadCacheStore.Configuration(
                    ttl: configuration.readCache.ttl,
                    staleGrace: configuration.readCache.staleGrace,
                    maxBytes: configuration.readCache.maxBytes
                )
            ) : nil
        // Every read a request makes of the store (configuration, settings, the viewer's tokens) from memory; a
        // user's connection changing empties their cached ServiceNow answers, a new configuration everyone's.
        let store = CachingGatewayStore(
            base: store,
            onUserChanged: { subject in readCache?.invalidate(subject: subject) },
            onEverythingChanged: { readCache?.invalidateAll() }
        )
        let verifier: JWTVerifier
        do {
            verifier = try JWTVerifier(key: .hs256(secret: configuration.authSecret), clock: clock)
        } catch {
            throw GatewayConfigurationError(error.message)
        }
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
        self.oauth = oauth
        self.operations = GatewayOperations(
            store: store,
            oauth: oauth,
            address: address,
            allowHTTPLoopbackInstance: configuration.allowHTTPLoopbackInstance,
            logger: logger
        )
        if let graphQL {
            self.graphQL = graphQL
        } else {
            do {
                self.graphQL = try SchemaGraphQLService(schema: SchemaGraphQLService.gatewaySchema())
            } catch {
                // The schema and resolvers are compiled in: this is a build defect, reported rather than trapped.
                throw GatewayConfigurationError("The embedded GraphQL schema cannot be served: \(error)")
            }
        }
        self.logger = logger
    }

    /// Where browsers reach the gateway (the configured public URL, or `http://HOST:PORT` once bound).
    public var publicURL: PublicURL { address.publicURL }

    /// Serves until the task is cancelled or the service group shuts down gracefully; in-flight requests finish
    /// first.
    public func run() async throws {
        let application = Application(
            responder: GatewayResponder(server: self),
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
                }
                try await application.run()
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
