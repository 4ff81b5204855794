public import CurlHTTP
import JSON
public import Logging
import Synchronization

/// The signing keys an enterprise identity provider publishes at a JWKS URL (Entra ID, Okta, Keycloak, ADFS):
/// fetched on demand, cached for the response's `max-age` within bounds, fetched again when a token names a key
/// it does not know (keys rotate) but never more often than ``Policy/minimumRefreshInterval``.
///
/// The rules live in ``JWKSCache``; this class adds the fetch (one at a time: concurrent requests that need it
/// wait for the same one) and the parsing. Only RSA (RS256) and P-256 (ES256) signature keys are taken from the set.
public final class JWKSKeySet: Sendable {
    /// How long keys are trusted and how often the URL may be asked.
    public struct Policy: Sendable, Hashable {
        /// The freshness of a set whose response has no `max-age`. Default 10 minutes.
        public var defaultLifetime: Duration = .seconds(600)
        /// The least freshness, whatever `max-age` says (also for `no-cache`). Default 1 minute.
        public var minimumLifetime: Duration = .seconds(60)
        /// The most freshness, whatever `max-age` says. Default 24 hours.
        public var maximumLifetime: Duration = .seconds(86_400)
        /// The least time between two fetches, whatever tokens arrive. Default 30 seconds.
        public var minimumRefreshInterval: Duration = .seconds(30)
        /// How long past their freshness known keys are still used while the URL cannot be fetched. Default 24 hours.
        public var maximumStaleness: Duration = .seconds(86_400)
        /// The longest a fetch may take. Default 5 seconds.
        public var timeout: Duration = .seconds(5)
        /// The largest key set document accepted. Default 256 KiB.
        public var maximumBytes: Int = 256 << 10

        /// The defaults.
        public init() {}
    }

    /// The JWKS URL.
    public let url: String
    private let client: CurlClient
    private let clock: any WallClock
    private let logger: Logger
    private let cache: Mutex<JWKSCache>
    private let fetches = SingleFlight<Int, Bool, Never>()

    /// A key set at `url` (`https://`, or `http://` on a loopback host), fetched with `client`.
    public init(
        url: String,
        client: CurlClient,
        clock: any WallClock = SystemWallClock(),
        policy: Policy = Policy(),
        logger: Logger
    ) throws(IdentityConfigurationError) {
        guard Self.isAcceptableURL(url) else {
            throw IdentityConfigurationError(
                "--jwt-jwks-url (SNOWGATE_JWT_JWKS_URL) must be an https:// URL (http:// only on a loopback address)"
            )
        }
        guard policy.minimumRefreshInterval > .zero, policy.minimumLifetime > .zero,
            policy.minimumLifetime <= policy.maximumLifetime, policy.maximumBytes > 0
        else {
            throw IdentityConfigurationError("The JWKS cache policy is not consistent")
        }
        self.url = url
        self.client = client
        self.clock = clock
        self.logger = logger
        self.cache = Mutex(JWKSCache(policy: policy))
    }

    /// The key to verify a token with `algorithm` (`RS256`, `ES256`) and `keyID` (its `kid`), fetching the set when
    /// the rules allow.
    func key(algorithm: String, keyID: String?) async throws(AuthenticationError) -> JWTVerificationKey {
        // A fetch is followed by one more decision, which cannot ask for another fetch (the fetch was just made).
        for _ in 0..<3 {
            let now = clock.now()
            switch cache.withLock({ $0.decide(algorithm: algorithm, keyID: keyID, now: now) }) {
            case .use(let key):
                return key
            case .refuse(let reason):
                throw AuthenticationError(.unknownKey, "No key for the token in \(url): \(reason)")
            case .fetch:
                _ = await fetches.run(0) { .success(await fetch()) }
            }
        }
        throw AuthenticationError(.unknownKey, "No key for the token in \(url)")
    }

    /// Fetches the set now and records the outcome; returns whether it succeeded.
    private func fetch() async -> Bool {
        let policy = cache.withLock { $0.policy }
        let response: CurlResponse
        do {
            response = try await client.execute(
                CurlRequest(
                    url: url,
                    headers: [CurlHeader(name: "Accept", value: "application/json")],
                    timeout: policy.timeout
                )
            )
        } catch {
            return failed("the request failed: \(error.code)")
        }
        guard response.status == 200 else { return failed("the server answered \(response.status)") }
        guard response.body.count <= policy.maximumBytes else { return failed("the key set is too large") }
        let document: JSONValue
        do {
            document = try JSONParser(limits: JSONParser.Limits(maxDepth: 8, maxBytes: policy.maximumBytes))
                .parse(response.body)
        } catch {
            return failed("the key set is not JSON")
        }
        guard let entries = document["keys"]?.arrayValue else { return failed("the key set has no keys array") }
        var keys: [JWTVerificationKey] = []
        for entry in entries {
            guard let object = entry.objectValue else { continue }
            switch JWTVerificationKey.fromJWK(object) {
            case .success(let key):
                keys.append(key)
            case .failure(let refusal):
                logger.debug(
                    "A key of the JWKS is not used",
                    metadata: ["kid": "\(object["kid"]?.stringValue ?? "")", "reason": "\(refusal)"]
                )
            }
        }
        if keys.isEmpty {
            logger.warning("The JWKS has no RS256 or ES256 signing key", metadata: ["url": "\(url)"])
        }
        let maxAge = Self.maxAge(response.headers.value(named: "Cache-Control"))
        let now = clock.now()
        cache.withLock { $0.fetched(keys, maxAge: maxAge, now: now) }
        logger.info(
            "Fetched the JWKS",
            metadata: ["url": "\(url)", "keys": "\(keys.compactMap(\.keyID).joined(separator: ","))"]
        )
        return true
    }

    private func failed(_ reason: String) -> Bool {
        logger.warning("Could not fetch the JWKS", metadata: ["url": "\(url)", "reason": "\(reason)"])
        let now = clock.now()
        cache.withLock { $0.fetchFailed(now: now) }
        return false
    }

    /// The `max-age` of a `Cache-Control` value (zero for `no-cache` and `no-store`), or nil.
    static func maxAge(_ cacheControl: String?) -> Duration? {
        guard let cacheControl else { return nil }
        for directive in cacheControl.split(separator: ",") {
            let trimmed = directive.trimmingASCIISpaces().lowercased()
            if trimmed == "no-cache" || trimmed == "no-store" { return .zero }
            if trimmed.hasPrefix("max-age=") {
                let value = trimmed.dropFirst("max-age=".count).filter { $0 != "\"" }
                guard let seconds = Int(value), seconds >= 0 else { return nil }
                return .seconds(seconds)
            }
        }
        return nil
    }

    /// `https://…`, or `http://` to a loopback host (an identity provider on the same machine, and tests).
    static func isAcceptableURL(_ url: String) -> Bool {
        guard url.utf8.count <= 2048, url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
            let separator = url.firstRange(of: "://")
        else { return false }
        let scheme = url[..<separator.lowerBound].lowercased()
        let rest = url[separator.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@"), let host = try? HostAndPort(parsing: authority) else { return false }
        return scheme == "https" || (scheme == "http" && host.isLoopback)
    }
}
