import ArgumentParser
import CurlHTTP
import Logging
import ServiceLifecycle
import ServiceNowSimulator
import UnixSignals

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `snowgate demo`: the ServiceNow simulator and the gateway together on loopback ports, configured against each
/// other, with a demo user already connected through the real OAuth flow.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the simulator and the gateway together, ready to try.",
        discussion: """
            Starts a simulated ServiceNow instance and the gateway on loopback ports with a fresh database (a \
            temporary directory unless --database is given), configures the gateway against the simulator, connects \
            the demo user abel.tuter (and the admin) through the authorization-code flow, and prints tokens to try \
            it with and links that open the widget and the schema explorer as abel.tuter. SNOWGATE_AUTH_SECRET is \
            generated when not set. Runs until Ctrl-C.
            """
    )

    @Option(help: "The gateway's port (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "The simulator's port (0 picks a free one).")
    var simulatorPort: Int = 8081

    @Option(help: "The database file; a fresh temporary one when omitted.")
    var database: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "notice"

    /// The OAuth client the demo registers at the simulator.
    static let clientID = "snowgate-demo"
    /// The ServiceNow user whose account the demo connects, and the gateway subject that stands for them.
    static let demoUser = (subject: "abel.tuter", name: "Abel Tuter", email: "abel.tuter@example.com")
    /// The admin, connected as the simulator's `admin`.
    static let demoAdmin = (subject: "admin", name: "System Administrator", email: "admin@example.com")

    func validate() throws {
        guard (0...65535).contains(port), (0...65535).contains(simulatorPort) else {
            throw ValidationError("ports must be between 0 and 65535")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let logger = GatewayRunner.makeLogger(level: Logger.Level(rawValue: logLevel) ?? .notice)
        let environment = ProcessInfo.processInfo.environment
        let authSecret =
            environment[GatewaySettings.authSecret.variable].flatMap { $0.isEmpty ? nil : $0 }
            ?? JWTSigner.generateSecret()
        var temporaryDirectory: String?
        let databasePath: String
        if let database {
            databasePath = database
        } else {
            let directory = try Self.makeTemporaryDirectory()
            temporaryDirectory = directory
            databasePath = directory + "/snowgate-demo.sqlite"
        }
        defer { if let temporaryDirectory { Self.removeDirectory(temporaryDirectory) } }

        var configuration: GatewayConfiguration
        do {
            configuration = try GatewayConfiguration(
                port: port,
                databasePath: databasePath,
                allowHTTPLoopbackInstance: true,
                authSecret: authSecret,
                dataKey: environment[GatewaySettings.dataKey.variable],
                logLevel: logger.logLevel
            )
            // No load balancer in front of the demo, and Ctrl-C should stop it at once, browser tabs open or not.
            configuration.drainGrace = .zero
        } catch {
            throw ValidationError(error.message)
        }
        let resources = try await GatewayRunner.open(configuration, logger: logger)
        do {
            try await serve(configuration: configuration, resources: resources, logger: logger)
        } catch {
            await resources.close()
            throw error
        }
        await resources.close()
    }

    private func serve(
        configuration: GatewayConfiguration,
        resources: GatewayRunner.Resources,
        logger: Logger
    ) async throws {
        let simulator = ServiceNowSimulator(
            configuration: SimulatorConfiguration(port: simulatorPort, logger: logger)
        )
        let server = try GatewayServer(
            configuration: configuration,
            store: resources.store,
            client: resources.client,
            logger: logger
        )
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [simulator, server],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                let simulatorURL = try await simulator.baseURL()
                // The gateway's redirect URL is known once it has bound its port.
                _ = try await server.listeningURL()
                let lines = try await Self.prepare(
                    simulator: simulator.control,
                    simulatorURL: simulatorURL,
                    server: server,
                    client: resources.client,
                    authSecret: configuration.authSecret
                )
                print(lines.joined(separator: "\n"))
                // stdout is block-buffered when redirected; a script waiting for the tokens must see them now.
                fflush(nil)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            try await tasks.waitForAll()
        }
    }

    /// Registers the gateway's OAuth client at the simulator, configures the gateway as an admin would, connects
    /// the demo users through the real authorize → approve → callback flow, and returns the lines to print.
    static func prepare(
        simulator: SimulatorControl,
        simulatorURL: String,
        server: GatewayServer,
        client: CurlClient,
        authSecret: String,
        now: Date = Date()
    ) async throws -> [String] {
        let publicURL = server.publicURL
        let clientSecret = RandomText.alphanumeric(count: 32)
        simulator.register(
            OAuthApplication(
                clientID: clientID,
                clientSecret: clientSecret,
                redirectURLs: [publicURL.redirectURL],
                name: "snowgate demo"
            )
        )
        let expiry = now.addingTimeInterval(24 * 3600)
        let admin = Identity(
            subject: demoAdmin.subject,
            name: demoAdmin.name,
            email: demoAdmin.email,
            roles: [Identity.adminRole],
            expiresAt: expiry
        )
        let user = Identity(subject: demoUser.subject, name: demoUser.name, email: demoUser.email, expiresAt: expiry)
        _ = try await server.operations.configureServiceNow(
            admin,
            instanceURL: simulatorURL,
            clientID: clientID,
            clientSecret: clientSecret
        )
        for (identity, login) in [(user, "abel.tuter"), (admin, "admin")] {
            try await connect(identity, as: login, simulator: simulator, server: server, client: client)
        }
        let signer = try JWTSigner(secret: authSecret)
        let userToken = signer.sign(
            subject: user.subject,
            name: user.name,
            email: user.email,
            issuedAt: now,
            expiresAt: expiry
        )
        let adminToken = signer.sign(
            subject: admin.subject,
            name: admin.name,
            email: admin.email,
            roles: admin.roles,
            issuedAt: now,
            expiresAt: expiry
        )
        return [
            "snowgate demo: ServiceNow simulator at \(simulatorURL), gateway at \(publicURL)",
            // The demo (never `serve`) signs the demo user in through the URL fragment: it stays in the browser (no
            // request or log carries it) and the page removes it from the address bar once read.
            "Widget: \(publicURL.url("/widget"))#token=\(userToken)",
            "Explorer: \(publicURL.url("/explorer"))#token=\(userToken)",
            "GraphQL: \(publicURL.url("/graphql"))",
            "User token: \(userToken)",
            "Admin token: \(adminToken)",
            "Schema: \(publicURL.url("/schema.graphql"))",
            "The user token is abel.tuter's (connected to ServiceNow as abel.tuter); the admin token is admin's "
                + "(connected as admin). Both are valid for 24 hours.",
            "Try: curl -s \(publicURL.url("/graphql")) -H \"Authorization: Bearer <User token>\" "
                + "-H 'Content-Type: application/json' -d '{\"query\":\"{ viewer { serviceNow { connected } } }\"}'",
            "Simulator logins (password \"password\"): abel.tuter, beth.anglin, admin. Press Ctrl-C to stop.",
        ]
    }

    /// The whole authorization-code flow for one user, with the simulator's consent step done programmatically:
    /// the gateway's authorize link, the user pressing Allow, and the browser following the redirect to the
    /// gateway's callback.
    static func connect(
        _ identity: Identity,
        as login: String,
        simulator: SimulatorControl,
        server: GatewayServer,
        client: CurlClient
    ) async throws {
        guard let authorizeURL = try await server.operations.authorizeURL(for: identity) else {
            throw ValidationError("The demo could not configure the gateway")
        }
        let redirect = try simulator.approveAuthorization(url: authorizeURL, asUser: login)
        let response = try await client.execute(CurlRequest(url: redirect))
        guard response.status == 200, try await server.operations.isConnected(identity) else {
            throw ValidationError(
                "The demo could not connect \(login): the callback answered \(response.status)"
            )
        }
    }

    static func makeTemporaryDirectory() throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/snowgate-demo-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let pointer = buffer.baseAddress else { return false }
            return mkdtemp(pointer) != nil
        }
        guard made else { throw ValidationError("Cannot create a temporary directory in \(base)") }
        return String(nulTerminated: template)
    }

    static func removeDirectory(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
