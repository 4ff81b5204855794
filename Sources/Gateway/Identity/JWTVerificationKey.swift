import Crypto
import _CryptoExtras

/// A key a `JWTVerifier` checks signatures with; it fixes the one algorithm it verifies.
///
/// Binding the algorithm to the key (not to the token's `alg` header) is what defeats algorithm confusion: a
/// token that says `none`, or `HS256` signed with an RSA public key's bytes, never reaches a different check. An
/// RSA key verifies only RS256 (PKCS #1 v1.5 with SHA-256), a P-256 key only ES256, the shared secret only HS256.
public struct JWTVerificationKey: @unchecked Sendable {
    // `@unchecked`: swift-crypto's `SymmetricKey`, `P256.Signing.PublicKey` and `_RSA.Signing.PublicKey` are
    // immutable values that do not declare `Sendable`; nothing mutates them after `init`.
    enum Storage {
        case hs256(SymmetricKey)
        case es256(P256.Signing.PublicKey)
        case rs256(_RSA.Signing.PublicKey)
    }

    let storage: Storage
    /// The JWK `kid` the key was published under, when it came from a key set.
    public let keyID: String?

    init(storage: Storage, keyID: String? = nil) {
        self.storage = storage
        self.keyID = keyID
    }

    /// The smallest HS256 secret accepted: RFC 7518 §3.2 requires a key at least as long as the hash (32 bytes).
    public static let minimumHS256SecretBytes = 32
    /// The smallest RSA modulus accepted, in bits (RFC 7518 §3.3 requires 2048).
    public static let minimumRSABits = 2048

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

    /// An RS256 key: an RSA public key of at least 2048 bits in PEM (`BEGIN PUBLIC KEY` or `BEGIN RSA PUBLIC KEY`).
    public static func rs256(publicKeyPEM: String) throws(IdentityConfigurationError) -> JWTVerificationKey {
        let refusal = IdentityConfigurationError(
            "The RS256 public key is not an RSA public key of at least \(minimumRSABits) bits in PEM format"
        )
        // Never `_RSA.Signing.PublicKey(pemRepresentation:)`: it aborts the process on a key that is not RSA (see
        // `RSAPublicKeyDER`). The modulus and exponent are read here, and the key built from them.
        guard let (n, e) = RSAPublicKeyDER.primitives(pem: publicKeyPEM), n.count * 8 >= minimumRSABits else {
            throw refusal
        }
        do {
            return JWTVerificationKey(storage: .rs256(try _RSA.Signing.PublicKey(n: n, e: e)))
        } catch {
            throw refusal
        }
    }

    /// The key of a PEM public key file, whichever kind it is: RSA (RS256) or P-256 (ES256).
    public static func publicKey(pem: String) throws(IdentityConfigurationError) -> JWTVerificationKey {
        if RSAPublicKeyDER.primitives(pem: pem) != nil, let rsa = try? rs256(publicKeyPEM: pem) {
            return rsa
        }
        if let ec = try? P256.Signing.PublicKey(pemRepresentation: pem) {
            return JWTVerificationKey(storage: .es256(ec))
        }
        throw IdentityConfigurationError(
            "The public key is neither an RSA key (RS256, at least \(minimumRSABits) bits) nor a P-256 key (ES256) "
                + "in PEM format (-----BEGIN PUBLIC KEY-----)"
        )
    }

    /// The `alg` header value this key verifies.
    public var algorithm: String {
        switch storage {
        case .hs256: "HS256"
        case .es256: "ES256"
        case .rs256: "RS256"
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
        case .rs256(let key):
            // RS256 is RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3); the signature is as long as the modulus.
            guard signature.count * 8 == key.keySizeInBits else { return false }
            return key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature),
                for: signingInput,
                padding: .insecurePKCS1v1_5
            )
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
