import CurlHTTP
import Foundation
import JSON
import Resolvers
import ServiceNowSimulator
import Testing

@testable import Gateway

/// Whatever happens, no log line holds a secret: the client secret, a user's tokens, an authorization code, a
/// state, a PKCE verifier or a user's bearer token.
@Suite struct SecretsInLogsTests {
    @Test func aFullFlowLogsNoSecret() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                let link = try #require(try await gateway.operations.authorizeURL(for: harness.identity("user-a")))
                let redirect = try simulator.control.approveAuthorization(url: link, asUser: "abel.tuter")
                _ = try await harness.client.execute(CurlRequest(url: redirect))
                // A replay, a refresh, a refused refresh, a disconnect, and requests with good and bad tokens.
                _ = try await harness.client.execute(CurlRequest(url: redirect))
                let tokens = try #require(try await gateway.store.tokens(subject: "user-a"))
                harness.clock.advance(by: 1800)
                let refreshed = try await gateway.operations.credentials(for: harness.identity("user-a")).accessToken()
                let userToken = harness.token("user-a")
                _ = try await gateway.graphQL("{ a }", token: userToken)
                _ = try await gateway.graphQL("{ a }", token: userToken + "x")
                _ = try await gateway.operations.disconnectServiceNow(harness.identity("user-a"))
                // A wrong secret.
                try await gateway.configure(against: simulator, clientSecret: "wrong-secret-Zx81")
                _ = try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)

                let query = try #require(FormEncoding.decode(redirect.split(separator: "?", maxSplits: 1)[1]))
                let code = try #require(query.first { $0.name == "code" }?.value)
                let state = try #require(query.first { $0.name == "state" }?.value)
                let secrets = [
                    harness.clientSecret, "wrong-secret-Zx81", tokens.accessToken, try #require(tokens.refreshToken),
                    refreshed, code, state, userToken, harness.authSecret,
                ]
                let log = harness.logs.text
                #expect(log.contains("A user connected ServiceNow"))
                #expect(log.contains("HTTP request"))
                for secret in secrets {
                    #expect(!log.contains(secret), "a secret of \(secret.count) characters is in the log")
                }
            }
        }
    }
}
