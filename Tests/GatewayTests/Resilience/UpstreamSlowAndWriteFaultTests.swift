import CurlHTTP
import JSON
import ServiceNowSimulator
import Testing

@testable import Gateway

/// Slow answers, timeouts and malformed JSON through the real gateway over loopback, and every fault on a write:
/// each ends in a GraphQL error with a code on the affected field, the gateway stays up, and a `createIncident` is
/// never made twice (only reads are retried; a write whose fate is unknown says so with `outcomeUnknown`).
@Suite struct UpstreamSlowAndWriteFaultTests {
    /// A timeout short enough to keep the tests fast, long enough for the simulator on a busy machine.
    static let shortTimeout = Duration.seconds(1)
    /// An answer that comes well after ``shortTimeout``.
    static let lateBy = Duration.seconds(3)

    /// One list on its own is one plain GET under `--upstream-timeout` (a Batch call has ServiceNow's own 30 s quota,
    /// so its timeout is longer; the request's budget bounds both).
    @Test func anAnswerLaterThanTheTimeoutIsAClearErrorAndNotWaitedForTwice() async throws {
        try await UpstreamFaultTests.withConnectedGateway(upstreamTimeout: Self.shortTimeout) { gateway, simulator, _ in
            // Once only: a retry would find the instance quick again and answer, so the error proves there was none
            // (the instance is slow; asking again only adds load).
            simulator.control.inject(.slowAnswer(delay: Self.lateBy, count: 1))
            let response = try await gateway.graphQL(
                "{ incidents(first: 1) { totalCount } widgetSettings { showLogo } }",
                token: gateway.harness.token("user-a")
            )
            let body = try response.json()
            #expect(body["data"]?["incidents"] == .null)
            #expect(body.errorCodesByField == ["incidents": "SERVICENOW_UNAVAILABLE"])
            #expect(body["errors"]?[0]?["message"] == "ServiceNow did not answer in time.", "\(body)")
            #expect(body["data"]?["widgetSettings"]?["showLogo"] == true)
            try await UpstreamFaultTests.expectRecovery(gateway, simulator)
        }
    }

    @Test func aSlowAnswerWithinTheTimeoutIsOnlySlow() async throws {
        try await UpstreamFaultTests.withConnectedGateway { gateway, simulator, clock in
            simulator.control.inject(.slowAnswer(delay: .milliseconds(150)))
            let body = try await gateway.widget(as: "user-a")
            #expect(body["errors"] == nil, "\(body)")
            for list in UpstreamFaultTests.lists { #expect(body["data"]?[list]?["totalCount"]?.intValue != nil) }
            #expect(clock.sleeps.isEmpty)
        }
    }

    @Test func malformedJSONIsAClearErrorOnTheFieldsItFeeds() async throws {
        try await UpstreamFaultTests.withConnectedGateway { gateway, simulator, _ in
            simulator.control.inject(.malformedJSON(count: 1))
            let body = try await gateway.widget(as: "user-a")
            let codes = body.errorCodesByField
            for list in UpstreamFaultTests.lists {
                #expect(body["data"]?[list] == .null)
                #expect(codes[list] == "SERVICENOW_UNAVAILABLE", "\(list)")
            }
            let message = body["errors"]?[0]?["message"]?.stringValue ?? ""
            #expect(!message.isEmpty && !message.contains("{"), "\(message)")
            #expect(body["data"]?["viewer"]?["serviceNow"]?["connected"] == true)
            #expect(try await gateway.request(.get, "/healthz").status == 200)
            try await UpstreamFaultTests.expectRecovery(gateway, simulator)
        }
    }

    // MARK: Writes

    static let incidentPath = "/api/now/table/incident"

    /// Each fault once on the incident table: the code, whether the simulator handled the write anyway (so it exists
    /// exactly once), and whether the gateway must say its fate is unknown.
    static let writeFaults: [(Fault, code: String, made: Bool, unknown: Bool)] = [
        (.serviceUnavailable(pathPrefix: incidentPath, count: 1), "SERVICENOW_UNAVAILABLE", false, false),
        (.internalServerError(pathPrefix: incidentPath, count: 1), "SERVICENOW_UNAVAILABLE", false, false),
        (
            .rateLimited(retryAfterSeconds: 1, pathPrefix: incidentPath, count: 1), "SERVICENOW_RATE_LIMITED", false,
            false
        ),
        (.droppedConnection(pathPrefix: incidentPath, count: 1), "SERVICENOW_UNAVAILABLE", false, true),
        (.hibernating(pathPrefix: incidentPath, count: 1), "SERVICENOW_UNAVAILABLE", false, false),
        (.slowAnswer(delay: lateBy, pathPrefix: incidentPath, count: 1), "SERVICENOW_UNAVAILABLE", true, true),
        (.malformedJSON(pathPrefix: incidentPath, count: 1), "SERVICENOW_UNAVAILABLE", true, true),
    ]

    static let createIncident = """
        mutation($input: CreateIncidentInput!) { createIncident(input: $input) { incident { number } } }
        """

    @Test(arguments: writeFaults.indices)
    func aFailedCreateIsNeverMadeTwice(_ index: Int) async throws {
        let (fault, code, made, unknown) = Self.writeFaults[index]
        // The short timeout only where it is the point: elsewhere a busy machine must not turn into a timeout.
        var timeout = Duration.seconds(10)
        if case .slowAnswer = fault.kind { timeout = Self.shortTimeout }
        try await UpstreamFaultTests.withConnectedGateway(upstreamTimeout: timeout) { gateway, simulator, _ in
            let description = "Printer on fire \(index)"
            func created() -> Int {
                simulator.control.records(in: "incident").filter { $0["short_description"] == description }
                    .count
            }
            // Warm a kept-alive connection first: a write must not be resent by libcurl when it turns out stale.
            _ = try await gateway.widget(as: "user-a")
            simulator.control.clearRequestLog()
            simulator.control.inject(fault)
            let response = try await gateway.graphQL(
                Self.createIncident,
                variables: ["input": ["shortDescription": .string(description)]],
                token: gateway.harness.token("user-a")
            )
            #expect(response.status == 200)
            let body = try response.json()
            // `createIncident` is non-null: its error makes `data` itself null.
            #expect((body["data"]?["createIncident"] ?? .null) == .null, "\(body)")
            let error = body["errors"]?[0]
            #expect(error?["path"] == ["createIncident"])
            #expect(error?["extensions"]?["code"]?.stringValue == code, "\(body)")
            #expect(error?["extensions"]?["outcomeUnknown"] == (unknown ? .bool(true) : nil), "\(body)")
            if code == "SERVICENOW_RATE_LIMITED" { #expect(error?["extensions"]?["retryAfter"] == 1) }
            // Made exactly once when the instance handled it, never when it did not; a retry would have made it
            // (the fault was good for one request only).
            #expect(created() == (made ? 1 : 0))
            if !made {
                #expect(simulator.control.requests.filter { $0.method == "POST" }.count == 1)
            }
            #expect(simulator.control.activeFaults.isEmpty)

            // The gateway is up, and the next create works, once.
            #expect(try await gateway.request(.get, "/healthz").status == 200)
            let again = try await gateway.graphQL(
                Self.createIncident,
                variables: ["input": ["shortDescription": .string(description)]],
                token: gateway.harness.token("user-a")
            )
            let second = try again.json()
            #expect(second["errors"] == nil, "\(second)")
            #expect(second["data"]?["createIncident"]?["incident"]?["number"]?.stringValue?.hasPrefix("INC") == true)
            #expect(created() == (made ? 2 : 1))
        }
    }
}
