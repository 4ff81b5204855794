import JSON
import Schema
import Testing

/// graphql-js's scalars-test vectors for the built-in scalars, and the gateway's DateTime.
@Suite struct ScalarCoercionTests {
    enum Outcome: Sendable {
        case value(JSONValue)
        case error(String)
    }

    static func run(_ body: () throws(ScalarCoercionError) -> JSONValue) -> Outcome {
        do {
            return .value(try body())
        } catch {
            return .error(error.message)
        }
    }

    static func check(_ outcome: Outcome, _ expected: Outcome, _ label: String) {
        switch (outcome, expected) {
        case (.value(let got), .value(let want)): #expect(got == want, "\(label)")
        case (.error(let got), .error(let want)): #expect(got == want, "\(label)")
        default: Issue.record("\(label): got \(outcome), expected \(expected)")
        }
    }

    static let parseValueCases: [(String, JSONValue, Outcome)] = [
        ("Int", 1, .value(1)), ("Int", 0, .value(0)), ("Int", -1, .value(-1)), ("Int", 3.0, .value(3)),
        ("Int", 9_876_504_321, .error("Int cannot represent non 32-bit signed integer value: 9876504321")),
        ("Int", -9_876_504_321, .error("Int cannot represent non 32-bit signed integer value: -9876504321")),
        ("Int", 0.1, .error("Int cannot represent non-integer value: 0.1")),
        ("Int", .double(.nan), .error("Int cannot represent non-integer value: NaN")),
        ("Int", .double(.infinity), .error("Int cannot represent non-integer value: Infinity")),
        ("Int", nil, .error("Int cannot represent non-integer value: null")),
        ("Int", "", .error("Int cannot represent non-integer value: \"\"")),
        ("Int", "123", .error("Int cannot represent non-integer value: \"123\"")),
        ("Int", false, .error("Int cannot represent non-integer value: false")),
        ("Int", [1], .error("Int cannot represent non-integer value: [1]")),
        ("Int", ["value": 1], .error("Int cannot represent non-integer value: { value: 1 }")),
        ("Float", 1, .value(1.0)), ("Float", 0.1, .value(0.1)), ("Float", -1, .value(-1.0)),
        ("Float", .double(.nan), .error("Float cannot represent non numeric value: NaN")),
        ("Float", .double(.infinity), .error("Float cannot represent non numeric value: Infinity")),
        ("Float", nil, .error("Float cannot represent non numeric value: null")),
        ("Float", "123.5", .error("Float cannot represent non numeric value: \"123.5\"")),
        ("Float", true, .error("Float cannot represent non numeric value: true")),
        ("Float", [0.1], .error("Float cannot represent non numeric value: [0.1]")),
        ("Float", ["value": 0.1], .error("Float cannot represent non numeric value: { value: 0.1 }")),
        ("String", "foo", .value("foo")),
        ("String", nil, .error("String cannot represent a non string value: null")),
        ("String", 1, .error("String cannot represent a non string value: 1")),
        ("String", false, .error("String cannot represent a non string value: false")),
        ("String", ["foo"], .error("String cannot represent a non string value: [\"foo\"]")),
        ("String", ["value": "foo"], .error("String cannot represent a non string value: { value: \"foo\" }")),
        ("Boolean", true, .value(true)), ("Boolean", false, .value(false)),
        ("Boolean", nil, .error("Boolean cannot represent a non boolean value: null")),
        ("Boolean", 0, .error("Boolean cannot represent a non boolean value: 0")),
        ("Boolean", "false", .error("Boolean cannot represent a non boolean value: \"false\"")),
        ("Boolean", [false], .error("Boolean cannot represent a non boolean value: [false]")),
        ("ID", "123", .value("123")), ("ID", 123, .value("123")), ("ID", "not-an-int", .value("not-an-int")),
        ("ID", 1.0, .value("1")),
        ("ID", 0.1, .error("ID cannot represent value: 0.1")),
        ("ID", nil, .error("ID cannot represent value: null")),
        ("ID", true, .error("ID cannot represent value: true")),
        ("ID", ["1"], .error("ID cannot represent value: [\"1\"]")),
        ("ID", ["value": "1"], .error("ID cannot represent value: { value: \"1\" }")),
    ]

    @Test(arguments: parseValueCases)
    func parseValue(_ scalar: String, _ input: JSONValue, _ expected: Outcome) throws {
        let coercion = try #require(BuiltInScalars.coercion(named: scalar))
        Self.check(
            Self.run { () throws(ScalarCoercionError) in try coercion.parseValue(input) },
            expected,
            "\(scalar) \(input)"
        )
    }

