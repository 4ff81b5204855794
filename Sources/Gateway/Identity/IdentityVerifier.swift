/// Turns a bearer token into an `Identity`, or refuses it: ``JWTVerifier`` (HS256, RS256, ES256, JWKS) is the
/// gateway's; tests plug in others.
public protocol IdentityVerifier: Sendable {
    /// Verifies a token (the text after `Bearer `).
    func verify(token: String) async throws(AuthenticationError) -> Identity
}

extension IdentityVerifier {
    /// Verifies the token of an `Authorization` header value; `nil` (no header) is `.missingToken`.
    public func verify(authorizationHeader: String?) async throws(AuthenticationError) -> Identity {
        try await verify(token: BearerToken.extract(from: authorizationHeader))
    }
}

/// The `Bearer` scheme of RFC 6750 §2.1.
enum BearerToken {
    /// The token of `Bearer <token>`: the scheme in any case, one or more spaces, then a token68 (letters, digits,
    /// `-._~+/`, then optional `=` padding); surrounding spaces are tolerated, anything else is refused.
    static func extract(from header: String?) throws(AuthenticationError) -> String {
        guard let header else {
            throw AuthenticationError(.missingToken, "The request has no Authorization header")
        }
        var bytes = Substring(header).utf8[...]
        while bytes.first == UInt8(ascii: " ") { bytes = bytes.dropFirst() }
        while bytes.last == UInt8(ascii: " ") { bytes = bytes.dropLast() }
        let scheme = Array("bearer".utf8)
        guard bytes.count > scheme.count,
            zip(bytes.prefix(scheme.count), scheme).allSatisfy({ $0 | 0x20 == $1 }),
            bytes.dropFirst(scheme.count).first == UInt8(ascii: " ")
        else {
            throw AuthenticationError(.malformedAuthorizationHeader, "The Authorization header is not a Bearer token")
        }
        var token = bytes.dropFirst(scheme.count)
        while token.first == UInt8(ascii: " ") { token = token.dropFirst() }
        let body = token.prefix { $0 != UInt8(ascii: "=") }
        let padding = token.dropFirst(body.count)
        guard !body.isEmpty, body.allSatisfy(isToken68), padding.allSatisfy({ $0 == UInt8(ascii: "=") }) else {
            throw AuthenticationError(
                .malformedAuthorizationHeader,
                "The bearer token has characters a token cannot have"
            )
        }
        return String(decoding: token, as: UTF8.self)
    }

    private static func isToken68(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"),
            UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }
}
