import Foundation
import JSON
import Testing

@_spi(Fuzzing) @testable import Gateway

/// Replays the committed seed corpora and every crash the fuzz targets found (`Fuzz/Corpus/FuzzHTTPRequest` and
/// `Fuzz/Corpus/FuzzJWT`, see docs/FUZZING.md) through what those targets do. Errors are fine; a trap fails the run.
/// The seeds named `valid-*` (JWT) and `*-widget*`/`*-minimal*` (HTTP) must also be accepted, so a corpus that stopped
/// reaching past the first check would be noticed.
@Suite struct FuzzCorpusReplayTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")
    /// `FuzzHTTPRequest`'s nesting limit: the gateway's default `maxJSONDepth`.
    static let maxDepth = GatewayConfiguration.Limits().maxJSONDepth
    /// `FuzzJWT`'s set-up: its shared secret, its instant, and the public keys beside the corpus.
    static let secret = "snowgate-fuzzing-secret-not-a-real-one-0123"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func corpus(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = fuzz.appendingPathComponent("Corpus").appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
            .map { ($0, Array(try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }

    @Test func replaysTheHTTPRequestCorpus() throws {
        let files = try Self.corpus("FuzzHTTPRequest")
        #expect(files.count >= 20)
        for (name, bytes) in files {
            let decoded: GraphQLRequestParameters?
            if bytes.first == UInt8(ascii: "?") {
                let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
                decoded = try? GraphQLHTTPDecoding.decodeQueryString(text[...], maxDepth: Self.maxDepth)
            } else {
                decoded = try? GraphQLHTTPDecoding.decodeBody(bytes, maxDepth: Self.maxDepth)
            }
            if name.contains("-widget") || name.contains("-minimal") || name.contains("-all") {
                #expect(decoded != nil, "\(name) must decode")
            }
        }
    }

    @Test func replaysTheJWTCorpus() throws {
        let keys = Self.fuzz.appendingPathComponent("Keys")
        let es256 = try String(contentsOf: keys.appendingPathComponent("es256-public.pem"), encoding: .utf8)
        let rs256 = try String(contentsOf: keys.appendingPathComponent("rs256-public.pem"), encoding: .utf8)
        let verifier = try JWTVerifier(
            keys: [.hs256(secret: Self.secret), .es256(publicKeyPEM: es256), .rs256(publicKeyPEM: rs256)],
            issuer: "https://idp.example",
            audience: "snowgate"
        )
        let signer = try JWTSigner(secret: Self.secret)
        let files = try Self.corpus("FuzzJWT")
        #expect(files.count >= 20)
        for (name, bytes) in files {
            let token: String
            if bytes.first == UInt8(ascii: "{") {
                guard let claims = (try? JSONParser(limits: .init(maxDepth: 64)).parse(bytes))?.objectValue else {
                    continue
                }
                token = signer.sign(claims: claims)
            } else {
                token = String(decoding: bytes, as: UTF8.self)
            }
            let identity = try? verifier.verify(token: token, now: Self.now)
            if name.hasPrefix("valid-") || name == "claims-good.json" {
                #expect(identity?.subject == "abel.tuter", "\(name) must verify")
            }
        }
    }
}
