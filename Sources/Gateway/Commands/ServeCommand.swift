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
            with. SNOWGATE_DATA_KEY (base64 of 32 bytes) encrypts the stored client secret and tokens; without it a \
            key file is created beside the database. See README.md, "Deploying snowgate serve".
            """
    )

    @Option(help: "The address to bind (SNOWGATE_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "The port to listen on (SNOWGATE_PORT; default 8080).")
    var port: String?

    @Option(help: "The SQLite database file (SNOWGATE_DATABASE; default ./snowgate.sqlite).")
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

    @Option(help: "A PEM file of CA certificates to trust for ServiceNow (SNOWGATE_CA_BUNDLE; default: the system's).")
    var caBundle: String?

    @Option(help: "The largest request body in bytes (SNOWGATE_MAX_BODY_BYTES; default 1048576).")
    var maxBodyBytes: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (SNOWGATE_LOG_LEVEL; default info).")
    var logLevel: String?

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
        name: .customLong("upstream-mode"),
        help: ArgumentHelp(
            "batched, or naive (one ServiceNow call per field, no Batch API, no cache: a baseline for `make bench` "
                + "only) (SNOWGATE_UPSTREAM_MODE; default batched)."
        )
    )
    var upstreamMode: String?

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
        flags[GatewaySettings.maxBodyBytes] = maxBodyBytes
        flags[GatewaySettings.logLevel] = logLevel
        flags[GatewaySettings.cacheTTL] = cacheTTL
        flags[GatewaySettings.cacheGrace] = cacheGrace
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
