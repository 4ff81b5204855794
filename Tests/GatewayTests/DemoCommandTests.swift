import CurlHTTP
import Foundation
import JSON
import Resolvers
import ServiceNowSimulator
import Testing

@testable import Gateway

/// What `snowgate demo` does once its servers listen: register the client, configure, connect the demo users
/// through the real flow, and print working tokens.
@Suite struct DemoCommandTests {
    @Test func preparesAConnectedDemo() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
                let lines = try await DemoCommand.prepare(
                    simulator: simulator.control,
                    simulatorURL: simulator.baseURL,
                    server: gateway.server,
                    client: harness.client,
                    authSecret: harness.authSecret,
                    now: harness.clock.now()
                )
                func value(_ prefix: String) -> String? {
                    lines.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
                }
                #expect(value("Widget: ") == gateway.baseURL + "/widget")
                #expect(value("GraphQL: ") == gateway.baseURL + "/graphql")
                let userToken = try #require(value("User token: "))
                let adminToken = try #require(value("Admin token: "))

                let verifier = try JWTVerifier(key: .hs256(secret: harness.authSecret), clock: harness.clock)
                let user = try await verifier.verify(token: userToken)
                let admin = try await verifier.verify(token: adminToken)
                #expect(user.subject == "abel.tuter" && !user.isAdmin)
                #expect(admin.subject == "admin" && admin.isAdmin)
                #expect(try await gateway.operations.isConnected(user))
                #expect(try await gateway.operations.isConnected(admin))

                let token = try await gateway.operations.credentials(for: user).accessToken()
                let me = try await OAuthFlowTests.serviceNowUser(token, at: simulator, client: harness.client)
                #expect(me.userName == "abel.tuter")
                let response = try await gateway.graphQL("{ viewer { isAdmin } }", token: userToken)
                #expect(try response.json()["data"]?["echo"]?["subject"] == "abel.tuter")
            }
        }
    }
}
