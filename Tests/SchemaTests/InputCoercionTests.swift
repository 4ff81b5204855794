import JSON
import Schema
import Testing

/// graphql-js's coerceInputValue-test and valueFromAST-test vectors, against a schema built from SDL (the
/// suggestion vectors checked against graphql-core 3.2.8's `suggestion_list`).
@Suite struct InputCoercionTests {
    static let schema: GraphQLSchema? = try? GraphQLSchema(
        sdl: """
            type Query { f(a: TestInputObject, b: TestEnum, c: OneOf, d: WithDefaults, e: [[Int]], g: [Int!], h: Float, i: ID): Int }
            input TestInputObject { foo: Int!, bar: Int }
            enum TestEnum { FOO BAR }
            input OneOf @oneOf { foo: Int, bar: Int }
            input WithDefaults { foo: Int = 42, nothing: Int = null, nested: TestInputObject = {foo: 1}, plain: Int }
            """
    )

    static func type(_ text: String) throws -> GraphQLType {
        let schema = try #require(Self.schema)
        return try #require(schema.type(from: try Parser.parseType(text)))
    }

    struct Failure: Sendable, Equatable, CustomStringConvertible {
        var message: String
        var path: [PathComponent]
        var description: String { "\(path): \(message)" }
    }

    static func coerce(_ value: JSONValue?, _ typeText: String) throws -> (JSONValue?, [Failure]) {
        let schema = try #require(Self.schema)
        var failures: [Failure] = []
        let result = schema.coerceInputValue(value, to: try Self.type(typeText)) { error in
            failures.append(Failure(message: error.message, path: error.path))
        }
        return (result, failures)
    }

    static let valueCases: [(JSONValue?, String, JSONValue?, [Failure])] = [
        (1, "Int!", 1, []),
        (nil, "Int!", nil, [Failure(message: "Expected non-nullable type \"Int!\" not to be null.", path: [])]),
        (.null, "Int!", nil, [Failure(message: "Expected non-nullable type \"Int!\" not to be null.", path: [])]),
        (.null, "Int", .null, []),
        ("abc", "Int", nil, [Failure(message: "Int cannot represent non-integer value: \"abc\"", path: [])]),
        ("FOO", "TestEnum", "FOO", []),
        (
            "foo", "TestEnum", nil,
            [
                Failure(
                    message: "Value \"foo\" does not exist in \"TestEnum\" enum. Did you mean the enum value \"FOO\"?",
                    path: []
                )
            ]
        ),
        (
            123, "TestEnum", nil,
            [Failure(message: "Enum \"TestEnum\" cannot represent non-string value: 123.", path: [])]
        ),
        (["foo": 123], "TestInputObject", ["foo": 123], []),
        (
            123, "TestInputObject", nil,
            [Failure(message: "Expected type \"TestInputObject\" to be an object.", path: [])]
        ),
        (
            ["foo": 1.5], "TestInputObject", ["foo": nil],
            [Failure(message: "Int cannot represent non-integer value: 1.5", path: [.key("foo")])]
        ),
        (
            ["bar": 123], "TestInputObject", ["bar": 123],
            [Failure(message: "Field \"foo\" of required type \"Int!\" was not provided.", path: [])]
        ),
        (
            ["foo": 123, "unknownField": 123], "TestInputObject", ["foo": 123],
            [Failure(message: "Field \"unknownField\" is not defined by type \"TestInputObject\".", path: [])]
        ),
        (
            ["foo": 123, "bart": 123], "TestInputObject", ["foo": 123],
            [
                Failure(
                    message: "Field \"bart\" is not defined by type \"TestInputObject\". Did you mean \"bar\"?",
                    path: []
                )
            ]
        ),
        (["foo": 123], "OneOf", ["foo": 123], []),
        (
            ["foo": 123, "bar": nil], "OneOf", ["foo": 123, "bar": nil],
            [Failure(message: "Exactly one key must be specified for OneOf type \"OneOf\".", path: [])]
        ),
        (
            ["foo": nil], "OneOf", ["foo": nil],
            [Failure(message: "Field \"foo\" must be non-null.", path: [.key("foo")])]
        ),
        (
            [:], "WithDefaults", ["foo": 42, "nothing": nil, "nested": ["foo": 1]], []
        ),
        (["plain": 1, "foo": 7], "WithDefaults", ["foo": 7, "nothing": nil, "nested": ["foo": 1], "plain": 1], []),
        ([1, 2, 3], "[Int]", [1, 2, 3], []),
        (
            [1, "b", true, 4], "[Int]", [1, nil, nil, 4],
            [
                Failure(message: "Int cannot represent non-integer value: \"b\"", path: [.index(1)]),
                Failure(message: "Int cannot represent non-integer value: true", path: [.index(2)]),
            ]
        ),
        (42, "[Int]", [42], []),
        (.null, "[Int]", .null, []),
        ([[1], [2, 3]], "[[Int]]", [[1], [2, 3]], []),
        (42, "[[Int]]", [[42]], []),
        ([42], "[[Int]]", [[42]], []),
    ]

