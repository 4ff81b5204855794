import CurlHTTP
import Foundation
import JSON
import Resolvers
import ServiceNowSimulator
import Testing

@testable import Gateway

/// Every answer says, in `Server-Timing`, how long the request's own ServiceNow calls were in flight and how long
/// the gateway took besides: the split a developer sees in the browser and a load test reads per request.
@Suite struct ServerTimingTests {
    /// `servicenow;dur=…, gateway;dur=…` as two numbers of milliseconds.
    static func timing(_ response: CurlResponse) throws -> (servicenow: Double, gateway: Double) {
        let value = try #require(response.header("Server-Timing"))
        var durations: [String: Double] = [:]
        for metric in value.split(separator: ",") {
            let parts = metric.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let duration = try #require(parts.dropFirst().first { $0.hasPrefix("dur=") }?.dropFirst(4))
            guard let number = Double(duration) else {
                Issue.record("Server-Timing has a duration that is not a number: \(value)")
                continue
            }
            durations[parts[0]] = number
        }
        #expect(durations.count == 2, "\(value)")
        return (try #require(durations["servicenow"]), try #require(durations["gateway"]))
    }

    @Test func aColdRenderSplitsServiceNowsTimeFromTheGatewaysAndAWarmOneHasNone() async throws {
        let query = try WidgetRoundTripTests.widgetQuery()
        let harness = try GatewayHarness()
        // Every request to the simulator takes at least 150 ms: the ServiceNow share must hold it.
        try await harness.withSimulator(latency: LatencyModel(roundTrip: .milliseconds(150))) { simulator in
            try await harness.withGateway(readCache: WidgetRoundTripTests.longCache) { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                // The OAuth callback's code exchange is a ServiceNow call of that request too.
                let callback = try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                #expect(callback.status == 200)
                #expect(try Self.timing(callback).servicenow >= 150)

                let sent = ContinuousClock.now
                let cold = try await gateway.graphQL(query, token: harness.token("user-a"))
                let elapsed = ContinuousClock.now - sent
                #expect(cold.status == 200)
                #expect(try cold.json()["errors"] == nil, "\(cold.text)")
                let coldTiming = try Self.timing(cold)
                // At least one round trip on ServiceNow, and the two shares split the request's time, never count it
                // twice (no bound on the gateway's own share: a loaded CI machine can stretch it to seconds).
                #expect(coldTiming.servicenow >= 150)
                #expect(coldTiming.gateway >= 0)
                let elapsedMilliseconds = Double(elapsed.wholeNanoseconds) / 1e6
                #expect(coldTiming.servicenow + coldTiming.gateway <= elapsedMilliseconds + 0.02)

                // Within the cache's lifetime nothing goes to ServiceNow, so the whole time is the gateway's.
                let warm = try await gateway.graphQL(query, token: harness.token("user-a"))
                #expect(warm.status == 200)
                let warmTiming = try Self.timing(warm)
                #expect(warmTiming.servicenow == 0)
                #expect(warmTiming.gateway > 0)
            }
        }
    }

    @Test func answersWithoutAServiceNowCallCarryItToo() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway { gateway in
            let typename = try await gateway.graphQL("{ __typename }", token: harness.token("user-a"))
            #expect(typename.status == 200)
            #expect(try Self.timing(typename).servicenow == 0)

            let refused = try await gateway.graphQL("{ __typename }", token: nil)
            #expect(refused.status == 401)
            #expect(try Self.timing(refused).servicenow == 0)
        }
    }

    @Test func theHeaderValueHasTwoDecimalsAndNeverANegativeShare() {
        #expect(
            GatewayResponder.serverTiming(total: .microseconds(236_504), upstream: .microseconds(234_080))
                == "servicenow;dur=234.08, gateway;dur=2.42"
        )
        #expect(
            GatewayResponder.serverTiming(total: .microseconds(5_000), upstream: .zero)
                == "servicenow;dur=0.00, gateway;dur=5.00"
        )
        // The ServiceNow share is measured inside the total; rounding must not make the gateway's negative.
        #expect(
            GatewayResponder.serverTiming(total: .microseconds(1_000), upstream: .microseconds(1_001))
                == "servicenow;dur=1.00, gateway;dur=0.00"
        )
    }
}
