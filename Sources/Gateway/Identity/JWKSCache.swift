#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The keys of a JWKS URL as last fetched, and the decisions around them: use a key, fetch the set again, or refuse.
/// A value-type state machine with the time passed in, so every rule is tested without a clock or a network.
///
/// - A fetched set is fresh for its `Cache-Control: max-age`, bounded by the policy (a missing one gets the
///   policy's default), so an issuer cannot make the gateway fetch on every request or trust a set for weeks.
/// - A token naming an unknown `kid` makes a fetch (keys rotate), but at most one per
///   ``JWKSKeySet/Policy/minimumRefreshInterval``: tokens with made-up `kid`s cannot make the gateway hammer the
///   issuer. Failed fetches count too.
/// - When a fetch fails, the keys already known stay usable, up to ``JWKSKeySet/Policy/maximumStaleness`` past
///   their freshness: an unreachable issuer does not lock every user out at once, nor keep a withdrawn key alive
///   forever.
struct JWKSCache: Sendable {
    /// What to do for a token.
    enum Decision {
        /// Verify with this key.
        case use(JWTVerificationKey)
        /// Fetch the key set (then decide again).
        case fetch
        /// No key for the token, and no fetch allowed now.
        case refuse(String)
    }

    /// The keys of the last successful fetch.
    private(set) var keys: [JWTVerificationKey] = []
    /// Until when they are fresh; nil before the first successful fetch.
    private(set) var freshUntil: Date?
    /// When the last fetch (successful or not) was made; nil before the first.
    private(set) var lastFetch: Date?

    let policy: JWKSKeySet.Policy

    init(policy: JWKSKeySet.Policy) {
        self.policy = policy
    }

    /// The decision for a token with `algorithm` and `keyID` at `now`.
    func decide(algorithm: String, keyID: String?, now: Date) -> Decision {
        let mayFetch =
            lastFetch.map { now.timeIntervalSince($0) >= Self.seconds(policy.minimumRefreshInterval) } ?? true
        guard let freshUntil else {
            return mayFetch ? .fetch : .refuse("the key set could not be fetched yet")
        }
        let isFresh = now < freshUntil
        let isUsable = now.timeIntervalSince(freshUntil) <= Self.seconds(policy.maximumStaleness)
        if !isFresh, mayFetch { return .fetch }
        if isUsable, let key = match(algorithm: algorithm, keyID: keyID) { return .use(key) }
        if mayFetch { return .fetch }
        return .refuse(isUsable ? "no key matches the token's kid and alg" : "the key set is too old to be trusted")
    }

    /// A successful fetch at `now` of `keys`, fresh for `maxAge` (from `Cache-Control`) within the policy's bounds.
    mutating func fetched(_ keys: [JWTVerificationKey], maxAge: Duration?, now: Date) {
        self.keys = keys
        let lifetime = min(max(maxAge ?? policy.defaultLifetime, policy.minimumLifetime), policy.maximumLifetime)
        freshUntil = now.addingTimeInterval(Self.seconds(lifetime))
        lastFetch = now
    }

    /// A failed fetch at `now`: the known keys stay as they were.
    mutating func fetchFailed(now: Date) {
        lastFetch = now
    }

    /// The key for the token: the one with its `kid` and algorithm; without a `kid`, the only key of its
    /// algorithm (several would be a guess).
    private func match(algorithm: String, keyID: String?) -> JWTVerificationKey? {
        if let keyID {
            return keys.first { $0.keyID == keyID && $0.algorithm == algorithm }
        }
        let candidates = keys.filter { $0.algorithm == algorithm }
        return candidates.count == 1 ? candidates.first : nil
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
