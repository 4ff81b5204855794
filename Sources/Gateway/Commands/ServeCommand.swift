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

    // Upstream resilience (issue 8).
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
        flags.merge(resilienceFlags) { given, _ in given }
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
