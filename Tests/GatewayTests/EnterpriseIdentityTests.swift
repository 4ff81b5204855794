import Crypto
import CurlHTTP
import Foundation
import JSON
import Testing
import _CryptoExtras

@testable import Gateway

/// RS256 and ES256 user tokens as Entra ID or Okta issue them: keys fetched from a JWKS URL on loopback (cached,
/// rotated) or read from a PEM file, with the `iss`, `aud`, `exp` and `nbf` checks and no algorithm confusion.
@Suite struct EnterpriseIdentityTests {
    static let issuer = "https://login.example.com/tenant-1/v2.0"
    static let audience = "api://snowgate"

    /// Claims valid at `now` for `subject`, with the expected issuer and audience.
    static func claims(
        _ subject: String = "alice",
        now: Date,
        _ changes: JSONObject = [:],
        removing removed: [String] = []
    ) -> JSONObject {
        let seconds = Int(now.timeIntervalSince1970)
        var claims: JSONObject = [
            "sub": .string(subject), "iss": .string(issuer), "aud": .string(audience), "iat": .int(seconds),
            "exp": .int(seconds + 3600),
        ]
        for key in removed { claims[key] = nil }
        for (key, value) in changes { claims[key] = value }
        return claims
    }

    /// Why `verifier` refuses `token`, or nil when it accepts it.
    static func refusal(_ token: String, _ verifier: JWTVerifier) async -> AuthenticationError.Reason? {
        do {
            _ = try await verifier.verify(token: token)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func tokensFromTheJWKSAreAcceptedAndEveryBadOneRefused() async throws {
        let harness = try GatewayHarness()
        let keys = try ProviderKeys()
        let server = JWKSServer(keys: [try keys.rsaJWK(kid: "rsa-1"), keys.ecJWK(kid: "ec-1")])
        try await server.withRunning { url in
            let keySet = try JWKSKeySet(
                url: url,
                client: harness.client,
                clock: harness.clock,
                logger: harness.logs.logger()
            )
            let verifier = try JWTVerifier(
                keys: [],
                keySet: keySet,
                clock: harness.clock,
                issuer: Self.issuer,
                audience: Self.audience
            )
            let now = harness.clock.now()
            let rsaIdentity = try await verifier.verify(
                token: try keys.rs256(Self.claims(now: now, ["roles": ["admin"]]))
            )
            #expect(rsaIdentity.subject == "alice")
            #expect(rsaIdentity.isAdmin)
            let ecIdentity = try await verifier.verify(token: try keys.es256(Self.claims("bob", now: now)))
            #expect(ecIdentity.subject == "bob")
            // `aud` as a list that includes the gateway.
            #expect(
                await Self.refusal(
                    try keys.rs256(Self.claims(now: now, ["aud": ["api://other", .string(Self.audience)]])),
                    verifier
                ) == nil
            )
            #expect(server.fetches == 1)

            let seconds = Int(now.timeIntervalSince1970)
            let other = try ProviderKeys(rsaKey: 1)
            let valid = try keys.rs256(Self.claims(now: now))
            let parts = valid.split(separator: ".").map(String.init)
            let forgedPayload = ProviderKeys.base64URL(
                JSONValue.object(Self.claims("mallory", now: now)).serialized()
            )
            let refused: [(String, String, AuthenticationError.Reason)] = [
                (
                    "wrong issuer", try keys.rs256(Self.claims(now: now, ["iss": "https://evil.example.com"])),
                    .wrongIssuer
                ),
                ("no issuer", try keys.rs256(Self.claims(now: now, removing: ["iss"])), .wrongIssuer),
                ("wrong audience", try keys.es256(Self.claims(now: now, ["aud": "api://other"])), .wrongAudience),
                ("no audience", try keys.rs256(Self.claims(now: now, removing: ["aud"])), .wrongAudience),
                ("expired", try keys.rs256(Self.claims(now: now, ["exp": .int(seconds - 60)])), .expired),
                ("not yet valid", try keys.es256(Self.claims(now: now, ["nbf": .int(seconds + 600)])), .notYetValid),
                ("signed by another key", try other.rs256(Self.claims(now: now)), .invalidSignature),
                ("payload swapped", parts[0] + "." + forgedPayload + "." + parts[2], .invalidSignature),
                ("unknown kid", try keys.rs256(Self.claims(now: now), kid: "rsa-unknown"), .unknownKey),
                // An RSA key is never used for ES256, whatever the token says.
                ("alg confusion", try keys.rs256(Self.claims(now: now), kid: "rsa-1", alg: "ES256"), .unknownKey),
                (
                    "alg none",
                    ProviderKeys.token(header: ["alg": "none", "kid": "rsa-1"], claims: Self.claims(now: now)) { _ in []
                    },
                    .unsupportedAlgorithm
                ),
                // No shared secret is configured: an HS256 token is refused, whatever key signed it.
                ("HS256", harness.signer.sign(claims: Self.claims(now: now)), .unsupportedAlgorithm),
            ]
            for (name, token, reason) in refused {
                #expect(await Self.refusal(token, verifier) == reason, "\(name)")
            }
            // An unknown kid may mean rotated keys, but refetching is rate limited: a flood of made-up kids costs
            // the identity provider nothing.
            #expect(server.fetches == 1)

            // The provider rotates its key: tokens with the new kid verify once a refetch is allowed.
            let rotated = try ProviderKeys(rsaKey: 2)
            server.publish([try rotated.rsaJWK(kid: "rsa-2")])
            harness.clock.advance(by: 31)
            let later = harness.clock.now()
            #expect(await Self.refusal(try rotated.rs256(Self.claims(now: later), kid: "rsa-2"), verifier) == nil)
            #expect(server.fetches == 2)
            // The old key is gone from the set.
            #expect(await Self.refusal(try keys.rs256(Self.claims(now: later)), verifier) == .unknownKey)
        }
    }

    @Test func theGatewayTakesJWKSTokensOverHTTP() async throws {
        let harness = try GatewayHarness()
        let keys = try ProviderKeys()
        let server = JWKSServer(keys: [try keys.rsaJWK(kid: "rsa-1"), keys.ecJWK(kid: "ec-1")])
        try await server.withRunning { url in
            var security = SecuritySettings()
            security.identity.jwksURL = url
            security.identity.issuer = Self.issuer
            security.identity.audience = Self.audience
            // No shared secret: only the identity provider's tokens.
            try await harness.withGateway(security: security, authSecret: "") { gateway async throws in
                let now = harness.clock.now()
                let query = "{ viewer { isAdmin } }"
                let admin = try await gateway.graphQL(
                    query,
                    token: try keys.rs256(Self.claims(now: now, ["roles": ["admin"]]))
                )
                #expect(try admin.json() == ["data": ["viewer": ["isAdmin": true]]])
                let user = try await gateway.graphQL(query, token: try keys.es256(Self.claims("bob", now: now)))
                #expect(try user.json() == ["data": ["viewer": ["isAdmin": false]]])

                let refusedTokens = [
                    try keys.rs256(Self.claims(now: now, ["aud": "api://other"])),
                    harness.token("alice"),
                ]
                for token in refusedTokens {
                    let refused = try await gateway.graphQL(query, token: token)
                    #expect(refused.status == 401)
                    #expect(try refused.json()["errors"]?[0]?["extensions"]?["code"] == "UNAUTHENTICATED")
                    // The client learns nothing about which check failed.
                    #expect(try refused.json()["errors"]?[0]?["message"] == .string(AuthenticationError.publicMessage))
                }
                #expect(harness.logs.text.contains("wrongAudience"))
                #expect(harness.logs.text.contains("unsupportedAlgorithm"))
                // No token, accepted or refused, nor a piece of its signature, is ever logged.
                for token in refusedTokens {
                    let signature = try #require(token.split(separator: ".").last)
                    #expect(!harness.logs.text.contains(token))
                    #expect(!harness.logs.text.contains(String(signature)))
                }
            }
        }
    }

    @Test func aPEMPublicKeyFileVerifiesTokens() async throws {
        let harness = try GatewayHarness()
        let keys = try ProviderKeys()
        for (name, pem) in [
            ("ec.pem", keys.ec.publicKey.pemRepresentation), ("rsa.pem", keys.rsa.publicKey.pemRepresentation),
        ] {
            let path = harness.directory.file(name)
            try Data(pem.utf8).write(to: URL(fileURLWithPath: path))
            var security = SecuritySettings()
            security.identity.publicKeyFile = path
            security.identity.audience = Self.audience
            try await harness.withGateway(security: security) { gateway async throws in
                let now = harness.clock.now()
                let token =
                    name == "ec.pem" ? try keys.es256(Self.claims(now: now)) : try keys.rs256(Self.claims(now: now))
                let accepted = try await gateway.graphQL("{ viewer { isAdmin } }", token: token)
                #expect(accepted.status == 200, "\(name)")
                #expect(try accepted.json() == ["data": ["viewer": ["isAdmin": false]]], "\(name)")
                // The shared secret still works alongside, with the audience required of it too.
                let hs256 = harness.signer.sign(claims: Self.claims(now: now))
                #expect(try await gateway.graphQL("{ viewer { isAdmin } }", token: hs256).status == 200)
                #expect(
                    try await gateway.graphQL("{ viewer { isAdmin } }", token: harness.token("alice")).status == 401
                )
            }
        }
    }

