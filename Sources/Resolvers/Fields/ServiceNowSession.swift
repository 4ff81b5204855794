public import CurlHTTP

/// Everything the resolvers need to act as one user in ServiceNow during one GraphQL request: the user's
/// ``ServiceNowClient``, the request's loaders, and the record mapper for the instance.
public final class ServiceNowSession: Sendable {
    /// The user's client.
    public let client: ServiceNowClient
    /// The request's loaders; their ``ServiceNowLoaders/dispatch()`` is what the executor calls.
    public let loaders: ServiceNowLoaders
    /// Maps raw records to typed values.
    public let mapper: RecordMapper

    /// A session over `client`, reading through `cache` (the user's read cache, issue 7) when given.
    public init(client: ServiceNowClient, cache: (any UpstreamReadCache)? = nil) {
        self.client = client
        self.loaders = ServiceNowLoaders(client: client, cache: cache)
        self.mapper = RecordMapper(instanceURL: client.instanceURL)
    }

    /// A session for the user behind `credentials` on `instanceURL`, over the process's shared `http` client.
    ///
    /// - Throws: `SERVICENOW_NOT_CONFIGURED` when `instanceURL` is not an http(s) origin.
    public convenience init(
        instanceURL: String,
        http: CurlClient,
        credentials: any UserCredentials,
        options: ServiceNowClient.Options = ServiceNowClient.Options(),
        cache: (any UpstreamReadCache)? = nil,
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
            authorizationRequired: authorizationRequired,
            observer: observer
        )
        self.init(client: client, cache: cache)
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

    /// The session's loaders, for the executor's dispatch; nil when there is no session.
    public var loaders: ServiceNowLoaders? {
        if case .connected(let session) = self { return session.loaders }
        return nil
    }
}
