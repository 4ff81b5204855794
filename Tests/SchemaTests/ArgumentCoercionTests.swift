import JSON
import Schema
import Testing

/// Argument coercion at execution time (graphql-js getArgumentValues and getDirectiveValues behaviour).
@Suite struct ArgumentCoercionTests {
    static let schema: GraphQLSchema? = try? GraphQLSchema(
        sdl: """
            type Query { f(req: Int!, opt: String = "d", list: [Int], obj: In): Int }
            input In { a: Int = 1, b: String }
            """
    )

    static func field() throws -> (GraphQLSchema, GraphQLField) {
        let schema = try #require(Self.schema)
        return (schema, try #require(schema.queryType?.field(named: "f")))
    }

    static func arguments(_ text: String) throws -> [Argument] {
        let document = try Parser.parse("{ f\(text) }")
        guard case .field(let field)? = document.operations.first?.selectionSet.selections.first else {
            throw Failure("no field")
        }
        return field.arguments
    }

    @Test func coercesLiteralsVariablesAndDefaults() throws {
        let (schema, field) = try Self.field()
        let values = try schema.coerceArgumentValues(
            try Self.arguments("(req: $r, list: 3, obj: {b: $b}, opt: $missing)"),
            definitions: field.arguments,
            variables: ["r": 7, "b": "x"]
        )
        #expect(values == ["req": 7, "opt": "d", "list": [3], "obj": ["a": 1, "b": "x"]])
        // Absent without a default stays absent; explicit null stays null.
        let nulls = try schema.coerceArgumentValues(
            try Self.arguments("(req: 1, list: null)"),
            definitions: field.arguments,
            variables: [:]
        )
        #expect(nulls == ["req": 1, "opt": "d", "list": nil])
    }

    @Test func reportsWhatGraphQLJSReports() throws {
        let (schema, field) = try Self.field()
        let cases: [(String, JSONObject, String)] = [
            ("", [:], "Argument \"req\" of required type \"Int!\" was not provided."),
            (
                "(req: $r)", [:],
                "Argument \"req\" of required type \"Int!\" was provided the variable \"$r\" which was not provided a runtime value."
            ),
            ("(req: $r)", ["r": nil], "Argument \"req\" of non-null type \"Int!\" must not be null."),
            ("(req: null)", [:], "Argument \"req\" of non-null type \"Int!\" must not be null."),
            ("(req: \"x\")", [:], "Argument \"req\" has invalid value \"x\"."),
        ]
        for (text, variables, message) in cases {
            let arguments = try Self.arguments(text)
            #expect(throws: GraphQLError(message: message)) {
                try schema.coerceArgumentValues(arguments, definitions: field.arguments, variables: variables)
            }
        }
    }

    @Test func decidesSkipAndInclude() throws {
        let schema = try #require(Self.schema)
        func directives(_ text: String) throws -> [Directive] {
            let document = try Parser.parse("{ f \(text) }")
            guard case .field(let field)? = document.operations.first?.selectionSet.selections.first else {
                throw Failure("no field")
            }
            return field.directives
        }
        #expect(try schema.shouldInclude(try directives(""), variables: [:]))
        #expect(try !schema.shouldInclude(try directives("@skip(if: true)"), variables: [:]))
        #expect(try schema.shouldInclude(try directives("@skip(if: $no)"), variables: ["no": false]))
        #expect(try !schema.shouldInclude(try directives("@include(if: $no)"), variables: ["no": false]))
        #expect(try !schema.shouldInclude(try directives("@include(if: true) @skip(if: true)"), variables: [:]))
        #expect(throws: GraphQLError.self) { try schema.shouldInclude(try directives("@skip"), variables: [:]) }
    }

    @Test func findsTheOperationToRun() throws {
        let one = try Parser.parse("query A { a } fragment F on Q { a }")
        #expect(one.operation(named: nil)?.name?.value == "A")
        #expect(one.fragmentsByName.keys.sorted() == ["F"])
        let two = try Parser.parse("query A { a } query B { b }")
        #expect(two.operation(named: nil) == nil)
        #expect(two.operation(named: "B")?.name?.value == "B")
        #expect(two.operation(named: "C") == nil)
    }
}
