import CurlHTTP
import JSON
import Resolvers
import ServiceNowSimulator
import Testing

@testable import Gateway

/// Every fault the simulator can inject, through the real gateway over loopback: the affected fields answer the
/// documented code, the others their data, retries happen and are bounded (counted in the simulator's request
/// log), the circuit breaker opens and closes, the gateway stays up, and everything recovers when the fault clears.
@Suite struct UpstreamFaultTests {
    static let lists = ["incidents", "requests", "changeRequests", "problems"]

    /// A gateway on a manual resilience clock, configured against a simulator, with `user-a` connected as Abel.
    static func withConnectedGateway(
        resilience: GatewayConfiguration.Resilience = .init(),
        upstreamTimeout: Duration = .seconds(20),
        _ body: (RunningGateway, RunningSimulator, ManualResilienceClock) async throws -> Void
    ) async throws {
        let harness = try GatewayHarness()
        let clock = ManualResilienceClock()
        try await harness.withSimulator { simulator in
            try await harness.withResilientGateway(
                resilience: resilience,
                clock: clock,
                upstreamTimeout: upstreamTimeout
            ) { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                simulator.control.clearRequestLog()
                try await body(gateway, simulator, clock)
            }
        }
    }

    /// How often the simulator was asked for a path, as a request of its own or as a Batch item.
    static func reads(of path: String, in simulator: RunningSimulator) -> Int {
        simulator.control.requests.reduce(0) { count, request in
            count + (request.path == path ? 1 : 0) + request.batchItems.filter { $0.url.hasPrefix(path + "?") }.count
        }
    }

