import CurlHTTP
import Testing

@testable import Gateway

/// `--trusted-proxies`: whose `X-Forwarded-For` is believed, and which of its entries names the client.
@Suite struct TrustedProxiesTests {
    static func proxies() throws -> TrustedProxies { try TrustedProxies(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]) }

    @Test(arguments: [
        // A peer that is not a trusted proxy: its header is the client's own claim, ignored.
        ("198.51.100.7", ["203.0.113.9"], "198.51.100.7"),
        // From a trusted proxy: the entry it appended (the rightmost).
        ("127.0.0.1", ["203.0.113.9"], "203.0.113.9"),
        // Entries to the left of the first untrusted one are the client's to forge.
        ("127.0.0.1", ["1.2.3.4, 203.0.113.9"], "203.0.113.9"),
        // A chain of trusted proxies is walked through, over several header lines too.
        ("127.0.0.1", ["203.0.113.9, 10.1.2.3", "10.9.9.9"], "203.0.113.9"),
        // No header, or an empty one: the proxy itself is the client.
        ("127.0.0.1", [], "127.0.0.1"),
        ("127.0.0.1", [""], "127.0.0.1"),
        // A malformed hop stops the walk at the last address believed.
        ("127.0.0.1", ["203.0.113.9, garbage, 10.1.2.3"], "10.1.2.3"),
        ("127.0.0.1", ["not-an-address"], "127.0.0.1"),
        // One client is one key however it is spelled: IPv6 canonical form, IPv4-mapped peers.
        ("127.0.0.1", ["2001:DB8:0:0::1"], "2001:db8::1"),
        ("::ffff:127.0.0.1", ["203.0.113.9"], "203.0.113.9"),
        ("fd00::5", ["::ffff:203.0.113.9"], "203.0.113.9"),
        // Only whole prefixes: 11.0.0.1 is not in 10.0.0.0/8.
        ("11.0.0.1", ["203.0.113.9"], "11.0.0.1"),
    ])
    func theClientIsTheRightmostUntrustedHop(peer: String, header: [String], client: String) throws {
        #expect(try Self.proxies().clientAddress(peer: peer, forwardedFor: header) == client)
    }

    @Test func withNoTrustedProxiesTheHeaderIsIgnored() {
        #expect(TrustedProxies.none.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"]) == "127.0.0.1")
        #expect(TrustedProxies.none.clientAddress(peer: nil, forwardedFor: ["203.0.113.9"]) == nil)
    }

    @Test(arguments: ["10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "example.com", "10.0.0", "::1/129", ""])
    func invalidEntriesAreRefused(entry: String) {
        #expect(throws: GatewayConfigurationError.self) { try TrustedProxies([entry]) }
    }

    @Test func theSettingIsReadFromFlagsAndEnvironment() throws {
        let configuration = try GatewayConfiguration(
            settings: GatewaySettings(
                flags: [:],
                environment: [
                    "SNOWGATE_AUTH_SECRET": "test-secret-that-is-long-enough-0123456789",
                    "SNOWGATE_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8",
                ]
            )
        )
        #expect(configuration.security.trustedProxies == (try TrustedProxies(["127.0.0.1", "10.0.0.0/8"])))
        #expect(configuration.description.contains("trustedProxies=127.0.0.1,10.0.0.0/8"))
    }

    /// Over real HTTP: behind a trusted proxy (the test client on 127.0.0.1), failed sign-ins are counted per
    /// forwarded address, so one browser's failures do not lock out the others.
    @Test func theAddressRateLimitCountsForwardedClientsBehindATrustedProxy() async throws {
        let harness = try GatewayHarness()
        var security = RateLimitTests.settings()
        security.trustedProxies = try TrustedProxies(["127.0.0.1"])
        try await harness.withGateway(security: security) { gateway async throws in
            func failedSignIn(from address: String) async throws -> Int {
                try await gateway.request(
                    .post,
                    "/graphql",
                    headers: [
                        ("Content-Type", "application/json"), ("Authorization", "Bearer not-a-token"),
                        ("X-Forwarded-For", address),
                    ],
                    body: Array(#"{"query":"{ widgetSettings { showLogo } }"}"#.utf8)
                ).status
            }
            #expect(try await failedSignIn(from: "203.0.113.1") == 401)
            #expect(try await failedSignIn(from: "203.0.113.1") == 401)
            #expect(try await failedSignIn(from: "203.0.113.1") == 429)
            // Another browser behind the same proxy has a bucket of its own.
            #expect(try await failedSignIn(from: "203.0.113.2") == 401)
            // A forged entry left of the proxy's own does not buy a fresh bucket.
            #expect(try await failedSignIn(from: "198.51.100.1, 203.0.113.1") == 429)
        }
    }

    /// Without trusted proxies the same header changes nothing: every request is the peer's.
    @Test func theHeaderIsIgnoredFromAnUntrustedPeer() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(security: RateLimitTests.settings()) { gateway async throws in
            for (index, expected) in [401, 401, 429].enumerated() {
                let status = try await gateway.request(
                    .post,
                    "/graphql",
                    headers: [
                        ("Content-Type", "application/json"), ("Authorization", "Bearer not-a-token"),
                        ("X-Forwarded-For", "203.0.113.\(index)"),
                    ],
                    body: Array(#"{"query":"{ widgetSettings { showLogo } }"}"#.utf8)
                ).status
                #expect(status == expected)
            }
        }
    }
}
