import CurlHTTP
import Logging
import ServiceLifecycle
import UnixSignals

/// Starting and stopping a gateway process: the data key, the store, the HTTP client and the server, then graceful
/// shutdown on SIGTERM/SIGINT, closing the store and client only after in-flight requests have finished.
enum GatewayRunner {
    /// A logger that writes structured lines to standard error at `level`.
    static func makeLogger(level: Logger.Level, label: String = "snowgate") -> Logger {
        var logger = Logger(label: label) { label in GatewayLogHandler.standardError(label: label) }
        logger.logLevel = level
        return logger
    }

    /// Opens what the configuration names and serves until a signal.
    static func run(_ configuration: GatewayConfiguration, logger: Logger) async throws {
        let resources = try await open(configuration, logger: logger)
        let server: GatewayServer
        do {
            server = try GatewayServer(
                configuration: configuration,
                store: resources.store,
                client: resources.client,
                identityClient: resources.identityClient,
                logger: logger
            )
        } catch {
            await resources.close()
            throw error
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [server],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        do {
            try await group.run()
        } catch {
            await resources.close()
            throw error
        }
        await resources.close()
    }

    /// The store and client a server runs on.
    struct Resources: Sendable {
        let store: any GatewayStore
        /// The ServiceNow client: it connects only to addresses the instance address policy allows.
        let client: CurlClient
        /// The client that fetches the JWKS (the identity provider may be on the intranet), when one is configured.
        var identityClient: CurlClient? = nil

        func close() async {
            await store.close()
            await client.shutdown()
            await identityClient?.shutdown()
        }
    }

    /// Resolves the data key, opens the store and creates the HTTP client, with errors that say what to fix.
    static func open(_ configuration: GatewayConfiguration, logger: Logger) async throws -> Resources {
        logger.info("Starting snowgate", metadata: ["settings": "\(configuration)"])
        if configuration.publicURL == nil, configuration.host != "127.0.0.1", configuration.host != "localhost" {
            logger.warning(
                "No --public-url: the OAuth redirect URL is built from --host and --port; set --public-url to the address browsers use"
            )
        }
        let database: GatewayDatabase
        do {
            database = try GatewayDatabase(configuration.databasePath)
        } catch {
            throw GatewayConfigurationError("--database (SNOWGATE_DATABASE): \(error.message)")
        }
        let key: DataKey
        do {
            let resolved = try database.resolveKey(environmentValue: configuration.dataKey)
            key = resolved.key
            switch resolved.source {
            case .environment:
                logger.info("Data key from SNOWGATE_DATA_KEY")
            case .keyFile(let path):
                logger.info("Data key from its key file", metadata: ["path": "\(path)"])
            case .createdKeyFile(let path):
                logger.notice(
                    "Created a new data key file; back it up with the database, or set SNOWGATE_DATA_KEY",
                    metadata: ["path": "\(path)"]
                )
            }
        } catch {
            throw GatewayConfigurationError(error.message)
        }
        let store: any GatewayStore
        do {
            store = try await database.open(key: key, logger: logger)
        } catch {
            // `database` and the store's errors leave a URL's password out.
            throw GatewayConfigurationError("Cannot open the database \(database): \(error)")
        }
        var clientConfiguration = CurlClient.Configuration()
        clientConfiguration.requestTimeout = configuration.upstreamTimeout
        clientConfiguration.caBundlePath = configuration.caBundlePath
        // SSRF: every connection to ServiceNow is checked against the address policy when it is opened, so a host
        // that resolved to a public address when the admin saved it cannot be re-pointed inside (DNS rebinding).
        let addressPolicy = configuration.instanceAddressPolicy
        clientConfiguration.connectAddressFilter = { address in addressPolicy.allows(address.bytes) }
        let client: CurlClient
        do {
            client = try CurlClient(configuration: clientConfiguration)
        } catch {
            await store.close()
            throw GatewayConfigurationError("Cannot set up the HTTP client for ServiceNow: \(error.message)")
        }
        guard configuration.security.identity.jwksURL != nil else { return Resources(store: store, client: client) }
        var identityConfiguration = CurlClient.Configuration()
        identityConfiguration.caBundlePath = configuration.caBundlePath
        identityConfiguration.maxConnectionsPerHost = 4
        do {
            let identityClient = try CurlClient(configuration: identityConfiguration)
            return Resources(store: store, client: client, identityClient: identityClient)
        } catch {
            await store.close()
            await client.shutdown()
            throw GatewayConfigurationError("Cannot set up the HTTP client for the JWKS: \(error.message)")
        }
    }
}
