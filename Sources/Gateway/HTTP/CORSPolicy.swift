/// Cross-origin calls to `/graphql` from the intranet's pages: only the configured origins get
/// `Access-Control-Allow-Origin` (their own origin echoed, never `*`), and never with credentials — the gateway
/// takes a bearer token, not cookies, so a page of another origin can call it only if it holds a user's token and
/// is on the list.
struct CORSPolicy: Sendable {
    /// The allowed origins, normalised as browsers send `Origin`.
    let allowedOrigins: Set<String>

    /// The methods a cross-origin page may use.
    static let allowedMethods = ["GET", "POST"]
    /// The request headers a cross-origin page may send beyond the CORS-safelisted ones.
    static let allowedHeaders = ["Authorization", "Content-Type", "X-Request-Id"]
    /// The response headers a cross-origin page may read beyond the safelisted ones.
    static let exposedHeaders = "X-Request-Id, Retry-After"
    /// How long a browser may cache a preflight answer, in seconds.
    static let maxAge = 600

    /// What a preflight gets.
    enum Preflight: Equatable {
        /// Not a CORS preflight (no `Origin` or no `Access-Control-Request-Method`): a plain `OPTIONS`.
        case notPreflight
        /// Allowed, with these headers.
        case allowed([Header])
        /// Refused, and why (for the body and the log).
        case refused(String)
    }

    /// A header name and value.
    struct Header: Equatable, Sendable {
        var name: String
        var value: String
    }

    init(origins: [String]) {
        allowedOrigins = Set(origins)
    }

    /// The headers of an actual (non-preflight) response to a request from `origin`: `Vary: Origin` always, and
    /// the allow headers only for an allowed origin.
    func responseHeaders(origin: String?) -> [(String, String)] {
        var headers = [("Vary", "Origin")]
        if let origin, allowedOrigins.contains(origin) {
            headers.append(("Access-Control-Allow-Origin", origin))
            headers.append(("Access-Control-Expose-Headers", Self.exposedHeaders))
        }
        return headers
    }

    /// The answer to an `OPTIONS` request with these headers.
    func preflight(origin: String?, requestMethod: String?, requestHeaders: String?) -> Preflight {
        guard let origin, let requestMethod else { return .notPreflight }
        guard allowedOrigins.contains(origin) else { return .refused("the origin is not allowed") }
        guard Self.allowedMethods.contains(requestMethod) else { return .refused("the method is not allowed") }
        let allowed = Set(Self.allowedHeaders.map { $0.lowercased() })
        let asked = (requestHeaders ?? "").split(separator: ",").map { $0.trimmingASCIISpaces().lowercased() }
            .filter { !$0.isEmpty }
        guard asked.allSatisfy(allowed.contains) else { return .refused("a requested header is not allowed") }
        return .allowed([
            Header(name: "Access-Control-Allow-Origin", value: origin),
            Header(name: "Access-Control-Allow-Methods", value: Self.allowedMethods.joined(separator: ", ")),
            Header(name: "Access-Control-Allow-Headers", value: Self.allowedHeaders.joined(separator: ", ")),
            Header(name: "Access-Control-Max-Age", value: String(Self.maxAge)),
            Header(name: "Vary", value: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"),
        ])
    }
}
