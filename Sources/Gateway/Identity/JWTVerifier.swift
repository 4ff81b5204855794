import JSON

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Verifies the host intranet's user tokens: compact JWS signed with HS256 (the shared secret), or RS256/ES256 (a
/// PEM public key, or the keys of a JWKS URL, as Entra ID, Okta or Keycloak issue them); `sub` and `exp` required,
/// `nbf` and `iat` honoured, `iss` and `aud` required and checked when configured.
///
/// Order matters: the header is read only for `alg` and `kid`, the key is chosen by the algorithm and the key's own
/// type (an HS256 token is only ever checked with the shared secret, an RS256 token only with an RSA key, `none`
/// never), and the signature is checked before any claim is believed. Every refusal is an `AuthenticationError`
/// whose reason says which check failed.
public struct JWTVerifier: IdentityVerifier {
    /// The most clock leeway allowed: a token stays usable this long past `exp` at worst.
    public static let maximumLeeway: Duration = .seconds(30)

    /// Keys known up front (the shared secret, a PEM key), at most one per algorithm.
    private let keys: [JWTVerificationKey]
    /// Keys fetched from a JWKS URL, for RS256 and ES256 tokens no key of ``keys`` verifies.
    private let keySet: JWKSKeySet?
    private let clock: any WallClock
    private let leewaySeconds: Double
    private let issuer: String?
    private let audience: String?
    private let maximumTokenBytes: Int

    /// The algorithms a JWKS can provide keys for.
    static let keySetAlgorithms: Set<String> = ["RS256", "ES256"]

    /// Creates a verifier with one key.
    /// - Parameters:
    ///   - key: the key, which fixes the accepted `alg`.
    ///   - clock: the time the claims are checked against.
    ///   - leeway: tolerated clock difference with the issuer, at most `maximumLeeway` (30 s).
    ///   - issuer: if set, `iss` must equal it.
    ///   - audience: if set, `aud` (a string or an array of strings) must contain it.
    ///   - maximumTokenBytes: longer tokens are refused before any decoding.
    public init(
        key: JWTVerificationKey,
        clock: any WallClock = SystemWallClock(),
        leeway: Duration = .seconds(30),
        issuer: String? = nil,
        audience: String? = nil,
        maximumTokenBytes: Int = 8 * 1024
    ) throws(IdentityConfigurationError) {
        try self.init(
            keys: [key],
            clock: clock,
            leeway: leeway,
            issuer: issuer,
            audience: audience,
            maximumTokenBytes: maximumTokenBytes
        )
    }

    /// Creates a verifier with several keys (at most one per algorithm) and, optionally, a JWKS for RS256 and ES256
    /// tokens that none of `keys` verifies.
    public init(
        keys: [JWTVerificationKey],
        keySet: JWKSKeySet? = nil,
        clock: any WallClock = SystemWallClock(),
        leeway: Duration = .seconds(30),
        issuer: String? = nil,
        audience: String? = nil,
        maximumTokenBytes: Int = 8 * 1024
    ) throws(IdentityConfigurationError) {
        guard leeway >= .zero, leeway <= Self.maximumLeeway else {
            throw IdentityConfigurationError("The clock leeway must be between 0 and 30 seconds, not \(leeway)")
        }
        guard !keys.isEmpty || keySet != nil else {
            throw IdentityConfigurationError("A token verifier needs a key or a JWKS URL")
        }
        guard Set(keys.map(\.algorithm)).count == keys.count else {
            throw IdentityConfigurationError("A token verifier takes at most one key per algorithm")
        }
        if let issuer, issuer.isEmpty { throw IdentityConfigurationError("The expected issuer must not be empty") }
        if let audience, audience.isEmpty {
            throw IdentityConfigurationError("The expected audience must not be empty")
        }
        self.keys = keys
        self.keySet = keySet
        self.clock = clock
        let (seconds, attoseconds) = leeway.components
        self.leewaySeconds = Double(seconds) + Double(attoseconds) / 1e18
        self.issuer = issuer
        self.audience = audience
        self.maximumTokenBytes = maximumTokenBytes
    }

    public func verify(token: String) async throws(AuthenticationError) -> Identity {
        let (jwt, algorithm) = try decode(token)
        let key: JWTVerificationKey
        if let known = keys.first(where: { $0.algorithm == algorithm }) {
            key = known
        } else if let keySet, Self.keySetAlgorithms.contains(algorithm) {
            let keyID = jwt.header["kid"]?.stringValue
            key = try await keySet.key(algorithm: algorithm, keyID: keyID)
        } else {
            throw unsupported(algorithm)
        }
        return try check(jwt, algorithm: algorithm, key: key, now: clock.now())
    }

    /// Verifies a token at a given time with the keys known up front (a token that needs the JWKS is refused
    /// here: use ``verify(token:)``).
    public func verify(token: String, now: Date) throws(AuthenticationError) -> Identity {
        let (jwt, algorithm) = try decode(token)
        guard let key = keys.first(where: { $0.algorithm == algorithm }) else { throw unsupported(algorithm) }
        return try check(jwt, algorithm: algorithm, key: key, now: now)
    }

    /// The token split and decoded, and its `alg`; nothing is trusted yet.
    private func decode(_ token: String) throws(AuthenticationError) -> (CompactJWT, String) {
        guard token.utf8.count <= maximumTokenBytes else {
            throw AuthenticationError(.tokenTooLarge, "The token is \(token.utf8.count) bytes long")
        }
        let jwt = try CompactJWT(token)
        guard let algorithm = jwt.header["alg"]?.stringValue else {
            throw AuthenticationError(.malformedToken, "The token's header has no string alg")
        }
        // RFC 7515 §4.1.11: a critical extension the verifier does not understand must be refused, and this
        // verifier understands none.
        if jwt.header["crit"] != nil {
            throw AuthenticationError(.unsupportedAlgorithm, "The token's header lists critical extensions")
        }
        return (jwt, algorithm)
    }

