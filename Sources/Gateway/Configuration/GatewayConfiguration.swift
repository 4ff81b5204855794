public import Logging
public import Resolvers

/// Every setting of a running gateway, validated: where it listens, its database, its public URL, how it talks to
/// ServiceNow, its secrets and its limits.
///
/// Built by `snowgate serve` from flags and `SNOWGATE_*` variables (``init(settings:)``), or directly by tests and
/// `snowgate demo`. The descriptions never print a secret.
public struct GatewayConfiguration: Sendable, CustomStringConvertible {
    /// The address to bind.
    public var host: String
    /// The port to bind; 0 picks a free one.
    public var port: Int
    /// The SQLite database file.
    public var databasePath: String
    /// Where browsers reach the gateway; the OAuth redirect URL is `<public URL>/oauth/callback`. Nil means
    /// `http://HOST:PORT` with the port actually bound (so port 0 works in tests and the demo).
    public var publicURL: PublicURL?
    /// Whether an `http://` instance URL on a loopback address is accepted (the simulator, tests).
    public var allowHTTPLoopbackInstance: Bool
    /// The longest time one ServiceNow call may take.
    public var upstreamTimeout: Duration
    /// A PEM file of CA certificates to trust for ServiceNow instead of the system's; nil uses the system store.
    public var caBundlePath: String?
    /// The HS256 secret the host intranet signs user tokens with (at least 32 bytes); empty switches HS256 off,
    /// which is allowed only when tokens are verified with a public key (``SecuritySettings/identity``).
    public var authSecret: String
    /// `SNOWGATE_DATA_KEY` (base64 of 32 bytes), or nil to use the key file beside the database.
    public var dataKey: String?
    /// Request limits.
    public var limits: Limits
    /// OAuth timings.
    public var oauth: OAuthSettings
    /// The least severe log level written.
    public var logLevel: Logger.Level
    /// The defences: operation limits, rate limits, token verification, browser rules, instance addresses.
    public var security: SecuritySettings

    // Upstream resilience (issue 8); see GatewayConfiguration+Resilience.swift.
    /// Retries, the time budget of a request's ServiceNow calls, and the circuit breaker.
    public var resilience = Resilience()
    /// The per-user read cache of ServiceNow answers.
    public var readCache: ReadCacheSettings
    /// How ServiceNow is called: `.batched` (the product) or `.naive` (a baseline for the load benchmark only).
    public var upstreamMode: UpstreamMode
    /// How long, after SIGTERM, an idle keep-alive connection is kept open for one more request instead of being
    /// closed under a load balancer that may be sending on it (`ConnectionDrain`). The drain ends sooner once every
    /// connection has closed. Longer than the balancer's upstream keep-alive timeout. Default 10 s; zero closes idle
    /// connections at once.
    public var drainGrace: Duration = .seconds(10)
    /// How long a client connection may stay silent — idle between requests, or stalled while sending one — before
    /// the gateway closes it, so idle or trickling connections (slowloris) cannot hold its file descriptors for ever.
    /// Longer than a load balancer's upstream keep-alive timeout, so the balancer always closes first. Default 75 s;
    /// zero never closes them.
    public var idleTimeout: Duration = .seconds(75)

    /// Bounds on what one request may cost.
    public struct Limits: Sendable, Hashable {
        /// The largest request body accepted (413 beyond it, enforced while the body streams in). Default 1 MiB.
        public var maxBodyBytes: Int = 1 << 20
        /// The deepest JSON nesting accepted in a request body or a `variables` parameter.
        public var maxJSONDepth: Int = 64
        /// The longest request target (path and query) accepted for `GET /graphql`.
        public var maxQueryStringBytes: Int = 64 << 10
        /// The most GraphQL requests executing at once; more wait their turn in arrival order (`ExecutionGate`),
        /// which bounds the gateway's memory by this number rather than by the number of clients. Default 128.
        public var maxConcurrentRequests: Int = 128

        /// The defaults.
        public init() {}
    }

    /// The per-user read cache (issue 7): how long a user's ServiceNow answers are reused.
    public struct ReadCacheSettings: Sendable, Hashable {
        /// How long an answer is served as fresh; zero turns the cache off. Default 5 s.
        public var ttl: Duration = .seconds(5)
        /// How long after the TTL a stale answer is still served while it is refreshed in the background. Default
        /// 10 s.
        public var staleGrace: Duration = .seconds(10)
        /// The most memory (estimated) the cached answers of all users may hold. Default 64 MiB.
        public var maxBytes: Int = 64 << 20
        /// How many background refreshes run at once: the most ServiceNow transactions the cache takes from the
        /// instance beside the users' own reads. When the refreshes due outrun them, entries age past their grace
        /// window and the next render reads itself (it takes over a refresh still queued). Default 4.
        public var maxConcurrentRefreshes: Int = 4

