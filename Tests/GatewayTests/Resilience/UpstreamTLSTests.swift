import CurlHTTP
import Foundation
import JSON
import Resolvers
import ServiceNowSimulator
import Testing

@testable import Gateway

/// TLS to ServiceNow verified for real: the simulator behind HTTPS with a certificate from a throwaway CA. Without
/// that CA the gateway refuses the instance (the token exchange and every read fail cleanly with
/// `SERVICENOW_UNAVAILABLE`); with `--ca-bundle` pointing at it, the whole flow works.
// Not skipped when nginx or openssl is missing: `TLSFront.with` fails with a message naming them (APT_TEST).
@Suite(.timeLimit(.minutes(1)))
struct UpstreamTLSTests {
    @Test func anInstanceWhoseCertificateIsNotTrustedIsRefused() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await TLSFront.with(upstream: simulator.baseURL) { front in
                try await harness.withResilientGateway(clock: ManualResilienceClock()) { gateway in
                    gateway.registerClient(at: simulator)
                    _ = try await gateway.operations.configureServiceNow(
                        harness.identity("admin-1", admin: true),
                        instanceURL: front.url,
                        clientID: GatewayHarness.clientID,
                        clientSecret: harness.clientSecret
                    )
                    // The token exchange fails cleanly: the callback page says ServiceNow is unavailable.
                    let page = try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                    #expect(page.status == 502)
                    #expect(page.text.contains("data-code=\"SERVICENOW_UNAVAILABLE\""))
                    #expect(try await gateway.store.tokens(subject: "user-a") == nil)
                    #expect(!simulator.control.requests.contains { $0.path == "/oauth_token.do" })
                    #expect(harness.logs.text.contains("tlsFailure"))

                    // A user with tokens (obtained elsewhere) cannot read either: the TLS failure is named.
                    let issued = try simulator.control.issueToken(
                        forUser: "abel.tuter",
                        clientID: GatewayHarness.clientID
                    )
                    try await gateway.store.saveTokens(
                        UserTokens(
                            subject: "user-b",
                            accessToken: issued.accessToken,
                            accessTokenExpiresAt: harness.clock.now().addingTimeInterval(1000),
                            refreshToken: issued.refreshToken,
                            connectedAt: harness.clock.now(),
                            configurationVersion: try #require(try await gateway.store.serviceNowConfiguration())
                                .version
                        )
                    )
                    let body = try await gateway.widget(as: "user-b")
                    #expect(body["data"]?["incidents"] == .null)
                    #expect(body.errorCodesByField["incidents"] == "SERVICENOW_UNAVAILABLE")
                    #expect(
                        body["errors"]?[0]?["message"] == "The secure connection to ServiceNow failed.",
                        "\(body)"
                    )
                    #expect(simulator.control.requests.isEmpty)
                    // Not a sign that the instance is down: the breaker stays closed.
                    #expect(gateway.server.breakers.all.values.allSatisfy { $0.mode == .closed(failures: 0) })
                }
            }
        }
    }

    @Test func theCABundleSettingMakesItTrusted() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await TLSFront.with(upstream: simulator.baseURL) { front in
                try await harness.withResilientGateway(
                    clock: ManualResilienceClock(),
                    caBundlePath: front.caCertificatePath
                ) { gateway in
                    gateway.registerClient(at: simulator)
                    _ = try await gateway.operations.configureServiceNow(
                        harness.identity("admin-1", admin: true),
                        instanceURL: front.url,
                        clientID: GatewayHarness.clientID,
                        clientSecret: harness.clientSecret
                    )
                    let page = try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                    #expect(page.status == 200, "\(page.text)")
                    #expect(page.text.contains("connected"))
                    let body = try await gateway.widget(as: "user-a")
                    #expect(body["errors"] == nil, "\(body)")
                    #expect(body["data"]?["viewer"]?["user"]?["name"] == "Abel Tuter")
                    #expect(body["data"]?["incidents"]?["totalCount"]?.intValue != nil)
                    // Everything went through the TLS front to the simulator.
                    #expect(simulator.control.requests.contains { $0.path == "/oauth_token.do" && $0.status == 200 })
                    #expect(simulator.control.requests.contains { $0.path == "/api/now/v1/batch" && $0.status == 200 })
                }
            }
        }
    }
}
