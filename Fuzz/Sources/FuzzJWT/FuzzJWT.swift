import CFuzzerDriver
import Gateway
import JSON

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The shared secret the HS256 seeds are signed with (a fuzzing constant, never a deployment's).
private let secret = "snowgate-fuzzing-secret-not-a-real-one-0123"
/// The instant every check runs at, so a seed's `exp`/`nbf` mean the same on every run.
private let now = Date(timeIntervalSince1970: 1_800_000_000)

// One key per algorithm (HS256, and the ES256 and RS256 public keys in Fuzz/Keys, whose private halves were
// discarded after signing the seeds), with an issuer and an audience to check, as an Entra ID set-up has.
private let fixtures: (verifier: JWTVerifier, signer: JWTSigner) = {
    let keys = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Keys")
    do {
        let es256 = try String(contentsOf: keys.appendingPathComponent("es256-public.pem"), encoding: .utf8)
        let rs256 = try String(contentsOf: keys.appendingPathComponent("rs256-public.pem"), encoding: .utf8)
        let verifier = try JWTVerifier(
            keys: [.hs256(secret: secret), .es256(publicKeyPEM: es256), .rs256(publicKeyPEM: rs256)],
            issuer: "https://idp.example",
            audience: "snowgate"
        )
        return (verifier, try JWTSigner(secret: secret))
    } catch {
        print("FuzzJWT: cannot set up the verifier: \(error)")
        fatalError("FuzzJWT: cannot set up the verifier")
    }
}()

/// One input: a token to verify; or, when it starts with `{`, claims that are signed with the shared secret first,
/// so the claim checks behind the signature are fuzzed too (mutated tokens almost never keep a valid signature).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJWT(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : count)
    let token: String
    if bytes.first == UInt8(ascii: "{") {
        guard let claims = (try? JSONParser(limits: .init(maxDepth: 64)).parse(bytes))?.objectValue else { return 0 }
        token = fixtures.signer.sign(claims: claims)
    } else {
        token = String(decoding: bytes, as: UTF8.self)
    }
    _ = try? fixtures.verifier.verify(token: token, now: now)
    return 0
}

/// The program's entry point, which SwiftPM links as `main` (it names an executable target's entry `<Target>_main`):
/// libFuzzer's driver, with the arguments libFuzzer's own `main` would pass it.
@_cdecl("FuzzJWT_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzJWT)
}
