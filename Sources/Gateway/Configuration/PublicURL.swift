/// The URL under which browsers reach the gateway (`--public-url`): the base of the OAuth redirect URL and the
/// origin the callback page reports to.
///
/// It is set by the operator and never derived from a request's `Host` header, so a forged header cannot send a
/// user's authorization code elsewhere.
public struct PublicURL: Sendable, Hashable, CustomStringConvertible {
    /// `scheme://host[:port]`, the origin browsers see (the `postMessage` target).
    public let origin: String
    /// A path prefix without a trailing slash (empty, or e.g. `/snowgate` behind a reverse proxy that strips it).
    public let pathPrefix: String

    /// Parses and normalises `text`: `http` or `https`, a host, an optional port and an optional path prefix; no
    /// user information, query or fragment.
    public init(_ text: String) throws(GatewayConfigurationError) {
        let trimmed = text.trimmingASCIISpaces()
        func invalid(_ why: String) -> GatewayConfigurationError {
            GatewayConfigurationError(
                "--public-url (SNOWGATE_PUBLIC_URL) must look like https://gateway.example.com[/prefix]: \(why)"
            )
        }
        guard let schemeEnd = trimmed.firstRange(of: "://") else { throw invalid("it has no scheme") }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw invalid("the scheme must be http or https") }
        let rest = trimmed[schemeEnd.upperBound...]
        guard !rest.contains("?"), !rest.contains("#") else { throw invalid("it must not have a query or fragment") }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        guard !authority.contains("@") else { throw invalid("it must not contain user information") }
        let hostPort: HostAndPort
        do {
            hostPort = try HostAndPort(parsing: authority)
        } catch {
            throw invalid(error.message)
        }
        while path.hasSuffix("/") { path.removeLast() }
        guard path.utf8.allSatisfy(Self.isPathByte) else {
            throw invalid("the path may hold only letters, digits and - . _ ~ / characters")
        }
        let defaultPort = scheme == "https" ? 443 : 80
        let portText = hostPort.port.map { $0 == defaultPort ? "" : ":\($0)" } ?? ""
        self.origin = scheme + "://" + hostPort.urlHost + portText
        self.pathPrefix = path
    }

    /// A public URL from an origin known to be valid (no prefix).
    init(validatedOrigin origin: String) {
        self.origin = origin
        self.pathPrefix = ""
    }

    /// The URL of a path on the gateway, e.g. `url("/oauth/callback")`.
    public func url(_ path: String) -> String {
        origin + pathPrefix + path
    }

    /// The OAuth redirect URL to register in ServiceNow's Application Registry.
    public var redirectURL: String { url("/oauth/callback") }

    /// The URL itself, normalised.
    public var description: String { origin + pathPrefix }

    private static func isPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }
}
