import Crypto
import Foundation
import JSON
import Testing

@testable import Gateway

@Suite struct JWTVerifierTests {
    static let secret = "an intranet secret of at least 32 bytes!"
    static let now = Date(timeIntervalSince1970: 1_750_000_000)
    static var nowSeconds: Int { Int(now.timeIntervalSince1970) }

    private let signer: JWTSigner
    private let verifier: JWTVerifier

    init() throws {
        signer = try JWTSigner(secret: Self.secret)
        verifier = try JWTVerifier(key: .hs256(secret: Self.secret), leeway: .seconds(30))
    }

    private func claims(_ extra: JSONObject = [:], removing removed: [String] = []) -> JSONObject {
        var claims: JSONObject = ["sub": "user-1", "exp": .int(Self.nowSeconds + 600), "iat": .int(Self.nowSeconds)]
        for key in removed { claims[key] = nil }
        for (key, value) in extra { claims[key] = value }
        return claims
    }

    private func refusal(_ token: String, using verifier: JWTVerifier? = nil) -> AuthenticationError? {
        #expect(throws: AuthenticationError.self) {
            try (verifier ?? self.verifier).verify(token: token, now: Self.now)
        }
    }

    private func encode(_ value: JSONValue) -> String {
        Base64.encode(value.serialized(), alphabet: .url, padding: .forbidden)
    }

    // MARK: Accepted

    @Test func aValidTokenGivesTheIdentity() throws {
        let token = signer.sign(
            claims: claims(["name": "Ada Lovelace", "email": "ada@example.com", "roles": ["user", "admin"]])
        )
        let identity = try verifier.verify(token: token, now: Self.now)
        #expect(identity.subject == "user-1")
        #expect(identity.name == "Ada Lovelace")
        #expect(identity.email == "ada@example.com")
        #expect(identity.roles == ["user", "admin"])
        #expect(identity.isAdmin)
        #expect(identity.expiresAt == Self.now.addingTimeInterval(600))
    }

    @Test func optionalClaimsMayBeAbsentOrNull() throws {
        let minimal = try verifier.verify(token: signer.sign(claims: claims(removing: ["iat"])), now: Self.now)
        #expect(minimal.name == nil && minimal.email == nil && minimal.roles.isEmpty && !minimal.isAdmin)
        let nulls = try verifier.verify(
            token: signer.sign(claims: claims(["name": nil, "roles": nil, "nbf": nil])),
            now: Self.now
        )
        #expect(nulls.name == nil && nulls.roles.isEmpty)
    }

    @Test func theAsyncEntryPointUsesTheInjectedClock() async throws {
        let clock = ManualClock(Self.now)
        let verifier = try JWTVerifier(key: .hs256(secret: Self.secret), clock: clock, leeway: .zero)
        let token = signer.sign(claims: claims(["exp": .int(Self.nowSeconds + 10)]))
        _ = try await verifier.verify(token: token)
        clock.advance(by: 10)
        let error = await #expect(throws: AuthenticationError.self) { try await verifier.verify(token: token) }
        #expect(error?.reason == .expired)
    }

    @Test func theDemoSignerMakesTokensTheVerifierAccepts() throws {
        let token = signer.sign(
            subject: "admin-1",
            name: "Admin",
            email: nil,
            roles: ["admin"],
            issuedAt: Self.now,
            expiresAt: Self.now.addingTimeInterval(3600)
        )
        let identity = try verifier.verify(token: token, now: Self.now)
        #expect(identity.subject == "admin-1" && identity.isAdmin && identity.email == nil)
        #expect(JWTSigner.generateSecret().utf8.count == 43)
        #expect(JWTSigner.generateSecret() != JWTSigner.generateSecret())
    }

    // MARK: Time

    @Test(arguments: [
        (-31, AuthenticationError.Reason?.some(.expired)),
        (-30, .expired),  // exactly at exp + leeway: refused (RFC 7519: valid only before exp)
        (-29, nil),
        (0, nil),
    ])
    func expiryHonoursTheLeewayBoundary(offset: Int, reason: AuthenticationError.Reason?) throws {
        let token = signer.sign(claims: claims(["exp": .int(Self.nowSeconds + offset)]))
        if let reason {
            #expect(refusal(token)?.reason == reason)
        } else {
            _ = try verifier.verify(token: token, now: Self.now)
        }
    }

    @Test func withoutLeewayATokenExpiresAtExp() throws {
        let strict = try JWTVerifier(key: .hs256(secret: Self.secret), leeway: .zero)
        #expect(refusal(signer.sign(claims: claims(["exp": .int(Self.nowSeconds)])), using: strict)?.reason == .expired)
        _ = try strict.verify(token: signer.sign(claims: claims(["exp": .int(Self.nowSeconds + 1)])), now: Self.now)
        // Fractional NumericDates are numbers too.
        _ = try strict.verify(
            token: signer.sign(claims: claims(["exp": .double(Self.now.timeIntervalSince1970 + 0.5)])),
            now: Self.now
        )
    }

    @Test func notBeforeInTheFutureIsRefusedBeyondTheLeeway() throws {
        #expect(refusal(signer.sign(claims: claims(["nbf": .int(Self.nowSeconds + 31)])))?.reason == .notYetValid)
        _ = try verifier.verify(token: signer.sign(claims: claims(["nbf": .int(Self.nowSeconds + 30)])), now: Self.now)
        _ = try verifier.verify(token: signer.sign(claims: claims(["nbf": .int(Self.nowSeconds - 100)])), now: Self.now)
    }

    @Test func issuedInTheFutureIsRefusedBeyondTheLeeway() throws {
        #expect(refusal(signer.sign(claims: claims(["iat": .int(Self.nowSeconds + 31)])))?.reason == .issuedInFuture)
        _ = try verifier.verify(token: signer.sign(claims: claims(["iat": .int(Self.nowSeconds + 30)])), now: Self.now)
    }

    // MARK: Signature and algorithm

    @Test func aTokenSignedWithAnotherSecretIsRefused() throws {
        let other = try JWTSigner(secret: "another secret that is also 32+ bytes")
        #expect(refusal(other.sign(claims: claims()))?.reason == .invalidSignature)
    }

    @Test func alteredClaimsOrSignatureAreRefused() throws {
        let token = signer.sign(claims: claims())
        let parts = token.split(separator: ".").map(String.init)
        let forgedClaims = encode(.object(claims(["roles": ["admin"]])))
        #expect(refusal([parts[0], forgedClaims, parts[2]].joined(separator: "."))?.reason == .invalidSignature)
        var signature = try #require(Base64.decode(parts[2], alphabet: .url, padding: .forbidden))
        signature[0] ^= 1
        let altered = Base64.encode(signature, alphabet: .url, padding: .forbidden)
        #expect(refusal([parts[0], parts[1], altered].joined(separator: "."))?.reason == .invalidSignature)
        #expect(refusal([parts[0], parts[1], ""].joined(separator: "."))?.reason == .invalidSignature)
        #expect(
            refusal([parts[0], parts[1], String(parts[2].dropLast(3))].joined(separator: "."))?.reason
                == .invalidSignature
        )
    }

    @Test(arguments: ["none", "None", "NONE", "RS256", "ES256", "HS384", "HS512", "hs256", "HS256 ", ""])
    func algorithmsOtherThanTheKeysAreRefused(algorithm: String) {
        // Signed with the right HMAC key, so only the alg check can refuse it.
        let token = signer.sign(header: ["alg": .string(algorithm), "typ": "JWT"], claims: claims())
        #expect(refusal(token)?.reason == .unsupportedAlgorithm)
    }

    @Test func theUnsignedNoneFormIsRefused() {
        let token = encode(["alg": "none", "typ": "JWT"]) + "." + encode(.object(claims(["roles": ["admin"]]))) + "."
        #expect(refusal(token)?.reason == .unsupportedAlgorithm)
    }

    @Test func aMissingOrNonStringAlgIsMalformed() {
        #expect(refusal(signer.sign(header: ["typ": "JWT"], claims: claims()))?.reason == .malformedToken)
        #expect(refusal(signer.sign(header: ["alg": 256], claims: claims()))?.reason == .malformedToken)
    }

    @Test func criticalHeaderExtensionsAreRefused() {
        let token = signer.sign(header: ["alg": "HS256", "crit": ["exp"], "exp": 1], claims: claims())
        #expect(refusal(token)?.reason == .unsupportedAlgorithm)
    }

    @Test func anHS256TokenIsRefusedByAnES256Verifier() throws {
        let privateKey = P256.Signing.PrivateKey()
        let es256 = try JWTVerifier(key: .es256(publicKeyPEM: privateKey.publicKey.pemRepresentation))
        #expect(refusal(signer.sign(claims: claims()), using: es256)?.reason == .unsupportedAlgorithm)
    }

    @Test func es256TokensVerifyWithAPEMPublicKey() throws {
        let privateKey = P256.Signing.PrivateKey()
        let es256 = try JWTVerifier(key: .es256(publicKeyPEM: privateKey.publicKey.pemRepresentation))
        let signingInput = encode(["alg": "ES256", "typ": "JWT"]) + "." + encode(.object(claims()))
        let signature = try privateKey.signature(for: Array(signingInput.utf8)).rawRepresentation
        let token = signingInput + "." + Base64.encode(Array(signature), alphabet: .url, padding: .forbidden)
        #expect(try es256.verify(token: token, now: Self.now).subject == "user-1")

        let otherKey = P256.Signing.PrivateKey()
        let forged = try otherKey.signature(for: Array(signingInput.utf8)).rawRepresentation
        let forgedToken = signingInput + "." + Base64.encode(Array(forged), alphabet: .url, padding: .forbidden)
        #expect(refusal(forgedToken, using: es256)?.reason == .invalidSignature)
        // DER is not the JWS encoding of an ECDSA signature.
        let der = try privateKey.signature(for: Array(signingInput.utf8)).derRepresentation
        let derToken = signingInput + "." + Base64.encode(Array(der), alphabet: .url, padding: .forbidden)
        #expect(refusal(derToken, using: es256)?.reason == .invalidSignature)
        #expect(throws: IdentityConfigurationError.self) { try JWTVerificationKey.es256(publicKeyPEM: "not a key") }
    }

    // MARK: Claims

    @Test(
        arguments: [
            (["sub"], JSONObject(), AuthenticationError.Reason.missingClaim),
            (["exp"], [:], .missingClaim),
            ([], ["sub": nil], .missingClaim),
            ([], ["exp": nil], .missingClaim),
            ([], ["sub": 42], .invalidClaim),
            ([], ["sub": ""], .invalidClaim),
            ([], ["sub": ["user-1"]], .invalidClaim),
            ([], ["exp": "1750000600"], .invalidClaim),
            ([], ["exp": true], .invalidClaim),
            ([], ["nbf": "soon"], .invalidClaim),
            ([], ["iat": [:]], .invalidClaim),
            ([], ["name": 5], .invalidClaim),
            ([], ["email": ["a@example.com"]], .invalidClaim),
            ([], ["roles": "admin"], .invalidClaim),
            ([], ["roles": ["admin", 1]], .invalidClaim),
            ([], ["roles": [["admin"]]], .invalidClaim),
        ] as [([String], JSONObject, AuthenticationError.Reason)]
    )
    func missingOrMistypedClaimsAreRefused(removed: [String], extra: JSONObject, reason: AuthenticationError.Reason) {
        #expect(refusal(signer.sign(claims: claims(extra, removing: removed)))?.reason == reason)
    }

    @Test func issuerAndAudienceAreCheckedWhenConfigured() throws {
        let strict = try JWTVerifier(
            key: .hs256(secret: Self.secret),
            issuer: "https://intranet.example",
            audience: "snowgate"
        )
        _ = try strict.verify(
            token: signer.sign(claims: claims(["iss": "https://intranet.example", "aud": "snowgate"])),
            now: Self.now
        )
        _ = try strict.verify(
            token: signer.sign(claims: claims(["iss": "https://intranet.example", "aud": ["other", "snowgate"]])),
            now: Self.now
        )
        #expect(
            refusal(signer.sign(claims: claims(["iss": "https://evil.example", "aud": "snowgate"])), using: strict)?
                .reason == .wrongIssuer
        )
        #expect(refusal(signer.sign(claims: claims(["aud": "snowgate"])), using: strict)?.reason == .wrongIssuer)
        #expect(
            refusal(signer.sign(claims: claims(["iss": "https://intranet.example", "aud": "other"])), using: strict)?
                .reason == .wrongAudience
        )
        #expect(
            refusal(signer.sign(claims: claims(["iss": "https://intranet.example"])), using: strict)?.reason
                == .wrongAudience
        )
    }

    // MARK: Structure

    @Test(arguments: [
        "",
        ".",
        "..",
        "abc",
        "a.b",
        "a.b.c.d",
        "!!!.abc.def",
        "eyJhbGciOiJIUzI1NiJ9.e30.=",
        "eyJhbGciOiJIUzI1NiJ9=.e30.AAAA",
        "eyJhbGciOiJIUzI1NiJ9.e30+.AAAA",
        "eyJhbGciOiJIUzI1NiJ9.e31.AAAA",  // non-canonical: spare bits set
        "eyJhbGciOiJIUzI1NiJ9.e30.A",
        "eyJhbGciOiJIUzI1NiJ9 .e30.AAAA",
    ])
    func malformedTokensAreRefused(token: String) {
        #expect(refusal(token)?.reason == .malformedToken)
    }

    @Test func extraDotsAfterAValidTokenAreRefused() {
        let token = signer.sign(claims: claims())
        #expect(refusal(token + ".")?.reason == .malformedToken)
        #expect(refusal(token + ".e30")?.reason == .malformedToken)
        #expect(refusal("." + token)?.reason == .malformedToken)
    }

    @Test func segmentsThatAreNotJSONObjectsAreRefused() {
        let signature = "AAAA"
        let payload = encode(.object(claims()))
        for header in [
            encode([1, 2]), encode("HS256"),
            Base64.encode(Array("{not json".utf8), alphabet: .url, padding: .forbidden),
        ] {
            #expect(refusal(header + "." + payload + "." + signature)?.reason == .malformedToken)
        }
        let header = encode(["alg": "HS256"])
        #expect(refusal(header + "." + encode([1]) + "." + signature)?.reason == .malformedToken)
        var deep: JSONValue = "x"
        for _ in 0..<20 { deep = .array([deep]) }
        #expect(refusal(signer.sign(claims: claims(["deep": deep])))?.reason == .malformedToken)
    }

    @Test func oversizedTokensAreRefusedBeforeDecoding() {
        let token = signer.sign(claims: claims(["padding": .string(String(repeating: "x", count: 9000))]))
        #expect(refusal(token)?.reason == .tokenTooLarge)
    }

    // MARK: Configuration and the outward error

    @Test func shortSecretsAndLargeLeewaysAreConfigurationErrors() {
        #expect(throws: IdentityConfigurationError.self) {
            try JWTVerificationKey.hs256(secret: String(repeating: "s", count: 31))
        }
        #expect(throws: IdentityConfigurationError.self) { try JWTSigner(secret: "short") }
        #expect(throws: IdentityConfigurationError.self) {
            try JWTVerifier(key: .hs256(secret: Self.secret), leeway: .seconds(31))
        }
        #expect(throws: IdentityConfigurationError.self) {
            try JWTVerifier(key: .hs256(secret: Self.secret), leeway: .seconds(-1))
        }
    }

    @Test func everyRefusalLooksTheSameFromOutside() {
        let refusals = [
            refusal(""),
            refusal(signer.sign(claims: claims(["exp": .int(Self.nowSeconds - 100)]))),
            refusal(signer.sign(header: ["alg": "none"], claims: claims())),
            refusal(try! JWTSigner(secret: String(repeating: "o", count: 32)).sign(claims: claims())),
        ].compactMap { $0 }
        #expect(refusals.count == 4)
        #expect(Set(refusals.map(\.reason)).count == 4)
        for error in refusals {
            #expect(error.code == "UNAUTHENTICATED")
            #expect(error.publicMessage == AuthenticationError.publicMessage)
        }
    }
}
