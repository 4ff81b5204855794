import Schema
import Testing

/// graphql-js's parser-test and schema-parser-test vectors, as data.
@Suite struct ParserTests {
    struct ErrorCase: Sendable, CustomStringConvertible {
        var input: String
        var message: String
        var line: Int
        var column: Int
        var description: String { input.debugDescription }
    }

    static func parseError(_ text: String, options: ParseOptions = .default) -> GraphQLError? {
        do {
            _ = try Parser.parse(text, options: options)
            return nil
        } catch {
            return error
        }
    }

    static let errors: [ErrorCase] = [
        // parser-test
        .init(input: "{", message: "Syntax Error: Expected Name, found <EOF>.", line: 1, column: 2),
        .init(
            input: "\n      { ...MissingOn }\n      fragment MissingOn Type\n    ",
            message: "Syntax Error: Expected \"on\", found Name \"Type\".",
            line: 3,
            column: 26
        ),
        .init(input: "{ field: {} }", message: "Syntax Error: Expected Name, found \"{\".", line: 1, column: 10),
        .init(
            input: "notAnOperation Foo { field }",
            message: "Syntax Error: Unexpected Name \"notAnOperation\".",
            line: 1,
            column: 1
        ),
        .init(input: "...", message: "Syntax Error: Unexpected \"...\".", line: 1, column: 1),
        .init(input: "{ \"\"", message: "Syntax Error: Expected Name, found String \"\".", line: 1, column: 3),
        .init(input: "query", message: "Syntax Error: Expected \"{\", found <EOF>.", line: 1, column: 6),
        .init(
            input: "query Foo($x: Complex = { a: { b: [ $var ] } }) { field }",
            message: "Syntax Error: Unexpected variable \"$var\" in constant value.",
            line: 1,
            column: 37
        ),
        .init(input: "fragment on on on { on }", message: "Syntax Error: Unexpected Name \"on\".", line: 1, column: 10),
        .init(input: "{ ...on }", message: "Syntax Error: Expected Name, found \"}\".", line: 1, column: 9),
        .init(
            input: "enum Test { VALID, true }",
            message: "Syntax Error: Name \"true\" is reserved and cannot be used for an enum value.",
            line: 1,
            column: 20
        ),
        .init(
            input: "enum Test { VALID, false }",
            message: "Syntax Error: Name \"false\" is reserved and cannot be used for an enum value.",
            line: 1,
            column: 20
        ),
        .init(
            input: "enum Test { VALID, null }",
            message: "Syntax Error: Name \"null\" is reserved and cannot be used for an enum value.",
            line: 1,
            column: 20
        ),
        .init(input: "", message: "Syntax Error: Unexpected <EOF>.", line: 1, column: 1),
        .init(input: "{ }", message: "Syntax Error: Expected Name, found \"}\".", line: 1, column: 3),
        .init(input: "{ f(a 1) }", message: "Syntax Error: Expected \":\", found Int \"1\".", line: 1, column: 7),
        // September 2025 descriptions
        .init(
            input: "\"\"\"Invalid\"\"\"\n        { __typename }",
            message: "Syntax Error: Unexpected description, descriptions are not supported on shorthand queries.",
            line: 1,
            column: 1
        ),
        // schema-parser-test
        .init(input: "\"Description\" 1", message: "Syntax Error: Unexpected Int \"1\".", line: 1, column: 15),
        .init(input: "extend scalar Hello", message: "Syntax Error: Unexpected <EOF>.", line: 1, column: 20),
        .init(input: "extend type Hello", message: "Syntax Error: Unexpected <EOF>.", line: 1, column: 18),
        .init(input: "extend interface Hello", message: "Syntax Error: Unexpected <EOF>.", line: 1, column: 23),
        .init(input: "extend union Hello", message: "Syntax Error: Unexpected <EOF>.", line: 1, column: 19),
        .init(input: "extend enum Hello", message: "Syntax Error: Unexpected <EOF>.", line: 1, column: 18),
        .init(input: "extend input Hello", message: "Syntax Error: Unexpected <EOF>.", line: 1, column: 19),
        .init(
            input: "\n      \"Description\"\n      extend type Hello {\n        world: String\n      }\n    ",
            message: "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.",
            line: 2,
            column: 7
        ),
        .init(
            input: "\n      extend \"Description\" type Hello {\n        world: String\n      }\n    ",
            message: "Syntax Error: Unexpected String \"Description\".",
            line: 2,
            column: 14
        ),
        .init(
            input: "\n      \"Description\"\n      extend interface Hello {\n        world: String\n      }\n    ",
            message: "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.",
            line: 2,
            column: 7
        ),
        .init(input: "extend schema", message: "Syntax Error: Unexpected <EOF>.", line: 1, column: 14),
        .init(
            input: "extend schema { unknown: SomeType }",
            message: "Syntax Error: Unexpected Name \"unknown\".",
            line: 1,
            column: 17
        ),
        .init(input: "union Hello = |", message: "Syntax Error: Expected Name, found <EOF>.", line: 1, column: 16),
        .init(
            input: "union Hello = || Wo | Rld",
            message: "Syntax Error: Expected Name, found \"|\".",
            line: 1,
            column: 16
        ),
        .init(
            input: "union Hello = Wo || Rld",
            message: "Syntax Error: Expected Name, found \"|\".",
            line: 1,
            column: 19
        ),
        .init(
            input: "union Hello = | Wo | Rld |",
            message: "Syntax Error: Expected Name, found <EOF>.",
            line: 1,
            column: 27
        ),
        .init(
            input: "\n      input Hello {\n        world(foo: Int): String\n      }\n    ",
            message: "Syntax Error: Expected \":\", found \"(\".",
            line: 3,
            column: 14
        ),
        .init(
            input: "directive @foo on FIELD | INCORRECT_LOCATION",
            message: "Syntax Error: Unexpected Name \"INCORRECT_LOCATION\".",
            line: 1,
            column: 27
        ),
    ]

