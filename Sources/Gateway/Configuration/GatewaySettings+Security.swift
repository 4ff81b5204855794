// The flags and variables of ``SecuritySettings``, and their parsing: operation limits, rate limits, identity
// providers, browser rules and the private-instance allowance.

extension GatewaySettings {
    /// `--max-tokens` / `SNOWGATE_MAX_TOKENS`.
    public static let maxTokens = Setting(flag: "--max-tokens", variable: "SNOWGATE_MAX_TOKENS")
    /// `--max-nesting-depth` / `SNOWGATE_MAX_NESTING_DEPTH`.
    public static let maxNestingDepth = Setting(flag: "--max-nesting-depth", variable: "SNOWGATE_MAX_NESTING_DEPTH")
    /// `--max-document-bytes` / `SNOWGATE_MAX_DOCUMENT_BYTES`.
    public static let maxDocumentBytes = Setting(
        flag: "--max-document-bytes",
        variable: "SNOWGATE_MAX_DOCUMENT_BYTES"
    )
    /// `--max-depth` / `SNOWGATE_MAX_DEPTH`.
    public static let maxDepth = Setting(flag: "--max-depth", variable: "SNOWGATE_MAX_DEPTH")
    /// `--max-aliases` / `SNOWGATE_MAX_ALIASES`.
    public static let maxAliases = Setting(flag: "--max-aliases", variable: "SNOWGATE_MAX_ALIASES")
    /// `--max-root-fields` / `SNOWGATE_MAX_ROOT_FIELDS`.
    public static let maxRootFields = Setting(flag: "--max-root-fields", variable: "SNOWGATE_MAX_ROOT_FIELDS")
    /// `--max-directives` / `SNOWGATE_MAX_DIRECTIVES`.
    public static let maxDirectives = Setting(flag: "--max-directives", variable: "SNOWGATE_MAX_DIRECTIVES")
    /// `--max-cost` / `SNOWGATE_MAX_COST`.
    public static let maxCost = Setting(flag: "--max-cost", variable: "SNOWGATE_MAX_COST")
    /// `--max-upstream-calls` / `SNOWGATE_MAX_UPSTREAM_CALLS`.
    public static let maxUpstreamCalls = Setting(
        flag: "--max-upstream-calls",
        variable: "SNOWGATE_MAX_UPSTREAM_CALLS"
    )
    /// `--execution-timeout` / `SNOWGATE_EXECUTION_TIMEOUT`.
    public static let executionTimeout = Setting(
        flag: "--execution-timeout",
        variable: "SNOWGATE_EXECUTION_TIMEOUT"
    )
    /// `--introspection` / `SNOWGATE_INTROSPECTION`.
    public static let introspection = Setting(flag: "--introspection", variable: "SNOWGATE_INTROSPECTION")
    /// `--suggestions` / `SNOWGATE_SUGGESTIONS`.
    public static let suggestions = Setting(flag: "--suggestions", variable: "SNOWGATE_SUGGESTIONS")
    /// `--rate-limit` / `SNOWGATE_RATE_LIMIT`.
    public static let rateLimit = Setting(flag: "--rate-limit", variable: "SNOWGATE_RATE_LIMIT")
    /// `--rate-limit-burst` / `SNOWGATE_RATE_LIMIT_BURST`.
    public static let rateLimitBurst = Setting(flag: "--rate-limit-burst", variable: "SNOWGATE_RATE_LIMIT_BURST")
    /// `--ip-rate-limit` / `SNOWGATE_IP_RATE_LIMIT`.
    public static let ipRateLimit = Setting(flag: "--ip-rate-limit", variable: "SNOWGATE_IP_RATE_LIMIT")
    /// `--ip-rate-limit-burst` / `SNOWGATE_IP_RATE_LIMIT_BURST`.
    public static let ipRateLimitBurst = Setting(
        flag: "--ip-rate-limit-burst",
        variable: "SNOWGATE_IP_RATE_LIMIT_BURST"
    )
    /// `--trusted-proxies` / `SNOWGATE_TRUSTED_PROXIES`.
    public static let trustedProxies = Setting(flag: "--trusted-proxies", variable: "SNOWGATE_TRUSTED_PROXIES")
    /// `--jwt-jwks-url` / `SNOWGATE_JWT_JWKS_URL`.
    public static let jwtJWKSURL = Setting(flag: "--jwt-jwks-url", variable: "SNOWGATE_JWT_JWKS_URL")
    /// `--jwt-public-key-file` / `SNOWGATE_JWT_PUBLIC_KEY_FILE`.
    public static let jwtPublicKeyFile = Setting(
        flag: "--jwt-public-key-file",
        variable: "SNOWGATE_JWT_PUBLIC_KEY_FILE"
    )
    /// `--jwt-issuer` / `SNOWGATE_JWT_ISSUER`.
    public static let jwtIssuer = Setting(flag: "--jwt-issuer", variable: "SNOWGATE_JWT_ISSUER")
    /// `--jwt-audience` / `SNOWGATE_JWT_AUDIENCE`.
    public static let jwtAudience = Setting(flag: "--jwt-audience", variable: "SNOWGATE_JWT_AUDIENCE")
    /// `--cors-origin` (repeatable) / `SNOWGATE_CORS_ORIGINS` (comma-separated).
    public static let corsOrigins = Setting(flag: "--cors-origin", variable: "SNOWGATE_CORS_ORIGINS")
    /// `--frame-ancestor` (repeatable) / `SNOWGATE_FRAME_ANCESTORS` (comma-separated).
    public static let frameAncestors = Setting(flag: "--frame-ancestor", variable: "SNOWGATE_FRAME_ANCESTORS")
    /// `--allow-private-instance` / `SNOWGATE_ALLOW_PRIVATE_INSTANCE`.
    public static let allowPrivateInstance = Setting(
        flag: "--allow-private-instance",
        variable: "SNOWGATE_ALLOW_PRIVATE_INSTANCE"
    )

