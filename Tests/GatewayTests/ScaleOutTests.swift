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

    /// B holds the user's ServiceNow answers in its read cache; the user raises an incident through A, and B's next
    /// render shows it (A announced the write over the store's change feed) instead of the cached list.
    @Test func aWriteThroughOneReplicaEmptiesTheUsersCacheOnTheOther() async throws {
        let harness = try GatewayHarness()
        let database = try await Self.sharedDatabase()
        let query = "{ incidents(first: 5) { totalCount nodes { number } } }"
        try await harness.withSimulator { simulator in
            try await harness.withGateway(database: database, readCache: WidgetRoundTripTests.longCache) { a in
                try await harness.withGateway(database: database, readCache: WidgetRoundTripTests.longCache) { b in
                    a.registerClient(at: simulator)
                    try await a.configure(against: simulator)
                    try await a.connect("user-a", as: "abel.tuter", simulator: simulator)
                    let before = try await WidgetRoundTripTests.render(b, query, as: "user-a")
                    // Cached on B: a second render costs ServiceNow nothing.
                    simulator.control.clearRequestLog()
                    #expect(try await WidgetRoundTripTests.render(b, query, as: "user-a") == before)
                    #expect(simulator.control.requests.isEmpty)

                    let written = try await a.graphQL(
                        #"mutation { createIncident(input: { shortDescription: "Raised through A" }) "#
                            + "{ incident { number } } }",
                        token: harness.token("user-a")
                    )
                    let number = try #require(
                        try written.json()["data"]?["createIncident"]?["incident"]?["number"]?.stringValue,
                        "\(written.text)"
                    )
                    // The announcement travels by NOTIFY: B sees it within moments, never after the cache's TTL.
                    // (At most 20 renders: the user's rate limit allows a burst of 30 on the harness's still clock.)
                    var after = before
                    for _ in 0..<20 {
                        after = try await WidgetRoundTripTests.render(b, query, as: "user-a")
                        if after != before { break }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    #expect(after["data"]?["incidents"]?["nodes"]?[0]?["number"]?.stringValue == number)
                    #expect(
                        after["data"]?["incidents"]?["totalCount"]?.intValue
                            == (before["data"]?["incidents"]?["totalCount"]?.intValue ?? 0) + 1
                    )
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