    @Test(arguments: valueCases.indices)
    func coercesVariableValue(_ index: Int) throws {
        let (input, type, expected, failures) = Self.valueCases[index]
        let (result, errors) = try Self.coerce(input, type)
        #expect(errors == failures, "\(String(describing: input)) as \(type)")
        if failures.isEmpty { #expect(result == expected, "\(String(describing: input)) as \(type)") }
    }

    static let literalCases: [(String, String, JSONValue?)] = [
        ("true", "Boolean", true), ("false", "Boolean", false), ("123", "Int", 123), ("123", "Float", 123.0),
        ("45.6", "Float", 45.6), ("\"abc\"", "String", "abc"), ("123", "ID", "123"), ("\"abc\"", "ID", "abc"),
        ("123", "Boolean", nil), ("123.456", "Int", nil), ("true", "Int", nil), ("\"123\"", "Int", nil),
        ("\"123\"", "Float", nil), ("123", "String", nil), ("false", "String", nil), ("123.456", "ID", nil),
        ("FOO", "TestEnum", "FOO"), ("\"FOO\"", "TestEnum", nil), ("foo", "TestEnum", nil),
        ("null", "Boolean!", nil), ("null", "Boolean", .null),
        ("[1, 2]", "[Int]", [1, 2]), ("1", "[Int]", [1]), ("[1, null]", "[Int!]", nil), ("null", "[Int]", .null),
        ("[[1], 2]", "[[Int]]", [[1], [2]]),
        ("{foo: 1}", "TestInputObject", ["foo": 1]), ("{bar: 1}", "TestInputObject", nil),
        ("{foo: 1, bar: null}", "TestInputObject", ["foo": 1, "bar": nil]),
        ("{foo: 1, baz: 2}", "TestInputObject", nil), ("[{foo: 1}]", "TestInputObject", nil),
        ("{foo: 1}", "OneOf", ["foo": 1]), ("{foo: 1, bar: 2}", "OneOf", nil), ("{foo: null}", "OneOf", nil),
        ("{}", "WithDefaults", ["foo": 42, "nothing": nil, "nested": ["foo": 1]]),
    ]

    @Test(arguments: literalCases)
    func coercesLiteral(_ literal: String, _ typeText: String, _ expected: JSONValue?) throws {
        let schema = try #require(Self.schema)
        let value = try Parser.parseValue(literal)
        let type = try Self.type(typeText)
        do throws(InputCoercionError) {
            let result = try schema.coerceLiteral(value, to: type, variables: nil)
            #expect(result == expected, "\(literal) as \(typeText)")
        } catch {
            #expect(expected == nil, "\(literal) as \(typeText): \(error.message)")
        }
    }

    @Test func coercesLiteralsWithVariables() throws {
        let schema = try #require(Self.schema)
        let variables: JSONObject = ["int": 1, "null": nil, "object": ["foo": 3]]
        func coerce(_ literal: String, _ type: String) throws -> JSONValue? {
            try schema.coerceLiteral(try Parser.parseValue(literal), to: try Self.type(type), variables: variables)
        }
        #expect(try coerce("$int", "Int") == 1)
        #expect(try coerce("$missing", "Int") == nil)
        #expect(try coerce("$null", "Int") == .null)
        #expect(throws: InputCoercionError.self) { try coerce("$null", "Int!") }
        // A missing variable in a list is null; in a list of non-null elements it is an error.
        #expect(try coerce("[$int, $missing]", "[Int]") == [1, nil])
        #expect(throws: InputCoercionError.self) { try coerce("[$int, $missing]", "[Int!]") }
        // A missing variable in an object takes the field's default, or leaves it out.
        #expect(
            try coerce("{foo: $missing, plain: $missing}", "WithDefaults") == [
                "foo": 42, "nothing": nil, "nested": ["foo": 1],
            ]
        )
        #expect(try coerce("{foo: $int, bar: $missing}", "TestInputObject") == ["foo": 1])
        #expect(throws: InputCoercionError.self) { try coerce("{foo: $missing}", "TestInputObject") }
        #expect(try coerce("$object", "TestInputObject") == ["foo": 3])
    }

