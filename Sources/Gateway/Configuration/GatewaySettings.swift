import Logging
import Resolvers

/// The raw settings of `snowgate serve` as text, each from its flag or else its `SNOWGATE_*` variable; turned into
/// a validated ``GatewayConfiguration`` by ``GatewayConfiguration/init(settings:)``.
public struct GatewaySettings: Sendable {
    /// One setting: its flag, its environment variable, and what it means.
    public struct Setting: Sendable, Hashable {
        /// The flag, e.g. `--port`; nil for settings that are environment-only (secrets stay out of `ps`).
        public var flag: String?
        /// The environment variable, e.g. `SNOWGATE_PORT`.
        public var variable: String
    }

    /// `--host` / `SNOWGATE_HOST`.
    public static let host = Setting(flag: "--host", variable: "SNOWGATE_HOST")
    /// `--port` / `SNOWGATE_PORT`.
    public static let port = Setting(flag: "--port", variable: "SNOWGATE_PORT")
    /// `--database` / `SNOWGATE_DATABASE`.
    public static let database = Setting(flag: "--database", variable: "SNOWGATE_DATABASE")
    /// `--public-url` / `SNOWGATE_PUBLIC_URL`.
    public static let publicURL = Setting(flag: "--public-url", variable: "SNOWGATE_PUBLIC_URL")
    /// `--allow-http-loopback-instance` / `SNOWGATE_ALLOW_HTTP_LOOPBACK_INSTANCE`.
    public static let allowHTTPLoopbackInstance = Setting(
        flag: "--allow-http-loopback-instance",
        variable: "SNOWGATE_ALLOW_HTTP_LOOPBACK_INSTANCE"
    )
    /// `--idle-timeout` / `SNOWGATE_IDLE_TIMEOUT`.
    public static let idleTimeout = Setting(flag: "--idle-timeout", variable: "SNOWGATE_IDLE_TIMEOUT")
    /// `--drain-grace` / `SNOWGATE_DRAIN_GRACE`.
    public static let drainGrace = Setting(flag: "--drain-grace", variable: "SNOWGATE_DRAIN_GRACE")
    /// `--upstream-timeout` / `SNOWGATE_UPSTREAM_TIMEOUT`.
    public static let upstreamTimeout = Setting(flag: "--upstream-timeout", variable: "SNOWGATE_UPSTREAM_TIMEOUT")
    /// `--ca-bundle` / `SNOWGATE_CA_BUNDLE`.
    public static let caBundle = Setting(flag: "--ca-bundle", variable: "SNOWGATE_CA_BUNDLE")
    /// `--max-body-bytes` / `SNOWGATE_MAX_BODY_BYTES`.
    public static let maxBodyBytes = Setting(flag: "--max-body-bytes", variable: "SNOWGATE_MAX_BODY_BYTES")
    /// `--max-concurrent-requests` / `SNOWGATE_MAX_CONCURRENT_REQUESTS`.
    public static let maxConcurrentRequests = Setting(
        flag: "--max-concurrent-requests",
        variable: "SNOWGATE_MAX_CONCURRENT_REQUESTS"
    )
    /// `--log-level` / `SNOWGATE_LOG_LEVEL`.
    public static let logLevel = Setting(flag: "--log-level", variable: "SNOWGATE_LOG_LEVEL")
    /// `--cache-ttl` / `SNOWGATE_CACHE_TTL`.
    public static let cacheTTL = Setting(flag: "--cache-ttl", variable: "SNOWGATE_CACHE_TTL")
    /// `--cache-grace` / `SNOWGATE_CACHE_GRACE`.
    public static let cacheGrace = Setting(flag: "--cache-grace", variable: "SNOWGATE_CACHE_GRACE")
    /// `--cache-refreshes` / `SNOWGATE_CACHE_REFRESHES`.
    public static let cacheRefreshes = Setting(flag: "--cache-refreshes", variable: "SNOWGATE_CACHE_REFRESHES")
    /// `--upstream-mode` / `SNOWGATE_UPSTREAM_MODE` (a benchmark knob).
    public static let upstreamMode = Setting(flag: "--upstream-mode", variable: "SNOWGATE_UPSTREAM_MODE")
    /// `SNOWGATE_AUTH_SECRET` (environment only).
    public static let authSecret = Setting(flag: nil, variable: "SNOWGATE_AUTH_SECRET")
    /// `SNOWGATE_DATA_KEY` (environment only).
    public static let dataKey = Setting(flag: nil, variable: DataKey.environmentVariable)

    /// Values given as flags, by setting.
    public var flags: [Setting: String]
    /// The process environment.
    public var environment: [String: String]

    /// Settings from flags (those given) and the environment.
    public init(flags: [Setting: String], environment: [String: String]) {
        self.flags = flags
        self.environment = environment
    }

    /// The flag's value if given, else the variable's (an empty variable counts as unset).
    public func value(_ setting: Setting) -> String? {
        if let flagged = flags[setting] { return flagged }
        if let value = environment[setting.variable], !value.isEmpty { return value }
        return nil
    }
}

