import JSON
import Schema
import Testing

/// graphql-js's resolve-test ("Execute: resolve function"): the default resolver on JSON objects and field
/// sources, arguments and context reaching resolvers, and resolvers given the parent value.
@Suite struct ResolveTests {
    static let sdl = "type Query { test(aStr: String, aInt: Int, addend1: Int): String }"

    @Test func defaultResolverReadsKeysOfJSONObjects() async throws {
        try expectResponse(
            try await ExecutionHarness.run(sdl: Self.sdl, "{ test }", root: ["test": "testValue"]),
            #"{"data":{"test":"testValue"}}"#
        )
    }

    @Test func defaultResolverAsksFieldSourcesWithArguments() async throws {
        struct Adder: FieldSource {
            var number: Int
            func resolveField(_ name: String, arguments: JSONObject) throws -> ResolvedValue {
                guard name == "test" else { return .null }
                return .int(number + (arguments["addend1"]?.intValue ?? 0) + 9)
            }
        }
        let result = try await ExecutionHarness.run(
            try ExecutionHarness.schema("type Query { test(addend1: Int): Int }"),
            "{ test(addend1: 80) }",
            root: .object(Adder(number: 700))
        )
        try expectResponse(result, #"{"data":{"test":789}}"#)
    }

    @Test func passesTheContextToResolvers() async throws {
        struct Context: Sendable { var addend2: Int }
        var resolvers = ResolverMap<Context>()
        resolvers.sync("Query", "test") { parent, arguments, context, _ in
            .int((parent.jsonObject?["num"]?.intValue ?? 0) + (arguments["addend1"]?.intValue ?? 0) + context.addend2)
        }
        let executor = try Executor(
            schema: try ExecutionHarness.schema("type Query { test(addend1: Int): Int }"),
            resolvers: resolvers
        )
        let result = await executor.execute(
            ExecutionRequest(
                document: try Parser.parse("{ test(addend1: 80) }"),
                rootValue: .json(["num": 700]),
                context: Context(addend2: 9)
            )
        )
        try expectResponse(result, #"{"data":{"test":789}}"#)
    }

    @Test(
        arguments: [
            ("{ test }", ResolvedValue.null, #"{"data":{"test":"[null, {}]"}}"#),
            ("{ test }", "Source!", #"{"data":{"test":"[\"Source!\", {}]"}}"#),
            (#"{ test(aStr: "String!") }"#, "Source!", #"{"data":{"test":"[\"Source!\", { aStr: \"String!\" }]"}}"#),
            (
                #"{ test(aInt: -123, aStr: "String!") }"#, "Source!",
                #"{"data":{"test":"[\"Source!\", { aStr: \"String!\", aInt: -123 }]"}}"#
            ),
        ] as [(String, ResolvedValue, String)]
    )
    func usesTheProvidedResolver(query: String, root: ResolvedValue, expected: String) async throws {
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Query", "test") { parent, arguments, _, _ in
            .string(Inspect.describe([parent.jsonValue ?? .null, .object(arguments)]))
        }
        let result = try await ExecutionHarness.run(
            try ExecutionHarness.schema(Self.sdl),
            query,
            root: root,
            resolvers: resolvers
        )
        try expectResponse(result, expected)
    }

    @Test func passesCoercedInputObjectArguments() async throws {
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Query", "test") { _, arguments, _, _ in .string(JSONValue.object(arguments).description) }
        let result = try await ExecutionHarness.run(
            sdl: """
                input TestInputObjectType { inputOne: String inputRecursive: TestInputObjectType }
                type Query { test(aInput: TestInputObjectType): String }
                """,
            #"{ test(aInput: {inputOne: "String!", inputRecursive: {inputOne: "SubString!"}}) }"#,
            resolvers: resolvers
        )
        try expectResponse(
            result,
            #"{"data":{"test":"{\"aInput\":{\"inputOne\":\"String!\",\"inputRecursive\":{\"inputOne\":\"SubString!\"}}}"}}"#
        )
    }

    @Test func defaultResolverReturnsNullForMissingKeysAndNonObjects() async throws {
        let result = try await ExecutionHarness.run(
            sdl: "type Inner { x: String } type Query { a: String b: Inner c: Inner }",
            "{ a b { x } c { x } }",
            root: ["b": "not an object", "c": [:]]
        )
        try expectResponse(result, #"{"data":{"a":null,"b":{"x":null},"c":{"x":null}}}"#)
    }
}
