import JSON
import Schema
import Testing

/// Parse → validate → execute with the document cache: request errors carry their codes and no `data`, a
/// repeated query skips parsing and validation, and the validation options are part of the cache key.
@Suite struct RequestPipelineTests {
    /// Validation options of the test: whether introspection is allowed (the gateway's kind of option).
    struct Options: Hashable, Sendable {
        var introspection: Bool
    }

    static func pipeline(
        validations: Log<String> = Log(),
        cacheCapacity: Int = 16,
        cacheBytes: Int = 1 << 20
    ) throws -> RequestPipeline<Void, Options> {
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Query", "hello") { _, arguments, _, _ in
            .string("Hello, \(arguments["name"]?.stringValue ?? "world")")
        }
        let executor = try Executor(
            schema: try ExecutionHarness.schema("type Query { hello(name: String): String limit: Int }"),
            resolvers: resolvers
        )
        // A stand-in for the validation module: refuses introspection when not allowed, and one marked field.
        return RequestPipeline(executor: executor, cacheCapacity: cacheCapacity, cacheBytes: cacheBytes) {
            document,
            _,
            options in
            validations.append(Printer.print(document))
            var errors: [GraphQLError] = []
            let text = Printer.print(document)
            if !options.introspection, text.contains("__schema") {
                errors.append(GraphQLError(message: "GraphQL introspection is not allowed."))
            }
            if text.contains("limit") {
                errors.append(GraphQLError(message: "Query is too complex.", extensions: ["code": "QUERY_TOO_COMPLEX"]))
            }
            return errors
        }
    }

    @Test func executesAndCachesPreparedDocuments() async throws {
        let validations = Log<String>()
        let pipeline = try Self.pipeline(validations: validations)
        let request = GraphQLRequest(query: "query ($n: String) { hello(name: $n) }", variables: ["n": "Ada"])
        for _ in 0..<3 {
            try expectResponse(
                await pipeline.execute(request, options: Options(introspection: false), context: ()),
                #"{"data":{"hello":"Hello, Ada"}}"#
            )
        }
        #expect(validations.count == 1)
        #expect(pipeline.cacheStatistics == LRUCacheStatistics(hits: 2, misses: 1, entries: 1, bytes: 38))
        // Other validation options are another cache entry.
        _ = await pipeline.execute(request, options: Options(introspection: true), context: ())
        #expect(validations.count == 2)
    }

    @Test func reportsParseErrors() async throws {
        let result = try await Self.pipeline().execute(
            GraphQLRequest(query: "{ hello"),
            options: Options(introspection: false),
            context: ()
        )
        try expectResponse(
            result,
            #"""
            {"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":8}],
            "extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}
            """#
        )
    }

    @Test func reportsValidationErrorsKeepingTheirOwnCodes() async throws {
        let pipeline = try Self.pipeline()
        try expectResponse(
            await pipeline.execute(
                GraphQLRequest(query: "{ __schema { description } }"),
                options: Options(introspection: false),
                context: ()
            ),
            #"{"errors":[{"message":"GraphQL introspection is not allowed.","extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}"#
        )
        try expectResponse(
            await pipeline.execute(
                GraphQLRequest(query: "{ limit }"),
                options: Options(introspection: true),
                context: ()
            ),
            #"{"errors":[{"message":"Query is too complex.","extensions":{"code":"QUERY_TOO_COMPLEX"}}]}"#
        )
        try expectResponse(
            await pipeline.execute(
                GraphQLRequest(query: "{ __schema { description } }"),
                options: Options(introspection: true),
                context: ()
            ),
            #"{"data":{"__schema":{"description":null}}}"#
        )
    }

    @Test func reportsVariableErrorsAsBadUserInput() async throws {
        let result = try await Self.pipeline().execute(
            GraphQLRequest(query: "query ($n: String!) { hello(name: $n) }"),
            options: Options(introspection: false),
            context: ()
        )
        try expectResponse(
            result,
            #"""
            {"errors":[{"message":"Variable \"$n\" of required type \"String!\" was not provided.",
            "locations":[{"line":1,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """#
        )
    }

    @Test func enforcesTheParserLimits() async throws {
        let executor = try Executor<Void>(schema: try ExecutionHarness.schema("type Query { a: String }"))
        let pipeline = RequestPipeline<Void, Int>(executor: executor, parseOptions: ParseOptions(maxTokens: 10)) {
            _,
            _,
            _ in []
        }
        let result = await pipeline.execute(
            GraphQLRequest(query: "{ a a a a a a a a a a a a }"),
            options: 0,
            context: ()
        )
        #expect(result.isRequestError)
        #expect(result.errors.first?.code == "GRAPHQL_PARSE_FAILED")
    }

    @Test func evictsTheLeastRecentlyUsedDocuments() async throws {
        let validations = Log<String>()
        let pipeline = try Self.pipeline(validations: validations, cacheCapacity: 2)
        let options = Options(introspection: false)
        for query in ["{ hello }", "{ a: hello }", "{ hello }", "{ b: hello }", "{ hello }", "{ a: hello }"] {
            _ = await pipeline.execute(GraphQLRequest(query: query), options: options, context: ())
        }
        // "{ hello }" stays (used most recently each time), "{ a: hello }" is evicted by "{ b: hello }".
        #expect(validations.all == ["{\n  hello\n}", "{\n  a: hello\n}", "{\n  b: hello\n}", "{\n  a: hello\n}"])
        #expect(pipeline.cacheStatistics.entries == 2)
    }

    @Test func boundsTheCacheInBytes() async throws {
        let pipeline = try Self.pipeline(cacheBytes: 20)
        let options = Options(introspection: false)
        _ = await pipeline.execute(
            GraphQLRequest(query: "{ a: hello b: hello c: hello }"),
            options: options,
            context: ()
        )
        _ = await pipeline.execute(GraphQLRequest(query: "{ hello }"), options: options, context: ())
        _ = await pipeline.execute(GraphQLRequest(query: "{ x: hello }"), options: options, context: ())
        // The first is larger than the whole budget; the next two (9 and 12 bytes) do not fit together.
        #expect(pipeline.cacheStatistics.entries == 1)
        #expect(pipeline.cacheStatistics.bytes == 12)
    }

    @Test func findsTheOperationOfAPreparedDocument() throws {
        let pipeline = try Self.pipeline()
        let prepared = try pipeline.prepare(
            "query A { hello } mutation B { hello }",
            options: Options(introspection: false)
        ).get()
        #expect(prepared.operation(named: "B")?.operation == .mutation)
        #expect(prepared.operation(named: nil) == nil)
        #expect(prepared.operation(named: "C") == nil)
    }
}
