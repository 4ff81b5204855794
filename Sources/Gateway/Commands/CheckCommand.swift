import ArgumentParser
import Schema

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `snowgate check`: Validate GraphQL documents against the schema.
///
/// Front-end teams run it in CI over their widget queries, so it is built for many files: the schema is built
/// once, files are read and checked on all cores, and the output is the compiler convention, one line per error
/// (see ``CheckDiagnostic``), in the order the files were given.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate GraphQL documents against the schema.",
        discussion: """
            Parses and validates each document as the gateway would before executing it: the September 2025 \
            specification's validation rules and the gateway's default operation limits (depth, cost, aliases). \
            Prints one line per error, `path:line:column: message`; an error with several locations is placed at \
            the first and lists the others as `(also at line:column, ...)`. A directory operand stands for the \
            .graphql and .gql files below it.

            Exit status: 0 when every document is valid, 1 when any document has an error (a syntax error and an \
            unreadable file included), 2 when the schema itself cannot be read or built.
            """
    )

    @Option(
        name: .customLong("schema"),
        help: ArgumentHelp("Check against this SDL file instead of the gateway's schema.", valueName: "FILE")
    )
    var schemaPath: String?

    @ArgumentParser.Argument(
        help: ArgumentHelp("The documents to check (files, or directories of .graphql/.gql files).", valueName: "FILE")
    )
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one document to check.") }
    }

    func run() throws {
        let outcome = execute()
        Self.write(outcome.output, to: 1)
        Self.write(outcome.messages, to: 2)
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }

    /// What a run prints and how it ends, computed without printing (the tests run the command this way).
    struct Outcome: Sendable, Equatable {
        /// Standard output: the error lines.
        var output: String
        /// Standard error: the summary, or why the schema could not be used.
        var messages: String
        /// 0, 1 or 2, as the discussion above says.
        var exitCode: Int32
    }

    /// Builds the schema once and checks every document.
    func execute() -> Outcome {
        let schema: GraphQLSchema
        do {
            let (sdl, name) = try schemaSource()
            let document: Document
            do {
                document = try Parser.parse(Source(sdl, name: name), options: .trustedSchema)
            } catch {
                throw SchemaError(errors: [error])
            }
            // The gateway's DateTime rules apply wherever a schema declares that scalar (any other custom scalar
            // takes any literal, as graphql-js's do).
            let declaresDateTime = document.definitions.contains { definition in
                if case .type(.scalar(let scalar)) = definition { return scalar.name.value == "DateTime" }
                return false
            }
            schema = try GraphQLSchema(
                document: document,
                scalars: declaresDateTime ? ["DateTime": DateTimeCoercion()] : [:]
            )
        } catch {
            return Outcome(output: "", messages: "snowgate check: \(error)\n", exitCode: 2)
        }

        let paths = SourceFiles.expand(files)
        let results = DocumentChecker(schema: schema).check(paths: paths)
        var output = ""
        var errorCount = 0
        var failedFiles = 0
        for diagnostics in results where !diagnostics.isEmpty {
            failedFiles += 1
            errorCount += diagnostics.count
            for diagnostic in diagnostics {
                output += diagnostic.line
                output += "\n"
            }
        }
        let summary =
            "snowgate check: \(paths.count) document\(paths.count == 1 ? "" : "s"), \(errorCount) "
            + "error\(errorCount == 1 ? "" : "s") in \(failedFiles) file\(failedFiles == 1 ? "" : "s")\n"
        return Outcome(output: output, messages: summary, exitCode: errorCount > 0 ? 1 : 0)
    }

    /// The SDL to check against and the name its errors are reported under: the file given, or the schema compiled
    /// into the binary (the one the gateway serves).
    private func schemaSource() throws -> (sdl: String, name: String) {
        if let schemaPath {
            return (try SourceFiles.readText(schemaPath), schemaPath)
        }
        return (EmbeddedAssets.schemaSDL, "schema.graphql")
    }

    /// Writes all of `text` to a file descriptor (1 or 2): plain `write(2)`, since the C `FILE` globals are not
    /// concurrency-safe to name in Swift 6.
    private static func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
