import Crypto
import Foundation
import JSON
import ServiceNowSimulator
import Testing

@Suite struct OAuthTests {
    static let failure: JSONValue = ["error_description": "access_denied", "error": "server_error"]
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-extra-entropy"

    static func challenge(_ verifier: String) -> String {
        let digest = Array(SHA256.hash(data: Array(verifier.utf8)))
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var bits = 0
        var value = 0
        var output = ""
        for byte in digest {
            value = value << 8 | Int(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                output.append(alphabet[(value >> bits) & 63])
            }
        }
        if bits > 0 { output.append(alphabet[(value << (6 - bits)) & 63]) }
        return output
    }

    static func query(_ url: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in (url.split(separator: "?", maxSplits: 1).last ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            result[parts[0]] = parts.count > 1 ? (parts[1].removingPercentEncoding ?? parts[1]) : ""
        }
        return result
    }

    static func authorizeURL(
        _ sim: SimulatorFixture,
        state: String? = "xyz123",
        redirect: String = SimulatorFixture.redirectURL,
        pkce: Bool = true
    ) -> String {
        var url =
            "\(sim.baseURL)/oauth_auth.do?response_type=code&client_id=\(SimulatorFixture.clientID)&redirect_uri=\(SimulatorFixture.encode(redirect))"
        if let state { url += "&state=\(state)" }
        if pkce { url += "&code_challenge=\(challenge(verifier))&code_challenge_method=S256" }
        return url
    }

