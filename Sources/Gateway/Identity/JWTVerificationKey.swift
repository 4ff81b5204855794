import Crypto

/// The key a `JWTVerifier` checks signatures with; it fixes the one algorithm the verifier accepts.
///
/// Binding the algorithm to the key (not to the token's `alg` header) is what defeats algorithm confusion: a
/// token that says `none`, or `HS256` signed with an RSA public key's bytes, never reaches a different check.
public struct JWTVerificationKey: @unchecked Sendable {
    // `@unchecked`: swift-crypto's `SymmetricKey` and `P256.Signing.PublicKey` are immutable values that do not
    // declare `Sendable`; nothing mutates them after `init`.
    enum Storage {
        case hs256(SymmetricKey)
        case es256(P256.Signing.PublicKey)
    }

    let storage: Storage

    /// The smallest HS256 secret accepted: RFC 7518 §3.2 requires a key at least as long as the hash (32 bytes).
    public static let minimumHS256SecretBytes = 32

    /// An HS256 key: the UTF-8 bytes of the shared secret (`SNOWGATE_AUTH_SECRET`), at least 32 bytes.
    public static func hs256(secret: String) throws(IdentityConfigurationError) -> JWTVerificationKey {
        JWTVerificationKey(storage: .hs256(try hmacKey(secret: secret)))
    }

    /// An ES256 key: a P-256 public key in PEM (`-----BEGIN PUBLIC KEY-----`).
    public static func es256(publicKeyPEM: String) throws(IdentityConfigurationError) -> JWTVerificationKey {
        do {
            return JWTVerificationKey(storage: .es256(try P256.Signing.PublicKey(pemRepresentation: publicKeyPEM)))
        } catch {
            throw IdentityConfigurationError("The ES256 public key is not a P-256 public key in PEM format")
        }
    }

    /// The `alg` header value this key verifies.
    public var algorithm: String {
        switch storage {
        case .hs256: "HS256"
        case .es256: "ES256"
        }
    }

    /// Whether `signature` is valid for `signingInput` (constant time for HMAC).
    func isValidSignature(_ signature: [UInt8], for signingInput: [UInt8]) -> Bool {
        switch storage {
        case .hs256(let key):
            return HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key)
        case .es256(let key):
            // JWS carries ECDSA signatures as the raw 64-byte r ‖ s (RFC 7518 §3.4), not DER.
            guard signature.count == 64,
                let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature)
            else { return false }
            return key.isValidSignature(ecdsa, for: signingInput)
        }
    }

    static func hmacKey(secret: String) throws(IdentityConfigurationError) -> SymmetricKey {
        let bytes = Array(secret.utf8)
        guard bytes.count >= minimumHS256SecretBytes else {
            throw IdentityConfigurationError(
                "SNOWGATE_AUTH_SECRET must be at least \(minimumHS256SecretBytes) bytes long (RFC 7518 §3.2); "
                    + "it is \(bytes.count)"
            )
        }
        return SymmetricKey(data: bytes)
    }
}