    @Test func identitySettingsAreChecked() throws {
        var both = SecuritySettings()
        both.identity.jwksURL = "https://login.example.com/keys"
        both.identity.publicKeyFile = "/etc/key.pem"
        #expect(throws: GatewayConfigurationError.self) { try both.validate() }
        var plainHTTP = SecuritySettings()
        plainHTTP.identity.jwksURL = "http://login.example.com/keys"
        #expect(throws: GatewayConfigurationError.self) { try plainHTTP.validate() }
        var loopback = SecuritySettings()
        loopback.identity.jwksURL = "http://127.0.0.1:8443/keys"
        try loopback.validate()
        // Without a public key source the shared secret is required.
        #expect(throws: GatewayConfigurationError.self) {
            try GatewayConfiguration(port: 0, authSecret: "")
        }
        _ = try GatewayConfiguration(port: 0, authSecret: "", security: loopback)
    }
}

/// PEM public keys are read without swift-crypto's RSA PEM parser, which aborts the process on a non-RSA key.
@Suite struct PublicKeyPEMTests {
    @Test func rsaKeysInBothEncodingsAndP256KeysAreRead() throws {
        let keys = try ProviderKeys()
        let spki = try JWTVerificationKey.publicKey(pem: keys.rsa.publicKey.pemRepresentation)
        #expect(spki.algorithm == "RS256")
        let pkcs1 = try JWTVerificationKey.rs256(publicKeyPEM: keys.rsa.publicKey.pkcs1PEMRepresentation)
        #expect(pkcs1.algorithm == "RS256")
        // The key read from the PEM verifies what the private key signed.
        let verifier = try JWTVerifier(keys: [spki])
        let now = Date()
        let token = try keys.rs256(["sub": "alice", "exp": .int(Int(now.timeIntervalSince1970) + 60)])
        #expect(try verifier.verify(token: token, now: now).subject == "alice")
        #expect(try JWTVerificationKey.publicKey(pem: keys.ec.publicKey.pemRepresentation).algorithm == "ES256")
    }

    @Test func anythingElseIsAClearErrorNotACrash() throws {
        let keys = try ProviderKeys()
        let ecPEM = keys.ec.publicKey.pemRepresentation
        let rsaPEM = keys.rsa.publicKey.pemRepresentation
        let truncated = String(rsaPEM.prefix(rsaPEM.count / 2)) + "\n-----END PUBLIC KEY-----\n"
        let small = TestRSAKeys.smallPublicKey
        // Many times: the defect this avoids was a double free, which aborts only sometimes.
        for _ in 0..<50 {
            for pem in [ecPEM, truncated, small, "not a key", ""] {
                #expect(throws: IdentityConfigurationError.self) { try JWTVerificationKey.rs256(publicKeyPEM: pem) }
            }
            for pem in [truncated, small, "not a key"] {
                #expect(throws: IdentityConfigurationError.self) { try JWTVerificationKey.publicKey(pem: pem) }
            }
        }
    }
}
