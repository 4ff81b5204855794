import CurlHTTP
import Foundation
import JSON
import Resolvers
import ServiceNowSimulator
import Testing

@testable import Gateway

/// The per-user OAuth flow end to end: the gateway's authorize link, the simulator's consent, the callback, tokens
/// in the real store, refreshes and disconnection.
@Suite struct OAuthFlowTests {
    /// Who the simulator says the token belongs to.
    static func serviceNowUser(
        _ token: String,
        at simulator: RunningSimulator,
        client: CurlClient
    ) async throws
        -> (status: Int, userName: String?)
    {
        let response = try await client.execute(
            CurlRequest(
                url: simulator.baseURL + "/api/now/ui/user/current_user",
                headers: [
                    CurlHeader(name: "Authorization", value: "Bearer \(token)"),
                    CurlHeader(name: "Accept", value: "application/json"),
                ]
            )
        )
        let json = try? JSONParser().parse(response.body)
        return (response.status, json?["result"]?["user_name"]?.stringValue)
    }

    /// POSTs to the simulator's token endpoint so far.
    static func tokenRequests(_ simulator: RunningSimulator) -> Int {
        simulator.control.requests.filter { $0.path == "/oauth_token.do" }.count
    }

    @Test func theFullDanceConnectsAUser() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                let alice = harness.identity("user-a")

                let link = try #require(try await gateway.operations.authorizeURL(for: alice))
                #expect(link.hasPrefix(simulator.baseURL + "/oauth_auth.do?"))
                let query = try #require(FormEncoding.decode(link.split(separator: "?", maxSplits: 1)[1]))
                let parameters = Dictionary(query.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
                #expect(parameters["response_type"] == "code")
                #expect(parameters["client_id"] == GatewayHarness.clientID)
                #expect(parameters["redirect_uri"] == gateway.baseURL + "/oauth/callback")
                #expect(parameters["code_challenge_method"] == "S256")
                #expect(parameters["code_challenge"]?.count == 43)
                let state = try #require(parameters["state"])
                #expect(
                    state.count >= 32 && state.allSatisfy { $0.isLetter || $0.isNumber } && state.allSatisfy(\.isASCII)
                )

                let redirect = try simulator.control.approveAuthorization(url: link, asUser: "abel.tuter")
                #expect(redirect.hasPrefix(gateway.baseURL + "/oauth/callback?"))
                let page = try await harness.client.execute(CurlRequest(url: redirect))
                #expect(page.status == 200)
                #expect(page.header("Content-Type") == "text/html; charset=utf-8")
                #expect(page.text.contains("data-status=\"connected\""))
                #expect(page.text.contains("data-origin=\"\(gateway.baseURL)\""))
                let policy = try #require(page.header("Content-Security-Policy"))
                #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"))
                #expect(page.header("X-Frame-Options") == "DENY")
                #expect(page.header("Referrer-Policy") == "no-referrer")
                #expect(page.header("Cache-Control") == "no-store")

                #expect(try await gateway.operations.isConnected(alice))
                let stored = try #require(try await gateway.store.tokens(subject: "user-a"))
                #expect(stored.refreshToken != nil)

