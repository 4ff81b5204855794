import CurlHTTP
import Foundation
import JSON
import Logging
import Resolvers
import ServiceLifecycle
import ServiceNowSimulator
import Testing

@testable import Gateway

/// Everything one gateway test needs, on real parts: a temp directory with a real SQLite file and a data key, a
/// controllable clock, captured logs, a libcurl client, and a simulator as the upstream. Gateways started from it
/// share the database, key and clock, so starting a second one is a restart.
final class GatewayHarness: Sendable {
    let directory: TemporaryDirectory
    let databasePath: String
    let key: DataKey
    /// The key as `SNOWGATE_DATA_KEY` would hold it (a PostgreSQL database requires it).
    let keyText: String
    let clock = ManualClock()
    let logs = LogCapture()
    let client: CurlClient
    let authSecret = "test-secret-that-is-long-enough-0123456789"
    let signer: JWTSigner
    let clientSecret = "sim-client-secret-7Hq2"
    static let clientID = "gateway-test-client"

    init() throws {
        directory = try TemporaryDirectory()
        databasePath = directory.file("gateway.sqlite")
        keyText = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64EncodedString()
        key = try DataKey(base64: keyText)
        // Generous: on a 2-core CI machine running every suite at once, a request can wait seconds for a core, and
        // a test that means to see the gateway's own error must not see this client's timeout instead.
        var clientConfiguration = CurlClient.Configuration()
        clientConfiguration.requestTimeout = .seconds(60)
        client = try CurlClient(configuration: clientConfiguration)
        signer = try JWTSigner(secret: authSecret)
    }

    /// Runs `body` with a simulator whose OAuth application has no redirect URL yet (a test registers the
    /// gateway's once it is listening, via ``RunningGateway/registerClient(at:)``), with no added latency unless
    /// `latency` says otherwise.
    func withSimulator<Result: Sendable>(
        latency: LatencyModel = .none,
        _ body: (RunningSimulator) async throws -> Result
    ) async throws -> Result {
        try await ServiceNowSimulator.withRunning(SimulatorConfiguration(latency: latency)) { simulator in
            try await body(simulator)
        }
    }

    /// Starts a gateway on port 0 over the harness's database (or `database`, a `--database` value such as a
    /// PostgreSQL URL), runs `body`, then shuts it down gracefully and closes its store.
    func withGateway<Result: Sendable>(
        database: String? = nil,
        graphQL: (any GraphQLService)? = nil,
        limits: GatewayConfiguration.Limits = GatewayConfiguration.Limits(),
        publicURL: PublicURL? = nil,
        security: SecuritySettings = SecuritySettings(),
        allowHTTPLoopbackInstance: Bool = true,
        authSecret: String? = nil,
        readCache: GatewayConfiguration.ReadCacheSettings = GatewayConfiguration.ReadCacheSettings(),
        upstreamMode: UpstreamMode = .batched,
        _ body: (RunningGateway) async throws -> Result
    ) async throws -> Result {
        var configuration = try GatewayConfiguration(
            port: 0,
            databasePath: database ?? databasePath,
            publicURL: publicURL,
            allowHTTPLoopbackInstance: allowHTTPLoopbackInstance,
            upstreamTimeout: .seconds(20),  // a starved CI machine must not turn a fault into a timeout
            authSecret: authSecret ?? self.authSecret,
            dataKey: keyText,
            limits: limits,
            security: security,
            readCache: readCache,
            upstreamMode: upstreamMode
        )
        // The harness's client keeps idle keep-alive connections open, and a graceful shutdown would keep those for the
        // drain's grace period at the end of every test; the drain itself is GracefulDrainTests'.
        configuration.drainGrace = .zero
        let store = try await GatewayDatabase(database ?? databasePath).open(key: key, clock: clock)
        let server = try GatewayServer(
            configuration: configuration,
            store: store,
            client: client,
            clock: clock,
            graphQL: graphQL,
            logger: logs.logger()
        )
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [server],
                gracefulShutdownSignals: [],
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            )
        )
        let result: Result
        do {
            result = try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                do {
                    let url = try await server.listeningURL()
                    let running = RunningGateway(
                        harness: self,
                        server: server,
                        store: store,
                        baseURL: url,
                        shutdown: { await group.triggerGracefulShutdown() }
                    )
                    let result = try await body(running)
                    await group.triggerGracefulShutdown()
                    try await tasks.waitForAll()
                    return result
                } catch {
                    await group.triggerGracefulShutdown()
                    tasks.cancelAll()
                    throw error
                }
            }
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        return result
    }

    /// A user token for `subject`, valid for an hour of the harness clock.
    func token(_ subject: String, admin: Bool = false, name: String? = nil) -> String {
        signer.sign(
            subject: subject,
            name: name,
            roles: admin ? ["admin"] : [],
            issuedAt: clock.now(),
            expiresAt: clock.now().addingTimeInterval(3600)
        )
    }

    /// An identity as the verifier would make it.
    func identity(_ subject: String, admin: Bool = false) -> Identity {
        Identity(subject: subject, roles: admin ? ["admin"] : [], expiresAt: clock.now().addingTimeInterval(3600))
    }

    /// Every byte the database keeps on disk: the main file, the WAL and the shared-memory index.
    func databaseBytes() throws -> [UInt8] {
        var bytes: [UInt8] = []
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: databasePath + suffix) {
            bytes += try [UInt8](Data(contentsOf: URL(fileURLWithPath: databasePath + suffix)))
        }
        return bytes
    }

}

