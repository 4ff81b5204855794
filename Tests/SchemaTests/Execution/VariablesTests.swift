import JSON
import Schema
import Testing

/// graphql-js's variables-test ("Execute: Handles inputs"), with its expected responses as data, plus the input
/// coercion rules of each built-in scalar and of `@oneOf` as variables and arguments meet them.
@Suite struct VariablesTests {
    struct ComplexScalar: ScalarCoercion {
        func serialize(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue { value }
        func parseValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
            guard value == "SerializedValue" else { throw ScalarCoercionError("Unexpected \(value)") }
            return "DeserializedValue"
        }
        func parseLiteral(_ value: Value, variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
            guard case .string(let string) = value, string.value == "SerializedValue" else {
                throw ScalarCoercionError("Unexpected literal")
            }
            return "DeserializedValue"
        }
    }

    static let fields = [
        "fieldWithEnumInput(input: TestEnum)",
        "fieldWithNonNullableEnumInput(input: TestEnum!)",
        "fieldWithObjectInput(input: TestInputObject)",
        "fieldWithNullableStringInput(input: String)",
        "fieldWithNonNullableStringInput(input: String!)",
        "fieldWithDefaultArgumentValue(input: String = \"Hello World\")",
        "fieldWithNonNullableStringInputAndDefaultArgumentValue(input: String! = \"Hello World\")",
        "fieldWithNestedInputObject(input: TestNestedInputObject)",
        "list(input: [String])",
        "nnList(input: [String]!)",
        "listNN(input: [String!])",
        "nnListNN(input: [String!]!)",
        "fieldWithInt(input: Int)",
        "fieldWithFloat(input: Float)",
        "fieldWithID(input: ID)",
        "fieldWithBoolean(input: Boolean)",
        "fieldWithOneOf(input: TestOneOf)",
    ]

    static let executor: Executor<Void>? = {
        let sdl = """
            schema { query: TestType }
            scalar ComplexScalar
            input TestInputObject { a: String b: [String] c: String! d: ComplexScalar }
            input TestNestedInputObject { na: TestInputObject! nb: String! }
            input TestOneOf @oneOf { a: String b: Int }
            enum TestEnum { NULL UNDEFINED NAN FALSE CUSTOM DEFAULT_VALUE }
            type TestType {
            \(fields.map { "  " + $0 + ": String" }.joined(separator: "\n"))
            }
            """
        guard let schema = try? GraphQLSchema(sdl: sdl, scalars: ["ComplexScalar": ComplexScalar()]) else { return nil }
        var resolvers = ResolverMap<Void>()
        for field in fields {
            let name = String(field.prefix { $0 != "(" })
            // As graphql-js's test does: the argument as `inspect` prints it, or null when absent.
            resolvers.sync("TestType", name) { _, arguments, _, _ in
                arguments["input"].map { .string(Inspect.describe($0)) } ?? .null
            }
        }
        return try? Executor(schema: schema, resolvers: resolvers)
    }()

    static func run(_ query: String, _ variables: JSONObject? = nil) async throws -> ExecutionResult {
        let executor = try #require(Self.executor)
        return await executor.execute(ExecutionRequest(document: try Parser.parse(query), variables: variables))
    }

    static let objectDocument = """

        query ($input: TestInputObject) {
          fieldWithObjectInput(input: $input)
        }
        """

