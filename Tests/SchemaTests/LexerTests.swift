import Schema
import Testing

/// graphql-js's lexer-test vectors, as data. Offsets are UTF-8 byte offsets (graphql-js counts UTF-16 units),
/// so the few vectors with non-ASCII text carry byte offsets here; lines and columns are the same.
/// Vectors with lone surrogates in the source text are left out: a Swift `String` cannot hold one.
@Suite struct LexerTests {
    struct TokenCase: Sendable, CustomStringConvertible {
        var input: String
        var kind: TokenKind
        var start: Int
        var end: Int
        var value: String?
        var description: String { input.debugDescription }
    }

    struct ErrorCase: Sendable, CustomStringConvertible {
        var input: String
        var message: String
        var line: Int
        var column: Int
        var description: String { input.debugDescription }
    }

    static func lexOne(_ text: String) throws(GraphQLError) -> Token {
        var lexer = Lexer(source: Source(text))
        return try lexer.advance()
    }

    static func lexSecond(_ text: String) throws(GraphQLError) -> Token {
        var lexer = Lexer(source: Source(text))
        _ = try lexer.advance()
        return try lexer.advance()
    }

    static let tokens: [TokenCase] = [
        // BOM, line breaks, whitespace, comments and commas
        .init(input: "\u{FEFF} foo", kind: .name, start: 4, end: 7, value: "foo"),
        .init(input: "foo", kind: .name, start: 0, end: 3, value: "foo"),
        .init(input: "\n\n    foo\n\n\n", kind: .name, start: 6, end: 9, value: "foo"),
        .init(input: "\t\tfoo\t\t", kind: .name, start: 2, end: 5, value: "foo"),
        .init(input: "\n    #comment\n    foo#comment\n", kind: .name, start: 18, end: 21, value: "foo"),
        .init(input: ",,,foo,,,", kind: .name, start: 3, end: 6, value: "foo"),
        // strings
        .init(input: "\"\"", kind: .string, start: 0, end: 2, value: ""),
        .init(input: "\"simple\"", kind: .string, start: 0, end: 8, value: "simple"),
        .init(input: "\" white space \"", kind: .string, start: 0, end: 15, value: " white space "),
        .init(input: #""quote \"""#, kind: .string, start: 0, end: 10, value: "quote \""),
        .init(input: #""escaped \n\r\b\t\f""#, kind: .string, start: 0, end: 20, value: "escaped \n\r\u{8}\t\u{C}"),
        .init(input: #""slashes \\ \/""#, kind: .string, start: 0, end: 15, value: "slashes \\ /"),
        .init(
            input: "\"unescaped unicode outside BMP \u{1F600}\"",
            kind: .string,
            start: 0,
            end: 36,
            value: "unescaped unicode outside BMP \u{1F600}"
        ),
        .init(
            input: "\"unescaped maximal unicode outside BMP \u{10FFFF}\"",
            kind: .string,
            start: 0,
            end: 44,
            value: "unescaped maximal unicode outside BMP \u{10FFFF}"
        ),
        .init(
            input: #""unicode \u1234\u5678\u90AB\uCDEF""#,
            kind: .string,
            start: 0,
            end: 34,
            value: "unicode \u{1234}\u{5678}\u{90AB}\u{CDEF}"
        ),
        .init(
            input: #""unicode \u{1234}\u{5678}\u{90AB}\u{CDEF}""#,
            kind: .string,
            start: 0,
            end: 42,
            value: "unicode \u{1234}\u{5678}\u{90AB}\u{CDEF}"
        ),
        .init(
            input: #""string with unicode escape outside BMP \u{1F600}""#,
            kind: .string,
            start: 0,
            end: 50,
            value: "string with unicode escape outside BMP \u{1F600}"
        ),
        .init(
            input: #""string with minimal unicode escape \u{0}""#,
            kind: .string,
            start: 0,
            end: 42,
            value: "string with minimal unicode escape \u{0}"
        ),
        .init(
            input: #""string with maximal unicode escape \u{10FFFF}""#,
            kind: .string,
            start: 0,
            end: 47,
            value: "string with maximal unicode escape \u{10FFFF}"
        ),
        .init(
            input: #""string with maximal minimal unicode escape \u{00000000}""#,
            kind: .string,
            start: 0,
            end: 57,
            value: "string with maximal minimal unicode escape \u{0}"
        ),
        .init(
            input: #""string with unicode surrogate pair escape \uD83D\uDE00""#,
            kind: .string,
            start: 0,
            end: 56,
            value: "string with unicode surrogate pair escape \u{1F600}"
        ),
        .init(
            input: #""string with minimal surrogate pair escape \uD800\uDC00""#,
            kind: .string,
            start: 0,
            end: 56,
            value: "string with minimal surrogate pair escape \u{10000}"
        ),
        .init(
            input: #""string with maximal surrogate pair escape \uDBFF\uDFFF""#,
            kind: .string,
            start: 0,
            end: 56,
            value: "string with maximal surrogate pair escape \u{10FFFF}"
        ),
        // block strings
        .init(input: "\"\"\"\"\"\"", kind: .blockString, start: 0, end: 6, value: ""),
        .init(input: "\"\"\"simple\"\"\"", kind: .blockString, start: 0, end: 12, value: "simple"),
        .init(input: "\"\"\" white space \"\"\"", kind: .blockString, start: 0, end: 19, value: " white space "),
        .init(
            input: "\"\"\"contains \" quote\"\"\"",
            kind: .blockString,
            start: 0,
            end: 22,
            value: "contains \" quote"
        ),
        .init(
            input: #""""contains \""" triple quote""""#,
            kind: .blockString,
            start: 0,
            end: 32,
            value: "contains \"\"\" triple quote"
        ),
        .init(input: "\"\"\"multi\nline\"\"\"", kind: .blockString, start: 0, end: 16, value: "multi\nline"),
        .init(
            input: "\"\"\"multi\rline\r\nnormalized\"\"\"",
            kind: .blockString,
            start: 0,
            end: 28,
            value: "multi\nline\nnormalized"
        ),
        .init(
            input: #""""unescaped \n\r\b\t\f\u1234""""#,
            kind: .blockString,
            start: 0,
            end: 32,
            value: #"unescaped \n\r\b\t\f\u1234"#
        ),
        .init(
            input: "\"\"\"unescaped unicode outside BMP \u{1F600}\"\"\"",
            kind: .blockString,
            start: 0,
            end: 40,
            value: "unescaped unicode outside BMP \u{1F600}"
        ),
        .init(input: #""""slashes \\ \/""""#, kind: .blockString, start: 0, end: 19, value: #"slashes \\ \/"#),
        .init(
            input: "\"\"\"\n\n        spans\n          multiple\n            lines\n\n        \"\"\"",
            kind: .blockString,
            start: 0,
            end: 68,
            value: "spans\n  multiple\n    lines"
        ),
        // numbers
        .init(input: "4", kind: .int, start: 0, end: 1, value: "4"),
        .init(input: "4.123", kind: .float, start: 0, end: 5, value: "4.123"),
        .init(input: "-4", kind: .int, start: 0, end: 2, value: "-4"),
        .init(input: "9", kind: .int, start: 0, end: 1, value: "9"),
        .init(input: "0", kind: .int, start: 0, end: 1, value: "0"),
        .init(input: "-4.123", kind: .float, start: 0, end: 6, value: "-4.123"),
        .init(input: "0.123", kind: .float, start: 0, end: 5, value: "0.123"),
        .init(input: "123e4", kind: .float, start: 0, end: 5, value: "123e4"),
        .init(input: "123E4", kind: .float, start: 0, end: 5, value: "123E4"),
        .init(input: "123e-4", kind: .float, start: 0, end: 6, value: "123e-4"),
        .init(input: "123e+4", kind: .float, start: 0, end: 6, value: "123e+4"),
        .init(input: "-1.123e4", kind: .float, start: 0, end: 8, value: "-1.123e4"),
        .init(input: "-1.123E4", kind: .float, start: 0, end: 8, value: "-1.123E4"),
        .init(input: "-1.123e-4", kind: .float, start: 0, end: 9, value: "-1.123e-4"),
        .init(input: "-1.123e+4", kind: .float, start: 0, end: 9, value: "-1.123e+4"),
        .init(input: "-1.123e4567", kind: .float, start: 0, end: 11, value: "-1.123e4567"),
        // punctuators
        .init(input: "!", kind: .bang, start: 0, end: 1),
        .init(input: "$", kind: .dollar, start: 0, end: 1),
        .init(input: "&", kind: .ampersand, start: 0, end: 1),
        .init(input: "(", kind: .parenLeft, start: 0, end: 1),
        .init(input: ")", kind: .parenRight, start: 0, end: 1),
        .init(input: "...", kind: .spread, start: 0, end: 3),
        .init(input: ":", kind: .colon, start: 0, end: 1),
        .init(input: "=", kind: .equals, start: 0, end: 1),
        .init(input: "@", kind: .at, start: 0, end: 1),
        .init(input: "[", kind: .bracketLeft, start: 0, end: 1),
        .init(input: "]", kind: .bracketRight, start: 0, end: 1),
        .init(input: "{", kind: .braceLeft, start: 0, end: 1),
        .init(input: "|", kind: .pipe, start: 0, end: 1),
        .init(input: "}", kind: .braceRight, start: 0, end: 1),
    ]

    @Test(arguments: tokens)
    func lexesToken(_ testCase: TokenCase) throws {
        let token = try Self.lexOne(testCase.input)
        #expect(token.kind == testCase.kind)
        #expect(token.start == testCase.start)
        #expect(token.end == testCase.end)
        #expect(token.value == testCase.value)
        #expect(token.kind.isPunctuator == (testCase.value == nil))
    }

    static let lineCases: [(String, Int, Int, Int, Int)] = [
        ("foo", 0, 3, 1, 1),
        ("\nfoo", 1, 4, 2, 1),
        ("\rfoo", 1, 4, 2, 1),
        ("\r\nfoo", 2, 5, 2, 1),
        ("\n\rfoo", 2, 5, 3, 1),
        ("\r\r\n\nfoo", 4, 7, 4, 1),
        ("\n\n\r\rfoo", 4, 7, 5, 1),
        ("\n \r\n \r  foo\n", 8, 11, 4, 3),
    ]

    @Test(arguments: lineCases)
    func tracksLinesAndColumns(_ input: String, start: Int, end: Int, line: Int, column: Int) throws {
        let source = Source(input)
        var lexer = Lexer(source: source)
        let token = try lexer.advance()
        #expect(token.start == start)
        #expect(token.end == end)
        #expect(source.location(at: token.start) == SourceLocation(line: line, column: column))
    }

    @Test func advancesLinesAfterMultilineBlockString() throws {
        let first = "\"\"\"\n\n        spans\n          multiple\n            lines\n\n        \n \"\"\" second_token"
        let source = Source(first)
        var lexer = Lexer(source: source)
        _ = try lexer.advance()
        let token = try lexer.advance()
        #expect(token.kind == .name && token.value == "second_token")
        #expect(token.start == 71 && token.end == 83)
        #expect(source.location(at: token.start) == SourceLocation(line: 8, column: 6))

        let second = ["\"\"\" \n", "spans \r\n", "multiple \n\r", "lines \n\n", "\"\"\"\n second_token"].joined()
        let secondSource = Source(second)
        var secondLexer = Lexer(source: secondSource)
        _ = try secondLexer.advance()
        let secondToken = try secondLexer.advance()
        #expect(secondToken.start == 37 && secondToken.end == 49)
        #expect(secondSource.location(at: secondToken.start) == SourceLocation(line: 8, column: 2))
    }

    static let errors: [ErrorCase] = [
        // strings
        .init(input: "\"", message: "Syntax Error: Unterminated string.", line: 1, column: 2),
        .init(input: "\"\"\"", message: "Syntax Error: Unterminated string.", line: 1, column: 4),
        .init(input: "\"\"\"\"", message: "Syntax Error: Unterminated string.", line: 1, column: 5),
        .init(input: "\"no end quote", message: "Syntax Error: Unterminated string.", line: 1, column: 14),
        .init(
            input: "'single quotes'",
            message: "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?",
            line: 1,
            column: 1
        ),
        .init(input: "\"multi\nline\"", message: "Syntax Error: Unterminated string.", line: 1, column: 7),
        .init(input: "\"multi\rline\"", message: "Syntax Error: Unterminated string.", line: 1, column: 7),
        .init(
            input: #""bad \z esc""#,
            message: #"Syntax Error: Invalid character escape sequence: "\z"."#,
            line: 1,
            column: 6
        ),
        .init(
            input: #""bad \x esc""#,
            message: #"Syntax Error: Invalid character escape sequence: "\x"."#,
            line: 1,
            column: 6
        ),
        .init(
            input: #""bad \u1 esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\u1 es"."#,
            line: 1,
            column: 6
        ),
        .init(
            input: #""bad \u0XX1 esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\u0XX1"."#,
            line: 1,
            column: 6
        ),
        .init(
            input: #""bad \uXXXX esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\uXXXX"."#,
            line: 1,
            column: 6
        ),
        .init(
            input: #""bad \uFXXX esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\uFXXX"."#,
            line: 1,
            column: 6
        ),
        .init(
            input: #""bad \uXXXF esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\uXXXF"."#,
            line: 1,
            column: 6
        ),
        .init(
            input: #""bad \u{} esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\u{}"."#,
            line: 1,
            column: 6
        ),
        .init(
            input: #""bad \u{FXXX} esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\u{FX"."#,
            line: 1,
            column: 6
        ),
        .init(
            input: #""bad \u{FFFF esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\u{FFFF "."#,
            line: 1,
            column: 6
        ),
        .init(
            input: #""bad \u{FFFF""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\u{FFFF""."#,
            line: 1,
            column: 6
        ),
        .init(
            input: #""too high \u{110000} esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\u{110000}"."#,
            line: 1,
            column: 11
        ),
        .init(
            input: #""way too high \u{12345678} esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\u{12345678}"."#,
            line: 1,
            column: 15
        ),
        .init(
            input: #""too long \u{000000000} esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\u{000000000"."#,
            line: 1,
            column: 11
        ),
        .init(
            input: #""bad surrogate \uDEAD esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\uDEAD"."#,
            line: 1,
            column: 16
        ),
        .init(
            input: #""bad surrogate \u{DEAD} esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\u{DEAD}"."#,
            line: 1,
            column: 16
        ),
        .init(
            input: #""cannot use braces for surrogate pair \u{D83D}\u{DE00} esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\u{D83D}"."#,
            line: 1,
            column: 39
        ),
        .init(
            input: #""bad high surrogate pair \uDEAD\uDEAD esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\uDEAD"."#,
            line: 1,
            column: 26
        ),
        .init(
            input: #""bad low surrogate pair \uD800\uD800 esc""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\uD800"."#,
            line: 1,
            column: 25
        ),
        .init(
            input: #""bad \uD83D\not an escape""#,
            message: #"Syntax Error: Invalid Unicode escape sequence: "\uD83D"."#,
            line: 1,
            column: 6
        ),
        // block strings
        .init(input: "\"\"\"no end quote", message: "Syntax Error: Unterminated string.", line: 1, column: 16),
        // numbers
        .init(
            input: "00",
            message: #"Syntax Error: Invalid number, unexpected digit after 0: "0"."#,
            line: 1,
            column: 2
        ),
        .init(
            input: "01",
            message: #"Syntax Error: Invalid number, unexpected digit after 0: "1"."#,
            line: 1,
            column: 2
        ),
        .init(
            input: "01.23",
            message: #"Syntax Error: Invalid number, unexpected digit after 0: "1"."#,
            line: 1,
            column: 2
        ),
        .init(input: "+1", message: #"Syntax Error: Unexpected character: "+"."#, line: 1, column: 1),
        .init(input: "1.", message: "Syntax Error: Invalid number, expected digit but got: <EOF>.", line: 1, column: 3),
        .init(input: "1e", message: "Syntax Error: Invalid number, expected digit but got: <EOF>.", line: 1, column: 3),
        .init(input: "1E", message: "Syntax Error: Invalid number, expected digit but got: <EOF>.", line: 1, column: 3),
        .init(
            input: "1.e1",
            message: #"Syntax Error: Invalid number, expected digit but got: "e"."#,
            line: 1,
            column: 3
        ),
        .init(input: ".123", message: #"Syntax Error: Unexpected character: "."."#, line: 1, column: 1),
        .init(
            input: "1.A",
            message: #"Syntax Error: Invalid number, expected digit but got: "A"."#,
            line: 1,
            column: 3
        ),
        .init(input: "-A", message: #"Syntax Error: Invalid number, expected digit but got: "A"."#, line: 1, column: 2),
        .init(
            input: "1.0e",
            message: "Syntax Error: Invalid number, expected digit but got: <EOF>.",
            line: 1,
            column: 5
        ),
        .init(
            input: "1.0eA",
            message: #"Syntax Error: Invalid number, expected digit but got: "A"."#,
            line: 1,
            column: 5
        ),
        .init(
            input: "1.0e\"",
            message: #"Syntax Error: Invalid number, expected digit but got: '"'."#,
            line: 1,
            column: 5
        ),
        .init(
            input: "1.2e3e",
            message: #"Syntax Error: Invalid number, expected digit but got: "e"."#,
            line: 1,
            column: 6
        ),
        .init(
            input: "1.2e3.4",
            message: #"Syntax Error: Invalid number, expected digit but got: "."."#,
            line: 1,
            column: 6
        ),
        .init(
            input: "1.23.4",
            message: #"Syntax Error: Invalid number, expected digit but got: "."."#,
            line: 1,
            column: 5
        ),
        // no name start after a number
        .init(
            input: "0xF1",
            message: #"Syntax Error: Invalid number, expected digit but got: "x"."#,
            line: 1,
            column: 2
        ),
        .init(
            input: "0b10",
            message: #"Syntax Error: Invalid number, expected digit but got: "b"."#,
            line: 1,
            column: 2
        ),
        .init(
            input: "123abc",
            message: #"Syntax Error: Invalid number, expected digit but got: "a"."#,
            line: 1,
            column: 4
        ),
        .init(
            input: "1_234",
            message: #"Syntax Error: Invalid number, expected digit but got: "_"."#,
            line: 1,
            column: 2
        ),
        .init(input: "1\u{DF}", message: "Syntax Error: Unexpected character: U+00DF.", line: 1, column: 2),
        .init(
            input: "1.23f",
            message: #"Syntax Error: Invalid number, expected digit but got: "f"."#,
            line: 1,
            column: 5
        ),
        .init(
            input: "1.234_5",
            message: #"Syntax Error: Invalid number, expected digit but got: "_"."#,
            line: 1,
            column: 6
        ),
        // unknown characters
        .init(input: "..", message: #"Syntax Error: Unexpected character: "."."#, line: 1, column: 1),
        .init(input: "~", message: #"Syntax Error: Unexpected character: "~"."#, line: 1, column: 1),
        .init(input: "\u{0}", message: "Syntax Error: Unexpected character: U+0000.", line: 1, column: 1),
        .init(input: "\u{8}", message: "Syntax Error: Unexpected character: U+0008.", line: 1, column: 1),
        .init(input: "\u{AA}", message: "Syntax Error: Unexpected character: U+00AA.", line: 1, column: 1),
        .init(input: "\u{AAA}", message: "Syntax Error: Unexpected character: U+0AAA.", line: 1, column: 1),
        .init(input: "\u{203B}", message: "Syntax Error: Unexpected character: U+203B.", line: 1, column: 1),
        .init(input: "\u{1F600}", message: "Syntax Error: Unexpected character: U+1F600.", line: 1, column: 1),
        .init(input: "\u{10000}", message: "Syntax Error: Unexpected character: U+10000.", line: 1, column: 1),
        .init(input: "\u{10FFFF}", message: "Syntax Error: Unexpected character: U+10FFFF.", line: 1, column: 1),
        // dashes in names: `a` lexes, then `-b` is a bad number
        .init(
            input: "a-b",
            message: #"Syntax Error: Invalid number, expected digit but got: "b"."#,
            line: 1,
            column: 3
        ),
    ]

    @Test(arguments: errors)
    func reportsError(_ testCase: ErrorCase) {
        do {
            var lexer = Lexer(source: Source(testCase.input))
            // lexSecond, as graphql-js does: the first call may legitimately return a token.
            _ = try lexer.advance()
            _ = try lexer.advance()
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.message == testCase.message)
            #expect(error.locations == [SourceLocation(line: testCase.line, column: testCase.column)])
        }
    }

    @Test func errorsPrintAnExcerptOfTheSource() {
        do {
            _ = try Self.lexOne(["", "", " ~", ""].joined(separator: "\n"))
            Issue.record("expected a syntax error")
        } catch {
            #expect(
                error.description == """
                    Syntax Error: Unexpected character: "~".

                    GraphQL request:3:2
                    2 |
                    3 |  ~
                      |  ^
                    4 |
                    """
            )
        }
    }

    @Test func lexesComments() throws {
        let cases: [(String, Int, Int, String)] = [
            ("# Comment", 0, 9, " Comment"),
            ("# Comment\nAnother line", 0, 9, " Comment"),
            ("# Comment\r\nAnother line", 0, 9, " Comment"),
            ("# Comment \u{1F600}", 0, 14, " Comment \u{1F600}"),
        ]
        for (input, start, end, value) in cases {
            var lexer = Lexer(source: Source(input))
            let token = try lexer.advanceIncludingComments()
            #expect(token.kind == .comment && token.start == start && token.end == end && token.value == value)
        }
    }

    @Test func skipsCommentsAndEndsWithEOF() throws {
        var lexer = Lexer(source: Source("\n  {\n    #comment\n    field\n  }\n"))
        var kinds: [TokenKind] = []
        while true {
            let token = try lexer.advance()
            kinds.append(token.kind)
            if token.kind == .endOfFile { break }
        }
        #expect(kinds == [.braceLeft, .name, .braceRight, .endOfFile])
        // EOF repeats.
        #expect(try lexer.advance().kind == .endOfFile)
    }

    @Test func columnsCountUTF16UnitsLikeGraphQLJS() {
        // The emoji is four UTF-8 bytes but two UTF-16 units, so `~` (byte 7) is at column 6, as graphql-js
        // reports it.
        let source = Source("\"\u{1F600}\" ~")
        #expect(source.location(at: 7) == SourceLocation(line: 1, column: 6))
    }
}
