import ArgumentParser
import Foundation
import Schema
import Testing

@testable import Gateway

/// `snowgate check`: real files in a temporary directory, the command parsed from its arguments and run in process.
@Suite struct CheckCommandTests {
    static func run(_ arguments: [String]) throws -> CheckCommand.Outcome {
        try CheckCommand.parse(arguments).execute()
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]),
            withIntermediateDirectories: true
        )
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func validDocumentsAgainstTheEmbeddedSchemaExitZero() throws {
        let directory = try TemporaryDirectory()
        try Self.write("{ viewer { isAdmin } }", to: directory.file("a.graphql"))
        try Self.write(
            "query Widget($first: Int = 5) { incidents(first: $first) { nodes { number } } }",
            to: directory.file("b.graphql")
        )
        let outcome = try Self.run([directory.file("a.graphql"), directory.file("b.graphql")])
        #expect(outcome.output == "")
        #expect(outcome.exitCode == 0)
        #expect(outcome.messages == "snowgate check: 2 documents, 0 errors in 0 files\n")
    }

    @Test func oneLinePerErrorInArgumentOrder() throws {
        let directory = try TemporaryDirectory()
        let first = directory.file("first.graphql")
        let second = directory.file("second.graphql")
        try Self.write("{ viewer { isAdmin } }", to: directory.file("ok.graphql"))
        try Self.write("query {\n  viewer { nmae }\n  bogus\n}\n", to: first)
        try Self.write("{ viewer { user { id } ", to: second)
        let outcome = try Self.run([second, directory.file("ok.graphql"), first])
        #expect(
            outcome.output == """
                \(second):1:24: Syntax Error: Expected Name, found <EOF>.
                \(first):2:12: Cannot query field "nmae" on type "Viewer".
                \(first):3:3: Cannot query field "bogus" on type "Query".

                """
        )
        #expect(outcome.exitCode == 1)
        #expect(outcome.messages == "snowgate check: 3 documents, 3 errors in 2 files\n")
    }

    @Test func anErrorWithSeveralLocationsIsOneLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("conflict.graphql")
        try Self.write("{\n  viewer { x: isAdmin }\n  viewer { x: user { id } }\n}", to: path)
        let outcome = try Self.run([path])
        #expect(outcome.output.split(separator: "\n").count == 1)
        #expect(outcome.output.hasPrefix("\(path):2:3: Fields \"viewer\" conflict because subfields \"x\" conflict"))
        #expect(outcome.output.hasSuffix(" (also at 2:12, 3:3, 3:12)\n"))
    }

    @Test func unreadableFilesAreErrors() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.file("missing.graphql")
        let outcome = try Self.run([missing])
        #expect(outcome.output == "\(missing): error: No such file or directory\n")
        #expect(outcome.exitCode == 1)
    }

    @Test func directoriesStandForTheirDocuments() throws {
        let directory = try TemporaryDirectory()
        try Self.write("{ viewer { bad } }", to: directory.file("tree/b/two.gql"))
        try Self.write("{ viewer { isAdmin } }", to: directory.file("tree/a/one.graphql"))
        try Self.write("not graphql", to: directory.file("tree/a/notes.txt"))
        try Self.write("{ nope }", to: directory.file("tree/.hidden/x.graphql"))
        let outcome = try Self.run([directory.file("tree")])
        #expect(
            outcome.output
                == "\(directory.file("tree"))/b/two.gql:1:12: Cannot query field \"bad\" on type \"Viewer\".\n"
        )
        #expect(outcome.messages == "snowgate check: 2 documents, 1 error in 1 file\n")
    }

    @Test func aSchemaFileReplacesTheGatewaySchema() throws {
        let directory = try TemporaryDirectory()
        try Self.write("type Query { hello(name: String!): String }", to: directory.file("schema.graphql"))
        try Self.write("{ hello }", to: directory.file("q.graphql"))
        let outcome = try Self.run(["--schema", directory.file("schema.graphql"), directory.file("q.graphql")])
        #expect(
            outcome.output
                == "\(directory.file("q.graphql")):1:3: Field \"hello\" argument \"name\" of type \"String!\" is "
                + "required, but it was not provided.\n"
        )
        #expect(outcome.exitCode == 1, "\(outcome.messages)")
    }

    @Test func anInvalidSchemaExitsTwo() throws {
        let directory = try TemporaryDirectory()
        try Self.write("type Query { a: Missing }", to: directory.file("schema.graphql"))
        try Self.write("{ a }", to: directory.file("q.graphql"))
        let outcome = try Self.run(["--schema", directory.file("schema.graphql"), directory.file("q.graphql")])
        #expect(outcome.exitCode == 2)
        #expect(outcome.output == "")
        #expect(outcome.messages.contains("Missing"))
        #expect(try Self.run(["--schema", directory.file("none.graphql"), directory.file("q.graphql")]).exitCode == 2)
    }

    @Test func manyFilesInParallelKeepTheirOrder() throws {
        let directory = try TemporaryDirectory()
        var paths: [String] = []
        for index in 0..<300 {
            let path = directory.file("doc\(index).graphql")
            try Self.write(index % 3 == 0 ? "{ viewer { wrong\(index) } }" : "{ viewer { isAdmin } }", to: path)
            paths.append(path)
        }
        let outcome = try Self.run(paths)
        let expected = stride(from: 0, to: 300, by: 3).map {
            "\(directory.file("doc\($0).graphql")):1:12: Cannot query field \"wrong\($0)\" on type \"Viewer\".\n"
        }.joined()
        #expect(outcome.output == expected)
        #expect(outcome.exitCode == 1)
    }

    @Test func theExampleWidgetQueryIsValid() throws {
        var root = String(#filePath)
        for _ in 0..<3 { root = String(root[..<(root.lastIndex(of: "/") ?? root.startIndex)]) }
        let outcome = try Self.run([root + "/examples/widget.graphql"])
        #expect(outcome.output == "")
        #expect(outcome.exitCode == 0)
    }

    @Test func aDocumentIsNeededAtAll() {
        #expect(throws: (any Error).self) { try CheckCommand.parse([]) }
    }

    @Test func messagesStayOnOneLine() {
        let diagnostic = CheckDiagnostic(
            path: "x.graphql",
            locations: [SourceLocation(line: 1, column: 2)],
            message: "first\nsecond"
        )
        #expect(diagnostic.line == "x.graphql:1:2: first second")
        #expect(CheckDiagnostic(path: "y", locations: [], message: "m").line == "y: m")
    }
}
