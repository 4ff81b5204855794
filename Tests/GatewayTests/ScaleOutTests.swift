import CurlHTTP
import Foundation
import JSON
import Resolvers
import ServiceNowSimulator
import Testing

@testable import Gateway

/// Two gateway replicas (in-process servers on port 0) on one real PostgreSQL database, against one simulator:
/// they act as one gateway.
@Suite struct ScaleOutTests {
    /// A fresh database on the test server, as a `--database` URL.
    private static func sharedDatabase() async throws -> String {
        let server = try await PostgreSQLTestServer.shared()
        return server.url(database: try await server.makeDatabase())
    }

    @Test func aUserConnectedThroughOneReplicaIsConnectedOnTheOther() async throws {
        let harness = try GatewayHarness()
        let database = try await Self.sharedDatabase()
        try await harness.withSimulator { simulator in
            try await harness.withGateway(database: database) { a in
                try await harness.withGateway(database: database) { b in
                    a.registerClient(at: simulator)
                    try await a.configure(against: simulator)
                    try await a.connect("user-a", as: "abel.tuter", simulator: simulator)

                    // B sees the connection over GraphQL and acts in ServiceNow as the user.
                    let viewer = try await b.graphQL(
                        "{ viewer { serviceNow { configured connected } } }",
                        token: harness.token("user-a")
                    )
                    #expect(
                        try viewer.json()["data"]?["viewer"]?["serviceNow"] == ["configured": true, "connected": true]
                    )
                    let token = try await b.operations.credentials(for: harness.identity("user-a")).accessToken()
                    let user = try await OAuthFlowTests.serviceNowUser(token, at: simulator, client: harness.client)
                    #expect(user.status == 200 && user.userName == "abel.tuter")
                }
            }
        }
    }

    @Test func aReconfigurationOnOneReplicaMakesTheOtherRefuseTheOldTokenAtOnce() async throws {
        let harness = try GatewayHarness()
        let database = try await Self.sharedDatabase()
        try await harness.withSimulator { simulator in
            try await harness.withGateway(database: database) { a in
                try await harness.withGateway(database: database) { b in
                    a.registerClient(at: simulator)
                    try await a.configure(against: simulator)
                    try await a.connect("user-a", as: "abel.tuter", simulator: simulator)
                    let alice = harness.identity("user-a")
                    #expect(try await b.operations.isConnected(alice))
                    _ = try await b.operations.credentials(for: alice).accessToken()

                    // The admin saves the configuration through A; B's very next call finds no token.
                    try await a.configure(against: simulator)
                    #expect(try await !b.operations.isConnected(alice))
                    #expect(try await b.store.tokens(subject: "user-a") == nil)
                    await #expect {
                        try await b.operations.credentials(for: alice).accessToken()
                    } throws: { error in
                        (error as? ServiceNowError)?.code == .authRequired
                    }
                    let viewer = try await b.graphQL(
                        "{ viewer { serviceNow { connected } } }",
                        token: harness.token("user-a")
                    )
                    #expect(try viewer.json()["data"]?["viewer"]?["serviceNow"]?["connected"] == false)
                }
            }
        }
    }

    @Test func concurrentRefreshesThroughBothReplicasMakeOneGrant() async throws {
        let harness = try GatewayHarness()
        let database = try await Self.sharedDatabase()
        try await harness.withSimulator { simulator in
            try await harness.withGateway(database: database) { a in
                try await harness.withGateway(database: database) { b in
                    a.registerClient(at: simulator)
                    try await a.configure(against: simulator)
                    try await a.connect("user-a", as: "abel.tuter", simulator: simulator)
                    let before = OAuthFlowTests.tokenRequests(simulator)
                    harness.clock.advance(by: 1800)
                    let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                        for index in 0..<16 {
                            let replica = index.isMultiple(of: 2) ? a : b
                            group.addTask {
                                let credentials = replica.operations.credentials(for: harness.identity("user-a"))
                                return index % 4 < 2
                                    ? try await credentials.accessToken()
                                    : try await credentials.refreshedAccessToken(after: "whatever-was-rejected")
                            }
                        }
                        var all: Set<String> = []
                        for try await token in group { all.insert(token) }
                        return all
                    }
                    #expect(tokens.count == 1)
                    #expect(OAuthFlowTests.tokenRequests(simulator) == before + 1)
                }
            }
        }
    }
}
