import Logging
import Resolvers
import Testing

@testable import Gateway

@Suite struct GatewayConfigurationTests {
    static let secret = "0123456789abcdef0123456789abcdef-secret"

    @Test func defaults() throws {
        let configuration = try GatewayConfiguration(
            settings: GatewaySettings(flags: [:], environment: ["SNOWGATE_AUTH_SECRET": Self.secret])
        )
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.databasePath == "./snowgate.sqlite")
        #expect(configuration.publicURL == nil)
        #expect(configuration.defaultPublicURL(boundPort: 8080).redirectURL == "http://127.0.0.1:8080/oauth/callback")
        #expect(configuration.allowHTTPLoopbackInstance == false)
        #expect(configuration.upstreamTimeout == .seconds(10))
        #expect(configuration.limits.maxBodyBytes == 1 << 20)
        #expect(configuration.limits.maxConcurrentRequests == 128)
        #expect(configuration.dataKey == nil)
        #expect(configuration.logLevel == .info)
    }

    @Test func aPostgreSQLDatabaseNeedsTheDataKeyAndIsLoggedWithoutItsPassword() throws {
        let url = "postgres://snowgate:Db-Secret-PW-9@db.example:5432/snowgate?sslmode=verify-full"
        let withoutKey = #expect(throws: GatewayConfigurationError.self) {
            try GatewayConfiguration(
                settings: GatewaySettings(
                    flags: [GatewaySettings.database: url],
                    environment: ["SNOWGATE_AUTH_SECRET": Self.secret]
                )
            )
        }
        #expect(withoutKey.map { "\($0)".contains("SNOWGATE_DATA_KEY") } == true)
        #expect(withoutKey.map { !"\($0)".contains("Db-Secret-PW-9") } == true)

        let configuration = try GatewayConfiguration(
            settings: GatewaySettings(
                flags: [:],
                environment: [
                    "SNOWGATE_AUTH_SECRET": Self.secret, "SNOWGATE_DATABASE": url, "SNOWGATE_DATA_KEY": "a2V5",
                ]
            )
        )
        #expect(configuration.databasePath == url)
        #expect(!configuration.description.contains("Db-Secret-PW-9"))
        #expect(configuration.description.contains("database=postgres://snowgate:<redacted>@db.example:5432/snowgate"))

        let unusable = #expect(throws: GatewayConfigurationError.self) {
            try GatewayConfiguration(
                settings: GatewaySettings(
                    flags: [GatewaySettings.database: "postgres://u:Db-Secret-PW-9@h/d?sslmode=bogus"],
                    environment: ["SNOWGATE_AUTH_SECRET": Self.secret, "SNOWGATE_DATA_KEY": "a2V5"]
                )
            )
        }
        #expect(unusable.map { "\($0)".contains("--database") && !"\($0)".contains("Db-Secret-PW-9") } == true)
    }

    @Test func environmentThenFlags() throws {
        let environment = [
            "SNOWGATE_AUTH_SECRET": Self.secret,
            "SNOWGATE_HOST": "0.0.0.0",
            "SNOWGATE_PORT": "9000",
            "SNOWGATE_DATABASE": "/var/lib/snowgate/db.sqlite",
            "SNOWGATE_PUBLIC_URL": "https://intranet.example.com/snowgate/",
            "SNOWGATE_ALLOW_HTTP_LOOPBACK_INSTANCE": "true",
            "SNOWGATE_UPSTREAM_TIMEOUT": "2.5",
            "SNOWGATE_MAX_BODY_BYTES": "4096",
            "SNOWGATE_LOG_LEVEL": "debug",
            "SNOWGATE_DATA_KEY": "a2V5",
            "SNOWGATE_DRAIN_GRACE": "65",
            "SNOWGATE_IDLE_TIMEOUT": "120",
        ]
        let fromEnvironment = try GatewayConfiguration(settings: GatewaySettings(flags: [:], environment: environment))
        #expect(fromEnvironment.host == "0.0.0.0")
        #expect(fromEnvironment.port == 9000)
        #expect(fromEnvironment.databasePath == "/var/lib/snowgate/db.sqlite")
        #expect(fromEnvironment.publicURL?.redirectURL == "https://intranet.example.com/snowgate/oauth/callback")
        #expect(fromEnvironment.publicURL?.origin == "https://intranet.example.com")
        #expect(fromEnvironment.allowHTTPLoopbackInstance)
        #expect(fromEnvironment.upstreamTimeout == .milliseconds(2500))
        #expect(fromEnvironment.limits.maxBodyBytes == 4096)
        #expect(fromEnvironment.logLevel == .debug)
        #expect(fromEnvironment.dataKey == "a2V5")
        #expect(fromEnvironment.drainGrace == .seconds(65))
        #expect(fromEnvironment.idleTimeout == .seconds(120))
        #expect(try GatewayConfiguration(authSecret: Self.secret).idleTimeout == .seconds(75))
        #expect(try GatewayConfiguration(authSecret: Self.secret).drainGrace == .seconds(10))

        let flags: [GatewaySettings.Setting: String] = [
            GatewaySettings.port: "9100",
            GatewaySettings.publicURL: "https://gw.example.com:8443",
        ]
        let flagged = try GatewayConfiguration(settings: GatewaySettings(flags: flags, environment: environment))
        #expect(flagged.port == 9100)
        #expect(flagged.publicURL?.redirectURL == "https://gw.example.com:8443/oauth/callback")
        #expect(flagged.host == "0.0.0.0")
    }

    @Test func aWildcardBindGetsALoopbackPublicURL() throws {
        let configuration = try GatewayConfiguration(host: "0.0.0.0", port: 0, authSecret: Self.secret)
        #expect(configuration.defaultPublicURL(boundPort: 41234).origin == "http://127.0.0.1:41234")
    }

    static let invalid: [([String: String], String)] = [
        ([:], "SNOWGATE_AUTH_SECRET is required"),
        (["SNOWGATE_AUTH_SECRET": "short"], "at least 32 bytes"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_PORT": "http"], "--port (SNOWGATE_PORT) must be a number"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_PORT": "70000"], "between 0 and 65535"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_PUBLIC_URL": "gateway.example.com"], "--public-url"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_PUBLIC_URL": "https://u:p@gw.example.com"], "user information"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_PUBLIC_URL": "https://gw.example.com/?a=1"], "query"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_UPSTREAM_TIMEOUT": "0"], "--upstream-timeout"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_UPSTREAM_TIMEOUT": "ten"], "--upstream-timeout"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_ALLOW_HTTP_LOOPBACK_INSTANCE": "maybe"], "true or false"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_MAX_BODY_BYTES": "10"], "--max-body-bytes"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_MAX_CONCURRENT_REQUESTS": "0"], "--max-concurrent-requests"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_MAX_CONCURRENT_REQUESTS": "many"], "--max-concurrent-requests"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_LOG_LEVEL": "loud"], "--log-level"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_DRAIN_GRACE": "-1"], "--drain-grace"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_DRAIN_GRACE": "301"], "--drain-grace"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_IDLE_TIMEOUT": "3601"], "--idle-timeout"),
        (["SNOWGATE_AUTH_SECRET": secret, "SNOWGATE_IDLE_TIMEOUT": "soon"], "--idle-timeout"),
    ]

    @Test(arguments: invalid)
    func refusesWithAClearMessage(environment: [String: String], words: String) {
        #expect {
            try GatewayConfiguration(settings: GatewaySettings(flags: [:], environment: environment))
        } throws: { error in
            guard let error = error as? GatewayConfigurationError else { return false }
            return error.message.contains(words) && !error.message.contains(Self.secret)
        }
    }

    @Test func descriptionHidesSecrets() throws {
        let configuration = try GatewayConfiguration(authSecret: Self.secret, dataKey: "c2VjcmV0LWtleQ==")
        #expect(!configuration.description.contains(Self.secret))
        #expect(!configuration.description.contains("c2VjcmV0LWtleQ=="))
    }
}