extension GatewayConfiguration {
    /// A configuration from flags and environment: flags win, then variables, then the defaults.
    public init(settings: GatewaySettings) throws(GatewayConfigurationError) {
        func name(_ setting: GatewaySettings.Setting) -> String {
            setting.flag.map { "\($0) (\(setting.variable))" } ?? setting.variable
        }
        let host = settings.value(GatewaySettings.host) ?? "127.0.0.1"
        var port = 8080
        if let text = settings.value(GatewaySettings.port) {
            guard let value = Int(text.trimmingASCIISpaces()) else {
                throw GatewayConfigurationError("\(name(GatewaySettings.port)) must be a number, not \(text)")
            }
            port = value
        }
        var allowHTTPLoopback = false
        if let text = settings.value(GatewaySettings.allowHTTPLoopbackInstance) {
            switch text.trimmingASCIISpaces().lowercased() {
            case "1", "true", "yes", "on": allowHTTPLoopback = true
            case "0", "false", "no", "off": allowHTTPLoopback = false
            default:
                throw GatewayConfigurationError(
                    "\(name(GatewaySettings.allowHTTPLoopbackInstance)) must be true or false, not \(text)"
                )
            }
        }
        var upstreamTimeout: Duration = .seconds(10)
        if let text = settings.value(GatewaySettings.upstreamTimeout) {
            guard let seconds = Double(text.trimmingASCIISpaces()), seconds.isFinite, seconds > 0, seconds <= 300
            else {
                throw GatewayConfigurationError(
                    "\(name(GatewaySettings.upstreamTimeout)) must be a number of seconds between 0 and 300"
                )
            }
            upstreamTimeout = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        var limits = Limits()
        if let text = settings.value(GatewaySettings.maxBodyBytes) {
            guard let bytes = Int(text.trimmingASCIISpaces()) else {
                throw GatewayConfigurationError("\(name(GatewaySettings.maxBodyBytes)) must be a number of bytes")
            }
            limits.maxBodyBytes = bytes
        }
        if let text = settings.value(GatewaySettings.maxConcurrentRequests) {
            guard let count = Int(text.trimmingASCIISpaces()) else {
                throw GatewayConfigurationError(
                    "\(name(GatewaySettings.maxConcurrentRequests)) must be a number of requests"
                )
            }
            limits.maxConcurrentRequests = count
        }
        var logLevel = Logger.Level.info
        if let text = settings.value(GatewaySettings.logLevel) {
            guard let level = Logger.Level(rawValue: text.trimmingASCIISpaces().lowercased()) else {
                throw GatewayConfigurationError(
                    "\(name(GatewaySettings.logLevel)) must be one of trace, debug, info, notice, warning, error, "
                        + "critical"
                )
            }
            logLevel = level
        }
        var publicURL: PublicURL?
        if let text = settings.value(GatewaySettings.publicURL) { publicURL = try PublicURL(text) }
        var readCache = ReadCacheSettings()
        if let text = settings.value(GatewaySettings.cacheTTL) {
            readCache.ttl = try Self.seconds(text, upTo: 3600, name: name(GatewaySettings.cacheTTL))
        }
        if let text = settings.value(GatewaySettings.cacheGrace) {
            readCache.staleGrace = try Self.seconds(text, upTo: 3600, name: name(GatewaySettings.cacheGrace))
        }
        if let text = settings.value(GatewaySettings.cacheRefreshes) {
            guard let count = Int(text.trimmingASCIISpaces()) else {
                throw GatewayConfigurationError(
                    "\(name(GatewaySettings.cacheRefreshes)) must be a number of refreshes between 1 and 64"
                )
            }
            readCache.maxConcurrentRefreshes = count
        }
        var upstreamMode = UpstreamMode.batched
        if let text = settings.value(GatewaySettings.upstreamMode) {
            guard let mode = UpstreamMode(rawValue: text.trimmingASCIISpaces().lowercased()) else {
                throw GatewayConfigurationError(
                    "\(name(GatewaySettings.upstreamMode)) must be batched or naive, not \(text)"
                )
            }
            upstreamMode = mode
        }
        var drainGrace: Duration = .seconds(10)
        if let text = settings.value(GatewaySettings.drainGrace) {
            drainGrace = try Self.seconds(text, upTo: 300, name: name(GatewaySettings.drainGrace))
        }
        var idleTimeout: Duration = .seconds(75)
        if let text = settings.value(GatewaySettings.idleTimeout) {
            idleTimeout = try Self.seconds(text, upTo: 3600, name: name(GatewaySettings.idleTimeout))
        }
        try self.init(
            host: host,
            port: port,
            databasePath: settings.value(GatewaySettings.database) ?? "./snowgate.sqlite",
            publicURL: publicURL,
            allowHTTPLoopbackInstance: allowHTTPLoopback,
            upstreamTimeout: upstreamTimeout,
            caBundlePath: settings.value(GatewaySettings.caBundle),
            authSecret: settings.value(GatewaySettings.authSecret) ?? "",
            dataKey: settings.environment[GatewaySettings.dataKey.variable],
            limits: limits,
            logLevel: logLevel,
            security: try SecuritySettings(settings: settings),
            readCache: readCache,
            upstreamMode: upstreamMode
        )
        self.drainGrace = drainGrace
        self.idleTimeout = idleTimeout
        // Upstream resilience (issue 8).
        try applyResilienceSettings(settings)
    }

    /// A number of seconds from 0 to `limit` (fractions allowed), as a duration.
    private static func seconds(
        _ text: String,
        upTo limit: Double,
        name: String
    ) throws(GatewayConfigurationError)
        -> Duration
    {
        guard let seconds = Double(text.trimmingASCIISpaces()), seconds.isFinite, seconds >= 0, seconds <= limit else {
            throw GatewayConfigurationError("\(name) must be a number of seconds between 0 and \(Int(limit))")
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
