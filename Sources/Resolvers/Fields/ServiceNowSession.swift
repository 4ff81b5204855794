public import CurlHTTP
public import Schema
import Synchronization

/// Everything the resolvers need to act as one user in ServiceNow during one GraphQL request: the user's
/// ``ServiceNowClient``, the request's loaders, and the record mapper for the instance.
///
/// Create one per request. Its loaders are made on the execution's `BatchScheduler` the first time a resolver
/// asks (``loaders(on:)``), so the gateway needs no scheduler to create it.
public final class ServiceNowSession: Sendable {
    /// The user's client.
    public let client: ServiceNowClient
    /// Maps raw records to typed values.
    public let mapper: RecordMapper
    /// The user's read cache, when caching is on.
    public let cache: (any UpstreamReadCache)?
    /// How the request's reads are made (``UpstreamMode/naive`` only for benchmarks).
    public let mode: UpstreamMode
    private let bound = Mutex<(scheduler: BatchScheduler, loaders: ServiceNowLoaders)?>(nil)

    /// A session over `client`, reading through `cache` (the user's view of the ``ReadCacheStore``, issue 7) when
    /// given, in `mode`.
    public init(client: ServiceNowClient, cache: (any UpstreamReadCache)? = nil, mode: UpstreamMode = .batched) {
        self.client = client
        self.cache = cache
        self.mode = mode
        self.mapper = RecordMapper(instanceURL: client.instanceURL)
    }

    /// The request's loaders on the execution's `scheduler` (``ResolveInfo/batchScheduler``), made on first use.
    /// One session serves one execution; a second execution gets loaders of its own.
    public func loaders(on scheduler: BatchScheduler) -> ServiceNowLoaders {
        bound.withLock { bound in
            if let bound, bound.scheduler === scheduler { return bound.loaders }
            let loaders = ServiceNowLoaders(client: client, cache: cache, mode: mode, scheduler: scheduler)
            bound = (scheduler, loaders)
            return loaders
        }
    }

    /// A session for the user behind `credentials` on `instanceURL`, over the process's shared `http` client.
    ///
    /// - Throws: `SERVICENOW_NOT_CONFIGURED` when `instanceURL` is not an http(s) origin.
    public convenience init(
        instanceURL: String,
        http: CurlClient,
        credentials: any UserCredentials,
        options: ServiceNowClient.Options = ServiceNowClient.Options(),
        resilience: UpstreamResilience = UpstreamResilience(),
        cache: (any UpstreamReadCache)? = nil,
        mode: UpstreamMode = .batched,
        authorizationRequired: @escaping @Sendable () async -> ServiceNowError = {
            .authRequired(authorizeURL: nil, message: "ServiceNow no longer accepts your sign-in; connect again.")
        },
        observer: (any UpstreamCallObserver)? = nil
    ) throws(ServiceNowError) {
        let client = try ServiceNowClient(
            instanceURL: instanceURL,
            http: http,
            credentials: credentials,
            options: options,
            resilience: resilience,
            authorizationRequired: authorizationRequired,
            observer: observer
        )
        self.init(client: client, cache: cache, mode: mode)
    }
}

/// What the gateway hands the ServiceNow resolvers for one request: a session when the viewer can act in
/// ServiceNow, or the error every ServiceNow field answers otherwise.
public enum ServiceNowContext: Sendable {
    /// The viewer is connected: fields read and write through this session.
    case connected(ServiceNowSession)
    /// The viewer cannot act in ServiceNow: `SERVICENOW_AUTH_REQUIRED` with their `authorizeUrl` when not
    /// connected, `SERVICENOW_NOT_CONFIGURED` when no instance is configured. Every ServiceNow field answers this
    /// error, except `viewer.user`, which is null.
    case unavailable(ServiceNowError)

    /// The session, or the reason there is none.
    public func session() throws(ServiceNowError) -> ServiceNowSession {
        switch self {
        case .connected(let session): return session
        case .unavailable(let error): throw error
        }
    }
}
