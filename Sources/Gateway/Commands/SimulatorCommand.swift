import ArgumentParser
import Logging
import ServiceLifecycle
import ServiceNowSimulator
import UnixSignals

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `snowgate simulator`: Run the ServiceNow simulator until SIGINT or SIGTERM.
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Run the ServiceNow simulator.",
        discussion: """
            Serves a simulated ServiceNow instance (OAuth, Table, Batch, Service Catalog, Knowledge and Aggregate \
            APIs) with seeded demo data. Every seeded user's password is "password"; try admin, beth.anglin \
            (an itil agent) or abel.tuter (an end user). See docs/SIMULATOR.md.
            """
    )

    /// The client registered when no `--client` is given, so the simulator is usable out of the box.
    static let demoClient = OAuthApplication(
        clientID: "snowgate-demo",
        clientSecret: "snowgate-demo-secret",
        redirectURLs: ["http://127.0.0.1:8080/oauth/callback"],
        name: "snowgate demo"
    )

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8081

    @Option(help: "The address to bind.")
    var host: String = "127.0.0.1"

    @Option(
        name: .customLong("client"),
        help: ArgumentHelp(
            "Register an OAuth application; repeatable. An empty SECRET makes a public (PKCE) client.",
            valueName: "ID:SECRET:REDIRECT_URL"
        )
    )
    var clients: [String] = []

    @Option(help: "Generated users (user0001 ...) in addition to the named demo users.")
    var users: Int = 0

    @Option(help: "Added network round trip per HTTP request, in milliseconds.")
    var latencyRoundTripMs: Int = 0

    @Option(help: "Added processing time per transaction (per API request, per Batch item), in milliseconds.")
    var latencyTransactionMs: Int = 0

    @Option(help: "Concurrent API transactions (the instance's semaphores); unlimited when absent.")
    var concurrentTransactions: Int?

    @Option(help: "Transactions that may wait for a free slot before requests are answered 429.")
    var queueLength: Int = 50

    @Flag(help: "Apply row ACLs after sysparm_limit, so pages can come back short as on a real instance.")
    var rowAclAfterLimit = false

    @Flag(help: "Serve the control API under /_simulator/ (request log, faults, tokens). No authentication.")
    var control = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard users >= 0, users <= 100_000 else { throw ValidationError("--users must be between 0 and 100000") }
        guard latencyRoundTripMs >= 0, latencyTransactionMs >= 0 else {
            throw ValidationError("latencies cannot be negative")
        }
        if let concurrentTransactions, concurrentTransactions < 1 {
            throw ValidationError("--concurrent-transactions must be at least 1")
        }
        for client in clients { _ = try Self.parseClient(client) }
    }

    /// `ID:SECRET:REDIRECT_URL`; the URL keeps its own colons.
    static func parseClient(_ text: String) throws -> OAuthApplication {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[0].isEmpty, parts[2].hasPrefix("http://") || parts[2].hasPrefix("https://")
        else {
            throw ValidationError("--client must look like ID:SECRET:REDIRECT_URL, got \(text)")
        }
        return OAuthApplication(clientID: parts[0], clientSecret: parts[1], redirectURLs: [parts[2]])
    }

    static func fourDigits(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    func run() async throws {
        var logger = Logger(label: "snowgate.simulator")
        logger.logLevel = .info
        let applications = clients.isEmpty ? [Self.demoClient] : try clients.map(Self.parseClient)
        let simulator = ServiceNowSimulator(
            configuration: SimulatorConfiguration(
                host: host,
                port: port,
                applications: applications,
                seed: SeedConfiguration(generatedUsers: users),
                latency: LatencyModel(
                    roundTrip: .milliseconds(latencyRoundTripMs),
                    transaction: .milliseconds(latencyTransactionMs),
                    concurrentTransactions: concurrentTransactions,
                    queueLength: queueLength
                ),
                rowSecurity: rowAclAfterLimit ? .afterLimit : .queryLevel,
                controlEndpoints: control,
                logger: logger
            )
        )
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [simulator],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let url = try await simulator.baseURL()
            var lines = ["ServiceNow simulator listening on \(url)"]
            for application in applications {
                let secret = application.isPublic ? "(public client, PKCE)" : application.clientSecret
                lines.append(
                    "  OAuth client \(application.clientID)  secret \(secret)  redirect \(application.redirectURLs.joined(separator: ", "))"
                )
            }
            lines.append(
                "  Authorize: \(url)/oauth_auth.do?response_type=code&client_id=\(applications[0].clientID)&state=demo"
            )
            lines.append(
                "  Logins (password \"password\"): admin (admin, itil), beth.anglin (itil), abel.tuter (end user)"
                    + (users > 0 ? ", user0001 ... user\(Self.fourDigits(users))" : "")
            )
            if control { lines.append("  Control API: \(url)/_simulator/") }
            print(lines.joined(separator: "\n"))
            // stdout is block-buffered when redirected; a script waiting for the URL must see it now.
            fflush(nil)
            try await tasks.waitForAll()
        }
    }
}
