import Schema
import Testing

/// graphql-js's printer-test, schema-printer-test, printString-test and blockString-test vectors.
@Suite struct PrinterTests {
    static func fixture(_ name: String) throws -> String {
        let directory = String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/") ?? #filePath.endIndex))
        return try readTextFile(directory + "/Fixtures/" + name)
    }

    @Test func printsKitchenSinkWithoutAlteringTheAST() throws {
        let text = try Self.fixture("kitchen-sink.graphql")
        let expected = try Self.fixture("kitchen-sink.printed.graphql")
        let options = ParseOptions(noLocation: true)
        let ast = try Parser.parse(text, options: options)
        let printed = Printer.print(ast)
        #expect(printed == expected)
        #expect(try Parser.parse(printed, options: options) == ast)
        #expect(Printer.print(try Parser.parse(printed)) == printed)
    }

    @Test func printsSchemaKitchenSinkWithoutAlteringTheAST() throws {
        let text = try Self.fixture("schema-kitchen-sink.graphql")
        let expected = try Self.fixture("schema-kitchen-sink.printed.graphql")
        let options = ParseOptions(noLocation: true)
        let ast = try Parser.parse(text, options: options)
        let printed = Printer.print(ast)
        #expect(printed == expected)
        #expect(try Parser.parse(printed, options: options) == ast)
    }

    static let documents: [(String, String)] = [
        ("query { id, name }", "{\n  id\n  name\n}"),
        ("mutation { id, name }", "mutation {\n  id\n  name\n}"),
        (
            "\"Query description\" query ($foo: TestType) @testDirective { id, name }",
            "\"Query description\"\nquery ($foo: TestType) @testDirective {\n  id\n  name\n}"
        ),
        (
            "\"Mutation description\" mutation ($foo: TestType) @testDirective { id, name }",
            "\"Mutation description\"\nmutation ($foo: TestType) @testDirective {\n  id\n  name\n}"
        ),
        (
            "query ($foo: TestType = {a: 123} @testDirective(if: true) @test) { id }",
            "query ($foo: TestType = {a: 123} @testDirective(if: true) @test) {\n  id\n}"
        ),
        (
            "query (\"Variable description\" $foo: TestType = {a: 123} @testDirective(if: true) @test) { id }",
            "query (\n  \"Variable description\"\n  $foo: TestType = {a: 123} @testDirective(if: true) @test\n) {\n  id\n}"
        ),
        (
            "{trip(wheelchair:false arriveBy:false){dateTime}}",
            "{\n  trip(wheelchair: false, arriveBy: false) {\n    dateTime\n  }\n}"
        ),
        (
            "{trip(wheelchair:false arriveBy:false includePlannedCancellations:true transitDistanceReluctance:2000){dateTime}}",
            """
            {
              trip(
                wheelchair: false
                arriveBy: false
                includePlannedCancellations: true
                transitDistanceReluctance: 2000
              ) {
                dateTime
              }
            }
            """
        ),
        (
            "\"Fragment description\" fragment Foo on Bar { baz }",
            "\"Fragment description\"\nfragment Foo on Bar {\n  baz\n}"
        ),
        ("scalar foo", "scalar foo"),
        (
            "{ a(x: [1, 2.5, \"s\", ENUM, null, true, {b: $v}]) }",
            "{\n  a(x: [1, 2.5, \"s\", ENUM, null, true, {b: $v}])\n}"
        ),
    ]

    @Test(arguments: documents)
    func printsDocument(_ input: String, _ expected: String) throws {
        #expect(Printer.print(try Parser.parse(input)) == expected)
    }

    @Test func printsTypes() throws {
        for text in ["MyType", "[MyType]", "MyType!", "[MyType!]!"] {
            #expect(Printer.print(try Parser.parseType(text)) == text)
        }
    }