    static let literalCases: [(String, String, Outcome)] = [
        ("Int", "1", .value(1)), ("Int", "-1", .value(-1)), ("Int", "2147483647", .value(2_147_483_647)),
        ("Int", "-2147483648", .value(-2_147_483_648)),
        ("Int", "9876504321", .error("Int cannot represent non 32-bit signed integer value: 9876504321")),
        ("Int", "-9876504321", .error("Int cannot represent non 32-bit signed integer value: -9876504321")),
        ("Int", "1.0", .error("Int cannot represent non-integer value: 1.0")),
        ("Int", "null", .error("Int cannot represent non-integer value: null")),
        ("Int", "\"123\"", .error("Int cannot represent non-integer value: \"123\"")),
        ("Int", "[1]", .error("Int cannot represent non-integer value: [1]")),
        ("Int", "{ value: 1 }", .error("Int cannot represent non-integer value: {value: 1}")),
        ("Int", "ENUM_VALUE", .error("Int cannot represent non-integer value: ENUM_VALUE")),
        ("Float", "1", .value(1.0)), ("Float", "0.1", .value(0.1)), ("Float", "-1", .value(-1.0)),
        ("Float", "3.141592653589793", .value(3.141_592_653_589_793)),
        ("Float", "\"123.5\"", .error("Float cannot represent non numeric value: \"123.5\"")),
        ("Float", "false", .error("Float cannot represent non numeric value: false")),
        ("Float", "ENUM_VALUE", .error("Float cannot represent non numeric value: ENUM_VALUE")),
        ("Float", "1e400", .error("Float cannot represent non numeric value: 1e400")),
        ("String", "\"foo\"", .value("foo")), ("String", "\"\"\"bar\"\"\"", .value("bar")),
        ("String", "1", .error("String cannot represent a non string value: 1")),
        ("String", "[\"foo\"]", .error("String cannot represent a non string value: [\"foo\"]")),
        ("String", "ENUM_VALUE", .error("String cannot represent a non string value: ENUM_VALUE")),
        ("Boolean", "true", .value(true)), ("Boolean", "false", .value(false)),
        ("Boolean", "0", .error("Boolean cannot represent a non boolean value: 0")),
        ("Boolean", "\"false\"", .error("Boolean cannot represent a non boolean value: \"false\"")),
        ("ID", "\"\"", .value("")), ("ID", "\"1\"", .value("1")), ("ID", "1", .value("1")), ("ID", "0", .value("0")),
        ("ID", "-1", .value("-1")),
        ("ID", "9007199254740993", .value("9007199254740993")),
        ("ID", "1.0", .error("ID cannot represent a non-string and non-integer value: 1.0")),
        ("ID", "null", .error("ID cannot represent a non-string and non-integer value: null")),
        ("ID", "true", .error("ID cannot represent a non-string and non-integer value: true")),
        ("ID", "[\"1\"]", .error("ID cannot represent a non-string and non-integer value: [\"1\"]")),
        ("ID", "ENUM_VALUE", .error("ID cannot represent a non-string and non-integer value: ENUM_VALUE")),
    ]

    @Test(arguments: literalCases)
    func parseLiteral(_ scalar: String, _ literal: String, _ expected: Outcome) throws {
        let coercion = try #require(BuiltInScalars.coercion(named: scalar))
        let value = try Parser.parseConstValue(literal)
        Self.check(
            Self.run { () throws(ScalarCoercionError) in try coercion.parseLiteral(value, variables: nil) },
            expected,
            "\(scalar) \(literal)"
        )
    }

    static let serializeCases: [(String, JSONValue, Outcome)] = [
        ("Int", 1, .value(1)), ("Int", "123", .value(123)), ("Int", 1e5, .value(100_000)), ("Int", false, .value(0)),
        ("Int", true, .value(1)),
        ("Int", 0.1, .error("Int cannot represent non-integer value: 0.1")),
        ("Int", -1.1, .error("Int cannot represent non-integer value: -1.1")),
        ("Int", "-1.1", .error("Int cannot represent non-integer value: \"-1.1\"")),
        ("Int", 9_876_504_321, .error("Int cannot represent non 32-bit signed integer value: 9876504321")),
        ("Int", 1e100, .error("Int cannot represent non 32-bit signed integer value: 1e+100")),
        ("Int", -1e100, .error("Int cannot represent non 32-bit signed integer value: -1e+100")),
        ("Int", "one", .error("Int cannot represent non-integer value: \"one\"")),
        ("Int", "", .error("Int cannot represent non-integer value: \"\"")),
        ("Int", .double(.nan), .error("Int cannot represent non-integer value: NaN")),
        ("Int", [5], .error("Int cannot represent non-integer value: [5]")),
        ("Float", 1, .value(1.0)), ("Float", "123.5", .value(123.5)), ("Float", "-1.1", .value(-1.1)),
        ("Float", false, .value(0.0)), ("Float", true, .value(1.0)),
        ("Float", .double(.nan), .error("Float cannot represent non numeric value: NaN")),
        ("Float", "one", .error("Float cannot represent non numeric value: \"one\"")),
        ("Float", "", .error("Float cannot represent non numeric value: \"\"")),
        ("Float", [5], .error("Float cannot represent non numeric value: [5]")),
        ("String", "string", .value("string")), ("String", 1, .value("1")), ("String", -1.1, .value("-1.1")),
        ("String", true, .value("true")), ("String", false, .value("false")),
        ("String", .double(.nan), .error("String cannot represent value: NaN")),
        ("String", [1], .error("String cannot represent value: [1]")),
        ("String", [:], .error("String cannot represent value: {}")),
        ("Boolean", true, .value(true)), ("Boolean", 1, .value(true)), ("Boolean", 0, .value(false)),
        ("Boolean", "", .error("Boolean cannot represent a non boolean value: \"\"")),
        ("Boolean", [false], .error("Boolean cannot represent a non boolean value: [false]")),
        ("ID", "string", .value("string")), ("ID", 123, .value("123")), ("ID", 0, .value("0")),
        ("ID", -1, .value("-1")),
        ("ID", 0.1, .error("ID cannot represent value: 0.1")),
        ("ID", true, .error("ID cannot represent value: true")),
        ("ID", [:], .error("ID cannot represent value: {}")),
    ]