    /// `--flag (VARIABLE)`, for messages.
    static func name(_ setting: Setting) -> String {
        setting.flag.map { "\($0) (\(setting.variable))" } ?? setting.variable
    }

    /// The setting as a whole number, or nil when not given.
    func integer(_ setting: Setting) throws(GatewayConfigurationError) -> Int? {
        guard let text = value(setting) else { return nil }
        guard let number = Int(text.trimmingASCIISpaces()) else {
            throw GatewayConfigurationError("\(Self.name(setting)) must be a whole number, not \(text)")
        }
        return number
    }

    /// The setting as a finite number, or nil when not given.
    func number(_ setting: Setting) throws(GatewayConfigurationError) -> Double? {
        guard let text = value(setting) else { return nil }
        guard let number = Double(text.trimmingASCIISpaces()), number.isFinite else {
            throw GatewayConfigurationError("\(Self.name(setting)) must be a number, not \(text)")
        }
        return number
    }

    /// The setting as `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`), or nil when not given.
    func boolean(_ setting: Setting) throws(GatewayConfigurationError) -> Bool? {
        guard let text = value(setting) else { return nil }
        switch text.trimmingASCIISpaces().lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw GatewayConfigurationError("\(Self.name(setting)) must be true or false, not \(text)")
        }
    }

    /// The setting as a comma-separated list (empty members dropped), or nil when not given.
    func list(_ setting: Setting) -> [String]? {
        guard let text = value(setting) else { return nil }
        return text.split(separator: ",").map { $0.trimmingASCIISpaces() }.filter { !$0.isEmpty }
    }

    /// The setting as an audience (`on`, `off`, `admins`), or nil when not given.
    func audience(_ setting: Setting) throws(GatewayConfigurationError) -> OperationLimitSettings.Audience? {
        guard let text = value(setting) else { return nil }
        guard let audience = OperationLimitSettings.Audience(rawValue: text.trimmingASCIISpaces().lowercased()) else {
            throw GatewayConfigurationError("\(Self.name(setting)) must be on, off or admins, not \(text)")
        }
        return audience
    }
}

