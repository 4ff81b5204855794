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
        // Over the raw bytes: stepping through `Substring.UTF8View` checks every index, which cost more than the
        // rest of a `{ __typename }` request's own code (callgrind).
        var text = header
        return try text.withUTF8 { all -> Result<String, AuthenticationError> in
            var start = 0
            var end = all.count
            while start < end, all[start] == UInt8(ascii: " ") { start += 1 }
            while end > start, all[end - 1] == UInt8(ascii: " ") { end -= 1 }
            let scheme: StaticString = "bearer"
            let schemeLength = scheme.utf8CodeUnitCount
            var schemeMatches = end - start > schemeLength && all[start + schemeLength] == UInt8(ascii: " ")
            for offset in 0..<schemeLength where schemeMatches {
                schemeMatches = all[start + offset] | 0x20 == scheme.utf8Start[offset]
            }
            guard schemeMatches else {
                return .failure(
                    AuthenticationError(.malformedAuthorizationHeader, "The Authorization header is not a Bearer token")
                )
            }
            var tokenStart = start + schemeLength
            while tokenStart < end, all[tokenStart] == UInt8(ascii: " ") { tokenStart += 1 }
            var bodyEnd = tokenStart
            while bodyEnd < end, all[bodyEnd] != UInt8(ascii: "=") { bodyEnd += 1 }
            var valid = bodyEnd > tokenStart
            for position in tokenStart..<bodyEnd where valid { valid = isToken68(all[position]) }
            for position in bodyEnd..<end where valid { valid = all[position] == UInt8(ascii: "=") }
            guard valid else {
                return .failure(
                    AuthenticationError(
                        .malformedAuthorizationHeader,
                        "The bearer token has characters a token cannot have"
                    )
                )
            }
            return .success(String(decoding: UnsafeBufferPointer(rebasing: all[tokenStart..<end]), as: UTF8.self))
        }.get()
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
