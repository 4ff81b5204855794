import CurlHTTP
import Foundation
import JSON
import Resolvers
import ServiceNowSimulator
import Testing

@testable import Gateway

/// What a render of the reference widget (`examples/widget.graphql`) costs in ServiceNow round trips through the
/// running gateway (issue 7), counted at the simulator per access token: one Batch API call when cold, none on a
/// warm cache, one call per read in the naive baseline; a user's write empties only that user's cache, and two
/// users' cached answers never mix.
@Suite struct WidgetRoundTripTests {
    /// The widget's render, read from the repository so the test follows the example.
    static func widgetQuery() throws -> String {
        try String(
            contentsOfFile: HTTPConventionsTests.repositoryFile("examples/widget.graphql"),
            encoding: .utf8
        )
    }

    /// A TTL no test run comes near, so that "warm" never depends on how busy the machine is.
    static var longCache: GatewayConfiguration.ReadCacheSettings {
        var settings = GatewayConfiguration.ReadCacheSettings()
        settings.ttl = .seconds(600)
        return settings
    }

    /// The ServiceNow API calls (OAuth endpoints left out) the simulator logged, by the access token they carried.
    static func apiCalls(_ simulator: RunningSimulator) -> [String: [LoggedRequest]] {
        Dictionary(
            grouping: simulator.control.requests.filter { $0.path.hasPrefix("/api/") },
            by: { $0.accessToken ?? "" }
        )
    }

    /// The access token the gateway holds for the user who made `calls`, i.e. the one token they all carried.
    static func onlyToken(in calls: [String: [LoggedRequest]]) throws -> String {
        try #require(calls.count == 1, "expected one user's calls, got tokens \(calls.keys.count)")
        return try #require(calls.keys.first)
    }

    static func render(_ gateway: RunningGateway, _ query: String, as subject: String) async throws -> JSONValue {
        let response = try await gateway.graphQL(query, token: gateway.harness.token(subject))
        #expect(response.status == 200)
        let json = try response.json()
        #expect(json["errors"] == nil, "\(response.text)")
        return json
    }