    func exchange(
        _ sim: SimulatorFixture,
        code: String,
        verifier: String? = OAuthTests.verifier,
        secret: String? = SimulatorFixture.clientSecret
    ) async throws -> TestHTTPClient.Response {
        var fields = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", SimulatorFixture.redirectURL),
            ("client_id", SimulatorFixture.clientID),
        ]
        if let secret { fields.append(("client_secret", secret)) }
        if let verifier { fields.append(("code_verifier", verifier)) }
        return try await sim.postForm("/oauth_token.do", fields)
    }

    @Test func codeFlowWithPKCE() async throws {
        try await SimulatorFixture.run { sim in
            let redirect = try sim.control.approveAuthorization(url: Self.authorizeURL(sim), asUser: "abel.tuter")
            #expect(redirect.hasPrefix(SimulatorFixture.redirectURL + "?code="))
            let parameters = Self.query(redirect)
            #expect(parameters["state"] == "xyz123")
            let code = try #require(parameters["code"])
            let response = try await exchange(sim, code: code)
            #expect(response.status == 200)
            let body = try response.json()
            #expect(body["scope"] == "useraccount")
            #expect(body["token_type"] == "Bearer")
            #expect(body["expires_in"] == 1799)
            let access = try #require(body["access_token"]?.stringValue)
            #expect(body["refresh_token"]?.stringValue?.isEmpty == false)
            let me = try await sim.get("/api/now/ui/user/current_user", token: access)
            #expect(try me.json()["result"]?["user_name"] == "abel.tuter")
            // A code is single-use.
            let again = try await exchange(sim, code: code)
            #expect(again.status == 401)
            #expect(try again.json() == Self.failure)
        }
    }

    @Test func pkceVerifierMustMatch() async throws {
        try await SimulatorFixture.run { sim in
            let code = try #require(
                Self.query(try sim.control.approveAuthorization(url: Self.authorizeURL(sim), asUser: "abel.tuter"))[
                    "code"
                ]
            )
            let wrong = try await exchange(sim, code: code, verifier: String(repeating: "a", count: 50))
            #expect(wrong.status == 401)
            #expect(try wrong.json() == Self.failure)
        }
    }

    @Test func browserFlowThroughLoginAndConsentPages() async throws {
        try await SimulatorFixture.run { sim in
            let url = Self.authorizeURL(sim)
            let login = try await sim.http.send("GET", url)
            #expect(login.status == 200)
            #expect(login.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(login.text.contains("name=\"user_name\"") && login.text.contains("name=\"user_password\""))
            let hidden = Self.query(url).map { ($0.key, $0.value) }
            let bad = try await sim.postForm(
                "/oauth_auth.do",
                hidden + [("action", "login"), ("user_name", "abel.tuter"), ("user_password", "nope")]
            )
            #expect(bad.text.contains("User name or password invalid"))
            let consent = try await sim.postForm(
                "/oauth_auth.do",
                hidden + [("action", "login"), ("user_name", "abel.tuter"), ("user_password", "password")]
            )
            #expect(consent.status == 200)
            #expect(
                consent.text.contains("Allow") && consent.text.contains("Deny") && consent.text.contains("Abel Tuter")
            )
            let cookie = try #require(consent.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
            let token = try #require(
                consent.text.split(separator: "name=\"sysparm_ck\" value=\"").last?.split(separator: "\"").first.map(
                    String.init
                )
            )
            // With the session cookie the authorize page goes straight to consent.
            let again = try await sim.http.send("GET", url, headers: [("Cookie", cookie)])
            #expect(again.text.contains("Allow"))
            let allowed = try await sim.postForm(
                "/oauth_auth.do",
                hidden + [("action", "allow"), ("sysparm_ck", token)],
                headers: [("Cookie", cookie)]
            )
            #expect(allowed.status == 302)
            let location = try #require(allowed.header("Location"))
            #expect(location.hasPrefix(SimulatorFixture.redirectURL + "?code="))
            #expect(Self.query(location)["state"] == "xyz123")
            #expect(try await exchange(sim, code: try #require(Self.query(location)["code"])).status == 200)
            let denied = try await sim.postForm(
                "/oauth_auth.do",
                hidden + [("action", "deny"), ("sysparm_ck", token)],
                headers: [("Cookie", cookie)]
            )
            #expect(denied.status == 302)
            #expect(denied.header("Location") == SimulatorFixture.redirectURL + "?error=access_denied&state=xyz123")
            // Without the form token the session alone decides nothing.
            let forged = try await sim.postForm(
                "/oauth_auth.do",
                hidden + [("action", "allow")],
                headers: [("Cookie", cookie)]
            )
            #expect(forged.status == 200)
            #expect(forged.text.contains("user_password"))
        }
    }

    @Test func stateIsMandatoryAndPlain() async throws {
        try await SimulatorFixture.run { sim in
            let missing = try await sim.http.send("GET", Self.authorizeURL(sim, state: nil))
            #expect(missing.text.contains("Missing State parameter in request"))
            #expect(throws: SimulatorError.self) {
                try sim.control.approveAuthorization(url: Self.authorizeURL(sim, state: nil), asUser: "abel.tuter")
            }
            let special = try await sim.http.send("GET", Self.authorizeURL(sim, state: "a%3Cb"))
            #expect(special.status == 400)
            #expect(!special.text.contains("user_password"))
            let empty = try await sim.http.send("GET", Self.authorizeURL(sim, state: ""))
            #expect(empty.text.contains("Missing State parameter in request"))
        }
    }

    @Test func unregisteredRedirectFallsBackToTheFirstRegisteredOne() async throws {
        try await SimulatorFixture.run { sim in
            let redirect = try sim.control.approveAuthorization(
                url: Self.authorizeURL(sim, redirect: "https://evil.example/cb"),
                asUser: "abel.tuter"
            )
            #expect(redirect.hasPrefix(SimulatorFixture.redirectURL + "?"))
            let second = try sim.control.approveAuthorization(
                url: Self.authorizeURL(sim, redirect: SimulatorFixture.otherRedirectURL),
                asUser: "abel.tuter"
            )
            #expect(second.hasPrefix(SimulatorFixture.otherRedirectURL + "?"))
            #expect(
                try sim.control.denyAuthorization(url: Self.authorizeURL(sim)) == SimulatorFixture.redirectURL
                    + "?error=access_denied&state=xyz123"
            )
        }
    }

    @Test func passwordGrantReusesTheLiveToken() async throws {
        let clock = ManualClock(start: SimulatorSeed.epoch)
        try await SimulatorFixture.run(clock: clock) { sim in
            let fields = [
                ("grant_type", "password"), ("client_id", SimulatorFixture.clientID),
                ("client_secret", SimulatorFixture.clientSecret), ("username", "beth.anglin"), ("password", "password"),
            ]
            let first = try await sim.postForm("/oauth_token.do", fields).json()
            clock.advance(by: .seconds(1000))
            let second = try await sim.postForm("/oauth_token.do", fields).json()
            #expect(first["access_token"] == second["access_token"])
            #expect(first["refresh_token"] == second["refresh_token"])
            // The reused token's expiry was pushed out: 1799 s from the second grant.
            clock.advance(by: .seconds(1500))
            let token = try #require(second["access_token"]?.stringValue)
            #expect(try await sim.get("/api/now/table/sys_user?sysparm_limit=1", token: token).status == 200)
        }
    }

    @Test func refreshEchoesTheSameRefreshTokenWithoutExtendingIt() async throws {
        let clock = ManualClock(start: SimulatorSeed.epoch)
        let short = OAuthApplication(
            clientID: "short",
            clientSecret: "s",
            redirectURLs: ["http://127.0.0.1:9/cb"],
            accessTokenLifespan: .seconds(60),
            refreshTokenLifespan: .seconds(600)
        )
        try await SimulatorFixture.run(clock: clock, applications: [short]) { sim in
            let issued = try sim.control.issueToken(forUser: "abel.tuter", clientID: "short")
            #expect(issued.expiresIn == 59)
            clock.advance(by: .seconds(61))
            #expect(try await sim.get("/api/now/table/incident", token: issued.accessToken).status == 401)
            let refresh = [
                ("grant_type", "refresh_token"), ("client_id", "short"), ("client_secret", "s"),
                ("refresh_token", issued.refreshToken),
            ]
            let refreshed = try await sim.postForm("/oauth_token.do", refresh)
            #expect(refreshed.status == 200)
            let body = try refreshed.json()
            #expect(body["refresh_token"] == .string(issued.refreshToken))
            #expect(body["expires_in"] == 59)
            let access = try #require(body["access_token"]?.stringValue)
            #expect(access != issued.accessToken)
            #expect(try await sim.get("/api/now/table/incident?sysparm_limit=1", token: access).status == 200)
            // The refresh token still dies 600 s after it was issued, however often it is used.
            clock.advance(by: .seconds(540))
            let late = try await sim.postForm("/oauth_token.do", refresh)
            #expect(late.status == 401)
            #expect(try late.json() == Self.failure)
        }
    }

    @Test func everyTokenEndpointFailureLooksTheSame() async throws {
        try await SimulatorFixture.run { sim in
            let base = [("client_id", SimulatorFixture.clientID), ("client_secret", SimulatorFixture.clientSecret)]
            let cases: [[(String, String)]] = [
                base + [("grant_type", "password"), ("username", "abel.tuter"), ("password", "wrong")],
                [
                    ("client_id", SimulatorFixture.clientID), ("client_secret", "wrong"), ("grant_type", "password"),
                    ("username", "abel.tuter"), ("password", "password"),
                ],
                base + [("grant_type", "refresh_token"), ("refresh_token", "nope")],
                base + [("grant_type", "client_credentials")],
                base + [("grant_type", "authorization_code"), ("code", "nope")],
                [
                    ("client_id", "nobody"), ("grant_type", "password"), ("username", "abel.tuter"),
                    ("password", "password"),
                ],
            ]
            for fields in cases {
                let response = try await sim.postForm("/oauth_token.do", fields)
                #expect(response.status == 401)
                #expect(try response.json() == Self.failure)
            }
            let json = try await sim.http.send(
                "POST",
                sim.baseURL + "/oauth_token.do",
                headers: [("Content-Type", "application/json")],
                body: Array(
                    #"{"grant_type":"password","client_id":"test-client","client_secret":"test-secret","username":"abel.tuter","password":"password"}"#
                        .utf8
                )
            )
            #expect(json.status == 401)
            #expect(try json.json() == Self.failure)
        }
    }

    @Test func revokeAndExpireAll() async throws {
        try await SimulatorFixture.run { sim in
            let first = try sim.control.issueToken(forUser: "abel.tuter", clientID: SimulatorFixture.clientID)
            #expect(
                try await sim.http.send(
                    "GET",
                    sim.baseURL + "/oauth_revoke_token.do?token=\(SimulatorFixture.encode(first.accessToken))"
                ).status == 200
            )
            #expect(try await sim.get("/api/now/table/incident", token: first.accessToken).status == 401)
            let beth = try sim.control.issueToken(forUser: "beth.anglin", clientID: SimulatorFixture.clientID)
            sim.control.expireAllTokens()
            #expect(try await sim.get("/api/now/table/incident", token: beth.accessToken).status == 401)
            let refreshed = try await sim.postForm(
                "/oauth_token.do",
                [
                    ("grant_type", "refresh_token"), ("client_id", SimulatorFixture.clientID),
                    ("client_secret", SimulatorFixture.clientSecret), ("refresh_token", beth.refreshToken),
                ]
            )
            #expect(refreshed.status == 200)
            // Revoking the refresh token ends it and the access tokens issued from it.
            let access = try #require(try refreshed.json()["access_token"]?.stringValue)
            _ = try await sim.postForm("/oauth_revoke_token.do", [("token", beth.refreshToken)])
            #expect(try await sim.get("/api/now/table/incident", token: access).status == 401)
        }
    }

    @Test func changedClientSecretRefusesTheOldOne() async throws {
        try await SimulatorFixture.run { sim in
            let issued = try sim.control.issueToken(forUser: "abel.tuter", clientID: SimulatorFixture.clientID)
            try sim.control.setClientSecret("rotated", forClient: SimulatorFixture.clientID)
            let fields = { (secret: String) in
                [
                    ("grant_type", "refresh_token"), ("client_id", SimulatorFixture.clientID),
                    ("client_secret", secret), ("refresh_token", issued.refreshToken),
                ]
            }
            #expect(try await sim.postForm("/oauth_token.do", fields(SimulatorFixture.clientSecret)).status == 401)
            #expect(try await sim.postForm("/oauth_token.do", fields("rotated")).status == 200)
            #expect(throws: SimulatorError.self) { try sim.control.setClientSecret("x", forClient: "nobody") }
        }
    }

    @Test func basicClientAuthenticationAtTheTokenEndpoint() async throws {
        try await SimulatorFixture.run { sim in
            let credentials = "test-client:test-secret".data(using: .utf8)!.base64EncodedString()
            let response = try await sim.postForm(
                "/oauth_token.do",
                [("grant_type", "password"), ("username", "admin"), ("password", "password")],
                headers: [("Authorization", "Basic \(credentials)")]
            )
            #expect(response.status == 200)
        }
    }
}
