import Crypto

/// Proof Key for Code Exchange (RFC 7636) checks.
enum PKCE {
    /// Whether `verifier` answers `challenge` under `method` (`S256` or `plain`).
    static func verify(verifier: String, challenge: String, method: String) -> Bool {
        // RFC 7636 §4.1: 43 to 128 unreserved characters.
        guard (43...128).contains(verifier.utf8.count), verifier.utf8.allSatisfy(URLEncoding.isUnreserved) else {
            return false
        }
        switch method {
        case "S256": return Self.challenge(for: verifier) == challenge
        case "plain": return verifier == challenge
        default: return false
        }
    }

    /// `BASE64URL(SHA256(verifier))` without padding.
    static func challenge(for verifier: String) -> String {
        Base64.encode(Array(SHA256.hash(data: Array(verifier.utf8))), url: true)
    }
}
