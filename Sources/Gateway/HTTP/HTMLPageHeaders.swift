/// The security headers of every HTML page the gateway serves, decided in one place: a page supplies its own
/// Content-Security-Policy directives (what it loads) and whether it may be framed; this adds the framing rule
/// (`frame-ancestors`, from `--frame-ancestor` or the CORS origins), `X-Frame-Options` where it can express the
/// same, `Referrer-Policy`, `Permissions-Policy`, `X-Content-Type-Options`, and HSTS when the public URL is https.
///
/// Every page handler builds its response headers with ``headers(contentSecurityPolicy:framing:)`` — the OAuth
/// callback page does, and so must the widget and explorer pages.
struct HTMLPageHeaders: Sendable {
    /// Whether a page may be shown inside another page's frame.
    enum Framing: Sendable {
        /// Never (a popup such as the OAuth callback): `frame-ancestors 'none'`, `X-Frame-Options: DENY`.
        case never
        /// By the configured frame ancestors (a widget embedded in the intranet's pages).
        case allowedAncestors
    }

    /// The `frame-ancestors` sources for ``Framing/allowedAncestors`` (`'self'`, origins, `'none'`).
    let frameAncestors: [String]
    /// Whether to send `Strict-Transport-Security` (the public URL is https).
    let strictTransportSecurity: Bool

    /// HSTS for a year; no `includeSubDomains`, which would bind hosts of the domain the gateway does not own.
    static let strictTransportSecurityValue = "max-age=31536000"
    /// Powerful browser features none of the gateway's pages use.
    static let permissionsPolicy =
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
        + "microphone=(), midi=(), payment=(), usb=()"

    /// Headers for the configured frame ancestors and public URL.
    init(frameAncestors: [String], publicURL: PublicURL?) {
        self.frameAncestors = frameAncestors.isEmpty ? ["'self'"] : frameAncestors
        self.strictTransportSecurity = publicURL?.origin.hasPrefix("https://") ?? false
    }

    /// The headers of an HTML page whose own policy is `pagePolicy` (e.g. `default-src 'none'; script-src …`,
    /// without `frame-ancestors`, which this adds).
    func headers(contentSecurityPolicy pagePolicy: String, framing: Framing) -> [(String, String)] {
        let ancestors: [String]
        switch framing {
        case .never: ancestors = ["'none'"]
        case .allowedAncestors: ancestors = frameAncestors
        }
        var policy = pagePolicy
        while policy.hasSuffix(";") || policy.hasSuffix(" ") { policy.removeLast() }
        var headers: [(String, String)] = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Security-Policy", policy + "; frame-ancestors " + ancestors.joined(separator: " ")),
        ]
        // X-Frame-Options can only say "nobody" or "same origin"; for a list, browsers follow the CSP alone.
        if ancestors == ["'none'"] {
            headers.append(("X-Frame-Options", "DENY"))
        } else if ancestors == ["'self'"] {
            headers.append(("X-Frame-Options", "SAMEORIGIN"))
        }
        headers.append(("X-Content-Type-Options", "nosniff"))
        headers.append(("Referrer-Policy", "no-referrer"))
        headers.append(("Permissions-Policy", Self.permissionsPolicy))
        if strictTransportSecurity {
            headers.append(("Strict-Transport-Security", Self.strictTransportSecurityValue))
        }
        return headers
    }
}