                let token = try await gateway.operations.credentials(for: alice).accessToken()
                #expect(token == stored.accessToken)
                let user = try await Self.serviceNowUser(token, at: simulator, client: harness.client)
                #expect(user.status == 200 && user.userName == "abel.tuter")
                // The exchange carried the PKCE verifier and the secret: the simulator accepted exactly one grant.
                #expect(Self.tokenRequests(simulator) == 1)
            }
        }
    }

    @Test func aReplayedOrForgedStateIsRefused() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                let link = try #require(try await gateway.operations.authorizeURL(for: harness.identity("user-a")))
                let redirect = try simulator.control.approveAuthorization(url: link, asUser: "abel.tuter")
                #expect(try await harness.client.execute(CurlRequest(url: redirect)).status == 200)

                // The same callback again: the state was used.
                let replay = try await harness.client.execute(CurlRequest(url: redirect))
                #expect(replay.status == 400)
                #expect(replay.text.contains("data-code=\"OAUTH_STATE_INVALID\""))

                let forgedState = RandomText.alphanumeric(count: 43)
                let cases = [
                    "/oauth/callback?code=abc&state=\(forgedState)",
                    "/oauth/callback?code=abc&state=" + FormEncoding.percentEncode("<script>alert(1)</script>"),
                    "/oauth/callback?code=abc",
                    "/oauth/callback",
                    "/oauth/callback?state=%zz",
                ]
                for path in cases {
                    let response = try await gateway.request(.get, path)
                    #expect(response.status == 400, "\(path)")
                    #expect(response.text.contains("data-code=\"OAUTH_STATE_INVALID\""), "\(path)")
                    #expect(!response.text.contains("<script>alert"))
                }
                #expect(Self.tokenRequests(simulator) == 1)
            }
        }
    }

    @Test func anExpiredStateIsRefused() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                let link = try #require(try await gateway.operations.authorizeURL(for: harness.identity("user-a")))
                let redirect = try simulator.control.approveAuthorization(url: link, asUser: "abel.tuter")
                harness.clock.advance(by: 601)
                let response = try await harness.client.execute(CurlRequest(url: redirect))
                #expect(response.status == 400)
                #expect(response.text.contains("OAUTH_STATE_INVALID"))
                #expect(try await gateway.store.tokens(subject: "user-a") == nil)
            }
        }
    }

    @Test func aWrongClientSecretExplainsItself() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator, clientSecret: "not-the-secret")
                let page = try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                #expect(page.status == 502)
                #expect(page.text.contains("data-code=\"SERVICENOW_INVALID_CLIENT\""))
                #expect(page.text.contains("client secret"))
                #expect(page.text.contains("Application Registry"))
                #expect(page.text.contains(gateway.baseURL + "/oauth/callback"))
                #expect(try await gateway.store.tokens(subject: "user-a") == nil)
                // The generic ServiceNow refusal really came from the token endpoint.
                #expect(simulator.control.requests.contains { $0.path == "/oauth_token.do" && $0.status == 401 })
            }
        }
    }

    @Test func aHibernatingInstanceIsUnavailableNotAConfigurationProblem() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                simulator.control.inject(.hibernating(pathPrefix: "/oauth_token.do", count: 1))
                let page = try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                #expect(page.status == 502)
                #expect(page.text.contains("data-code=\"SERVICENOW_UNAVAILABLE\""))
                #expect(!page.text.contains("client secret"))
                #expect(try await gateway.store.tokens(subject: "user-a") == nil)
                let metrics = try await gateway.request(.get, "/metrics")
                #expect(
                    metrics.text.contains(#"snowgate_upstream_requests_total{endpoint="oauth_token",outcome="200"} 1"#)
                )
            }
        }
    }

    @Test func denyingAccessSaysSoAndSpendsTheState() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                let link = try #require(try await gateway.operations.authorizeURL(for: harness.identity("user-a")))
                let denied = try simulator.control.denyAuthorization(url: link)
                let page = try await harness.client.execute(CurlRequest(url: denied))
                #expect(page.status == 400)
                #expect(page.text.contains("OAUTH_ACCESS_DENIED"))
                #expect(page.text.contains("You did not allow access"))
                // The state of that link cannot be used for a code afterwards.
                let approved = try simulator.control.approveAuthorization(url: link, asUser: "abel.tuter")
                let late = try await harness.client.execute(CurlRequest(url: approved))
                #expect(late.text.contains("OAUTH_STATE_INVALID"))
            }
        }
    }

    @Test func tokensAreRefreshedAfterExpiryAndOn401() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                let credentials = gateway.operations.credentials(for: harness.identity("user-a"))
                let first = try await credentials.accessToken()
                #expect(try await credentials.accessToken() == first)
                #expect(Self.tokenRequests(simulator) == 1)

                // Ahead of expiry: 1799 s minus the 60 s margin.
                harness.clock.advance(by: 1750)
                let second = try await credentials.accessToken()
                #expect(second != first)
                #expect(Self.tokenRequests(simulator) == 2)
                #expect(
                    try await Self.serviceNowUser(second, at: simulator, client: harness.client).userName
                        == "abel.tuter"
                )
                // ServiceNow echoed the same refresh token; the gateway kept it.
                let stored = try #require(try await gateway.store.tokens(subject: "user-a"))
                #expect(stored.accessToken == second)

                // ServiceNow says 401 before the gateway thinks the token expired.
                simulator.control.expireAllTokens()
                #expect(try await Self.serviceNowUser(second, at: simulator, client: harness.client).status == 401)
                let third = try await credentials.refreshedAccessToken(after: second)
                #expect(third != second)
                #expect(try await Self.serviceNowUser(third, at: simulator, client: harness.client).status == 200)
                // A late caller that still holds the rejected token gets the fresh one without another grant.
                #expect(try await credentials.refreshedAccessToken(after: second) == third)
                #expect(Self.tokenRequests(simulator) == 3)
            }
        }
    }

    @Test func concurrentRefreshesOfOneUserMakeOneGrant() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                let before = Self.tokenRequests(simulator)
                harness.clock.advance(by: 1800)
                let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<24 {
                        group.addTask {
                            // Each request makes its own credentials value, as the resolvers get one per request.
                            let credentials = gateway.operations.credentials(for: harness.identity("user-a"))
                            return index.isMultiple(of: 2)
                                ? try await credentials.accessToken()
                                : try await credentials.refreshedAccessToken(after: "whatever-was-rejected")
                        }
                    }
                    var all: Set<String> = []
                    for try await token in group { all.insert(token) }
                    return all
                }
                #expect(tokens.count == 1)
                #expect(Self.tokenRequests(simulator) == before + 1)
            }
        }
    }

    @Test func aFailedRefreshDisconnectsOnlyThatUser() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                try await gateway.connect("user-b", as: "beth.anglin", simulator: simulator)
                let aliceTokens = try #require(try await gateway.store.tokens(subject: "user-a"))
                simulator.control.revoke(token: try #require(aliceTokens.refreshToken))
                harness.clock.advance(by: 1800)

                let alice = gateway.operations.credentials(for: harness.identity("user-a"))
                await #expect {
                    try await alice.accessToken()
                } throws: { error in
                    guard let error = error as? ServiceNowError, error.code == .authRequired else { return false }
                    let link = error.extensions["authorizeUrl"]?.stringValue ?? ""
                    return link.hasPrefix(simulator.baseURL + "/oauth_auth.do?")
                }
                #expect(try await gateway.store.tokens(subject: "user-a") == nil)
                #expect(try await gateway.operations.isConnected(harness.identity("user-a")) == false)

                let bob = gateway.operations.credentials(for: harness.identity("user-b"))
                let bobToken = try await bob.accessToken()
                #expect(
                    try await Self.serviceNowUser(bobToken, at: simulator, client: harness.client).userName
                        == "beth.anglin"
                )
            }
        }
    }

    @Test func anUnreachableTokenEndpointKeepsTheTokens() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                harness.clock.advance(by: 1800)
                let fault = simulator.control.inject(.serviceUnavailable(pathPrefix: "/oauth_token.do"))
                let credentials = gateway.operations.credentials(for: harness.identity("user-a"))
                await #expect {
                    try await credentials.accessToken()
                } throws: { error in
                    (error as? ServiceNowError)?.code == .unavailable
                }
                #expect(try await gateway.store.tokens(subject: "user-a") != nil)
                simulator.control.removeFault(fault)
                let token = try await credentials.accessToken()
                #expect(try await Self.serviceNowUser(token, at: simulator, client: harness.client).status == 200)
            }
        }
    }

    @Test func notConnectedAndNotConfiguredAreDistinct() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                let credentials = gateway.operations.credentials(for: harness.identity("user-a"))
                await #expect {
                    try await credentials.accessToken()
                } throws: { error in
                    (error as? ServiceNowError)?.code == .notConfigured
                }
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                await #expect {
                    try await credentials.accessToken()
                } throws: { error in
                    guard let error = error as? ServiceNowError else { return false }
                    return error.code == .authRequired && error.extensions["authorizeUrl"] != nil
                }
            }
        }
    }

    @Test func disconnectRevokesAndForgets() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                let alice = harness.identity("user-a")
                let token = try await gateway.operations.credentials(for: alice).accessToken()
                #expect(try await gateway.operations.disconnectServiceNow(alice))
                #expect(try await gateway.store.tokens(subject: "user-a") == nil)
                #expect(simulator.control.requests.filter { $0.path == "/oauth_revoke_token.do" }.count == 2)
                #expect(try await Self.serviceNowUser(token, at: simulator, client: harness.client).status == 401)
                #expect(try await gateway.operations.disconnectServiceNow(alice) == false)
            }
        }
    }
}
