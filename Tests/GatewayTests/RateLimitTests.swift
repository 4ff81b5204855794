import CurlHTTP
import Foundation
import JSON
import Testing

@testable import Gateway

/// Per-user and per-address token buckets over real HTTP, on the harness's manual clock: the request past the burst
/// gets 429 `RATE_LIMITED` with `retryAfter` and `Retry-After`, other users are not affected, and time refills.
@Suite struct RateLimitTests {
    static func settings() -> SecuritySettings {
        var security = SecuritySettings()
        security.rateLimits.userRequestsPerSecond = 0.5
        security.rateLimits.userBurst = 2
        security.rateLimits.addressRequestsPerSecond = 1
        security.rateLimits.addressBurst = 2
        return security
    }

    @Test func aUserPastTheBurstGets429UntilTheBucketRefills() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(security: Self.settings()) { gateway async throws in
            let query = "{ widgetSettings { showLogo } }"
            let alice = harness.token("alice")
            for _ in 0..<2 {
                #expect(try await gateway.graphQL(query, token: alice).status == 200)
            }
            let limited = try await gateway.graphQL(query, token: alice)
            #expect(limited.status == 429)
            // One token every 2 seconds: the next is 2 seconds away.
            #expect(limited.header("Retry-After") == "2")
            let error = try #require(try limited.json()["errors"]?[0])
            #expect(error["extensions"]?["code"] == "RATE_LIMITED")
            #expect(error["extensions"]?["retryAfter"] == 2)
            #expect(try limited.json()["data"] == nil)
            // The modern media type gets the same 429.
            let modern = try await gateway.graphQL(query, token: alice, accept: "application/graphql-response+json")
            #expect(modern.status == 429)
            #expect(modern.header("Content-Type") == "application/graphql-response+json; charset=utf-8")

            // Another user has a bucket of their own (same client address).
            #expect(try await gateway.graphQL(query, token: harness.token("bob")).status == 200)

            harness.clock.advance(by: 2)
            let later = try await gateway.graphQL(query, token: harness.token("alice"))
            #expect(later.status == 200)
            #expect(try await gateway.graphQL(query, token: alice).status == 429)
        }
    }

    @Test func failedSignInsAreLimitedPerAddressWithoutThrottlingSignedInUsers() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(security: Self.settings()) { gateway async throws in
            let query = "{ widgetSettings { showLogo } }"
            for _ in 0..<2 {
                #expect(try await gateway.graphQL(query, token: "not-a-token").status == 401)
            }
            let limited = try await gateway.graphQL(query, token: "not-a-token")
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "1")
            #expect(try limited.json()["errors"]?[0]?["extensions"]?["code"] == "RATE_LIMITED")
            #expect(try await gateway.graphQL(query, token: nil).status == 429)
            // A signed-in user behind the same address is counted per user.
            #expect(try await gateway.graphQL(query, token: harness.token("alice")).status == 200)
            // OAuth callbacks are unauthenticated too: the same bucket.
            #expect(try await gateway.request(.get, "/oauth/callback?state=x&code=y").status == 429)
            harness.clock.advance(by: 1)
            #expect(try await gateway.graphQL(query, token: "not-a-token").status == 401)
        }
    }

    @Test func zeroSwitchesLimitingOff() async throws {
        let harness = try GatewayHarness()
        var security = Self.settings()
        security.rateLimits.userRequestsPerSecond = 0
        try await harness.withGateway(security: security) { gateway async throws in
            let alice = harness.token("alice")
            for _ in 0..<6 {
                #expect(try await gateway.graphQL("{ widgetSettings { showLogo } }", token: alice).status == 200)
            }
        }
    }
}

/// The browser rules over real HTTP: CORS for the configured intranet origins only, and the security headers of the
/// HTML pages and the JSON endpoints.
@Suite struct WebSecurityTests {
    static let intranet = "https://intranet.example.com"

    static func settings() -> SecuritySettings {
        var security = SecuritySettings()
        security.web.corsOrigins = [intranet]
        return security
    }

