import CurlHTTP
import JSON
import Resolvers
import ServiceNowSimulator
import Testing

@testable import Gateway

/// The per-user read cache in the running gateway (issue 7): a render within the TTL costs no ServiceNow call, and
/// whatever changes who the user is in ServiceNow — connecting, disconnecting, a new configuration — empties it.
@Suite struct ReadCacheGatewayTests {
    static let query = """
        { viewer { user { userName } }
          incidents(first: 5) { totalCount nodes { number } }
          requests(first: 5) { totalCount } }
        """

    /// The simulator's API calls so far (the OAuth endpoints left out).
    static func apiCalls(_ simulator: RunningSimulator) -> Int {
        simulator.control.requests.filter { $0.path.hasPrefix("/api/") }.count
    }

    static func render(_ gateway: RunningGateway, as subject: String) async throws -> JSONValue {
        let response = try await gateway.graphQL(query, token: gateway.harness.token(subject))
        #expect(response.status == 200)
        return try response.json()
    }

    @Test func aSecondRenderWithinTheTTLCostsNoServiceNowCall() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                let first = try await Self.render(gateway, as: "user-a")
                #expect(first["errors"] == nil)
                #expect(Self.apiCalls(simulator) == 1)
                let second = try await Self.render(gateway, as: "user-a")
                #expect(second == first)
                #expect(Self.apiCalls(simulator) == 1)
                // Another user's render is their own, from ServiceNow.
                try await gateway.connect("user-b", as: "beth.anglin", simulator: simulator)
                let beth = try await Self.render(gateway, as: "user-b")
                #expect(beth["data"]?["viewer"]?["user"]?["userName"] == "beth.anglin")
                #expect(Self.apiCalls(simulator) == 2)
            }
        }
    }

    @Test func disconnectingEmptiesTheUsersEntries() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                _ = try await Self.render(gateway, as: "user-a")
                let disconnected = try await gateway.graphQL(
                    "mutation { disconnectServiceNow { disconnected } }",
                    token: harness.token("user-a")
                )
                #expect(try disconnected.json()["data"]?["disconnectServiceNow"]?["disconnected"] == true)
                let after = try await Self.render(gateway, as: "user-a")
                #expect(after["data"]?["viewer"]?["user"] == .null)
                #expect(after["data"]?["incidents"] == .null)
                #expect(after["errors"]?[0]?["extensions"]?["code"] == "SERVICENOW_AUTH_REQUIRED")
            }
        }
    }

    @Test func connectingAsAnotherAccountShowsThatAccount() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                let abel = try await Self.render(gateway, as: "user-a")
                #expect(abel["data"]?["viewer"]?["user"]?["userName"] == "abel.tuter")
                try await gateway.connect("user-a", as: "beth.anglin", simulator: simulator)
                let beth = try await Self.render(gateway, as: "user-a")
                #expect(beth["data"]?["viewer"]?["user"]?["userName"] == "beth.anglin")
            }
        }
    }

    @Test func aNewConfigurationEmptiesEveryonesEntries() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                _ = try await Self.render(gateway, as: "user-a")
                try await gateway.configure(against: simulator)
                let after = try await Self.render(gateway, as: "user-a")
                #expect(after["data"]?["incidents"] == .null)
                #expect(after["errors"]?[0]?["extensions"]?["code"] == "SERVICENOW_AUTH_REQUIRED")
                #expect(gateway.server.readCache?.entryCount == 0)
            }
        }
    }

    @Test func aTTLOfZeroTurnsTheCacheOff() async throws {
        let harness = try GatewayHarness()
        var settings = GatewayConfiguration.ReadCacheSettings()
        settings.ttl = .zero
        try await harness.withSimulator { simulator in
            try await harness.withGateway(readCache: settings) { gateway in
                #expect(gateway.server.readCache == nil)
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                _ = try await Self.render(gateway, as: "user-a")
                _ = try await Self.render(gateway, as: "user-a")
                #expect(Self.apiCalls(simulator) == 2)
            }
        }
    }

    @Test func theRefreshConcurrencyReachesTheStore() async throws {
        let harness = try GatewayHarness()
        var settings = GatewayConfiguration.ReadCacheSettings()
        settings.maxConcurrentRefreshes = 12
        try await harness.withGateway(readCache: settings) { gateway in
            #expect(gateway.server.readCache?.refresher.maxConcurrent == 12)
            #expect(gateway.server.readCache?.configuration.maxConcurrentRefreshes == 12)
        }
    }

    @Test func theNaiveModeCallsOncePerFieldWithoutACache() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway(upstreamMode: .naive) { gateway in
                #expect(gateway.server.readCache == nil)
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                let first = try await Self.render(gateway, as: "user-a")
                #expect(first["errors"] == nil)
                let calls = simulator.control.requests.filter { $0.path.hasPrefix("/api/") }
                #expect(calls.count == 3)
                #expect(calls.allSatisfy { $0.path.hasPrefix("/api/now/table/") })
                _ = try await Self.render(gateway, as: "user-a")
                #expect(Self.apiCalls(simulator) == 6)
            }
        }
    }
}