/// A gateway that is listening, as ``GatewayHarness/withGateway(graphQL:limits:publicURL:security:allowHTTPLoopbackInstance:authSecret:_:)``
/// hands it over.
struct RunningGateway: Sendable {
    let harness: GatewayHarness
    let server: GatewayServer
    let store: any GatewayStore
    /// `http://127.0.0.1:PORT`.
    let baseURL: String
    /// Starts a graceful shutdown (as SIGTERM would) without waiting for it.
    let shutdown: @Sendable () async -> Void

    var operations: GatewayOperations { server.operations }

    /// Registers the harness's OAuth client at `simulator` with this gateway's redirect URL (and `secret`).
    func registerClient(at simulator: RunningSimulator, secret: String? = nil) {
        simulator.control.register(
            OAuthApplication(
                clientID: GatewayHarness.clientID,
                clientSecret: secret ?? harness.clientSecret,
                redirectURLs: [server.publicURL.redirectURL]
            )
        )
    }

    /// Configures the gateway against `simulator` as an admin, with the harness's client (or another secret).
    @discardableResult
    func configure(
        against simulator: RunningSimulator,
        clientSecret: String? = nil
    ) async throws
        -> ConfigureServiceNowResult
    {
        try await operations.configureServiceNow(
            harness.identity("admin-1", admin: true),
            instanceURL: simulator.baseURL,
            clientID: GatewayHarness.clientID,
            clientSecret: clientSecret ?? harness.clientSecret
        )
    }

    /// The whole authorization-code flow: the gateway's authorize link for `subject`, the simulator's consent as
    /// `login`, and the browser's visit to the callback. Returns the callback's answer.
    @discardableResult
    func connect(_ subject: String, as login: String, simulator: RunningSimulator) async throws -> CurlResponse {
        let url = try #require(try await operations.authorizeURL(for: harness.identity(subject)))
        let redirect = try simulator.control.approveAuthorization(url: url, asUser: login)
        return try await harness.client.execute(CurlRequest(url: redirect))
    }

    /// A request to the gateway.
    func request(
        _ method: CurlRequest.Method = .get,
        _ path: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil
    ) async throws -> CurlResponse {
        try await harness.client.execute(
            CurlRequest(
                method: method,
                url: baseURL + path,
                headers: headers.map { CurlHeader(name: $0.0, value: $0.1) },
                body: body
            )
        )
    }

    /// `POST /graphql` with a JSON body, as `subject` (or without a token).
    func graphQL(
        _ query: String,
        variables: JSONObject? = nil,
        token: String?,
        accept: String? = nil
    ) async throws -> CurlResponse {
        var object: JSONObject = ["query": .string(query)]
        if let variables { object["variables"] = .object(variables) }
        var headers = [("Content-Type", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if let accept { headers.append(("Accept", accept)) }
        return try await request(.post, "/graphql", headers: headers, body: JSONValue.object(object).serialized())
    }
}

extension CurlResponse {
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON.
    func json() throws -> JSONValue { try JSONParser().parse(body) }

    /// A header's value.
    func header(_ name: String) -> String? { headers.value(named: name) }
}