extension SecuritySettings {
    /// The settings from flags and environment: flags win, then variables, then the defaults. Origins are
    /// normalised here; ``validate()`` checks the rest.
    public init(settings: GatewaySettings) throws(GatewayConfigurationError) {
        self.init()
        var operations = OperationLimitSettings()
        if let value = try settings.integer(GatewaySettings.maxTokens) { operations.maxTokens = value }
        if let value = try settings.integer(GatewaySettings.maxNestingDepth) { operations.maxNestingDepth = value }
        if let value = try settings.integer(GatewaySettings.maxDocumentBytes) { operations.maxDocumentBytes = value }
        if let value = try settings.integer(GatewaySettings.maxDepth) { operations.maxDepth = value }
        if let value = try settings.integer(GatewaySettings.maxAliases) { operations.maxAliases = value }
        if let value = try settings.integer(GatewaySettings.maxRootFields) { operations.maxRootFields = value }
        if let value = try settings.integer(GatewaySettings.maxDirectives) {
            operations.maxDirectivesPerLocation = value
        }
        if let value = try settings.integer(GatewaySettings.maxCost) { operations.maxCost = value }
        if let value = try settings.integer(GatewaySettings.maxUpstreamCalls) { operations.maxUpstreamCalls = value }
        if let seconds = try settings.number(GatewaySettings.executionTimeout) {
            guard seconds > 0, seconds <= 600 else {
                throw GatewayConfigurationError(
                    "\(GatewaySettings.name(GatewaySettings.executionTimeout)) must be between 0 and 600 seconds"
                )
            }
            operations.executionTimeout = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        if let value = try settings.audience(GatewaySettings.introspection) { operations.introspection = value }
        if let value = try settings.audience(GatewaySettings.suggestions) { operations.suggestions = value }
        self.operations = operations

        var rateLimits = RateLimitSettings()
        if let value = try settings.number(GatewaySettings.rateLimit) { rateLimits.userRequestsPerSecond = value }
        if let value = try settings.integer(GatewaySettings.rateLimitBurst) { rateLimits.userBurst = value }
        if let value = try settings.number(GatewaySettings.ipRateLimit) { rateLimits.addressRequestsPerSecond = value }
        if let value = try settings.integer(GatewaySettings.ipRateLimitBurst) { rateLimits.addressBurst = value }
        self.rateLimits = rateLimits
        if let entries = settings.list(GatewaySettings.trustedProxies) { trustedProxies = try TrustedProxies(entries) }

        var identity = IdentitySettings()
        identity.jwksURL = settings.value(GatewaySettings.jwtJWKSURL)?.trimmingASCIISpaces()
        identity.publicKeyFile = settings.value(GatewaySettings.jwtPublicKeyFile)
        identity.issuer = settings.value(GatewaySettings.jwtIssuer)
        identity.audience = settings.value(GatewaySettings.jwtAudience)
        self.identity = identity

        var web = WebSecuritySettings()
        if let origins = settings.list(GatewaySettings.corsOrigins) {
            web.corsOrigins = try origins.map { (text: String) throws(GatewayConfigurationError) -> String in
                guard let origin = WebOrigin.normalize(text) else {
                    throw GatewayConfigurationError(
                        "\(GatewaySettings.name(GatewaySettings.corsOrigins)) must be origins like "
                            + "https://intranet.example.com, not \(text)"
                    )
                }
                return origin
            }
        }
        if let sources = settings.list(GatewaySettings.frameAncestors) {
            web.frameAncestors = try sources.map { (text: String) throws(GatewayConfigurationError) -> String in
                guard let source = WebOrigin.frameAncestorSource(text) else {
                    throw GatewayConfigurationError(
                        "\(GatewaySettings.name(GatewaySettings.frameAncestors)) must be origins like "
                            + "https://intranet.example.com or https://*.example.com, 'self' or 'none', not \(text)"
                    )
                }
                return source
            }
        }
        self.web = web
        allowPrivateInstance = try settings.boolean(GatewaySettings.allowPrivateInstance) ?? false
        try validate()
    }
}
