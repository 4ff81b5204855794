import JSON
import Schema
import Testing

/// graphql-js's directives-test ("Execute: handles directives"): `@skip` and `@include` on fields, fragment
/// spreads, inline fragments and anonymous inline fragments (spec §3.13.2, §3.13.3), with literal and variable
/// conditions. Expected responses are graphql-core 3.2.8's.
@Suite struct DirectivesTests {
    static let sdl = "type TestType { a: String b: String } schema { query: TestType }"
    static let root: JSONValue = ["a": "a", "b": "b"]

    static let cases: [(String, String)] = [
        ("query Q {\na\n...Frag @include(if: false)\n}\nfragment Frag on TestType {\nb\n}", #"{"data":{"a":"a"}}"#),
        (
            "query Q {\na\n...Frag @include(if: true)\n}\nfragment Frag on TestType {\nb\n}",
            #"{"data":{"a":"a","b":"b"}}"#
        ),
        (
            "query Q {\na\n...Frag @skip(if: false)\n}\nfragment Frag on TestType {\nb\n}",
            #"{"data":{"a":"a","b":"b"}}"#
        ),
        ("query Q {\na\n...Frag @skip(if: true)\n}\nfragment Frag on TestType {\nb\n}", #"{"data":{"a":"a"}}"#),
        ("query Q {\na\n... on TestType @include(if: false) {\nb\n}\n}", #"{"data":{"a":"a"}}"#),
        ("query Q {\na\n... on TestType @include(if: true) {\nb\n}\n}", #"{"data":{"a":"a","b":"b"}}"#),
        ("query Q {\na\n... on TestType @skip(if: false) {\nb\n}\n}", #"{"data":{"a":"a","b":"b"}}"#),
        ("query Q {\na\n... on TestType @skip(if: true) {\nb\n}\n}", #"{"data":{"a":"a"}}"#),
        ("query {\na\n... @include(if: false) {\nb\n}\n}", #"{"data":{"a":"a"}}"#),
        ("query {\na\n... @include(if: true) {\nb\n}\n}", #"{"data":{"a":"a","b":"b"}}"#),
        ("query {\na\n... @skip(if: false) {\nb\n}\n}", #"{"data":{"a":"a","b":"b"}}"#),
        ("query {\na\n... @skip(if: true) {\nb\n}\n}", #"{"data":{"a":"a"}}"#),
        ("{\na\nb @include(if: true) @skip(if: false)\n}", #"{"data":{"a":"a","b":"b"}}"#),
        ("{\na\nb @include(if: true) @skip(if: true)\n}", #"{"data":{"a":"a"}}"#),
        ("{\na\nb @include(if: false) @skip(if: false)\n}", #"{"data":{"a":"a"}}"#),
        ("{ a, b }", #"{"data":{"a":"a","b":"b"}}"#),
        ("{ a, b @include(if: true) }", #"{"data":{"a":"a","b":"b"}}"#),
        ("{ a, b @include(if: false) }", #"{"data":{"a":"a"}}"#),
        ("{ a, b @skip(if: false) }", #"{"data":{"a":"a","b":"b"}}"#),
        ("{ a, b @skip(if: true) }", #"{"data":{"a":"a"}}"#),
    ]

    @Test(arguments: cases.indices)
    func appliesDirectives(index: Int) async throws {
        let (query, expected) = Self.cases[index]
        try expectResponse(try await ExecutionHarness.run(sdl: Self.sdl, query, root: Self.root), expected)
    }

    @Test(
        arguments: [
            (["skip": false, "include": true], #"{"data":{"a":"a","b":"b"}}"#),
            (["skip": true, "include": true], #"{"data":{"a":"a"}}"#),
            (["skip": false, "include": false], #"{"data":{"a":"a"}}"#),
        ] as [(JSONObject, String)]
    )
    func takesConditionsFromVariables(variables: JSONObject, expected: String) async throws {
        let result = try await ExecutionHarness.run(
            sdl: Self.sdl,
            "query ($skip: Boolean!, $include: Boolean!) { a b @skip(if: $skip) @include(if: $include) }",
            root: Self.root,
            variables: variables
        )
        try expectResponse(result, expected)
    }

    @Test func includesAFieldWhenEitherSelectionIncludesIt() async throws {
        let result = try await ExecutionHarness.run(
            sdl: Self.sdl,
            "{ a @skip(if: true) a @include(if: true) b @skip(if: true) }",
            root: Self.root
        )
        try expectResponse(result, #"{"data":{"a":"a"}}"#)
    }
}
