import Testing

@testable import Gateway

/// The security settings as an operator sets them: `SNOWGATE_*` variables, then flags over them, and a clear error
/// naming the flag and variable of a wrong value.
@Suite struct SecuritySettingsTests {
    static let secret = "an intranet secret of at least 32 bytes!"

    @Test func environmentAndFlagsReachTheSettings() throws {
        let environment = [
            "SNOWGATE_AUTH_SECRET": Self.secret,
            "SNOWGATE_MAX_DEPTH": "8",
            "SNOWGATE_MAX_COST": "2000",
            "SNOWGATE_MAX_UPSTREAM_CALLS": "0",
            "SNOWGATE_INTROSPECTION": "admins",
            "SNOWGATE_SUGGESTIONS": "off",
            "SNOWGATE_RATE_LIMIT": "2.5",
            "SNOWGATE_RATE_LIMIT_BURST": "10",
            "SNOWGATE_JWT_JWKS_URL": "https://login.example.com/tenant/discovery/v2.0/keys",
            "SNOWGATE_JWT_ISSUER": "https://login.example.com/tenant/v2.0",
            "SNOWGATE_JWT_AUDIENCE": "api://snowgate",
            "SNOWGATE_CORS_ORIGINS": "https://intranet.example.com, https://portal.example.com:8443",
            "SNOWGATE_ALLOW_PRIVATE_INSTANCE": "true",
        ]
        let configuration = try GatewayConfiguration(settings: GatewaySettings(flags: [:], environment: environment))
        let security = configuration.security
        #expect(security.operations.maxDepth == 8)
        #expect(security.operations.maxCost == 2000)
        #expect(security.operations.maxUpstreamCalls == 0)
        #expect(security.operations.introspection == .admins)
        #expect(security.operations.suggestions == .nobody)
        #expect(security.rateLimits.userRequestsPerSecond == 2.5)
        #expect(security.rateLimits.userBurst == 10)
        #expect(security.identity.jwksURL == "https://login.example.com/tenant/discovery/v2.0/keys")
        #expect(security.identity.issuer == "https://login.example.com/tenant/v2.0")
        #expect(security.identity.audience == "api://snowgate")
        #expect(security.web.corsOrigins == ["https://intranet.example.com", "https://portal.example.com:8443"])
        #expect(security.web.effectiveFrameAncestors.contains("https://portal.example.com:8443"))
        #expect(security.allowPrivateInstance)
        #expect(configuration.instanceAddressPolicy == InstanceAddressPolicy(allowLoopback: false, allowPrivate: true))
        // The startup line names the settings and no secret.
        #expect(configuration.description.contains("maxDepth=8"))
        #expect(!configuration.description.contains(Self.secret))

        let flagged = try GatewayConfiguration(
            settings: GatewaySettings(flags: [GatewaySettings.maxDepth: "12"], environment: environment)
        )
        #expect(flagged.security.operations.maxDepth == 12)
    }

    @Test(arguments: [
        ("SNOWGATE_MAX_DEPTH", "deep", "--max-depth"),
        ("SNOWGATE_INTROSPECTION", "sometimes", "--introspection"),
        ("SNOWGATE_RATE_LIMIT", "-1", "--rate-limit"),
        ("SNOWGATE_CORS_ORIGINS", "https://intranet.example.com/path", "--cors-origin"),
        ("SNOWGATE_CORS_ORIGINS", "*", "--cors-origin"),
        ("SNOWGATE_JWT_JWKS_URL", "http://login.example.com/keys", "--jwt-jwks-url"),
        ("SNOWGATE_EXECUTION_TIMEOUT", "0", "--execution-timeout"),
    ])
    func wrongValuesAreNamed(variable: String, value: String, flag: String) {
        let environment = ["SNOWGATE_AUTH_SECRET": Self.secret, variable: value]
        do {
            _ = try GatewayConfiguration(settings: GatewaySettings(flags: [:], environment: environment))
            Issue.record("\(variable)=\(value) was accepted")
        } catch {
            #expect(error.message.contains(flag), "\(error.message)")
        }
    }
}
