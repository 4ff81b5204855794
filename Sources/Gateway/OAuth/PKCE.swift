import Crypto

/// Proof Key for Code Exchange (RFC 7636) with the S256 method: the verifier stays with the gateway (encrypted in
/// the pending state), only its hash travels through the browser.
struct PKCE: Sendable {
    /// The secret verifier: 64 letters and digits (RFC 7636 §4.1 allows 43–128 unreserved characters).
    let verifier: String

    /// A fresh random verifier.
    init() {
        self.verifier = RandomText.alphanumeric(count: 64)
    }

    /// A known verifier (for the token exchange, and tests).
    init(verifier: String) {
        self.verifier = verifier
    }

    /// `BASE64URL(SHA256(ASCII(verifier)))` without padding.
    var challenge: String {
        Self.challenge(for: verifier)
    }

    /// The S256 challenge of `verifier`.
    static func challenge(for verifier: String) -> String {
        let digest = SHA256.hash(data: Array(verifier.utf8))
        return Base64.encode(Array(digest), alphabet: .url, padding: .forbidden)
    }

    /// The method sent as `code_challenge_method`.
    static let method = "S256"
}
