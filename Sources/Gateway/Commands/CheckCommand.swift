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
        let schema: GraphQLSchema
        do {
            let (sdl, name) = try schemaSource()
            schema = try GraphQLSchema(
                sdl: sdl,
                scalars: ["DateTime": DateTimeCoercion()],
                options: SchemaOptions(sourceName: name)
            )
        } catch {
            Self.write("snowgate check: \(error)\n", to: 2)
            throw ExitCode(2)
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
        Self.write(output, to: 1)
        Self.write(
            "snowgate check: \(paths.count) document\(paths.count == 1 ? "" : "s"), \(errorCount) "
                + "error\(errorCount == 1 ? "" : "s") in \(failedFiles) file\(failedFiles == 1 ? "" : "s")\n",
            to: 2
        )
        if errorCount > 0 { throw ExitCode(1) }
    }

    /// The SDL to check against and the name its errors are reported under.
    private func schemaSource() throws -> (sdl: String, name: String) {
        if let schemaPath {
            return (try SourceFiles.readText(schemaPath), schemaPath)
        }
        // SEAM(embedded assets): the gateway's schema is to be compiled into the binary (the EmbedAssets plugin on
        // its way to main); until then it is read from the working directory, then from the package it was built in.
        for candidate in ["schema.graphql", Self.packageSchemaPath] {
            if let sdl = try? SourceFiles.readText(candidate) { return (sdl, candidate) }
        }
        throw SourceFiles.ReadError(
            path: "schema.graphql",
            reason: "not found in the working directory or at \(Self.packageSchemaPath); pass --schema FILE"
        )
    }

    /// `schema.graphql` at the root of the package this file was compiled in.
    private static var packageSchemaPath: String {
        var directory = String(#filePath)
        for _ in 0..<4 { directory = String(directory[..<(directory.lastIndex(of: "/") ?? directory.startIndex)]) }
        return directory + "/schema.graphql"
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