/// The read cache and upstream mode settings (issue 7).
@Suite struct PerformanceSettingsTests {
    static let secret = GatewayConfigurationTests.secret

    @Test func defaultsAreACacheOfFiveSecondsBatched() throws {
        let configuration = try GatewayConfiguration(
            settings: GatewaySettings(flags: [:], environment: ["SNOWGATE_AUTH_SECRET": Self.secret])
        )
        #expect(configuration.readCache.ttl == .seconds(5))
        #expect(configuration.readCache.staleGrace == .seconds(10))
        #expect(configuration.readCache.maxConcurrentRefreshes == 4)
        #expect(configuration.readCache.isEnabled)
        #expect(configuration.upstreamMode == .batched)
    }

    @Test func environmentThenFlags() throws {
        let environment = [
            "SNOWGATE_AUTH_SECRET": Self.secret, "SNOWGATE_CACHE_TTL": "2.5", "SNOWGATE_CACHE_GRACE": "0",
            "SNOWGATE_UPSTREAM_MODE": "naive", "SNOWGATE_CACHE_REFRESHES": "16",
        ]
        let fromEnvironment = try GatewayConfiguration(settings: GatewaySettings(flags: [:], environment: environment))
        #expect(fromEnvironment.readCache.ttl == .milliseconds(2500))
        #expect(fromEnvironment.readCache.staleGrace == .zero)
        #expect(fromEnvironment.readCache.maxConcurrentRefreshes == 16)
        #expect(fromEnvironment.upstreamMode == .naive)
        let flagged = try GatewayConfiguration(
            settings: GatewaySettings(
                flags: [
                    GatewaySettings.cacheTTL: "0", GatewaySettings.upstreamMode: "Batched",
                    GatewaySettings.cacheRefreshes: " 8 ",
                ],
                environment: environment
            )
        )
        #expect(flagged.readCache.ttl == .zero)
        #expect(!flagged.readCache.isEnabled)
        #expect(flagged.upstreamMode == .batched)
        #expect(flagged.readCache.maxConcurrentRefreshes == 8)
    }

    @Test(arguments: [
        (GatewaySettings.cacheTTL, "-1"), (GatewaySettings.cacheTTL, "soon"), (GatewaySettings.cacheTTL, "3601"),
        (GatewaySettings.cacheGrace, "nan"), (GatewaySettings.upstreamMode, "fast"),
        (GatewaySettings.cacheRefreshes, "0"), (GatewaySettings.cacheRefreshes, "65"),
        (GatewaySettings.cacheRefreshes, "four"),
    ])
    func badValuesNameTheirSetting(_ setting: GatewaySettings.Setting, _ value: String) throws {
        let error = #expect(throws: GatewayConfigurationError.self) {
            try GatewayConfiguration(
                settings: GatewaySettings(flags: [setting: value], environment: ["SNOWGATE_AUTH_SECRET": Self.secret])
            )
        }
        #expect(error?.message.contains(setting.variable) == true)
    }
}
