import Schema
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replays the committed seed corpus and every crash the `FuzzGraphQL` target found (`Fuzz/Corpus/FuzzGraphQL`, see
/// docs/FUZZING.md) through what that target does: parse with the gateway's default limits, validate against
/// `schema.graphql`, and print and parse again. Errors are fine; a trap fails the run.
@Suite struct FuzzCorpusReplayTests {
    static let corpus = GatewaySchemaTestsPaths.repositoryRoot + "/Fuzz/Corpus/FuzzGraphQL"

    @Test func replaysTheGraphQLCorpus() throws {
        let schema = try GraphQLSchema(
            sdl: try GatewaySchemaTests.repositoryFile("schema.graphql"),
            scalars: ["DateTime": DateTimeCoercion()]
        )
        let files = try listFiles(Self.corpus)
        // A missing or emptied corpus must not pass as "nothing crashed". (The kitchen sinks, the introspection query
        // and the widget query are seeds too, read where they live: `make fuzz` passes their folders to libFuzzer.)
        #expect(files.count >= 15)
        var parsed = 0
        for file in files {
            let text = try readTextFile(Self.corpus + "/" + file)
            guard let document = try? Parser.parse(text) else { continue }
            parsed += 1
            _ = Validator.validate(schema: schema, document: document)
            let printed = Printer.print(document)
            #expect(throws: Never.self, "\(file): the printed document must parse") {
                try Parser.parse(printed, options: .trustedSchema)
            }
        }
        // Some of the corpus must get past the parser, or the fuzzer would spend its time on the lexer alone.
        #expect(parsed >= 5)
    }
}

/// Where the repository is, from this file's path.
enum GatewaySchemaTestsPaths {
    static var repositoryRoot: String {
        var directory = String(#filePath)
        for _ in 0..<3 { directory = String(directory[..<(directory.lastIndex(of: "/") ?? directory.startIndex)]) }
        return directory
    }
}

/// The regular files of a directory (no recursion), sorted, without Foundation.
func listFiles(_ path: String) throws -> [String] {
    guard let directory = opendir(path) else { throw Failure("cannot open \(path)") }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if !name.hasPrefix(".") { names.append(name) }
    }
    return names.sorted()
}