    private func unsupported(_ algorithm: String) -> AuthenticationError {
        let accepted = (keys.map(\.algorithm) + (keySet == nil ? [] : Self.keySetAlgorithms.sorted()))
        return AuthenticationError(
            .unsupportedAlgorithm,
            "The token's alg is '\(Self.printable(algorithm))' but only \(accepted.joined(separator: ", ")) is accepted"
        )
    }

    /// The signature with `key` (whose algorithm must be the token's), then the claims at `now`.
    private func check(
        _ jwt: CompactJWT,
        algorithm: String,
        key: JWTVerificationKey,
        now: Date
    ) throws(AuthenticationError) -> Identity {
        // The key was chosen by the algorithm; checked once more so no path can pair a token with another kind.
        guard key.algorithm == algorithm else { throw unsupported(algorithm) }
        guard key.isValidSignature(jwt.signature, for: jwt.signingInput) else {
            throw AuthenticationError(.invalidSignature, "The token's signature does not verify")
        }

        let claims = jwt.claims
        guard let subjectValue = claims["sub"], !subjectValue.isNull else {
            throw AuthenticationError(.missingClaim, "The token has no sub claim")
        }
        guard let subject = subjectValue.stringValue, !subject.isEmpty else {
            throw AuthenticationError(.invalidClaim, "The token's sub claim is not a non-empty string")
        }
        guard let expiryValue = claims["exp"], !expiryValue.isNull else {
            throw AuthenticationError(.missingClaim, "The token has no exp claim")
        }
        let expiry = try numericDate(expiryValue, "exp")
        let notBefore = try claims["nbf"].flatMap(optional).map { value throws(AuthenticationError) in
            try numericDate(value, "nbf")
        }
        let issuedAt = try claims["iat"].flatMap(optional).map { value throws(AuthenticationError) in
            try numericDate(value, "iat")
        }
        let name = try optionalString(claims["name"], "name")
        let email = try optionalString(claims["email"], "email")
        let roles = try stringArray(claims["roles"], "roles")

        let time = now.timeIntervalSince1970
        // RFC 7519 §4.1.4: refused on or after exp; the leeway stretches that instant.
        guard time < expiry + leewaySeconds else {
            throw AuthenticationError(.expired, "The token expired at \(expiry) (now \(time))")
        }
        if let notBefore, time + leewaySeconds < notBefore {
            throw AuthenticationError(.notYetValid, "The token is valid from \(notBefore) (now \(time))")
        }
        if let issuedAt, issuedAt > time + leewaySeconds {
            throw AuthenticationError(.issuedInFuture, "The token was issued at \(issuedAt) (now \(time))")
        }
        if let issuer {
            guard let claimed = claims["iss"]?.stringValue, claimed == issuer else {
                throw AuthenticationError(.wrongIssuer, "The token's iss is not the configured issuer")
            }
        }
        if let audience {
            let audiences: [String]
            switch claims["aud"] {
            case .string(let single)?: audiences = [single]
            case .array(let many)?: audiences = many.compactMap(\.stringValue)
            default: audiences = []
            }
            guard audiences.contains(audience) else {
                throw AuthenticationError(.wrongAudience, "The token's aud does not include the configured audience")
            }
        }
        return Identity(
            subject: subject,
            name: name,
            email: email,
            roles: roles,
            expiresAt: Date(timeIntervalSince1970: expiry)
        )
    }

    /// At most 16 letters and digits of an attacker's text, so a log line cannot be forged or flooded with it.
    private static func printable(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where kept.count < 16 {
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9": kept.append(scalar)
            default: continue
            }
        }
        return String(kept)
    }

    /// `nil` for JSON `null` (an absent optional claim), the value otherwise.
    private func optional(_ value: JSONValue) -> JSONValue? {
        // `.none`, not `nil`: JSONValue is itself ExpressibleByNilLiteral, and `nil` here would be `.null`.
        guard !value.isNull else { return .none }
        return value
    }

    /// A NumericDate (RFC 7519 §2): a finite JSON number of seconds since 1970.
    private func numericDate(_ value: JSONValue, _ claim: String) throws(AuthenticationError) -> Double {
        guard let seconds = value.doubleValue, seconds.isFinite else {
            throw AuthenticationError(.invalidClaim, "The token's \(claim) claim is not a number")
        }
        return seconds
    }

    private func optionalString(_ value: JSONValue?, _ claim: String) throws(AuthenticationError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard let string = value.stringValue else {
            throw AuthenticationError(.invalidClaim, "The token's \(claim) claim is not a string")
        }
        return string
    }

    private func stringArray(_ value: JSONValue?, _ claim: String) throws(AuthenticationError) -> [String] {
        guard let value, !value.isNull else { return [] }
        guard let array = value.arrayValue else {
            throw AuthenticationError(.invalidClaim, "The token's \(claim) claim is not an array")
        }
        var strings: [String] = []
        strings.reserveCapacity(array.count)
        for element in array {
            guard let string = element.stringValue else {
                throw AuthenticationError(.invalidClaim, "The token's \(claim) claim holds a non-string")
            }
            strings.append(string)
        }
        return strings
    }
}
