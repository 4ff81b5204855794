import JSON
import Schema
import ServiceNowSimulator
import Testing

@testable import Resolvers

/// The naive upstream mode, the load benchmark's baseline: one ServiceNow call per field, no Batch API, no cache —
/// and the same answers as the batched mode.
@Suite struct UpstreamModeTests {
    @Test func aNaiveRenderCallsOncePerFieldWithTheSameAnswer() async throws {
        let query = try WidgetTests.widgetQuery()
        try await SimulatorSetup.run { setup in
            let credentials = try setup.credentials("beth.anglin")
            let batched = try await Harness.run(setup, credentials: credentials, query)
            #expect(setup.control.requests.count == 1)
            setup.control.clearRequestLog()

            let naive = try await Harness.run(setup, credentials: credentials, mode: .naive, query)
            #expect(naive.errors.isEmpty, "\(naive.errors)")
            #expect(naive == batched)
            let log = setup.control.requests
            #expect(log.count == 5)
            #expect(log.allSatisfy { $0.method == "GET" && $0.path.hasPrefix("/api/now/table/") })
            #expect(Set(log.map(\.path)).count == 5)
        }
    }

    @Test func theNaiveModeNeverReadsTheCache() async throws {
        let query = try WidgetTests.widgetQuery()
        try await SimulatorSetup.run { setup in
            let credentials = try setup.credentials("abel.tuter")
            let store = ReadCacheStore()
            _ = try await Harness.run(setup, credentials: credentials, cache: store, mode: .naive, query)
            _ = try await Harness.run(setup, credentials: credentials, cache: store, mode: .naive, query)
            #expect(setup.control.requests.count == 10)
            #expect(store.entryCount == 0)
        }
    }

    @Test func naiveLookupsAreOneCallEach() async throws {
        try await SimulatorSetup.run { setup in
            let credentials = try setup.credentials("beth.anglin")
            let numbers = setup.seed.rows("incident").prefix(3).compactMap { $0["number"] }
            #expect(numbers.count == 3)
            let query =
                "{ "
                + numbers.enumerated().map { "t\($0): ticket(number: \"\($1)\") { number }" }
                .joined(separator: " ") + " }"
            let batched = try await Harness.run(setup, credentials: credentials, query)
            #expect(setup.control.requests.count == 1)
            setup.control.clearRequestLog()
            let naive = try await Harness.run(setup, credentials: credentials, mode: .naive, query)
            #expect(naive == batched)
            #expect(setup.control.requests.count == 3)
            for (index, number) in numbers.enumerated() {
                #expect(naive["t\(index)", "number"]?.stringValue == number)
            }
        }
    }
}