    @Test func preflightsAreAnsweredForTheAllowListOnly() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(security: Self.settings()) { gateway async throws in
            let allowed = try await gateway.request(
                .options,
                "/graphql",
                headers: [
                    ("Origin", Self.intranet), ("Access-Control-Request-Method", "POST"),
                    ("Access-Control-Request-Headers", "authorization, content-type"),
                ]
            )
            #expect(allowed.status == 204)
            #expect(allowed.header("Access-Control-Allow-Origin") == Self.intranet)
            let methods = try #require(allowed.header("Access-Control-Allow-Methods"))
            #expect(methods.contains("POST") && methods.contains("GET"))
            let headers = try #require(allowed.header("Access-Control-Allow-Headers")).lowercased()
            #expect(headers.contains("authorization") && headers.contains("content-type"))
            #expect(allowed.header("Access-Control-Max-Age") == "600")
            // A bearer token, never cookies: credentials are not allowed.
            #expect(allowed.header("Access-Control-Allow-Credentials") == nil)

            let refusals: [[(String, String)]] = [
                [("Origin", "https://evil.example.com"), ("Access-Control-Request-Method", "POST")],
                // The same host over http is another origin.
                [("Origin", "http://intranet.example.com"), ("Access-Control-Request-Method", "POST")],
                [("Origin", Self.intranet), ("Access-Control-Request-Method", "DELETE")],
                [
                    ("Origin", Self.intranet), ("Access-Control-Request-Method", "POST"),
                    ("Access-Control-Request-Headers", "x-forwarded-user"),
                ],
            ]
            for headers in refusals {
                let refused = try await gateway.request(.options, "/graphql", headers: headers)
                #expect(refused.status == 403, "\(headers)")
                #expect(refused.header("Access-Control-Allow-Origin") == nil, "\(headers)")
                #expect(try refused.json()["errors"]?[0]?["extensions"]?["code"] == "FORBIDDEN")
            }

            let plain = try await gateway.request(.options, "/graphql")
            #expect(plain.status == 204)
            #expect(plain.header("Allow") == "GET, POST, OPTIONS")
        }
    }

    @Test func actualResponsesCarryTheAllowHeadersOnlyForAllowedOrigins() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(security: Self.settings()) { gateway async throws in
            func post(origin: String) async throws -> CurlResponse {
                try await gateway.request(
                    .post,
                    "/graphql",
                    headers: [
                        ("Origin", origin), ("Content-Type", "application/json"),
                        ("Authorization", "Bearer \(harness.token("alice"))"),
                    ],
                    body: Array(#"{"query":"{ widgetSettings { showLogo } }"}"#.utf8)
                )
            }
            let allowed = try await post(origin: Self.intranet)
            #expect(allowed.status == 200)
            #expect(allowed.header("Access-Control-Allow-Origin") == Self.intranet)
            #expect(allowed.header("Access-Control-Expose-Headers")?.contains("Retry-After") == true)
            #expect(allowed.header("Vary")?.contains("Origin") == true)

            let other = try await post(origin: "https://evil.example.com")
            #expect(other.header("Access-Control-Allow-Origin") == nil)
            #expect(other.header("Vary")?.contains("Origin") == true)
        }
        // Without an allow-list, no origin is allowed.
        try await harness.withGateway { gateway async throws in
            let refused = try await gateway.request(
                .options,
                "/graphql",
                headers: [("Origin", Self.intranet), ("Access-Control-Request-Method", "POST")]
            )
            #expect(refused.status == 403)
        }
    }

    @Test func htmlPagesCarryCSPAndFramingRules() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(security: Self.settings()) { gateway async throws in
            // The OAuth callback page (here for an unknown state): a popup, never framed.
            let page = try await gateway.request(.get, "/oauth/callback?state=unknown&code=x")
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            let policy = try #require(page.header("Content-Security-Policy"))
            #expect(policy.contains("default-src 'none'"))
            #expect(policy.hasSuffix("frame-ancestors 'none'"))
            #expect(page.header("X-Frame-Options") == "DENY")
            #expect(page.header("X-Content-Type-Options") == "nosniff")
            #expect(page.header("Referrer-Policy") == "no-referrer")
            #expect(page.header("Permissions-Policy")?.contains("camera=()") == true)
            #expect(page.header("Cache-Control") == "no-store")
            // The public URL is http here: no HSTS.
            #expect(page.header("Strict-Transport-Security") == nil)

            let json = try await gateway.request(.get, "/healthz")
            #expect(json.header("X-Content-Type-Options") == "nosniff")
            #expect(json.header("Referrer-Policy") == "no-referrer")
        }
    }

    @Test func anHTTPSPublicURLSwitchesHSTSOn() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(publicURL: try PublicURL("https://snowgate.example.com")) {
            gateway async throws in
            for path in ["/healthz", "/oauth/callback?state=unknown&code=x", "/nothing-here"] {
                let response = try await gateway.request(.get, path)
                #expect(response.header("Strict-Transport-Security") == "max-age=31536000", "\(path)")
            }
        }
    }

    @Test func framingFollowsTheAllowedOrigins() {
        let headers = HTMLPageHeaders(frameAncestors: ["'self'", Self.intranet], publicURL: nil)
        let framed = headers.headers(contentSecurityPolicy: "default-src 'none';", framing: .allowedAncestors)
        let policy = framed.first { $0.0 == "Content-Security-Policy" }?.1
        #expect(policy == "default-src 'none'; frame-ancestors 'self' https://intranet.example.com")
        // X-Frame-Options cannot name an origin: left to the CSP.
        #expect(!framed.contains { $0.0 == "X-Frame-Options" })
        #expect(SecuritySettings().web.effectiveFrameAncestors == ["'self'"])
        #expect(Self.settings().web.effectiveFrameAncestors == ["'self'", Self.intranet])
    }
}