    /// After the fault: every field has data, the breaker is closed, the gateway is healthy.
    static func expectRecovery(_ gateway: RunningGateway, _ simulator: RunningSimulator) async throws {
        simulator.control.clearFaults()
        let body = try await gateway.widget(as: "user-a")
        #expect(body["errors"] == nil, "\(body)")
        for list in lists { #expect(body["data"]?[list]?["totalCount"]?.intValue != nil) }
        #expect(try await gateway.request(.get, "/healthz").status == 200)
        #expect(gateway.server.breakers.all.values.allSatisfy { $0.mode == .closed(failures: 0) })
    }

    /// Faults on one list's path (one Batch item): the code, and how often that list is read in all.
    static let listFaults: [(Fault, code: String, reads: Int)] = [
        (.internalServerError(pathPrefix: "/api/now/table/incident"), "SERVICENOW_UNAVAILABLE", 3),
        (.serviceUnavailable(pathPrefix: "/api/now/table/incident"), "SERVICENOW_UNAVAILABLE", 3),
        (.rateLimited(retryAfterSeconds: 60, pathPrefix: "/api/now/table/incident"), "SERVICENOW_RATE_LIMITED", 1),
    ]

    @Test(arguments: listFaults.indices)
    func aFaultOnOneListLeavesTheOthersAnswered(_ index: Int) async throws {
        let (fault, code, reads) = Self.listFaults[index]
        try await Self.withConnectedGateway { gateway, simulator, _ in
            simulator.control.inject(fault)
            let body = try await gateway.widget(as: "user-a")
            #expect(body["data"]?["incidents"] == .null)
            #expect(body.errorCodesByField == ["incidents": code])
            for list in Self.lists.dropFirst() {
                #expect(body["data"]?[list]?["totalCount"]?.intValue != nil, "\(list)")
            }
            #expect(body["data"]?["viewer"]?["user"]?["name"] == "Abel Tuter")
            #expect(body["data"]?["viewer"]?["serviceNow"]?["connected"] == true)
            #expect(body["data"]?["widgetSettings"]?["showLogo"] == true)
            if code == "SERVICENOW_RATE_LIMITED" {
                #expect(body["errors"]?[0]?["extensions"]?["retryAfter"] == 60)
            }
            #expect(Self.reads(of: "/api/now/table/incident", in: simulator) == reads)
            try await Self.expectRecovery(gateway, simulator)
        }
    }

    /// Faults of the whole instance: the code on every ServiceNow field, how many round trips in all, and whether the
    /// message names the cause.
    static let instanceFaults: [(Fault, code: String, roundTrips: Int, message: String)] = [
        (.internalServerError(), "SERVICENOW_UNAVAILABLE", 3, "HTTP 500"),
        (.serviceUnavailable(), "SERVICENOW_UNAVAILABLE", 3, "HTTP 503"),
        (.hibernating(), "SERVICENOW_UNAVAILABLE", 1, "hibernating"),
        (.droppedConnection(), "SERVICENOW_UNAVAILABLE", 3, "closed"),
        (.rateLimited(retryAfterSeconds: 3600, limit: 5000), "SERVICENOW_RATE_LIMITED", 1, "too many requests"),
    ]

    @Test(arguments: instanceFaults.indices)
    func aFaultOfTheWholeInstanceAnswersEveryServiceNowField(_ index: Int) async throws {
        let (fault, code, roundTrips, message) = Self.instanceFaults[index]
        try await Self.withConnectedGateway { gateway, simulator, _ in
            simulator.control.inject(fault)
            let body = try await gateway.widget(as: "user-a")
            let codes = body.errorCodesByField
            for list in Self.lists {
                #expect(body["data"]?[list] == .null)
                #expect(codes[list] == code, "\(list)")
            }
            #expect(body["errors"]?[0]?["message"]?.stringValue?.contains(message) == true, "\(body)")
            // The fields the gateway answers itself still have data.
            #expect(body["data"]?["widgetSettings"]?["showLogo"] == true)
            #expect(body["data"]?["viewer"]?["serviceNow"]?["configured"] == true)
            // A dropped connection that had been kept alive is sent once more by libcurl itself (a read only: writes
            // go on a fresh connection), so it may cost one round trip more.
            let extra = fault.kind == .dropConnection ? 1 : 0
            #expect((roundTrips...(roundTrips + extra)).contains(simulator.control.requests.count))
            try await Self.expectRecovery(gateway, simulator)
        }
    }

    /// Faults that clear by themselves within the retries: the user never notices.
    @Test(arguments: [
        // Two drops: libcurl itself may take the first on a kept-alive connection; the gateway retries the second.
        Fault.droppedConnection(count: 2), .serviceUnavailable(count: 2), .rateLimited(retryAfterSeconds: 1, count: 1),
        .internalServerError(pathPrefix: "/api/now/table/problem", count: 2),
    ])
    func aPassingFaultIsRetriedAway(_ fault: Fault) async throws {
        try await Self.withConnectedGateway { gateway, simulator, clock in
            simulator.control.inject(fault)
            let body = try await gateway.widget(as: "user-a")
            #expect(body["errors"] == nil, "\(body)")
            for list in Self.lists { #expect(body["data"]?[list]?["totalCount"]?.intValue != nil) }
            #expect(simulator.control.activeFaults.isEmpty)
            #expect(!clock.sleeps.isEmpty)
            let metrics = try await gateway.request(.get, "/metrics").text
            #expect(metrics.contains("snowgate_upstream_retries_total{"))
        }
    }

    @Test func expiringEveryTokenAtOnceRefreshesEachUserOnce() async throws {
        try await Self.withConnectedGateway { gateway, simulator, _ in
            try await gateway.connect("user-b", as: "fred.luddy", simulator: simulator)
            simulator.control.clearRequestLog()
            simulator.control.expireAllTokens()
            async let first = gateway.widget(as: "user-a")
            async let second = gateway.widget(as: "user-b")
            for (body, name) in [(try await first, "Abel Tuter"), (try await second, "Fred Luddy")] {
                #expect(body["errors"] == nil, "\(body)")
                #expect(body["data"]?["viewer"]?["user"]?["name"]?.stringValue == name)
            }
            // One 401 per user, one refresh grant each, then the widget.
            #expect(simulator.control.requests.filter { $0.path == "/oauth_token.do" }.map(\.status) == [200, 200])
            #expect(simulator.control.requests.filter { $0.status == 401 }.count == 2)
        }
    }

    @Test func aChangedClientSecretAsksUsersToConnectAgain() async throws {
        try await Self.withConnectedGateway { gateway, simulator, _ in
            try simulator.control.setClientSecret("rotated-in-servicenow", forClient: GatewayHarness.clientID)
            simulator.control.expireAllTokens()
            let body = try await gateway.widget(as: "user-a")
            let codes = body.errorCodesByField
            for list in Self.lists { #expect(codes[list] == "SERVICENOW_AUTH_REQUIRED", "\(list)") }
            let link = body["errors"]?[0]?["extensions"]?["authorizeUrl"]?.stringValue ?? ""
            #expect(link.hasPrefix(simulator.baseURL + "/oauth_auth.do?"))
            #expect(body["data"]?["widgetSettings"]?["showLogo"] == true)
            #expect(gateway.server.breakers.all.values.allSatisfy { $0.mode == .closed(failures: 0) })
            #expect(try await gateway.request(.get, "/healthz").status == 200)
        }
    }

    @Test func theBreakerOpensFailsFastAndClosesAfterAProbe() async throws {
        var resilience = GatewayConfiguration.Resilience()
        resilience.breakerFailures = 3
        resilience.breakerCooldown = .seconds(30)
        try await Self.withConnectedGateway(resilience: resilience) { gateway, simulator, clock in
            simulator.control.inject(.droppedConnection())
            let first = try await gateway.widget(as: "user-a")
            #expect(first.errorCodesByField["incidents"] == "SERVICENOW_UNAVAILABLE")
            // Three attempts (libcurl may resend the first once on its own, on a fresh connection).
            let calls = simulator.control.requests.count
            #expect((3...4).contains(calls))

            // Open: every user is answered at once, without a call to ServiceNow.
            let fast = try await gateway.widget(as: "user-a")
            #expect(fast.errorCodesByField["incidents"] == "SERVICENOW_UNAVAILABLE")
            let message = fast["errors"]?[0]?["message"]?.stringValue ?? ""
            #expect(message.hasPrefix("ServiceNow is not answering; retrying in"), "\(message)")
            #expect(fast["errors"]?[0]?["extensions"]?["retryAfter"]?.intValue != nil)
            #expect(simulator.control.requests.count == calls)
            let instance = simulator.baseURL.lowercased()
            let open = try await gateway.request(.get, "/metrics").text
            #expect(open.contains(#"snowgate_upstream_circuit_open{instance="\#(instance)"} 1"#), "\(open)")
            #expect(gateway.harness.logs.text.contains("ServiceNow is not answering"))

            // The instance is back; after the cool-down, the next request is the probe and closes the circuit.
            simulator.control.clearFaults()
            clock.advance(by: .seconds(31))
            try await Self.expectRecovery(gateway, simulator)
            let closed = try await gateway.request(.get, "/metrics").text
            #expect(closed.contains(#"snowgate_upstream_circuit_open{instance="\#(instance)"} 0"#))
            #expect(closed.contains(#"snowgate_upstream_circuit_transitions_total{to="open"} 1"#))
            #expect(closed.contains(#"snowgate_upstream_circuit_transitions_total{to="closed"} 1"#))
        }
    }

    /// One user whose ServiceNow sign-in is dead gets 401s; that is their business, not the instance's health.
    @Test func oneUsersRejectedTokensNeverOpenTheBreaker() async throws {
        var resilience = GatewayConfiguration.Resilience()
        resilience.breakerFailures = 2
        try await Self.withConnectedGateway(resilience: resilience) { gateway, simulator, _ in
            for _ in 0..<3 {
                try await gateway.connect("user-b", as: "fred.luddy", simulator: simulator)
                let tokens = try #require(try await gateway.store.tokens(subject: "user-b"))
                simulator.control.revoke(token: tokens.accessToken)
                if let refresh = tokens.refreshToken { simulator.control.revoke(token: refresh) }
                let body = try await gateway.widget(as: "user-b")
                #expect(body.errorCodesByField["incidents"] == "SERVICENOW_AUTH_REQUIRED")
            }
            #expect(simulator.control.requests.contains { $0.status == 401 })
            #expect(gateway.server.breakers.all.values.allSatisfy { $0.mode == .closed(failures: 0) })
            let other = try await gateway.widget(as: "user-a")
            #expect(other["errors"] == nil, "\(other)")
        }
    }
}
