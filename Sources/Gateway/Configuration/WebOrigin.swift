/// Web origins as the browser rules need them: `scheme://host[:port]`, normalised the way browsers send them in
/// `Origin` (lower case, no default port, no trailing slash), so an allow-list compares by plain equality.
enum WebOrigin {
    /// `text` as an origin (`http` or `https`, a host, an optional port; a trailing `/` is dropped), or nil.
    static func normalize(_ text: String) -> String? {
        var trimmed = text.trimmingASCIISpaces()
        if trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard trimmed.utf8.count <= 512, trimmed.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
            let separator = trimmed.firstRange(of: "://")
        else { return nil }
        let scheme = trimmed[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let authority = trimmed[separator.upperBound...]
        guard !authority.contains(where: { "/?#@\\".contains($0) }),
            let hostAndPort = try? HostAndPort(parsing: authority)
        else { return nil }
        let defaultPort = scheme == "https" ? 443 : 80
        let port = hostAndPort.port.flatMap { $0 == defaultPort ? nil : $0 }
        return scheme + "://" + hostAndPort.urlHost + (port.map { ":\($0)" } ?? "")
    }

    /// A CSP `frame-ancestors` source: `'self'`, `'none'`, an origin, or an origin whose host starts with `*.`
    /// (normalised); nil for anything else (no bare `*`, no schemes alone, no paths).
    static func frameAncestorSource(_ text: String) -> String? {
        let trimmed = text.trimmingASCIISpaces()
        let keyword = trimmed.lowercased()
        if keyword == "'self'" || keyword == "'none'" { return keyword }
        guard let separator = trimmed.firstRange(of: "://") else { return nil }
        let rest = trimmed[separator.upperBound...]
        if rest.hasPrefix("*.") {
            let scheme = trimmed[..<separator.lowerBound]
            guard let normalized = normalize(scheme + "://" + rest.dropFirst(2)),
                let normalizedSeparator = normalized.firstRange(of: "://")
            else { return nil }
            return normalized[..<normalizedSeparator.upperBound] + "*." + normalized[normalizedSeparator.upperBound...]
        }
        return normalize(trimmed)
    }
}
