import Crypto
import JSON
import _CryptoExtras

extension JWTVerificationKey {
    /// Why a JWK of a key set is not used (the set's other keys still are): for the log.
    struct JWKRefusal: Error, Sendable, Hashable, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// The verification key a JWK (RFC 7517 §4, RFC 7518 §6) describes, or why it is not one for user tokens.
    ///
    /// The key's type decides its algorithm, never the token: `kty` `RSA` verifies RS256 only (and at least 2048
    /// bits), `kty` `EC` with `crv` `P-256` ES256 only. A key whose `alg` names another algorithm, whose `use` is not
    /// `sig`, whose `key_ops` leave out `verify`, or that carries private material (`d`) is refused. There is no
    /// symmetric (`oct`) key from a key set: HS256 is only ever verified with the configured shared secret.
    static func fromJWK(_ jwk: JSONObject) -> Result<JWTVerificationKey, JWKRefusal> {
        func refuse(_ reason: String) -> Result<JWTVerificationKey, JWKRefusal> { .failure(JWKRefusal(reason: reason)) }
        let keyID: String?
        switch jwk["kid"] {
        case nil, .null?: keyID = nil
        case .string(let text)?: keyID = text
        default: return refuse("kid is not a string")
        }
        if let use = jwk["use"], use != .string("sig") { return refuse("use is not sig") }
        if let operations = jwk["key_ops"] {
            guard let list = operations.arrayValue, list.contains(.string("verify")) else {
                return refuse("key_ops does not include verify")
            }
        }
        if jwk["d"] != nil { return refuse("the key has private material") }
        let declaredAlgorithm = jwk["alg"]?.stringValue
        if jwk["alg"] != nil, declaredAlgorithm == nil { return refuse("alg is not a string") }

        switch jwk["kty"]?.stringValue {
        case "RSA":
            guard declaredAlgorithm == nil || declaredAlgorithm == "RS256" else {
                return refuse("an RSA key for \(declaredAlgorithm ?? "?"), not RS256")
            }
            guard let modulus = field(jwk, "n"), let exponent = field(jwk, "e") else {
                return refuse("n or e is missing or not base64url")
            }
            let significant = modulus.drop { $0 == 0 }
            guard significant.count * 8 >= minimumRSABits else {
                return refuse("the RSA modulus is shorter than \(minimumRSABits) bits")
            }
            guard !exponent.isEmpty, exponent.count <= 8 else { return refuse("the RSA exponent is not valid") }
            do {
                let key = try _RSA.Signing.PublicKey(n: Array(significant), e: exponent)
                return .success(JWTVerificationKey(storage: .rs256(key), keyID: keyID))
            } catch {
                return refuse("the RSA key is not valid")
            }
        case "EC":
            guard declaredAlgorithm == nil || declaredAlgorithm == "ES256" else {
                return refuse("an EC key for \(declaredAlgorithm ?? "?"), not ES256")
            }
            guard jwk["crv"]?.stringValue == "P-256" else { return refuse("an EC key on a curve other than P-256") }
            guard let x = field(jwk, "x"), let y = field(jwk, "y"), x.count == 32, y.count == 32 else {
                return refuse("x or y is missing or not 32 bytes")
            }
            do {
                let key = try P256.Signing.PublicKey(x963Representation: [0x04] + x + y)
                return .success(JWTVerificationKey(storage: .es256(key), keyID: keyID))
            } catch {
                return refuse("the point is not on P-256")
            }
        case let other?:
            return refuse("kty \(other) is not used for user tokens")
        case nil:
            return refuse("kty is missing")
        }
    }

    /// A base64url member (RFC 7518 §2: unpadded; padding is tolerated, as some issuers write it).
    private static func field(_ jwk: JSONObject, _ name: String) -> [UInt8]? {
        guard let text = jwk[name]?.stringValue, !text.isEmpty else { return nil }
        return Base64.decode(text, alphabet: .url, padding: .optional)
    }
}
