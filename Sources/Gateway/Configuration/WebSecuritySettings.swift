/// The browser rules: which intranet origins may call `/graphql` from their pages (CORS) and which may frame the
/// gateway's pages (CSP `frame-ancestors`).
public struct WebSecuritySettings: Sendable, Hashable {
    /// Origins (`https://intranet.example.com[:port]`) allowed to call `/graphql` from a browser
    /// (`--cors-origin`, repeatable). Empty: no cross-origin calls.
    public var corsOrigins: [String] = []
    /// Sources allowed to frame the gateway's pages (`--frame-ancestor`, repeatable): origins, `*.`-wildcard
    /// origins, `'self'` or `'none'`. Nil: `'self'` and the CORS origins.
    public var frameAncestors: [String]?

    /// The defaults: no cross-origin calls; pages framed only by the gateway itself.
    public init() {}

    /// The `frame-ancestors` sources in effect.
    public var effectiveFrameAncestors: [String] {
        if let frameAncestors { return frameAncestors }
        return ["'self'"] + corsOrigins
    }

    /// Checks the values.
    public func validate() throws(GatewayConfigurationError) {
        for origin in corsOrigins {
            guard let normalized = WebOrigin.normalize(origin), normalized == origin else {
                throw GatewayConfigurationError(
                    "--cors-origin (SNOWGATE_CORS_ORIGINS) must be origins like https://intranet.example.com "
                        + "(scheme, host and port only), not \(origin)"
                )
            }
        }
        if let frameAncestors {
            guard !frameAncestors.isEmpty else {
                throw GatewayConfigurationError("--frame-ancestor (SNOWGATE_FRAME_ANCESTORS) must not be empty")
            }
            for source in frameAncestors where WebOrigin.frameAncestorSource(source) != source {
                throw GatewayConfigurationError(
                    "--frame-ancestor (SNOWGATE_FRAME_ANCESTORS) must be origins like https://intranet.example.com "
                        + "or https://*.example.com, 'self' or 'none', not \(source)"
                )
            }
            if frameAncestors.contains("'none'"), frameAncestors.count > 1 {
                throw GatewayConfigurationError(
                    "--frame-ancestor (SNOWGATE_FRAME_ANCESTORS) 'none' cannot be combined with other sources"
                )
            }
        }
    }
}
