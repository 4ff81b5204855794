/// The ServiceNow instance URL an admin enters, checked and normalised to `scheme://host[:port]`.
///
/// `https://` is required. `http://` is accepted only for a loopback host (127.0.0.0/8, `::1`, `localhost`) and
/// only when the operator allowed it (`--allow-http-loopback-instance`, for the simulator and tests). User
/// information, a path other than `/`, a query and a fragment are refused, so the stored value is an origin and every
/// ServiceNow URL the gateway builds starts with exactly it.
public enum InstanceURL {
    /// Why an instance URL was refused, in words for the admin who typed it.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong.
        public var message: String
        public var description: String { message }
    }

    /// The longest URL considered; a real instance URL is far shorter.
    static let maximumLength = 2048

    /// Normalises `text` (surrounding spaces ignored, scheme and host lower-cased, a default port dropped).
    public static func normalize(_ text: String, allowHTTPLoopback: Bool) throws(Failure) -> String {
        func refuse(_ why: String) -> Failure {
            Failure(message: "The instance URL \(why). Enter it like https://acme.service-now.com")
        }
        let trimmed = text.trimmingASCIISpaces()
        guard !trimmed.isEmpty else { throw refuse("is empty") }
        guard trimmed.utf8.count <= maximumLength else { throw refuse("is too long") }
        guard trimmed.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw refuse("contains spaces, control characters or non-ASCII characters")
        }
        guard let separator = trimmed.firstRange(of: "://") else { throw refuse("must start with https://") }
        let scheme = trimmed[..<separator.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else { throw refuse("must start with https://") }
        let rest = trimmed[separator.upperBound...]
        guard !rest.contains("#") else { throw refuse("must not contain a fragment (#…)") }
        guard !rest.contains("?") else { throw refuse("must not contain a query (?…)") }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let path = rest[authorityEnd...]
        guard path.isEmpty || path == "/" else {
            throw refuse("must not contain a path; use only the instance's address")
        }
        guard !authority.contains("@") else { throw refuse("must not contain a user name or password") }
        let hostAndPort: HostAndPort
        do {
            hostAndPort = try HostAndPort(parsing: authority)
        } catch {
            throw refuse("is not valid: \(error.message)")
        }
        if scheme == "http" {
            guard hostAndPort.isLoopback else { throw refuse("must use https://") }
            guard allowHTTPLoopback else {
                throw refuse("must use https:// (http:// on this machine needs --allow-http-loopback-instance)")
            }
        }
        let defaultPort = scheme == "https" ? 443 : 80
        let port = hostAndPort.port.flatMap { $0 == defaultPort ? nil : $0 }
        return scheme + "://" + hostAndPort.urlHost + (port.map { ":\($0)" } ?? "")
    }
}