    @Test(arguments: errors)
    func reportsSyntaxError(_ testCase: ErrorCase) throws {
        let error = try #require(Self.parseError(testCase.input))
        #expect(error.message == testCase.message)
        #expect(error.locations == [SourceLocation(line: testCase.line, column: testCase.column)])
    }

    @Test func errorDescriptionNamesTheSource() {
        do {
            _ = try Parser.parse(Source("query", name: "MyQuery.graphql"))
            Issue.record("expected a syntax error")
        } catch {
            #expect(
                error.description == """
                    Syntax Error: Expected "{", found <EOF>.

                    MyQuery.graphql:1:6
                    1 | query
                      |      ^
                    """
            )
        }
    }

    static let accepted: [String] = [
        "{ field(complex: { a: { b: [ $var ] } }) }",
        "query Foo($x: Boolean = false @bar) { field }",
        "mutation {\n  mutationField\n}",
        "subscription {\n  subscriptionField\n}",
        "mutation Foo {\n  mutationField\n}",
        "subscription Foo {\n  subscriptionField\n}",
        "\"desc\" query Q { a }",
        "query (\"desc\" $foo: Int = 42 @dir) { field(foo: $foo) }",
        "\"\"\"frag\"\"\" fragment F on T { a }",
        "type Hello implements & Wo & rld { field: String }",
        "directive @foo repeatable on OBJECT | INTERFACE",
        "interface Hello implements World { field: String }",
        "input I @oneOf { a: Int, b: String }",
        "extend schema @directive",
    ]

    @Test(arguments: accepted)
    func parses(_ text: String) throws {
        _ = try Parser.parse(text)
    }

    @Test func allowsNonKeywordsAnywhereANameIsAllowed() throws {
        for keyword in ["on", "fragment", "query", "mutation", "subscription", "true", "false"] {
            // A fragment cannot be named `on`.
            let fragmentName = keyword != "on" ? keyword : "a"
            let document = """
                query \(keyword) {
                  ... \(fragmentName)
                  ... on \(keyword) { field }
                }
                fragment \(fragmentName) on Type {
                  \(keyword)(\(keyword): $\(keyword))
                    @\(keyword)(\(keyword): \(keyword))
                }
                """
            _ = try Parser.parse(document)
        }
    }

    @Test func parsesMultiByteCharacters() throws {
        // U+0A0A could be naively read as two line feeds.
        let document = try Parser.parse(
            """
            # This comment has a \u{0A0A} multi-byte character.
            { field(arg: "Has a \u{0A0A} multi-byte character.") }
            """
        )
        guard case .operation(let operation) = document.definitions.first,
            case .field(let field) = operation.selectionSet.selections.first,
            case .string(let string) = field.arguments.first?.value
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(string.value == "Has a \u{0A0A} multi-byte character.")
    }

    // MARK: AST shapes with locations

    private static func name(_ value: String, _ start: Int, _ end: Int) -> Name {
        Name(value, location: Location(start: start, end: end))
    }

    private static func named(_ value: String, _ start: Int, _ end: Int) -> TypeReference {
        .named(NamedType(name: name(value, start, end), location: Location(start: start, end: end)))
    }

    private static func loc(_ start: Int, _ end: Int) -> Location { Location(start: start, end: end) }

    @Test func createsAST() throws {
        let document = try Parser.parse("{\n  node(id: 4) {\n    id,\n    name\n  }\n}")
        let expected = Document(
            definitions: [
                .operation(
                    OperationDefinition(
                        operation: .query,
                        selectionSet: SelectionSet(
                            selections: [
                                .field(
                                    Field(
                                        name: Self.name("node", 4, 8),
                                        arguments: [
                                            Argument(
                                                name: Self.name("id", 9, 11),
                                                value: .int(IntValue("4", location: Self.loc(13, 14))),
                                                location: Self.loc(9, 14)
                                            )
                                        ],
                                        selectionSet: SelectionSet(
                                            selections: [
                                                .field(
                                                    Field(name: Self.name("id", 22, 24), location: Self.loc(22, 24))
                                                ),
                                                .field(
                                                    Field(name: Self.name("name", 30, 34), location: Self.loc(30, 34))
                                                ),
                                            ],
                                            location: Self.loc(16, 38)
                                        ),
                                        location: Self.loc(4, 38)
                                    )
                                )
                            ],
                            location: Self.loc(0, 40)
                        ),
                        location: Self.loc(0, 40)
                    )
                )
            ],
            location: Self.loc(0, 40)
        )
        #expect(document == expected)
    }

    @Test func simpleType() throws {
        let document = try Parser.parse("type Hello {\n  world: String\n}")
        let expected = Document(
            definitions: [
                .type(
                    .object(
                        ObjectTypeDefinition(
                            name: Self.name("Hello", 5, 10),
                            fields: [
                                FieldDefinition(
                                    name: Self.name("world", 15, 20),
                                    type: Self.named("String", 22, 28),
                                    location: Self.loc(15, 28)
                                )
                            ],
                            location: Self.loc(0, 30)
                        )
                    )
                )
            ],
            location: Self.loc(0, 30)
        )
        #expect(document == expected)
    }

    @Test func descriptions() throws {
        let single = try Parser.parse("\"Description\"\ntype Hello {\n  world: String\n}")
        guard case .type(let type) = single.definitions.first else { throw Failure("not a type") }
        #expect(type.description == StringValue("Description", block: false, location: Self.loc(0, 13)))

        let block = try Parser.parse(
            "\"\"\"\nDescription\n\"\"\"\n# Even with comments between them\ntype Hello {\n  world: String\n}"
        )
        guard case .type(let blockType) = block.definitions.first else { throw Failure("not a type") }
        #expect(blockType.description == StringValue("Description", block: true, location: Self.loc(0, 19)))

        let operation = try Parser.parse("\"Query description\" query Q($a: Int) { a }")
        guard case .operation(let op) = operation.definitions.first else { throw Failure("not an operation") }
        #expect(op.description?.value == "Query description")
        #expect(op.location.start == 0)
    }

    @Test func objectExtensionWithFields() throws {
        let document = try Parser.parse("extend type Hello { name: String @deprecated }")
        let expected = Definition.typeExtension(
            .object(
                ObjectTypeExtension(
                    name: Self.name("Hello", 12, 17),
                    fields: [
                        FieldDefinition(
                            name: Self.name("name", 20, 24),
                            type: Self.named("String", 26, 32),
                            directives: [Directive(name: Self.name("deprecated", 34, 44), location: Self.loc(33, 44))],
                            location: Self.loc(20, 44)
                        )
                    ],
                    location: Self.loc(0, 46)
                )
            )
        )
        #expect(document.definitions == [expected])
        #expect(document.location == Self.loc(0, 46))
    }

    @Test func extensionsFollowedByExtensions() throws {
        let document = try Parser.parse(
            "\n      extend type Hello implements Greeting\n\n      extend type Hello implements SecondGreeting\n    "
        )
        #expect(
            document.definitions == [
                .typeExtension(
                    .object(
                        ObjectTypeExtension(
                            name: Self.name("Hello", 19, 24),
                            interfaces: [NamedType(name: Self.name("Greeting", 36, 44), location: Self.loc(36, 44))],
                            location: Self.loc(7, 44)
                        )
                    )
                ),
                .typeExtension(
                    .object(
                        ObjectTypeExtension(
                            name: Self.name("Hello", 64, 69),
                            interfaces: [
                                NamedType(name: Self.name("SecondGreeting", 81, 95), location: Self.loc(81, 95))
                            ],
                            location: Self.loc(52, 95)
                        )
                    )
                ),
            ]
        )
        #expect(document.location == Self.loc(0, 100))
    }

    @Test func schemaExtension() throws {
        let document = try Parser.parse("\n      extend schema {\n        mutation: Mutation\n      }")
        #expect(
            document.definitions == [
                .schemaExtension(
                    SchemaExtension(
                        operationTypes: [
                            OperationTypeDefinition(
                                operation: .mutation,
                                type: NamedType(name: Self.name("Mutation", 41, 49), location: Self.loc(41, 49)),
                                location: Self.loc(31, 49)
                            )
                        ],
                        location: Self.loc(7, 57)
                    )
                )
            ]
        )
    }

    @Test func fieldWithArgumentsAndDefaults() throws {
        let document = try Parser.parse("type Hello {\n  world(flag: Boolean = true, things: [String]): String\n}")
        guard case .type(.object(let object)) = document.definitions.first, let field = object.fields.first else {
            throw Failure("unexpected shape")
        }
        #expect(
            field.arguments == [
                InputValueDefinition(
                    name: Self.name("flag", 21, 25),
                    type: Self.named("Boolean", 27, 34),
                    defaultValue: .boolean(BooleanValue(true, location: Self.loc(37, 41))),
                    location: Self.loc(21, 41)
                ),
                InputValueDefinition(
                    name: Self.name("things", 43, 49),
                    type: .list(ListType(Self.named("String", 52, 58), location: Self.loc(51, 59))),
                    location: Self.loc(43, 59)
                ),
            ]
        )
    }

    @Test func unionsEnumsInputsAndDirectives() throws {
        let union = try Parser.parse("union Hello = | Wo | Rld")
        #expect(
            union.definitions == [
                .type(
                    .union(
                        UnionTypeDefinition(
                            name: Self.name("Hello", 6, 11),
                            types: [
                                NamedType(name: Self.name("Wo", 16, 18), location: Self.loc(16, 18)),
                                NamedType(name: Self.name("Rld", 21, 24), location: Self.loc(21, 24)),
                            ],
                            location: Self.loc(0, 24)
                        )
                    )
                )
            ]
        )
        let enumType = try Parser.parse("enum Hello { WO, RLD }")
        #expect(
            enumType.definitions == [
                .type(
                    .enumType(
                        EnumTypeDefinition(
                            name: Self.name("Hello", 5, 10),
                            values: [
                                EnumValueDefinition(name: Self.name("WO", 13, 15), location: Self.loc(13, 15)),
                                EnumValueDefinition(name: Self.name("RLD", 17, 20), location: Self.loc(17, 20)),
                            ],
                            location: Self.loc(0, 22)
                        )
                    )
                )
            ]
        )
        let input = try Parser.parse("\ninput Hello {\n  world: String\n}")
        #expect(
            input.definitions == [
                .type(
                    .inputObject(
                        InputObjectTypeDefinition(
                            name: Self.name("Hello", 7, 12),
                            fields: [
                                InputValueDefinition(
                                    name: Self.name("world", 17, 22),
                                    type: Self.named("String", 24, 30),
                                    location: Self.loc(17, 30)
                                )
                            ],
                            location: Self.loc(1, 32)
                        )
                    )
                )
            ]
        )
        let directive = try Parser.parse("directive @foo repeatable on OBJECT | INTERFACE")
        #expect(
            directive.definitions == [
                .directive(
                    DirectiveDefinition(
                        name: Self.name("foo", 11, 14),
                        repeatable: true,
                        locations: [Self.name("OBJECT", 29, 35), Self.name("INTERFACE", 38, 47)],
                        location: Self.loc(0, 47)
                    )
                )
            ]
        )
    }

    // MARK: parseValue, parseConstValue, parseType

    @Test func parsesValues() throws {
        #expect(try Parser.parseValue("null") == .null(NullValue(location: Self.loc(0, 4))))
        #expect(
            try Parser.parseValue("[123 \"abc\"]")
                == .list(
                    ListValue(
                        [
                            .int(IntValue("123", location: Self.loc(1, 4))),
                            .string(StringValue("abc", location: Self.loc(5, 10))),
                        ],
                        location: Self.loc(0, 11)
                    )
                )
        )
        #expect(
            try Parser.parseValue("[\"\"\"long\"\"\" \"short\"]")
                == .list(
                    ListValue(
                        [
                            .string(StringValue("long", block: true, location: Self.loc(1, 11))),
                            .string(StringValue("short", location: Self.loc(12, 19))),
                        ],
                        location: Self.loc(0, 20)
                    )
                )
        )
        #expect(
            try Parser.parseValue("{ field: $var }")
                == .object(
                    ObjectValue(
                        [
                            ObjectField(
                                name: Self.name("field", 2, 7),
                                value: .variable(Variable(name: Self.name("var", 10, 13), location: Self.loc(9, 13))),
                                location: Self.loc(2, 13)
                            )
                        ],
                        location: Self.loc(0, 15)
                    )
                )
        )
        #expect(try Parser.parseConstValue("[123 \"abc\"]") == Parser.parseValue("[123 \"abc\"]"))
    }

    @Test func valueErrors() {
        let cases: [(String, Bool, String, Int)] = [
            ("$", false, "Syntax Error: Expected Name, found <EOF>.", 2),
            (":", false, "Syntax Error: Unexpected \":\".", 1),
            ("{ field: $var }", true, "Syntax Error: Unexpected variable \"$var\" in constant value.", 10),
            ("$", true, "Syntax Error: Unexpected \"$\".", 1),
        ]
        for (text, isConst, message, column) in cases {
            do {
                _ = isConst ? try Parser.parseConstValue(text) : try Parser.parseValue(text)
                Issue.record("expected an error for \(text)")
            } catch {
                #expect(error.message == message)
                #expect(error.locations == [SourceLocation(line: 1, column: column)])
            }
        }
    }

    @Test func parsesTypes() throws {
        #expect(try Parser.parseType("String") == Self.named("String", 0, 6))
        #expect(
            try Parser.parseType("[MyType]") == .list(ListType(Self.named("MyType", 1, 7), location: Self.loc(0, 8)))
        )
        #expect(
            try Parser.parseType("MyType!")
                == .nonNull(NonNullType(Self.named("MyType", 0, 6), location: Self.loc(0, 7)))
        )
        #expect(
            try Parser.parseType("[MyType!]")
                == .list(
                    ListType(
                        .nonNull(NonNullType(Self.named("MyType", 1, 7), location: Self.loc(1, 8))),
                        location: Self.loc(0, 9)
                    )
                )
        )
        #expect(try Parser.parseType("[[Int!]]!").description == "[[Int!]]!")
    }

    // MARK: Limits

    @Test func limitsTokens() {
        #expect(Self.parseError("{ foo }", options: ParseOptions(maxTokens: 3)) == nil)
        #expect(
            Self.parseError("{ foo }", options: ParseOptions(maxTokens: 2))?.message
                == "Syntax Error: Document contains more than 2 tokens. Parsing aborted."
        )
        #expect(Self.parseError("{ foo(bar: \"baz\") }", options: ParseOptions(maxTokens: 8)) == nil)
        #expect(
            Self.parseError("{ foo(bar: \"baz\") }", options: ParseOptions(maxTokens: 7))?.message
                == "Syntax Error: Document contains more than 7 tokens. Parsing aborted."
        )
        // Comments are not tokens.
        #expect(Self.parseError("# one\n# two\n{ foo }", options: ParseOptions(maxTokens: 3)) == nil)
    }

    @Test func limitsDocumentSize() {
        let error = Self.parseError("{ foo }", options: ParseOptions(maxDocumentBytes: 6))
        #expect(error?.message == "Syntax Error: Document is larger than 6 bytes. Parsing aborted.")
        #expect(Self.parseError("{ foo }", options: ParseOptions(maxDocumentBytes: 7)) == nil)
        #expect(Self.parseError("{ f(a: \"\u{E9}\") }", options: ParseOptions(maxDocumentBytes: 13)) != nil)
    }

    static let deepDocuments: [(String, String)] = [
        ("selection sets", String(repeating: "{a", count: 10_000) + String(repeating: "}", count: 10_000)),
        ("unclosed selection sets", String(repeating: "{a", count: 10_000)),
        (
            "list values",
            "{ f(a: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + ") }"
        ),
        (
            "object values",
            "{ f(a: " + String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000) + ") }"
        ),
        (
            "list types",
            "query ($a: " + String(repeating: "[", count: 10_000) + "Int" + String(repeating: "]", count: 10_000)
                + ") { a }"
        ),
        ("unclosed lists", "{ f(a: " + String(repeating: "[", count: 10_000)),
    ]

    @Test(arguments: deepDocuments)
    func deepNestingIsAnErrorNotACrash(_ label: String, _ text: String) {
        let unlimited = ParseOptions(maxTokens: nil, maxDocumentBytes: nil)
        let error = Self.parseError(text, options: unlimited)
        let limit = ParseOptions.default.maxNestingDepth
        #expect(
            error?.message == "Syntax Error: Document nests more than \(limit) levels deep. Parsing aborted.",
            "\(label)"
        )
        #expect(error?.locations.count == 1)
    }

    @Test func nestingUpToTheLimitParses() throws {
        let depth = ParseOptions.default.maxNestingDepth
        // The operation's own selection set is level 1.
        let text = String(repeating: "{a", count: depth) + String(repeating: "}", count: depth)
        _ = try Parser.parse(text)
        #expect(Self.parseError("{a" + text + "}")?.message.contains("nests more than") == true)
        #expect(Self.parseError("{a{a{a}}}", options: ParseOptions(maxNestingDepth: 2)) != nil)
    }

    @Test func noLocationGivesComparableASTs() throws {
        let options = ParseOptions(noLocation: true)
        let compact = try Parser.parse("{a(x:1){b}}", options: options)
        let spaced = try Parser.parse("{\n  a(x: 1) {\n    b\n  }\n}\n", options: options)
        #expect(compact == spaced)
        #expect(compact.location == .none)
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

@Suite struct ParserStackTests {
    /// Documents at the default nesting limit can be parsed, printed, re-parsed and freed on a 512 KiB stack
    /// (macOS's default for secondary threads, the smallest the gateway may run on), even in a debug build.
    /// (Comparing two deep ASTs with `==` is left out: the synthesized conformances recurse with debug frames
    /// of several kilobytes per level.)
    @Test func defaultLimitFitsASmallStack() {
        let depth = ParseOptions.default.maxNestingDepth
        let selections = String(repeating: "{a", count: depth) + String(repeating: "}", count: depth)
        let lists =
            "{ f(a: " + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + ") }"
        let objects =
            "{ f(a: " + String(repeating: "{a: ", count: depth - 1) + "1" + String(repeating: "}", count: depth - 1)
            + ") }"
        let types =
            "query ($a: " + String(repeating: "[", count: depth) + "Int" + String(repeating: "]", count: depth)
            + ") { a }"
        runOnThread(stackSize: 512 * 1024) {
            for text in [selections, lists, objects, types] {
                do throws(GraphQLError) {
                    let document = try Parser.parse(text, options: ParseOptions(maxTokens: nil))
                    let again = try Parser.parse(Printer.print(document), options: ParseOptions(maxTokens: nil))
                    #expect(document.definitions.count == again.definitions.count)
                    #expect(Printer.print(again) == Printer.print(document))
                } catch {
                    Issue.record("\(error.message)")
                }
            }
        }
    }
}
