import JSON

/// A token in JWS compact serialization, split and decoded but not yet trusted (RFC 7515 §7.1).
struct CompactJWT {
    /// The protected header.
    let header: JSONObject
    /// The payload's claims.
    let claims: JSONObject
    /// The ASCII bytes the signature covers: `header.payload` as received.
    let signingInput: [UInt8]
    /// The decoded signature.
    let signature: [UInt8]

    /// Limits for the two small JSON documents: claims are flat, so deep nesting is only an attack.
    private static let jsonLimits = JSONParser.Limits(maxDepth: 8, maxBytes: 16 * 1024)

    /// Splits and decodes a token: exactly three segments of strict, unpadded base64url, the first two JSON
    /// objects. The signature is not checked here.
    init(_ token: String) throws(AuthenticationError) {
        let bytes = Array(token.utf8)
        let dots = bytes.indices.filter { bytes[$0] == UInt8(ascii: ".") }
        guard dots.count == 2 else {
            throw AuthenticationError(.malformedToken, "The token has \(dots.count + 1) segments instead of 3")
        }
        let headerSegment = bytes[..<dots[0]]
        let payloadSegment = bytes[(dots[0] + 1)..<dots[1]]
        let signatureSegment = bytes[(dots[1] + 1)...]
        guard let headerBytes = Base64.decode(utf8: headerSegment, alphabet: .url, padding: .forbidden),
            let payloadBytes = Base64.decode(utf8: payloadSegment, alphabet: .url, padding: .forbidden),
            let signature = Base64.decode(utf8: signatureSegment, alphabet: .url, padding: .forbidden)
        else {
            throw AuthenticationError(.malformedToken, "A token segment is not canonical unpadded base64url")
        }
        self.header = try Self.object(headerBytes, "header")
        self.claims = try Self.object(payloadBytes, "payload")
        self.signingInput = Array(bytes[..<dots[1]])
        self.signature = signature
    }

    private static func object(_ bytes: [UInt8], _ part: String) throws(AuthenticationError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONParser(limits: jsonLimits).parse(bytes)
        } catch {
            throw AuthenticationError(.malformedToken, "The token's \(part) is not JSON: \(error.code)")
        }
        guard let object = value.objectValue else {
            throw AuthenticationError(.malformedToken, "The token's \(part) is not a JSON object")
        }
        return object
    }
}