    /// (document, variables, expected response)
    static let cases: [(String, JSONObject?, String)] = [
        // Using inline structs.
        (
            #"{ fieldWithObjectInput(input: {a: "foo", b: ["bar"], c: "baz"}) }"#, nil,
            #"{"data":{"fieldWithObjectInput":"{ a: \"foo\", b: [\"bar\"], c: \"baz\" }"}}"#
        ),
        (
            #"{ fieldWithObjectInput(input: {a: "foo", b: "bar", c: "baz"}) }"#, nil,
            #"{"data":{"fieldWithObjectInput":"{ a: \"foo\", b: [\"bar\"], c: \"baz\" }"}}"#
        ),
        (
            #"{ fieldWithObjectInput(input: {a: null, b: null, c: "C", d: null}) }"#, nil,
            #"{"data":{"fieldWithObjectInput":"{ a: null, b: null, c: \"C\", d: null }"}}"#
        ),
        (
            #"{ fieldWithObjectInput(input: {b: ["A",null,"C"], c: "C"}) }"#, nil,
            #"{"data":{"fieldWithObjectInput":"{ b: [\"A\", null, \"C\"], c: \"C\" }"}}"#
        ),
        (
            "\n{\n  fieldWithObjectInput(input: [\"foo\", \"bar\", \"baz\"])\n}", nil,
            #"""
            {"errors":[{"message":"Argument \"input\" has invalid value [\"foo\", \"bar\", \"baz\"].",
            "locations":[{"line":3,"column":31}],"path":["fieldWithObjectInput"]}],"data":{"fieldWithObjectInput":null}}
            """#
        ),
        (
            #"{ fieldWithObjectInput(input: {c: "foo", d: "SerializedValue"}) }"#, nil,
            #"{"data":{"fieldWithObjectInput":"{ c: \"foo\", d: \"DeserializedValue\" }"}}"#
        ),
        // Using variables.
        (
            objectDocument, ["input": ["a": "foo", "b": ["bar"], "c": "baz"]],
            #"{"data":{"fieldWithObjectInput":"{ a: \"foo\", b: [\"bar\"], c: \"baz\" }"}}"#
        ),
        (
            "query q($input: String) { fieldWithNullableStringInput(input: $input) }", [:],
            #"{"data":{"fieldWithNullableStringInput":null}}"#
        ),
        (
            "query q($input: String) { fieldWithNullableStringInput(input: $input) }", ["input": nil],
            #"{"data":{"fieldWithNullableStringInput":"null"}}"#
        ),
        (
            #"query ($input: TestInputObject = {a: "foo", b: ["bar"], c: "baz"}) { fieldWithObjectInput(input: $input) }"#,
            nil,
            #"{"data":{"fieldWithObjectInput":"{ a: \"foo\", b: [\"bar\"], c: \"baz\" }"}}"#
        ),
        (
            #"query q($input: String = "Default value") { fieldWithNullableStringInput(input: $input) }"#,
            ["input": "Variable value"],
            #"{"data":{"fieldWithNullableStringInput":"\"Variable value\""}}"#
        ),
        (
            #"query q($input: String = "Default value") { fieldWithNullableStringInput(input: $input) }"#,
            ["input": nil],
            #"{"data":{"fieldWithNullableStringInput":"null"}}"#
        ),
        (
            "query q($input: String = null) { fieldWithNullableStringInput(input: $input) }", [:],
            #"{"data":{"fieldWithNullableStringInput":"null"}}"#
        ),
        (
            objectDocument, ["input": ["a": "foo", "b": "bar", "c": "baz"]],
            #"{"data":{"fieldWithObjectInput":"{ a: \"foo\", b: [\"bar\"], c: \"baz\" }"}}"#
        ),
        (
            objectDocument, ["input": ["c": "foo", "d": "SerializedValue"]],
            #"{"data":{"fieldWithObjectInput":"{ c: \"foo\", d: \"DeserializedValue\" }"}}"#
        ),
        (
            objectDocument, ["input": ["a": "foo", "b": "bar", "c": nil]],
            #"""
            {"errors":[{"message":"Variable \"$input\" got invalid value null at \"input.c\"; Expected non-nullable type \"String!\" not to be null.",
            "locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            objectDocument, ["input": "foo bar"],
            #"""
            {"errors":[{"message":"Variable \"$input\" got invalid value \"foo bar\"; Expected type \"TestInputObject\" to be an object.",
            "locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            objectDocument, ["input": ["a": "foo", "b": "bar"]],
            #"""
            {"errors":[{"message":"Variable \"$input\" got invalid value { a: \"foo\", b: \"bar\" }; Field \"c\" of required type \"String!\" was not provided.",
            "locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            "\nquery ($input: TestNestedInputObject) {\n  fieldWithNestedObjectInput(input: $input)\n}",
            ["input": ["na": ["a": "foo"]]],
            #"""
            {"errors":[
            {"message":"Variable \"$input\" got invalid value { a: \"foo\" } at \"input.na\"; Field \"c\" of required type \"String!\" was not provided.",
            "locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}},
            {"message":"Variable \"$input\" got invalid value { na: { a: \"foo\" } }; Field \"nb\" of required type \"String!\" was not provided.",
            "locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            objectDocument, ["input": ["a": "foo", "b": "bar", "c": "baz", "extra": "dog"]],
            #"""
            {"errors":[{"message":"Variable \"$input\" got invalid value { a: \"foo\", b: \"bar\", c: \"baz\", extra: \"dog\" }; Field \"extra\" is not defined by type \"TestInputObject\".",
            "locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        // Enum values are their names.
        (
            "{ defaultValue: fieldWithEnumInput(input: DEFAULT_VALUE) n: fieldWithNonNullableEnumInput(input: NULL) }",
            nil,
            #"{"data":{"defaultValue":"\"DEFAULT_VALUE\"","n":"\"NULL\""}}"#
        ),
        // Nullable scalars.
        ("{ fieldWithNullableStringInput }", nil, #"{"data":{"fieldWithNullableStringInput":null}}"#),
        (
            "query ($value: String) { fieldWithNullableStringInput(input: $value) }", nil,
            #"{"data":{"fieldWithNullableStringInput":null}}"#
        ),
        (
            "query { fieldWithNullableStringInput(input: $value) }", nil,
            #"{"data":{"fieldWithNullableStringInput":null}}"#
        ),
        (
            "query ($value: String) { fieldWithNullableStringInput(input: $value) }", ["value": nil],
            #"{"data":{"fieldWithNullableStringInput":"null"}}"#
        ),
        (
            "query ($value: String) { fieldWithNullableStringInput(input: $value) }", ["value": "a"],
            #"{"data":{"fieldWithNullableStringInput":"\"a\""}}"#
        ),
        (
            #"{ fieldWithNullableStringInput(input: "a") }"#, nil,
            #"{"data":{"fieldWithNullableStringInput":"\"a\""}}"#
        ),
        // Non-nullable scalars.
        (
            #"query ($value: String! = "default") { fieldWithNullableStringInput(input: $value) }"#, nil,
            #"{"data":{"fieldWithNullableStringInput":"\"default\""}}"#
        ),
        (
            #"query ($value: String = "default") { fieldWithNonNullableStringInput(input: $value) }"#, nil,
            #"{"data":{"fieldWithNonNullableStringInput":"\"default\""}}"#
        ),
        (
            "\nquery ($value: String!) {\n  fieldWithNonNullableStringInput(input: $value)\n}", nil,
            #"""
            {"errors":[{"message":"Variable \"$value\" of required type \"String!\" was not provided.",
            "locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            "\nquery ($value: String!) {\n  fieldWithNonNullableStringInput(input: $value)\n}", ["value": nil],
            #"""
            {"errors":[{"message":"Variable \"$value\" of non-null type \"String!\" must not be null.",
            "locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            "query ($value: String!) { fieldWithNonNullableStringInput(input: $value) }", ["value": "a"],
            #"{"data":{"fieldWithNonNullableStringInput":"\"a\""}}"#
        ),
        (
            "{ fieldWithNonNullableStringInput }", nil,
            #"""
            {"errors":[{"message":"Argument \"input\" of required type \"String!\" was not provided.",
            "locations":[{"line":1,"column":3}],"path":["fieldWithNonNullableStringInput"]}],
            "data":{"fieldWithNonNullableStringInput":null}}
            """#
        ),
        (
            "\nquery ($value: String!) {\n  fieldWithNonNullableStringInput(input: $value)\n}", ["value": [1, 2, 3]],
            #"""
            {"errors":[{"message":"Variable \"$value\" got invalid value [1, 2, 3]; String cannot represent a non string value: [1, 2, 3]",
            "locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            "\n{\n  fieldWithNonNullableStringInput(input: $foo)\n}", nil,
            #"""
            {"errors":[{"message":"Argument \"input\" of required type \"String!\" was provided the variable \"$foo\" which was not provided a runtime value.",
            "locations":[{"line":3,"column":42}],"path":["fieldWithNonNullableStringInput"]}],
            "data":{"fieldWithNonNullableStringInput":null}}
            """#
        ),
        // Lists and nullability.
        ("query ($input: [String]) { list(input: $input) }", ["input": nil], #"{"data":{"list":"null"}}"#),
        ("query ($input: [String]) { list(input: $input) }", ["input": ["A"]], #"{"data":{"list":"[\"A\"]"}}"#),
        (
            "query ($input: [String]) { list(input: $input) }", ["input": ["A", nil, "B"]],
            #"{"data":{"list":"[\"A\", null, \"B\"]"}}"#
        ),
        (
            "\nquery ($input: [String]!) {\n  nnList(input: $input)\n}", ["input": nil],
            #"""
            {"errors":[{"message":"Variable \"$input\" of non-null type \"[String]!\" must not be null.",
            "locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        ("query ($input: [String]!) { nnList(input: $input) }", ["input": ["A"]], #"{"data":{"nnList":"[\"A\"]"}}"#),
        (
            "query ($input: [String]!) { nnList(input: $input) }", ["input": ["A", nil, "B"]],
            #"{"data":{"nnList":"[\"A\", null, \"B\"]"}}"#
        ),
        ("query ($input: [String!]) { listNN(input: $input) }", ["input": nil], #"{"data":{"listNN":"null"}}"#),
        ("query ($input: [String!]) { listNN(input: $input) }", ["input": ["A"]], #"{"data":{"listNN":"[\"A\"]"}}"#),
        (
            "\nquery ($input: [String!]) {\n  listNN(input: $input)\n}", ["input": ["A", nil, "B"]],
            #"""
            {"errors":[{"message":"Variable \"$input\" got invalid value null at \"input[1]\"; Expected non-nullable type \"String!\" not to be null.",
            "locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            "\nquery ($input: [String!]!) {\n  nnListNN(input: $input)\n}", ["input": nil],
            #"""
            {"errors":[{"message":"Variable \"$input\" of non-null type \"[String!]!\" must not be null.",
            "locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            "query ($input: [String!]!) { nnListNN(input: $input) }", ["input": ["A"]],
            #"{"data":{"nnListNN":"[\"A\"]"}}"#
        ),
        (
            "\nquery ($input: [String!]!) {\n  nnListNN(input: $input)\n}", ["input": ["A", nil, "B"]],
            #"""
            {"errors":[{"message":"Variable \"$input\" got invalid value null at \"input[1]\"; Expected non-nullable type \"String!\" not to be null.",
            "locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            "\nquery ($input: TestType!) {\n  fieldWithObjectInput(input: $input)\n}", ["input": ["list": ["A", "B"]]],
            #"""
            {"errors":[{"message":"Variable \"$input\" expected value of type \"TestType!\" which cannot be used as an input type.",
            "locations":[{"line":2,"column":16}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            "\nquery ($input: UnknownType!) {\n  fieldWithObjectInput(input: $input)\n}", ["input": "WhoKnows"],
            #"""
            {"errors":[{"message":"Variable \"$input\" expected value of type \"UnknownType!\" which cannot be used as an input type.",
            "locations":[{"line":2,"column":16}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        // Argument default values.
        ("{ fieldWithDefaultArgumentValue }", nil, #"{"data":{"fieldWithDefaultArgumentValue":"\"Hello World\""}}"#),
        (
            "query ($optional: String) { fieldWithDefaultArgumentValue(input: $optional) }", nil,
            #"{"data":{"fieldWithDefaultArgumentValue":"\"Hello World\""}}"#
        ),
        (
            "\n{\n  fieldWithDefaultArgumentValue(input: WRONG_TYPE)\n}", nil,
            #"""
            {"errors":[{"message":"Argument \"input\" has invalid value WRONG_TYPE.","locations":[{"line":3,"column":40}],
            "path":["fieldWithDefaultArgumentValue"]}],"data":{"fieldWithDefaultArgumentValue":null}}
            """#
        ),
        (
            "query optionalVariable($optional: String) { fieldWithNonNullableStringInputAndDefaultArgumentValue(input: $optional) }",
            nil,
            #"{"data":{"fieldWithNonNullableStringInputAndDefaultArgumentValue":"\"Hello World\""}}"#
        ),
        // Built-in scalars' input coercion through variables.
        (
            "query ($x: Int) { fieldWithInt(input: $x) }", ["x": 1.5],
            #"""
            {"errors":[{"message":"Variable \"$x\" got invalid value 1.5; Int cannot represent non-integer value: 1.5",
            "locations":[{"line":1,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            "query ($x: Int) { fieldWithInt(input: $x) }", ["x": 2_147_483_648],
            #"""
            {"errors":[{"message":"Variable \"$x\" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648",
            "locations":[{"line":1,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            "query ($x: Int) { fieldWithInt(input: $x) }", ["x": -2_147_483_648],
            #"{"data":{"fieldWithInt":"-2147483648"}}"#
        ),
        ("query ($x: Float) { fieldWithFloat(input: $x) }", ["x": 3], #"{"data":{"fieldWithFloat":"3"}}"#),
        ("query ($x: Float) { fieldWithFloat(input: $x) }", ["x": 0.5], #"{"data":{"fieldWithFloat":"0.5"}}"#),
        ("query ($x: ID) { fieldWithID(input: $x) }", ["x": 123], #"{"data":{"fieldWithID":"\"123\""}}"#),
        ("query ($x: ID) { fieldWithID(input: $x) }", ["x": "abc"], #"{"data":{"fieldWithID":"\"abc\""}}"#),
        (
            "query ($x: ID) { fieldWithID(input: $x) }", ["x": true],
            #"""
            {"errors":[{"message":"Variable \"$x\" got invalid value true; ID cannot represent value: true",
            "locations":[{"line":1,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            "query ($x: Boolean) { fieldWithBoolean(input: $x) }", ["x": 1],
            #"""
            {"errors":[{"message":"Variable \"$x\" got invalid value 1; Boolean cannot represent a non boolean value: 1",
            "locations":[{"line":1,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            "query ($x: TestEnum) { fieldWithEnumInput(input: $x) }", ["x": "CUSTOM"],
            #"{"data":{"fieldWithEnumInput":"\"CUSTOM\""}}"#
        ),
        (
            "query ($x: TestEnum) { fieldWithEnumInput(input: $x) }", ["x": "CUSTOMS"],
            #"""
            {"errors":[{"message":"Variable \"$x\" got invalid value \"CUSTOMS\"; Value \"CUSTOMS\" does not exist in \"TestEnum\" enum. Did you mean the enum value \"CUSTOM\"?",
            "locations":[{"line":1,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        // @oneOf input objects.
        (
            "query ($x: TestOneOf) { fieldWithOneOf(input: $x) }", ["x": ["a": "abc"]],
            #"{"data":{"fieldWithOneOf":"{ a: \"abc\" }"}}"#
        ),
        (
            "query ($x: TestOneOf) { fieldWithOneOf(input: $x) }", ["x": ["a": "abc", "b": 123]],
            #"""
            {"errors":[{"message":"Variable \"$x\" got invalid value { a: \"abc\", b: 123 }; Exactly one key must be specified for OneOf type \"TestOneOf\".",
            "locations":[{"line":1,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (
            "query ($x: TestOneOf) { fieldWithOneOf(input: $x) }", ["x": ["a": nil]],
            #"""
            {"errors":[{"message":"Variable \"$x\" got invalid value null at \"x.a\"; Field \"a\" must be non-null.",
            "locations":[{"line":1,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        ),
        (#"{ fieldWithOneOf(input: {b: 123}) }"#, nil, #"{"data":{"fieldWithOneOf":"{ b: 123 }"}}"#),
        (
            #"{ fieldWithOneOf(input: {a: "abc", b: 123}) }"#, nil,
            #"""
            {"errors":[{"message":"Argument \"input\" has invalid value {a: \"abc\", b: 123}.","locations":[{"line":1,"column":25}],
            "path":["fieldWithOneOf"]}],"data":{"fieldWithOneOf":null}}
            """#
        ),
        (
            "query ($b: Int) { fieldWithOneOf(input: {b: $b}) }", ["b": 7],
            #"{"data":{"fieldWithOneOf":"{ b: 7 }"}}"#
        ),
    ]

    @Test(arguments: cases.indices)
    func handlesInputs(index: Int) async throws {
        let (query, variables, expected) = Self.cases[index]
        try expectResponse(try await Self.run(query, variables), expected)
    }

    @Test func limitsTheNumberOfVariableErrors() async throws {
        let schema = try #require(Self.executor?.schema)
        let document = try Parser.parse("\nquery ($input: [String!]) {\n  listNN(input: $input)\n}")
        func error(_ value: Int) -> String {
            #"{"message":"Variable \"$input\" got invalid value \#(value) at \"input[\#(value)]\"; String cannot represent a non string value: \#(value)","locations":[{"line":2,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}"#
        }
        for (maxErrors, expected) in [
            (50, "[\(error(0)),\(error(1)),\(error(2))]"),
            (3, "[\(error(0)),\(error(1)),\(error(2))]"),
            (
                2,
                "[\(error(0)),\(error(1)),"
                    + #"{"message":"Too many errors processing variables, error limit reached. Execution aborted.","extensions":{"code":"BAD_USER_INPUT"}}]"#
            ),
        ] {
            let executor = try Executor<Void>(schema: schema, options: ExecutorOptions(maxVariableErrors: maxErrors))
            let result = await executor.execute(ExecutionRequest(document: document, variables: ["input": [0, 1, 2]]))
            try expectResponse(result, #"{"errors":\#(expected)}"#)
        }
    }

    @Test func keepsAbsentAndExplicitNullApart() async throws {
        let seen = Log<JSONObject>()
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Query", "f") { _, arguments, _, _ in
            seen.append(arguments)
            return .null
        }
        _ = try await ExecutionHarness.run(
            sdl: "input In { a: Int b: Int c: Int = 3 } type Query { f(x: Int, y: Int, z: In, w: Int = 1): String }",
            "query ($x: Int, $y: Int, $a: Int) { f(x: $x, y: $y, z: {a: $a, b: null}) }",
            resolvers: resolvers,
            variables: ["y": nil]
        )
        // x: absent (the variable was not given); y: explicit null; z.a absent, z.b null, z.c defaulted; w defaulted.
        #expect(seen.all == [["y": nil, "z": ["b": nil, "c": 3], "w": 1]])
        #expect(seen.all.first?.keys == ["y", "z", "w"])
    }
}
