import JSON
import Schema
import ServiceNowSimulator
import Testing

@testable import Resolvers

/// A failing list never blanks the rest of the widget: the reference widget's render with a fault on one list's
/// path (one Batch item) answers that list null with its code, and every other field with data; when the fault
/// clears, everything is back.
@Suite struct PartialResultsTests {
    static let lists = ["incidents", "requests", "changeRequests", "problems"]

    static func render(
        _ setup: SimulatorSetup,
        credentials: TestCredentials,
        clock: ManualResilienceClock,
        breaker: CircuitBreaker
    ) async throws -> ExecutionResult {
        let client = try ResilientClientTests.client(setup, clock: clock, breaker: breaker, credentials: credentials)
        return try await Harness.run(
            .connected(ServiceNowSession(client: client)),
            instanceURL: setup.baseURL,
            try WidgetTests.widgetQuery()
        )
    }

    /// Each fault a single list can meet, with the code it answers and how often its read is made in all.
    static let faults: [(Fault, code: String, reads: Int)] = [
        (.serviceUnavailable(pathPrefix: "/api/now/table/incident"), "SERVICENOW_UNAVAILABLE", 3),
        (.internalServerError(pathPrefix: "/api/now/table/incident"), "SERVICENOW_UNAVAILABLE", 3),
        (.rateLimited(retryAfterSeconds: 60, pathPrefix: "/api/now/table/incident"), "SERVICENOW_RATE_LIMITED", 1),
    ]

    @Test(arguments: faults.indices)
    func aFailingListIsNullAndTheOthersHaveData(_ index: Int) async throws {
        let (fault, code, reads) = Self.faults[index]
        try await SimulatorSetup.run { setup in
            let credentials = try setup.credentials("abel.tuter")
            let clock = ManualResilienceClock()
            let breaker = CircuitBreaker(instance: setup.baseURL, clock: clock)
            setup.control.inject(fault)
            let failing = try await Self.render(setup, credentials: credentials, clock: clock, breaker: breaker)
            #expect(failing["incidents"] == .null)
            #expect(failing.errorCodes == [code])
            #expect(failing.errors.first?.path == [.key("incidents")])
            for list in Self.lists.dropFirst() {
                #expect(failing[list, "totalCount"]?.intValue != nil, "\(list)")
            }
            #expect(failing["viewer", "user", "name"]?.stringValue == "Abel Tuter")
            #expect(failing["widgetSettings", "showLogo"] == true)
            // Retried, and bounded: the incident list was asked for `reads` times in all.
            let incidentReads = setup.control.requests.reduce(0) { count, request in
                count + (request.path == "/api/now/table/incident" ? 1 : 0)
                    + request.batchItems.filter { $0.url.hasPrefix("/api/now/table/incident?") }.count
            }
            #expect(incidentReads == reads)
            if code == "SERVICENOW_RATE_LIMITED" { #expect(failing.errors.first?.extensions?["retryAfter"] == 60) }

            setup.control.clearFaults()
            let recovered = try await Self.render(setup, credentials: credentials, clock: clock, breaker: breaker)
            #expect(recovered.errors.isEmpty)
            for list in Self.lists { #expect(recovered[list, "totalCount"]?.intValue != nil) }
            #expect(breaker.mode == .closed(failures: 0))
        }
    }
}
