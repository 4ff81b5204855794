import CFuzzerDriver
@_spi(Fuzzing) import Gateway

/// The JSON nesting limit the gateway applies by default (`GatewayConfiguration.Limits.maxJSONDepth`).
private let maxDepth = 64

/// One input: when it starts with `?`, the rest is a GET query string; otherwise it is a POST body. Either goes through
/// the decoding the gateway's `/graphql` route uses, from bytes to `GraphQLRequestParameters` or a 4xx refusal.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequest(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : count)
    if bytes.first == UInt8(ascii: "?") {
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        _ = try? GraphQLHTTPDecoding.decodeQueryString(text[...], maxDepth: maxDepth)
    } else {
        _ = try? GraphQLHTTPDecoding.decodeBody(Array(bytes), maxDepth: maxDepth)
    }
    return 0
}

/// The program's entry point, which SwiftPM links as `main` (it names an executable target's entry `<Target>_main`):
/// libFuzzer's driver, with the arguments libFuzzer's own `main` would pass it.
@_cdecl("FuzzHTTPRequest_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzHTTPRequest)
}
