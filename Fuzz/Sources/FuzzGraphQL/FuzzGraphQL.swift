import CFuzzerDriver
import Schema

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// The gateway's own schema, read once from the repository (the fuzzer runs from a checkout, never installed).
private let schema: GraphQLSchema = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    do {
        let sdl = try String(contentsOf: root.appendingPathComponent("schema.graphql"), encoding: .utf8)
        return try GraphQLSchema(sdl: sdl, scalars: ["DateTime": DateTimeCoercion()])
    } catch {
        print("FuzzGraphQL: cannot build the schema: \(error)")
        fatalError("FuzzGraphQL: cannot build the schema")
    }
}()

/// One input: any bytes as a document, through the lexer and parser with the gateway's default limits, then, when it
/// parses, the validator (every rule plus the default operation limits) and a print/re-parse round trip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGraphQL(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : count), as: UTF8.self)
    guard let document = try? Parser.parse(text) else { return 0 }
    _ = Validator.validate(schema: schema, document: document)
    // Printing a parsed document must give a document that parses again: the printer and parser agree on syntax.
    let printed = Printer.print(document)
    do {
        _ = try Parser.parse(printed, options: .trustedSchema)
    } catch {
        print("FuzzGraphQL: the printed document does not parse: \(error)\n--- printed ---\n\(printed)")
        fatalError("FuzzGraphQL: printer and parser disagree")
    }
    return 0
}

/// The program's entry point, which SwiftPM links as `main` (it names an executable target's entry `<Target>_main`):
/// libFuzzer's driver, with the arguments libFuzzer's own `main` would pass it.
@_cdecl("FuzzGraphQL_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzGraphQL)
}
