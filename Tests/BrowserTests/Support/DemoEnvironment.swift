import CurlHTTP
import Foundation
import JSON
import Logging
import ServiceLifecycle
import ServiceNowSimulator
import Testing

@testable import Gateway

/// What `snowgate demo` runs, in-process on port 0: the simulator, a gateway over a fresh SQLite file configured
/// against it, and abel.tuter (and the admin) connected through the real OAuth flow by the demo's own preparation
/// code (``DemoCommand/prepare(simulator:simulatorURL:server:client:authSecret:now:)``).
struct DemoEnvironment: Sendable {
    let simulator: RunningSimulator
    let server: GatewayServer
    let client: CurlClient
    let authSecret: String
    /// `http://127.0.0.1:PORT` of the gateway.
    let baseURL: String
    /// The lines `snowgate demo` prints.
    let lines: [String]

    /// The value of a printed line (`Widget: `, `User token: `, …).
    func printed(_ prefix: String) throws -> String {
        let line = try #require(lines.first { $0.hasPrefix(prefix) }, "the demo prints \(prefix)")
        return String(line.dropFirst(prefix.count))
    }

    var userToken: String { get throws { try printed("User token: ") } }
    var adminToken: String { get throws { try printed("Admin token: ") } }
    /// The printed widget URL, which signs the demo user in by its `#token=` fragment.
    var widgetURL: String { get throws { try printed("Widget: ") } }

    /// A page of the gateway signed in with `token` through the fragment.
    func url(_ path: String, token: String, query: String = "") -> String {
        baseURL + path + (query.isEmpty ? "" : "?" + query) + "#token=" + token
    }

    /// A token for a user who has not connected ServiceNow yet.
    func token(subject: String, name: String) throws -> String {
        try JWTSigner(secret: authSecret).sign(
            subject: subject,
            name: name,
            issuedAt: Date(),
            expiresAt: Date().addingTimeInterval(3600)
        )
    }

    /// How many `/graphql` requests the gateway has answered, from its own `/metrics`.
    func graphQLRequestCount() async throws -> Int {
        let response = try await client.execute(CurlRequest(url: baseURL + "/metrics"))
        let text = String(decoding: response.body, as: UTF8.self)
        var total = 0
        for line in text.split(separator: "\n")
        where line.hasPrefix("snowgate_http_requests_total{") && line.contains("route=\"/graphql\"") {
            if let value = line.split(separator: " ").last, let count = Double(value) { total += Int(count) }
        }
        return total
    }

    /// `POST /graphql` as `token`.
    func graphQL(_ query: String, token: String) async throws -> JSONValue {
        let response = try await client.execute(
            CurlRequest(
                method: .post,
                url: baseURL + "/graphql",
                headers: [
                    CurlHeader(name: "Content-Type", value: "application/json"),
                    CurlHeader(name: "Authorization", value: "Bearer \(token)"),
                ],
                body: JSONValue.object(["query": .string(query)]).serialized()
            )
        )
        return try JSONValue.parse(response.body)
    }

    /// Runs `body` with a fresh demo; everything is stopped and removed afterwards. With `configured: false` the
    /// gateway is left as a fresh install is before an admin sets it up: no ServiceNow instance, nobody connected,
    /// nothing printed.
    static func withRunning<Result: Sendable>(
        client: CurlClient,
        configured: Bool = true,
        _ body: (DemoEnvironment) async throws -> Result
    ) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("snowgate-browser-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let authSecret = JWTSigner.generateSecret()
        let quiet = Logger(label: "browser-tests", factory: { _ in SwiftLogNoOpLogHandler() })

        return try await ServiceNowSimulator.withRunning(SimulatorConfiguration(logger: quiet)) { simulator in
            let databasePath = directory.appendingPathComponent("gateway.sqlite").path
            var configuration = try GatewayConfiguration(
                port: 0,
                databasePath: databasePath,
                allowHTTPLoopbackInstance: true,
                upstreamTimeout: .seconds(5),
                authSecret: authSecret
            )
            // Chromium keeps idle connections open; the end of each test should not wait the drain's grace period.
            configuration.drainGrace = .zero
            let store = try await SQLiteGatewayStore(path: databasePath, key: .generate())
            let server = try GatewayServer(configuration: configuration, store: store, client: client, logger: quiet)
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(services: [server], gracefulShutdownSignals: [], logger: quiet)
            )
            let result: Result
            do {
                result = try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await group.run() }
                    do {
                        let baseURL = try await server.listeningURL()
                        let lines =
                            configured
                            ? try await DemoCommand.prepare(
                                simulator: simulator.control,
                                simulatorURL: simulator.baseURL,
                                server: server,
                                client: client,
                                authSecret: authSecret
                            ) : []
                        let demo = DemoEnvironment(
                            simulator: simulator,
                            server: server,
                            client: client,
                            authSecret: authSecret,
                            baseURL: baseURL,
                            lines: lines
                        )
                        let result = try await body(demo)
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
    }
}