    @Test(arguments: serializeCases)
    func serialize(_ scalar: String, _ input: JSONValue, _ expected: Outcome) throws {
        let coercion = try #require(BuiltInScalars.coercion(named: scalar))
        Self.check(
            Self.run { () throws(ScalarCoercionError) in try coercion.serialize(input) },
            expected,
            "\(scalar) \(input)"
        )
    }

    static let dateTimes: [(String, String?)] = [
        ("2026-05-04T09:12:30Z", "2026-05-04T09:12:30Z"),
        ("2026-05-04t09:12:30z", "2026-05-04T09:12:30Z"),
        ("2026-05-04T11:12:30+02:00", "2026-05-04T09:12:30Z"),
        ("2026-05-04T01:12:30-08:30", "2026-05-04T09:42:30Z"),
        ("2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00Z"),
        ("2024-02-29T23:00:00-01:00", "2024-03-01T00:00:00Z"),
        ("2026-05-04T09:12:30.250Z", "2026-05-04T09:12:30.250Z"),
        ("2026-05-04T09:12:30", nil),
        ("2026-05-04 09:12:30Z", nil),
        ("2026-02-29T00:00:00Z", nil),
        ("2026-13-01T00:00:00Z", nil),
        ("2026-05-04T24:00:00Z", nil),
        ("2026-05-04T09:12:60Z", nil),
        ("2026-05-04T09:12:30+2:00", nil),
        ("2026-05-04T09:12:30.Z", nil),
        ("2026-05-04", nil),
        ("", nil),
        ("2026-05-04T09:12:30Z ", nil),
    ]

    @Test(arguments: dateTimes)
    func dateTimeInput(_ text: String, _ expected: String?) throws {
        let coercion = DateTimeCoercion()
        let outcome = Self.run { () throws(ScalarCoercionError) in try coercion.parseValue(.string(text)) }
        if let expected {
            Self.check(outcome, .value(.string(expected)), text)
            Self.check(
                Self.run { () throws(ScalarCoercionError) in
                    try coercion.parseLiteral(.string(StringValue(text)), variables: nil)
                },
                .value(.string(expected)),
                text
            )
        } else {
            Self.check(
                outcome,
                .error("DateTime cannot represent an invalid date-time string: \(Inspect.describe(.string(text)))"),
                text
            )
        }
    }

    @Test func dateTimeOutputAcceptsServiceNowsForm() throws {
        let coercion = DateTimeCoercion()
        #expect(try coercion.serialize("2026-05-04 09:12:30") == "2026-05-04T09:12:30Z")
        #expect(try coercion.serialize("2026-05-04T09:12:30+01:00") == "2026-05-04T08:12:30Z")
        #expect(throws: ScalarCoercionError("DateTime cannot represent a non string value: 5")) {
            try coercion.serialize(5)
        }
        #expect(throws: ScalarCoercionError("DateTime cannot represent a non string value: 5")) {
            try coercion.parseLiteral(.int(IntValue("5")), variables: nil)
        }
    }

    @Test func passthroughKeepsValuesAndReadsLiteralsAsJSON() throws {
        let coercion = PassthroughScalarCoercion()
        #expect(try coercion.serialize(["a": [1, "b"]]) == ["a": [1, "b"]])
        let literal = try Parser.parseValue("{a: [1, 2.5, \"x\", ENUM, null, $v], b: $missing}")
        #expect(
            try coercion.parseLiteral(literal, variables: ["v": true])
                == ["a": [1, 2.5, "x", "ENUM", nil, true]]
        )
    }
}
