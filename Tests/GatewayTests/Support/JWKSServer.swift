import Crypto
import Foundation
import Hummingbird
import JSON
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing
import _CryptoExtras

@testable import Gateway

/// An identity provider's JWKS endpoint on loopback (`GET /keys`), whose document a test can change (key rotation)
/// and whose fetches it can count.
final class JWKSServer: Sendable {
    private let document: Mutex<String>
    private let fetchCount = Mutex(0)

    init(keys: [JSONValue]) {
        document = Mutex(Self.render(keys))
    }

    /// Serves `keys` from now on.
    func publish(_ keys: [JSONValue]) {
        let text = Self.render(keys)
        document.withLock { $0 = text }
    }

    /// How many times the key set was fetched.
    var fetches: Int { fetchCount.withLock { $0 } }

    private static func render(_ keys: [JSONValue]) -> String {
        String(decoding: JSONValue.object(["keys": .array(keys)]).serialized(), as: UTF8.self)
    }

    /// Runs `body` with the server listening; hands it the JWKS URL.
    func withRunning<Result: Sendable>(_ body: (String) async throws -> Result) async throws -> Result {
        let router = Router()
        router.get("keys") { _, _ -> String in
            self.fetchCount.withLock { $0 += 1 }
            return self.document.withLock { $0 }
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: Logger(label: "jwks", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [application],
                gracefulShutdownSignals: [],
                logger: Logger(label: "jwks", factory: { _ in SwiftLogNoOpLogHandler() })
            )
        )
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next())
                let result = try await body("http://127.0.0.1:\(port)/keys")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                tasks.cancelAll()
                throw error
            }
        }
    }
}

/// An identity provider's signing keys (RS256 and ES256), their JWKs, and tokens signed with them.
struct ProviderKeys {
    let rsa: _RSA.Signing.PrivateKey
    let ec: P256.Signing.PrivateKey

    /// The provider's keys: RSA key number `rsaKey` of ``TestRSAKeys`` (0, 1 or 2) and a fresh P-256 key.
    init(rsaKey: Int = 0) throws {
        rsa = try _RSA.Signing.PrivateKey(pemRepresentation: TestRSAKeys.privateKeys[rsaKey])
        ec = P256.Signing.PrivateKey()
    }

    static func base64URL(_ bytes: some Collection<UInt8>) -> String {
        Base64.encode(bytes, alphabet: .url, padding: .forbidden)
    }

    /// The RSA public key as a JWK, as Entra ID publishes it.
    func rsaJWK(kid: String) throws -> JSONValue {
        let primitives = try rsa.publicKey.getKeyPrimitives()
        return [
            "kty": "RSA", "use": "sig", "alg": "RS256", "kid": .string(kid),
            "n": .string(Self.base64URL(Array(primitives.modulus))),
            "e": .string(Self.base64URL(Array(primitives.publicExponent))),
        ]
    }

    /// The P-256 public key as a JWK.
    func ecJWK(kid: String) -> JSONValue {
        let point = Array(ec.publicKey.x963Representation)
        return [
            "kty": "EC", "crv": "P-256", "use": "sig", "kid": .string(kid),
            "x": .string(Self.base64URL(point[1..<33])), "y": .string(Self.base64URL(point[33..<65])),
        ]
    }

    /// A token with `header` and `claims`, signed by `sign` over the JWS signing input.
    static func token(
        header: JSONObject,
        claims: JSONObject,
        sign: ([UInt8]) throws -> [UInt8]
    ) rethrows -> String {
        let input =
            base64URL(JSONValue.object(header).serialized()) + "." + base64URL(JSONValue.object(claims).serialized())
        return input + "." + base64URL(try sign(Array(input.utf8)))
    }

    /// An RS256 token (`kid` in the header) signed with this RSA key.
    func rs256(_ claims: JSONObject, kid: String = "rsa-1", alg: String = "RS256") throws -> String {
        try Self.token(header: ["alg": .string(alg), "typ": "JWT", "kid": .string(kid)], claims: claims) { input in
            Array(try rsa.signature(for: input, padding: .insecurePKCS1v1_5).rawRepresentation)
        }
    }

    /// An ES256 token signed with this P-256 key (the raw r ‖ s signature, as JWS wants it).
    func es256(_ claims: JSONObject, kid: String = "ec-1") throws -> String {
        try Self.token(header: ["alg": "ES256", "typ": "JWT", "kid": .string(kid)], claims: claims) { input in
            Array(try ec.signature(for: input).rawRepresentation)
        }
    }
}