    static let strings: [(String, String)] = [
        ("hello world", #""hello world""#),
        ("\"hello world\"", #""\"hello world\"""#),
        ("who's test", #""who's test""#),
        ("escape: \\", #""escape: \\""#),
        ("\u{8}\u{C}\n\r\t", #""\b\f\n\r\t""#),
        ("\u{0}", #""\u0000""#),
        (" ", "\" \""),
        ("\u{21BB}", "\"\u{21BB}\""),
        ("\u{1F600}", "\"\u{1F600}\""),
        ("\u{B}\u{E}\u{1F}\u{7F}\u{80}\u{9F}", #""\u000B\u000E\u001F\u007F\u0080\u009F""#),
    ]

    @Test(arguments: strings)
    func printsString(_ value: String, _ expected: String) {
        #expect(Printer.printString(value) == expected)
    }
}

@Suite struct BlockStringTests {
    static let dedentCases: [([String], [String])] = [
        ([""], []),
        (["  a"], ["  a"]),
        ([" a", "  b"], [" a", "b"]),
        (["", " a", "  b"], ["a", " b"]),
        (["", "  a", " b"], [" a", "b"]),
        (["", "  a", " b", "c"], ["  a", " b", "c"]),
        (["", "\ta", "          b"], ["a", "         b"]),
        (["", "\t a", "          b"], ["a", "        b"]),
        (["", " \t a", "          b"], ["a", "       b"]),
        (["a", "", " b"], ["a", "", "b"]),
        (["a", " ", "  b"], ["a", "", "b"]),
        (
            ["", "    Hello,", "      World!", "", "    Yours,", "      GraphQL."],
            ["Hello,", "  World!", "", "Yours,", "  GraphQL."]
        ),
        (
            ["", "", "    Hello,", "      World!", "", "    Yours,", "      GraphQL.", "", ""],
            ["Hello,", "  World!", "", "Yours,", "  GraphQL."]
        ),
        (
            ["  ", "        ", "    Hello,", "      World!", "", "    Yours,", "      GraphQL.", "        ", "  "],
            ["Hello,", "  World!", "", "Yours,", "  GraphQL."]
        ),
        (
            ["    Hello,", "      World!", "", "    Yours,", "      GraphQL."],
            ["    Hello,", "  World!", "", "Yours,", "  GraphQL."]
        ),
        (
            [
                "               ", "    Hello,     ", "      World!   ", "               ", "    Yours,     ",
                "      GraphQL. ", "               ",
            ],
            ["Hello,     ", "  World!   ", "           ", "Yours,     ", "  GraphQL. "]
        ),
    ]

    @Test(arguments: dedentCases)
    func dedents(_ lines: [String], _ expected: [String]) {
        #expect(BlockString.dedentLines(lines) == expected)
    }

    static let printableCases: [(String, Bool)] = [
        ("", true), (" a", true), ("\t\"\n\"", true), ("\t\"\n \n\t\"", false),
        (" ", false), ("\t", false), ("\t ", false), (" \t", false),
        ("\u{0}", false), ("a\u{0}b", false),
        ("\n", false), ("\n\n", false), ("\n\n\n", false), (" \n  \n", false), ("\t\n\t\t\n", false),
        ("\r", false), ("\n\r", false), ("\r\n", false), ("a\rb", false),
        ("\na", false), (" \na", false), ("\t\na", false), ("\n\na", false),
        ("a\n", false), ("a\n ", false), ("a\n\t", false), ("a\n\n", false),
    ]

    @Test(arguments: printableCases)
    func isPrintable(_ value: String, _ expected: Bool) {
        #expect(BlockString.isPrintable(value) == expected)
    }

    static let printCases: [(String, String, String)] = [
        (
            "\" \\ / \u{8} \u{C} \n \r \t", "\"\"\"\n\" \\ / \u{8} \u{C} \n \r \t\n\"\"\"",
            "\"\"\"\n\" \\ / \u{8} \u{C} \n \r \t\"\"\""
        ),
        ("one liner", "\"\"\"one liner\"\"\"", "\"\"\"one liner\"\"\""),
        (
            "triple quotation \"\"\"", "\"\"\"\ntriple quotation \\\"\"\"\n\"\"\"",
            "\"\"\"triple quotation \\\"\"\"\"\"\""
        ),
        ("    space-led string", "\"\"\"    space-led string\"\"\"", "\"\"\"    space-led string\"\"\""),
        (
            "    space-led value \"quoted string\"", "\"\"\"    space-led value \"quoted string\"\n\"\"\"",
            "\"\"\"    space-led value \"quoted string\"\n\"\"\""
        ),
        ("backslash \\", "\"\"\"\nbackslash \\\n\"\"\"", "\"\"\"backslash \\\n\"\"\""),
        ("no indent\n with indent", "\"\"\"\nno indent\n with indent\n\"\"\"", "\"\"\"\nno indent\n with indent\"\"\""),
        (
            "    first  \n  line     \nindentation\n     string",
            "\"\"\"\n    first  \n  line     \nindentation\n     string\n\"\"\"",
            "\"\"\"    first  \n  line     \nindentation\n     string\"\"\""
        ),
    ]

    @Test(arguments: printCases)
    func prints(_ value: String, _ readable: String, _ minimized: String) throws {
        #expect(BlockString.print(value) == readable)
        #expect(BlockString.print(value, minimize: true) == minimized)
        // What is printed reads back as the same value, when the value can be a block string at all.
        if BlockString.isPrintable(value), case .string(let string) = try Parser.parseValue(readable) {
            #expect(string.value == value)
        }
    }
}