        /// The defaults.
        public init() {}

        /// Whether answers are cached at all.
        public var isEnabled: Bool { ttl > .zero }
    }

    /// How long OAuth artefacts live.
    public struct OAuthSettings: Sendable, Hashable {
        /// How long an authorize link (its `state`) stays usable. Default 10 minutes.
        public var stateLifetime: Duration = .seconds(600)
        /// An access token this close to its expiry is refreshed before use. Default 60 s.
        public var refreshMargin: Duration = .seconds(60)

        /// The defaults.
        public init() {}
    }

    /// A configuration with the defaults for everything but the required secret.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        databasePath: String = "./snowgate.sqlite",
        publicURL: PublicURL? = nil,
        allowHTTPLoopbackInstance: Bool = false,
        upstreamTimeout: Duration = .seconds(10),
        caBundlePath: String? = nil,
        authSecret: String,
        dataKey: String? = nil,
        limits: Limits = Limits(),
        oauth: OAuthSettings = OAuthSettings(),
        logLevel: Logger.Level = .info,
        security: SecuritySettings = SecuritySettings(),
        readCache: ReadCacheSettings = ReadCacheSettings(),
        upstreamMode: UpstreamMode = .batched
    ) throws(GatewayConfigurationError) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.publicURL = publicURL
        self.allowHTTPLoopbackInstance = allowHTTPLoopbackInstance
        self.upstreamTimeout = upstreamTimeout
        self.caBundlePath = caBundlePath
        self.authSecret = authSecret
        self.dataKey = dataKey
        self.limits = limits
        self.oauth = oauth
        self.logLevel = logLevel
        self.security = security
        self.readCache = readCache
        self.upstreamMode = upstreamMode
        try validate()
    }

    /// `http://HOST:PORT`, the public URL when none is given, for the port actually bound. A wildcard bind address
    /// (`0.0.0.0`, `::`) is not a place a browser can go, so it becomes the loopback address.
    func defaultPublicURL(boundPort: Int) -> PublicURL {
        let reachable = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host
        let urlHost = reachable.contains(":") ? "[\(reachable)]" : reachable
        // The host was validated and the port is a bound one, so this parses; the fallback keeps it total.
        return (try? PublicURL("http://\(urlHost):\(boundPort)"))
            ?? PublicURL(validatedOrigin: "http://127.0.0.1:\(boundPort)")
    }

    /// Checks the values, naming the flag and variable of the first wrong one.
    public func validate() throws(GatewayConfigurationError) {
        guard !host.isEmpty, !host.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw GatewayConfigurationError("--host (SNOWGATE_HOST) must be an address such as 127.0.0.1 or 0.0.0.0")
        }
        guard (0...65535).contains(port) else {
            throw GatewayConfigurationError("--port (SNOWGATE_PORT) must be between 0 and 65535, not \(port)")
        }
        let database: GatewayDatabase
        do {
            database = try GatewayDatabase(databasePath)
        } catch {
            throw GatewayConfigurationError(
                "--database (SNOWGATE_DATABASE) must be a file path or a postgres:// URL: \(error.message)"
            )
        }
        if database.isShared, dataKey == nil {
            throw GatewayConfigurationError(
                "SNOWGATE_DATA_KEY is required with a PostgreSQL --database (SNOWGATE_DATABASE), set to the same "
                    + "value on every replica (`openssl rand -base64 32`): a key file would differ per replica"
            )
        }
        guard upstreamTimeout > .zero, upstreamTimeout <= .seconds(300) else {
            throw GatewayConfigurationError(
                "--upstream-timeout (SNOWGATE_UPSTREAM_TIMEOUT) must be between 0 and 300 seconds"
            )
        }
        if let caBundlePath, caBundlePath.isEmpty || caBundlePath.utf8.contains(0) {
            throw GatewayConfigurationError("--ca-bundle (SNOWGATE_CA_BUNDLE) must be a file path")
        }
        guard !authSecret.isEmpty || security.identity.hasPublicKeySource else {
            throw GatewayConfigurationError(
                "SNOWGATE_AUTH_SECRET is required: the secret your intranet signs user tokens with (HS256, at "
                    + "least 32 bytes; e.g. `openssl rand -base64 32`), unless tokens are verified with "
                    + "--jwt-jwks-url or --jwt-public-key-file"
            )
        }
        if !authSecret.isEmpty {
            do {
                _ = try JWTVerificationKey.hs256(secret: authSecret)
            } catch {
                throw GatewayConfigurationError(error.message)
            }
        }
        try security.validate()
        guard (1024...(256 << 20)).contains(limits.maxBodyBytes) else {
            throw GatewayConfigurationError(
                "--max-body-bytes (SNOWGATE_MAX_BODY_BYTES) must be between 1024 and 268435456"
            )
        }
        guard (1...100_000).contains(limits.maxConcurrentRequests) else {
            throw GatewayConfigurationError(
                "--max-concurrent-requests (SNOWGATE_MAX_CONCURRENT_REQUESTS) must be between 1 and 100000"
            )
        }
        guard (2...1024).contains(limits.maxJSONDepth) else {
            throw GatewayConfigurationError("The JSON depth limit must be between 2 and 1024")
        }
        guard limits.maxQueryStringBytes >= 1024 else {
            throw GatewayConfigurationError("The query string limit must be at least 1024 bytes")
        }
        guard oauth.stateLifetime >= .seconds(30), oauth.stateLifetime <= .seconds(3600) else {
            throw GatewayConfigurationError("The OAuth state lifetime must be between 30 seconds and 1 hour")
        }
        guard oauth.refreshMargin >= .zero, oauth.refreshMargin <= .seconds(600) else {
            throw GatewayConfigurationError("The token refresh margin must be between 0 and 10 minutes")
        }
        guard idleTimeout >= .zero, idleTimeout <= .seconds(3600) else {
            throw GatewayConfigurationError("--idle-timeout (SNOWGATE_IDLE_TIMEOUT) must be between 0 and 3600 seconds")
        }
        guard drainGrace >= .zero, drainGrace <= .seconds(300) else {
            throw GatewayConfigurationError("--drain-grace (SNOWGATE_DRAIN_GRACE) must be between 0 and 300 seconds")
        }
        guard readCache.ttl >= .zero, readCache.ttl <= .seconds(3600) else {
            throw GatewayConfigurationError("--cache-ttl (SNOWGATE_CACHE_TTL) must be between 0 and 3600 seconds")
        }
        guard readCache.staleGrace >= .zero, readCache.staleGrace <= .seconds(3600) else {
            throw GatewayConfigurationError("--cache-grace (SNOWGATE_CACHE_GRACE) must be between 0 and 3600 seconds")
        }
        guard (1...64).contains(readCache.maxConcurrentRefreshes) else {
            throw GatewayConfigurationError("--cache-refreshes (SNOWGATE_CACHE_REFRESHES) must be between 1 and 64")
        }
        guard readCache.maxBytes >= 0 else {
            throw GatewayConfigurationError("The read cache's memory bound must not be negative")
        }
        // Upstream resilience (issue 8).
        try resilience.validate()
    }

    /// The database without a password: a PostgreSQL URL's password never reaches a log line.
    private var databaseDescription: String {
        (try? GatewayDatabase(databasePath))?.description ?? "<unusable --database value>"
    }

    /// The settings without secrets, for the startup log.
    public var description: String {
        "host=\(host) port=\(port) database=\(databaseDescription) publicURL=\(publicURL?.description ?? "http://host:port") "
            + "allowHTTPLoopbackInstance=\(allowHTTPLoopbackInstance) upstreamTimeout=\(upstreamTimeout) "
            + "caBundle=\(caBundlePath ?? "system") maxBodyBytes=\(limits.maxBodyBytes) "
            + "dataKey=\(dataKey == nil ? "key file" : "SNOWGATE_DATA_KEY") "
            + "authSecret=\(authSecret.isEmpty ? "none" : "<redacted>") \(security.description) "
            + resilience.description + " "
            + "cacheTTL=\(readCache.ttl) cacheGrace=\(readCache.staleGrace) "
            + "cacheRefreshes=\(readCache.maxConcurrentRefreshes) upstreamMode=\(upstreamMode.rawValue) "
            + "drainGrace=\(drainGrace) idleTimeout=\(idleTimeout)"
    }
}
