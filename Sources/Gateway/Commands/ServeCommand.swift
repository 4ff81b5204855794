import ArgumentParser
import CurlHTTP
import Logging
import ServiceLifecycle

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `snowgate serve`: run the gateway until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the gateway.",
        discussion: """
            Every option can also be set with its SNOWGATE_* environment variable (the option wins). \
            SNOWGATE_AUTH_SECRET is required: the HS256 secret (at least 32 bytes) your intranet signs user tokens \
            with (unless --jwt-jwks-url or --jwt-public-key-file verifies them). SNOWGATE_DATA_KEY (base64 of 32 \
            bytes) encrypts the stored client secret and tokens; without it a key file is created beside a SQLite \
            database; with PostgreSQL it is required, the same on every replica (docs/SCALE-OUT.md). See README.md, \
            "Deploying snowgate serve".
            """
    )

    @Option(help: "The address to bind (SNOWGATE_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "The port to listen on (SNOWGATE_PORT; default 8080).")
    var port: String?

    @Option(
        help: ArgumentHelp(
            "The SQLite database file, or postgres://USER:PASS@HOST:PORT/DB for replicas sharing PostgreSQL "
                + "(SNOWGATE_DATABASE; default ./snowgate.sqlite)."
        )
    )
    var database: String?

    @Option(
        name: .customLong("public-url"),
        help: ArgumentHelp(
            "Where browsers reach the gateway; the OAuth redirect URL is <public-url>/oauth/callback "
                + "(SNOWGATE_PUBLIC_URL; default http://HOST:PORT)."
        )
    )
    var publicURL: String?

    @Flag(
        help: ArgumentHelp(
            "Accept an http:// ServiceNow instance URL on a loopback address, for the simulator "
                + "(SNOWGATE_ALLOW_HTTP_LOOPBACK_INSTANCE)."
        )
    )
    var allowHTTPLoopbackInstance = false

    @Option(help: "Seconds one ServiceNow call may take (SNOWGATE_UPSTREAM_TIMEOUT; default 10).")
    var upstreamTimeout: String?

    @Option(
        help: ArgumentHelp(
            "Seconds an idle keep-alive connection stays open after SIGTERM, for one more request answered with "
                + "Connection: close; longer than the load balancer's upstream keep-alive timeout "
                + "(SNOWGATE_DRAIN_GRACE; default 10)."
        )
    )
    var drainGrace: String?

    @Option(
        help: ArgumentHelp(
            "Seconds a client connection may stay silent (idle, or stalled mid-request) before it is closed; longer "
                + "than the load balancer's upstream keep-alive timeout (SNOWGATE_IDLE_TIMEOUT; default 75; 0: never)."
        )
    )
    var idleTimeout: String?

    @Option(help: "A PEM file of CA certificates to trust for ServiceNow (SNOWGATE_CA_BUNDLE; default: the system's).")
    var caBundle: String?

    @Option(help: "The largest request body in bytes (SNOWGATE_MAX_BODY_BYTES; default 1048576).")
    var maxBodyBytes: String?

    @Option(help: "The most GraphQL requests executing at once (SNOWGATE_MAX_CONCURRENT_REQUESTS; default 128).")
    var maxConcurrentRequests: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (SNOWGATE_LOG_LEVEL; default info).")
    var logLevel: String?

    // MARK: Security: operation limits, rate limits, identity providers, browser rules (SecuritySettings)

    @Option(help: "The most tokens in a GraphQL document (SNOWGATE_MAX_TOKENS; default 15000).")
    var maxTokens: String?

    @Option(help: "The deepest bracket nesting in a GraphQL document (SNOWGATE_MAX_NESTING_DEPTH; default 100).")
    var maxNestingDepth: String?

    @Option(help: "The largest GraphQL document in bytes (SNOWGATE_MAX_DOCUMENT_BYTES; default 1048576).")
    var maxDocumentBytes: String?

    @Option(help: "The deepest field selection; 0 for no limit (SNOWGATE_MAX_DEPTH; default 15).")
    var maxDepth: String?

    @Option(help: "The most aliases in an operation; 0 for no limit (SNOWGATE_MAX_ALIASES; default 30).")
    var maxAliases: String?

    @Option(help: "The most root fields in an operation; 0 for no limit (SNOWGATE_MAX_ROOT_FIELDS; default 20).")
    var maxRootFields: String?

    @Option(help: "The most directives on one location; 0 for no limit (SNOWGATE_MAX_DIRECTIVES; default 10).")
    var maxDirectives: String?

    @Option(
        help: ArgumentHelp(
            "The highest query cost, priced from list sizes and the request's variables; 0 for no limit "
                + "(SNOWGATE_MAX_COST; default 10000)."
        )
    )
    var maxCost: String?

    @Option(
        help:
            "The most ServiceNow calls one request may make; 0 for no limit (SNOWGATE_MAX_UPSTREAM_CALLS; default 50)."
    )
    var maxUpstreamCalls: String?

    @Option(help: "Seconds one GraphQL request may execute (SNOWGATE_EXECUTION_TIMEOUT; default 60).")
    var executionTimeout: String?

    @Option(help: "Who may introspect the schema: on, off or admins (SNOWGATE_INTROSPECTION; default on).")
    var introspection: String?

    @Option(help: "Who gets 'Did you mean' suggestions: on, off or admins (SNOWGATE_SUGGESTIONS; default on).")
    var suggestions: String?

    @Option(help: "Requests per second per user; 0 switches it off (SNOWGATE_RATE_LIMIT; default 10).")
    var rateLimit: String?

    @Option(help: "Requests a user may send at once (SNOWGATE_RATE_LIMIT_BURST; default 30).")
    var rateLimitBurst: String?

    @Option(
        help: ArgumentHelp(
            "Unauthenticated requests per second per client address (failed sign-ins, OAuth callbacks); 0 "
                + "switches it off (SNOWGATE_IP_RATE_LIMIT; default 2)."
        )
    )
    var ipRateLimit: String?

    @Option(help: "Unauthenticated requests one address may send at once (SNOWGATE_IP_RATE_LIMIT_BURST; default 20).")
    var ipRateLimitBurst: String?

    @Option(
        help: ArgumentHelp(
            "Comma-separated addresses or ranges (10.0.0.0/8) of load balancers whose X-Forwarded-For names the "
                + "client for the per-address rate limit (SNOWGATE_TRUSTED_PROXIES; default none: the header is "
                + "ignored)."
        )
    )
    var trustedProxies: String?

    @Option(
        name: .customLong("jwt-jwks-url"),
        help: "The identity provider's JWKS URL for RS256/ES256 user tokens (SNOWGATE_JWT_JWKS_URL)."
    )
    var jwtJWKSURL: String?

    @Option(
        name: .customLong("jwt-public-key-file"),
        help: "A PEM RSA or P-256 public key for RS256/ES256 user tokens (SNOWGATE_JWT_PUBLIC_KEY_FILE)."
    )
    var jwtPublicKeyFile: String?

    @Option(
        name: .customLong("jwt-issuer"),
        help: "The iss every user token must carry (SNOWGATE_JWT_ISSUER)."
    )
    var jwtIssuer: String?

    @Option(
        name: .customLong("jwt-audience"),
        help: "The aud every user token must include (SNOWGATE_JWT_AUDIENCE)."
    )
    var jwtAudience: String?

    @Option(
        name: .customLong("cors-origin"),
        help:
            "An intranet origin allowed to call /graphql from its pages; repeatable (SNOWGATE_CORS_ORIGINS, comma list)."
    )
    var corsOrigins: [String] = []

    @Option(
        name: .customLong("frame-ancestor"),
        help: ArgumentHelp(
            "An origin allowed to frame the gateway's pages; repeatable (SNOWGATE_FRAME_ANCESTORS, comma list; "
                + "default 'self' and the CORS origins)."
        )
    )
    var frameAncestors: [String] = []

    @Flag(
        help: ArgumentHelp(
            "Accept a ServiceNow instance URL that resolves to a private address, for an on-premises instance "
                + "(SNOWGATE_ALLOW_PRIVATE_INSTANCE)."
        )
    )
    var allowPrivateInstance = false

    /// The security flags given, keyed by setting.
    var securityFlags: [GatewaySettings.Setting: String] {
        var flags: [GatewaySettings.Setting: String] = [:]
        flags[GatewaySettings.maxTokens] = maxTokens
        flags[GatewaySettings.maxNestingDepth] = maxNestingDepth
        flags[GatewaySettings.maxDocumentBytes] = maxDocumentBytes
        flags[GatewaySettings.maxDepth] = maxDepth
        flags[GatewaySettings.maxAliases] = maxAliases
        flags[GatewaySettings.maxRootFields] = maxRootFields
        flags[GatewaySettings.maxDirectives] = maxDirectives
        flags[GatewaySettings.maxCost] = maxCost
        flags[GatewaySettings.maxUpstreamCalls] = maxUpstreamCalls
        flags[GatewaySettings.executionTimeout] = executionTimeout
        flags[GatewaySettings.introspection] = introspection
        flags[GatewaySettings.suggestions] = suggestions
        flags[GatewaySettings.rateLimit] = rateLimit
        flags[GatewaySettings.rateLimitBurst] = rateLimitBurst
        flags[GatewaySettings.ipRateLimit] = ipRateLimit
        flags[GatewaySettings.ipRateLimitBurst] = ipRateLimitBurst
        flags[GatewaySettings.trustedProxies] = trustedProxies
        flags[GatewaySettings.jwtJWKSURL] = jwtJWKSURL
        flags[GatewaySettings.jwtPublicKeyFile] = jwtPublicKeyFile
        flags[GatewaySettings.jwtIssuer] = jwtIssuer
        flags[GatewaySettings.jwtAudience] = jwtAudience
        if !corsOrigins.isEmpty { flags[GatewaySettings.corsOrigins] = corsOrigins.joined(separator: ",") }
        if !frameAncestors.isEmpty { flags[GatewaySettings.frameAncestors] = frameAncestors.joined(separator: ",") }
        if allowPrivateInstance { flags[GatewaySettings.allowPrivateInstance] = "true" }
        return flags
    }

    // MARK: Upstream resilience: retries, request budget, circuit breaker (ResilienceSettings)

    @Option(help: "Retries of a failed ServiceNow read (SNOWGATE_UPSTREAM_RETRIES; default 2, 0 for none).")
    var upstreamRetries: String?

    @Option(
        help:
            "Seconds all ServiceNow calls of one request may take, retries included (SNOWGATE_UPSTREAM_BUDGET; default 30)."
    )
    var upstreamBudget: String?

    @Option(help: "Consecutive failures that open the circuit breaker (SNOWGATE_BREAKER_FAILURES; default 5).")
    var breakerFailures: String?

    @Option(
        help: "Seconds the open circuit breaker answers at once before a probe (SNOWGATE_BREAKER_COOLDOWN; default 10)."
    )
    var breakerCooldown: String?

    /// The resilience flags given, keyed by setting.
    var resilienceFlags: [GatewaySettings.Setting: String] {
        var flags: [GatewaySettings.Setting: String] = [:]
        flags[GatewaySettings.upstreamRetries] = upstreamRetries
        flags[GatewaySettings.upstreamBudget] = upstreamBudget
        flags[GatewaySettings.breakerFailures] = breakerFailures
        flags[GatewaySettings.breakerCooldown] = breakerCooldown
        return flags
    }

    // MARK: Settings
    // MARK: Performance: the per-user read cache, and the benchmark's baseline mode

    @Option(
        name: .customLong("cache-ttl"),
        help: ArgumentHelp(
            "Seconds a user's ServiceNow answers are reused; 0 turns the per-user read cache off "
                + "(SNOWGATE_CACHE_TTL; default 5)."
        )
    )
    var cacheTTL: String?

    @Option(
        name: .customLong("cache-grace"),
        help: ArgumentHelp(
            "Seconds after the TTL a stale answer is still served while it is refreshed in the background "
                + "(SNOWGATE_CACHE_GRACE; default 10)."
        )
    )
    var cacheGrace: String?

    @Option(
        name: .customLong("cache-refreshes"),
        help: ArgumentHelp(
            "Background refreshes of stale answers running at once, 1-64: what the cache may take of the "
                + "instance's transactions beside the users' own reads (SNOWGATE_CACHE_REFRESHES; default 4)."
        )
    )
    var cacheRefreshes: String?

    @Option(
        name: .customLong("upstream-mode"),
        help: ArgumentHelp(
            "batched, or naive (one ServiceNow call per field, no Batch API, no cache: a baseline for `make bench` "
                + "only) (SNOWGATE_UPSTREAM_MODE; default batched)."
        )
    )
    var upstreamMode: String?

    // MARK: Settings

    /// The flags given, keyed by setting.
    var flags: [GatewaySettings.Setting: String] {
        var flags: [GatewaySettings.Setting: String] = [:]
        flags[GatewaySettings.host] = host
        flags[GatewaySettings.port] = port
        flags[GatewaySettings.database] = database
        flags[GatewaySettings.publicURL] = publicURL
        if allowHTTPLoopbackInstance { flags[GatewaySettings.allowHTTPLoopbackInstance] = "true" }
        flags[GatewaySettings.upstreamTimeout] = upstreamTimeout
        flags[GatewaySettings.caBundle] = caBundle
        flags[GatewaySettings.drainGrace] = drainGrace
        flags[GatewaySettings.idleTimeout] = idleTimeout
        flags[GatewaySettings.maxBodyBytes] = maxBodyBytes
        flags[GatewaySettings.maxConcurrentRequests] = maxConcurrentRequests
        flags[GatewaySettings.logLevel] = logLevel
        flags.merge(securityFlags) { own, _ in own }
        flags.merge(resilienceFlags) { given, _ in given }
        flags[GatewaySettings.cacheTTL] = cacheTTL
        flags[GatewaySettings.cacheGrace] = cacheGrace
        flags[GatewaySettings.cacheRefreshes] = cacheRefreshes
        flags[GatewaySettings.upstreamMode] = upstreamMode
        return flags
    }

    func run() async throws {
        let configuration: GatewayConfiguration
        do {
            configuration = try GatewayConfiguration(
                settings: GatewaySettings(flags: flags, environment: ProcessInfo.processInfo.environment)
            )
        } catch {
            throw ValidationError(error.message)
        }
        try await GatewayRunner.run(configuration, logger: GatewayRunner.makeLogger(level: configuration.logLevel))
    }
}