    @Test func batchedIsOneBatchCallColdAndNoneWarm() async throws {
        let query = try Self.widgetQuery()
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway(readCache: Self.longCache) { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                simulator.control.clearRequestLog()

                let cold = try await Self.render(gateway, query, as: "user-a")
                let afterCold = Self.apiCalls(simulator)
                let token = try Self.onlyToken(in: afterCold)
                let calls = try #require(afterCold[token])
                #expect(calls.count == 1)
                #expect(calls.first?.method == "POST")
                #expect(calls.first?.path == "/api/now/v1/batch")
                // The viewer and the four lists (assignees and groups dot-walked) in that one call.
                #expect(calls.first?.batchItems.count == 5)
                #expect(cold["data"]?["viewer"]?["user"]?["name"] == "Abel Tuter")

                let warm = try await Self.render(gateway, query, as: "user-a")
                #expect(warm == cold)
                #expect(Self.apiCalls(simulator)[token]?.count == 1)
                #expect(simulator.control.requests(withAccessToken: token).count == 1)
            }
        }
    }

    @Test func naiveIsOneTableCallPerReadOnEveryRender() async throws {
        let query = try Self.widgetQuery()
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            // The batched render first, to learn the reads it puts in its one call.
            let batched = try await harness.withGateway(readCache: Self.longCache) { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                simulator.control.clearRequestLog()
                let json = try await Self.render(gateway, query, as: "user-a")
                let calls = try #require(Self.apiCalls(simulator).values.first)
                let call = try #require(calls.first)
                return (json: json, items: call.batchItems)
            }
            // The same database: user-a is still connected, with the same tokens.
            try await harness.withGateway(upstreamMode: .naive) { gateway in
                simulator.control.clearRequestLog()
                let first = try await Self.render(gateway, query, as: "user-a")
                // The same answer, from N separate Table API calls: one per read of the batched call.
                #expect(first["data"] == batched.json["data"])
                let token = try Self.onlyToken(in: Self.apiCalls(simulator))
                let calls = simulator.control.requests(withAccessToken: token)
                #expect(calls.count == batched.items.count)
                #expect(calls.allSatisfy { $0.method == "GET" && $0.path.hasPrefix("/api/now/table/") })
                #expect(
                    Set(calls.map { $0.path + "?" + $0.query }.map(Self.sortedQuery))
                        == Set(batched.items.map(\.url).map(Self.sortedQuery))
                )
                // No cache in the baseline: the next render costs N again.
                _ = try await Self.render(gateway, query, as: "user-a")
                #expect(simulator.control.requests(withAccessToken: token).count == 2 * batched.items.count)
            }
        }
    }

    @Test func aUsersWriteEmptiesOnlyTheirCache() async throws {
        let query = try Self.widgetQuery()
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway(readCache: Self.longCache) { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                try await gateway.connect("user-b", as: "beth.anglin", simulator: simulator)
                simulator.control.clearRequestLog()
                let abelBefore = try await Self.render(gateway, query, as: "user-a")
                let abelToken = try Self.onlyToken(in: Self.apiCalls(simulator))
                let bethBefore = try await Self.render(gateway, query, as: "user-b")
                let bethToken = try #require(Self.apiCalls(simulator).keys.first { $0 != abelToken })

                let written = try await gateway.graphQL(
                    #"mutation { createIncident(input: { shortDescription: "Widget cache test" }) "#
                        + "{ incident { number } } }",
                    token: harness.token("user-a")
                )
                let number = try #require(
                    try written.json()["data"]?["createIncident"]?["incident"]?["number"]?.stringValue,
                    "\(written.text)"
                )
                let abelCalls = simulator.control.requests(withAccessToken: abelToken).count
                let bethCalls = simulator.control.requests(withAccessToken: bethToken).count

                // abel's next render goes to ServiceNow (one Batch call) and shows the new incident.
                let abelAfter = try await Self.render(gateway, query, as: "user-a")
                #expect(simulator.control.requests(withAccessToken: abelToken).count == abelCalls + 1)
                #expect(abelAfter["data"]?["incidents"]?["nodes"]?[0]?["number"]?.stringValue == number)
                #expect(abelAfter != abelBefore)
                // beth's cache was not touched: her render is still free and unchanged.
                let bethAfter = try await Self.render(gateway, query, as: "user-b")
                #expect(simulator.control.requests(withAccessToken: bethToken).count == bethCalls)
                #expect(bethAfter == bethBefore)
            }
        }
    }

    @Test func twoUsersCachedAnswersNeverMix() async throws {
        let query = try Self.widgetQuery()
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway(readCache: Self.longCache) { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                try await gateway.connect("user-b", as: "beth.anglin", simulator: simulator)
                simulator.control.clearRequestLog()
                let abel = try await Self.render(gateway, query, as: "user-a")
                let beth = try await Self.render(gateway, query, as: "user-b")
                // Each user's cold render is one call with their own token: beth's was not served from abel's
                // entries although the widget's upstream requests are textually the same for both.
                let calls = Self.apiCalls(simulator)
                #expect(calls.count == 2)
                #expect(calls.values.allSatisfy { $0.count == 1 })
                // (In whatever order each render's resolvers asked.)
                let items = calls.values.map { Set($0[0].batchItems.map(\.url).map(Self.sortedQuery)) }
                #expect(items.count == 2 && items[0] == items[1])
                #expect(abel["data"]?["viewer"]?["user"]?["name"] == "Abel Tuter")
                #expect(beth["data"]?["viewer"]?["user"]?["name"] == "Beth Anglin")
                #expect(abel["data"]?["incidents"] != beth["data"]?["incidents"])

                // Warm, interleaved: each still gets exactly their own answer, and nobody calls ServiceNow.
                for _ in 0..<2 {
                    #expect(try await Self.render(gateway, query, as: "user-b") == beth)
                    #expect(try await Self.render(gateway, query, as: "user-a") == abel)
                }
                #expect(Self.apiCalls(simulator).values.map(\.count).sorted() == [1, 1])
            }
        }
    }

    /// A relative URL with its query parameters in a fixed order, to compare reads made in different ways.
    static func sortedQuery(_ url: String) -> String {
        let parts = url.split(separator: "?", maxSplits: 1)
        let path = parts.first.map(String.init) ?? ""
        let query = parts.count > 1 ? parts[1].split(separator: "&").map(String.init).sorted() : []
        return path + "?" + query.joined(separator: "&")
    }
}
