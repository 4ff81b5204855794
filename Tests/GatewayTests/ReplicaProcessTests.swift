import CurlHTTP
import Foundation
import Gateway
import JSON
import ServiceNowSimulator
import Synchronization
import Testing

/// Two real `snowgate serve` processes on one PostgreSQL database, against one simulator: one is killed with
/// SIGKILL under load and the other keeps answering.
@Suite struct ReplicaProcessTests {
    private static let viewerQuery = "{ viewer { user { userName } serviceNow { connected } } }"

    private static func graphQL(
        _ client: CurlClient,
        _ baseURL: String,
        _ query: String,
        token: String
    ) async throws -> CurlResponse {
        try await client.execute(
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
    }

    /// Whether a viewer query's answer is the connected user's, with no error.
    private static func isGoodAnswer(_ response: CurlResponse) -> Bool {
        guard response.status == 200, let json = try? response.json(), json["errors"] == nil else { return false }
        return json["data"]?["viewer"]?["user"]?["userName"] == "abel.tuter"
            && json["data"]?["viewer"]?["serviceNow"]?["connected"] == true
    }

    /// A user token valid now by the wall clock, which the processes use (the harness's clock is a manual one).
    private static func token(_ harness: GatewayHarness, _ subject: String, admin: Bool = false) -> String {
        harness.signer.sign(
            subject: subject,
            roles: admin ? ["admin"] : [],
            issuedAt: Date(),
            expiresAt: Date().addingTimeInterval(600)
        )
    }

    @Test func killingOneReplicaUnderLoadLeavesTheOtherAnswering() async throws {
        let harness = try GatewayHarness()
        let server = try await PostgreSQLTestServer.shared()
        let database = server.url(database: try await server.makeDatabase())
        let environment = [
            "SNOWGATE_DATABASE": database,
            "SNOWGATE_DATA_KEY": harness.keyText,
            "SNOWGATE_AUTH_SECRET": harness.authSecret,
            "SNOWGATE_ALLOW_HTTP_LOOPBACK_INSTANCE": "true",
            "SNOWGATE_LOG_LEVEL": "info",
            // One user sends the whole load: the per-user rate limit (a separate concern, RateLimitTests) is off.
            "SNOWGATE_RATE_LIMIT": "0",
            // The test client's idle keep-alive connections would hold B's drain for the whole default grace period.
            "SNOWGATE_DRAIN_GRACE": "1",
        ]
        try await harness.withSimulator { simulator in
            let a = try await GatewayProcess.start(environment: environment, logPath: harness.directory.file("a.log"))
            let b = try await GatewayProcess.start(environment: environment, logPath: harness.directory.file("b.log"))
            simulator.control.register(
                OAuthApplication(
                    clientID: GatewayHarness.clientID,
                    clientSecret: harness.clientSecret,
                    redirectURLs: [a.baseURL + "/oauth/callback", b.baseURL + "/oauth/callback"]
                )
            )
            // The admin configures through A; the user connects through A.
            let configure = try await Self.graphQL(
                harness.client,
                a.baseURL,
                """
                mutation { configureServiceNow(input: {instanceUrl: "\(simulator.baseURL)", \
                clientId: "\(GatewayHarness.clientID)", clientSecret: "\(harness.clientSecret)"}) { disconnectedUsers } }
                """,
                token: Self.token(harness, "admin-1", admin: true)
            )
            let configured = try configure.json()
            #expect(configure.status == 200 && configured["errors"] == nil, "\(configure.text)")
            let user = Self.token(harness, "user-a")
            let linkAnswer = try await Self.graphQL(
                harness.client,
                a.baseURL,
                "{ viewer { serviceNow { authorizeUrl } } }",
                token: user
            )
            let link = try #require(
                try linkAnswer.json()["data"]?["viewer"]?["serviceNow"]?["authorizeUrl"]?.stringValue
            )
            let redirect = try simulator.control.approveAuthorization(url: link, asUser: "abel.tuter")
            #expect(try await harness.client.execute(CurlRequest(url: redirect)).status == 200)
            #expect(Self.isGoodAnswer(try await Self.graphQL(harness.client, b.baseURL, Self.viewerQuery, token: user)))

            // Load on both replicas; A dies with SIGKILL in the middle of it.
            let load = LoadState()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<6 {
                    group.addTask {
                        let target = worker.isMultiple(of: 2) ? a.baseURL : b.baseURL
                        let deadline = ContinuousClock.now + .seconds(3)
                        while ContinuousClock.now < deadline {
                            let wasKilled = load.killed.load(ordering: .acquiring)
                            let answer = try? await Self.graphQL(harness.client, target, Self.viewerQuery, token: user)
                            load.counts.withLock { counts in
                                if target == b.baseURL {
                                    if let answer, Self.isGoodAnswer(answer) {
                                        counts.bGood += 1
                                        if wasKilled { counts.bAfterKill += 1 }
                                    } else {
                                        counts.bBad += 1
                                    }
                                } else if !wasKilled, let answer, Self.isGoodAnswer(answer) {
                                    counts.aBeforeKill += 1
                                }
                            }
                            // A's requests fail once it is dead: that replica is gone, not the gateway.
                            if target == a.baseURL, load.killed.load(ordering: .acquiring) { return }
                        }
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(1))
                    a.kill9()
                    load.killed.store(true, ordering: .releasing)
                }
                try await group.waitForAll()
            }
            let final = load.counts.withLock { $0 }
            #expect(final.bBad == 0, "B failed \(final.bBad) requests")
            #expect(final.aBeforeKill > 0 && final.bAfterKill > 0, "\(final)")
            // B still acts for the user, and drains and exits cleanly on SIGTERM.
            #expect(Self.isGoodAnswer(try await Self.graphQL(harness.client, b.baseURL, Self.viewerQuery, token: user)))
            #expect(await b.terminate() == 0, "B did not drain and exit cleanly on SIGTERM")
        }
    }
}

/// What the load's tasks share: whether A is dead yet, and how the requests went.
private final class LoadState: Sendable {
    let killed = Atomic<Bool>(false)
    let counts = Mutex((bGood: 0, bBad: 0, aBeforeKill: 0, bAfterKill: 0))
}
