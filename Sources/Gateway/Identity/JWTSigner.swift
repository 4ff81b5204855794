import Crypto
public import JSON

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Signs HS256 user tokens as the host intranet does: what `snowgate demo` hands out, and what tests use.
public struct JWTSigner: @unchecked Sendable {
    // `@unchecked`: swift-crypto's `SymmetricKey` is an immutable value that does not declare `Sendable`.
    private let key: SymmetricKey

    /// A signer with the UTF-8 bytes of `secret` (at least 32 bytes) as the HMAC key.
    public init(secret: String) throws(IdentityConfigurationError) {
        self.key = try JWTVerificationKey.hmacKey(secret: secret)
    }

    /// A fresh random secret fit for `SNOWGATE_AUTH_SECRET`: 32 random bytes as base64url (43 characters).
    public static func generateSecret() -> String {
        let key = SymmetricKey(size: .bits256)
        return key.withUnsafeBytes { Base64.encode($0, alphabet: .url, padding: .forbidden) }
    }

    /// A token with exactly these claims.
    public func sign(claims: JSONObject) -> String {
        sign(header: ["alg": "HS256", "typ": "JWT"], claims: claims)
    }

    /// A token with any header, HMAC-SHA256 signed whatever its `alg` says: for tests of hostile tokens.
    func sign(header: JSONObject, claims: JSONObject) -> String {
        let signingInput =
            Base64.encode(JSONValue.object(header).serialized(), alphabet: .url, padding: .forbidden) + "."
            + Base64.encode(JSONValue.object(claims).serialized(), alphabet: .url, padding: .forbidden)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: key)
        return signingInput + "." + Base64.encode(Array(mac), alphabet: .url, padding: .forbidden)
    }

    /// A user token: `sub`, `iat`, `exp`, and `name`, `email`, `roles` when given.
    public func sign(
        subject: String,
        name: String? = nil,
        email: String? = nil,
        roles: [String] = [],
        issuedAt: Date,
        expiresAt: Date
    ) -> String {
        var claims = JSONObject()
        claims["sub"] = .string(subject)
        if let name { claims["name"] = .string(name) }
        if let email { claims["email"] = .string(email) }
        if !roles.isEmpty { claims["roles"] = .array(roles.map { .string($0) }) }
        claims["iat"] = .int(Self.numericDate(issuedAt))
        claims["exp"] = .int(Self.numericDate(expiresAt))
        return sign(claims: claims)
    }

    /// Whole seconds since 1970, saturating instead of trapping on absurd dates.
    private static func numericDate(_ date: Date) -> Int {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        if let exact = Int(exactly: seconds) { return exact }
        return seconds < 0 ? .min : .max
    }
}