    @Test func literalErrorsSayWhatAndWhere() throws {
        let schema = try #require(Self.schema)
        let value = try Parser.parseValue("{foo: 1, bar: \"x\"}")
        let type = try Self.type("TestInputObject")
        do throws(InputCoercionError) {
            _ = try schema.coerceLiteral(value, to: type, variables: nil)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "Int cannot represent non-integer value: \"x\"")
            #expect(error.path == [.key("bar")])
            #expect(error.location == Location(start: 14, end: 17))
        }
    }

    @Test func suggestionsFollowGraphQLJS() {
        #expect(Suggestions.list(for: "bart", among: ["bar", "baz", "foo"]) == ["bar", "baz"])
        #expect(Suggestions.list(for: "GREEN", among: ["RED", "GREEN", "green"]) == ["GREEN", "green", "RED"])
        #expect(Suggestions.list(for: "x", among: ["y", "xx"]) == ["xx", "y"])
        #expect(Suggestions.list(for: "abc", among: ["xyz"]).isEmpty)
        #expect(Suggestions.list(for: "ab", among: ["ba", "bc"]) == ["ba"])
        #expect(Suggestions.list(for: "f10", among: ["f9", "f2", "f1"]) == ["f1", "f2", "f9"])
        #expect(Suggestions.didYouMean([]) == "")
        #expect(Suggestions.didYouMean(["A"]) == " Did you mean \"A\"?")
        #expect(Suggestions.didYouMean(["A", "B"]) == " Did you mean \"A\" or \"B\"?")
        #expect(Suggestions.didYouMean(["A", "B", "C"]) == " Did you mean \"A\", \"B\", or \"C\"?")
        #expect(
            Suggestions.didYouMean(["A", "B", "C", "D", "E", "F"], subMessage: "the enum value")
                == " Did you mean the enum value \"A\", \"B\", \"C\", \"D\", or \"E\"?"
        )
    }
}

/// graphql-js's astFromValue-test vectors (what introspection prints as default values).
@Suite struct ValueLiteralTests {
    static let schema: GraphQLSchema? = try? GraphQLSchema(
        sdl: """
            type Query { f(a: In, b: [Color], c: Float, d: ID, e: Boolean, g: Int!, h: [Int!]): Int }
            input In { foo: Float, bar: Color, list: [Int] }
            enum Color { RED GREEN }
            """
    )

    static func printed(_ value: JSONValue, _ typeText: String) throws -> String? {
        let schema = try #require(Self.schema)
        let type = try #require(schema.type(from: try Parser.parseType(typeText)))
        return schema.literal(for: value, type: type).map(Printer.print)
    }

    @Test func writesValuesAsLiterals() throws {
        #expect(try Self.printed(true, "Boolean") == "true")
        #expect(try Self.printed(nil, "Boolean") == "null")
        #expect(try Self.printed(nil, "Int!") == nil)
        #expect(try Self.printed(123, "Int!") == "123")
        #expect(try Self.printed(123.0, "Float") == "123")
        #expect(try Self.printed(123.5, "Float") == "123.5")
        #expect(try Self.printed(1e40, "Float") == "1e+40")
        #expect(try Self.printed(12_300.0, "Float") == "12300")
        #expect(try Self.printed("01", "ID") == "\"01\"")
        #expect(try Self.printed("123", "ID") == "123")
        #expect(try Self.printed("abc", "ID") == "\"abc\"")
        #expect(try Self.printed("RED", "[Color]") == "RED")
        #expect(try Self.printed(["RED", "GREEN"], "[Color]") == "[RED, GREEN]")
        #expect(try Self.printed("BLUE", "[Color]") == nil)
        #expect(try Self.printed([1, nil, 2], "[Int!]") == "[1, 2]")
        #expect(try Self.printed(["foo": 3, "bar": "GREEN", "list": [1]], "In") == "{foo: 3, bar: GREEN, list: [1]}")
        #expect(try Self.printed(["foo": nil], "In") == "{foo: null}")
    }
}
