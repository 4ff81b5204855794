/// The settings of the gateway's defences: operation limits, rate limits, how user tokens are verified, browser
/// rules (CORS, framing) and which ServiceNow addresses are acceptable.
///
/// Kept apart from ``GatewayConfiguration``'s own fields (one property, ``GatewayConfiguration/security``), parsed
/// from flags and `SNOWGATE_*` variables by ``init(settings:)``, and checked by ``validate()``.
public struct SecuritySettings: Sendable, Hashable {
    /// What one GraphQL request may ask for and cost.
    public var operations = OperationLimitSettings()
    /// Requests per user and per client address.
    public var rateLimits = RateLimitSettings()
    /// The load balancers whose `X-Forwarded-For` names the client for the per-address rate limit. Default none.
    public var trustedProxies = TrustedProxies.none
    /// Enterprise token verification (RS256/ES256 keys, issuer, audience), besides the HS256 secret.
    public var identity = IdentitySettings()
    /// CORS and the framing of the gateway's pages.
    public var web = WebSecuritySettings()
    /// Whether the ServiceNow instance URL may resolve to a private address (10/8, 172.16/12, 192.168/16,
    /// 100.64/10, fc00::/7): an on-premises instance. Loopback stays refused (that is
    /// `--allow-http-loopback-instance`'s), and link-local, multicast and unspecified addresses always are.
    public var allowPrivateInstance = false

    /// The defaults.
    public init() {}

    /// Checks every value, naming the flag and variable of the first wrong one.
    public func validate() throws(GatewayConfigurationError) {
        try operations.validate()
        try rateLimits.validate()
        try identity.validate()
        try web.validate()
    }

    /// The settings for the startup log (no secrets here).
    public var description: String {
        "maxDepth=\(operations.maxDepth) maxCost=\(operations.maxCost) maxUpstreamCalls=\(operations.maxUpstreamCalls) "
            + "executionTimeout=\(operations.executionTimeout) introspection=\(operations.introspection.rawValue) "
            + "suggestions=\(operations.suggestions.rawValue) rateLimit=\(rateLimits.userRequestsPerSecond)/s "
            + "burst=\(rateLimits.userBurst) jwks=\(identity.jwksURL ?? "none") "
            + "publicKeyFile=\(identity.publicKeyFile ?? "none") issuer=\(identity.issuer ?? "any") "
            + "audience=\(identity.audience ?? "any") corsOrigins=\(web.corsOrigins.joined(separator: ",")) "
            + "frameAncestors=\(web.effectiveFrameAncestors.joined(separator: " ")) "
            + "allowPrivateInstance=\(allowPrivateInstance) trustedProxies=\(trustedProxies)"
    }
}
