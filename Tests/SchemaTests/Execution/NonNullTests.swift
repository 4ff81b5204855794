import JSON
import Schema
import Testing

/// graphql-js's nonnull-test ("Execute: handles non-nullable types"): null propagation (spec §6.4.4) through
/// synchronous and asynchronous resolvers that return null or throw. The expected responses are graphql-core
/// 3.2.8's for the same schema, data and documents (its `sync`/`promise` variants included).
@Suite struct NonNullTests {
    static let sdl = """
        type DataType { sync: String syncNonNull: String! promise: String promiseNonNull: String!
          syncNest: DataType syncNonNullNest: DataType! promiseNest: DataType promiseNonNullNest: DataType! }
        schema { query: DataType }
        """

    /// `NullingData` and `ThrowingData` of the reference tests: the parent's `mode` says which one a value is.
    static let executor: Executor<Void>? = {
        guard let schema = try? GraphQLSchema(sdl: sdl) else { return nil }
        var resolvers = ResolverMap<Void>()
        for name in ["sync", "syncNonNull"] {
            resolvers.sync("DataType", name) { parent, _, _, _ in
                if parent.jsonObject?["mode"] == "throw" { throw TestError(name) }
                return .null
            }
        }
        for name in ["promise", "promiseNonNull"] {
            resolvers.async("DataType", name) { parent, _, _, _ in
                await Task.yield()
                if parent.jsonObject?["mode"] == "throw" { throw TestError(name) }
                return .null
            }
        }
        for name in ["syncNest", "syncNonNullNest"] {
            resolvers.sync("DataType", name) { parent, _, _, _ in parent }
        }
        for name in ["promiseNest", "promiseNonNullNest"] {
            resolvers.async("DataType", name) { parent, _, _, _ in parent }
        }
        return try? Executor(schema: schema, resolvers: resolvers)
    }()

    /// (document, "null" or "throw", graphql-core's response)
    static let cases: [(String, String, String)] = [
        ("{\n  sync\n}", "null", #"{"data":{"sync":null}}"#),
        (
            "{\n  sync\n}", "throw",
            #"{"errors":[{"message":"sync","locations":[{"line":2,"column":3}],"path":["sync"]}],"data":{"sync":null}}"#
        ),
        ("{\n  promise\n}", "null", #"{"data":{"promise":null}}"#),
        (
            "{\n  promise\n}", "throw",
            #"{"errors":[{"message":"promise","locations":[{"line":2,"column":3}],"path":["promise"]}],"data":{"promise":null}}"#
        ),
        (
            "{\n  syncNest {\n    syncNonNull,\n  }\n}", "null",
            #"{"errors":[{"message":"Cannot return null for non-nullable field DataType.syncNonNull.","locations":[{"line":3,"column":5}],"path":["syncNest","syncNonNull"]}],"data":{"syncNest":null}}"#
        ),
        (
            "{\n  syncNest {\n    syncNonNull,\n  }\n}", "throw",
            #"{"errors":[{"message":"syncNonNull","locations":[{"line":3,"column":5}],"path":["syncNest","syncNonNull"]}],"data":{"syncNest":null}}"#
        ),
        (
            "{\n  syncNest {\n    promiseNonNull,\n  }\n}", "null",
            #"{"errors":[{"message":"Cannot return null for non-nullable field DataType.promiseNonNull.","locations":[{"line":3,"column":5}],"path":["syncNest","promiseNonNull"]}],"data":{"syncNest":null}}"#
        ),
        (
            "{\n  syncNest {\n    promiseNonNull,\n  }\n}", "throw",
            #"{"errors":[{"message":"promiseNonNull","locations":[{"line":3,"column":5}],"path":["syncNest","promiseNonNull"]}],"data":{"syncNest":null}}"#
        ),
        (
            "{\n  syncNest {\n    sync\n    promise\n    syncNest { sync promise }\n    promiseNest { sync promise }\n  }\n  promiseNest {\n    sync\n    promise\n    syncNest { sync promise }\n    promiseNest { sync promise }\n  }\n}",
            "null",
            #"{"data":{"syncNest":{"sync":null,"promise":null,"syncNest":{"sync":null,"promise":null},"promiseNest":{"sync":null,"promise":null}},"promiseNest":{"sync":null,"promise":null,"syncNest":{"sync":null,"promise":null},"promiseNest":{"sync":null,"promise":null}}}}"#
        ),
        (
            "{\n  syncNest {\n    sync\n    promise\n    syncNest { sync promise }\n    promiseNest { sync promise }\n  }\n  promiseNest {\n    sync\n    promise\n    syncNest { sync promise }\n    promiseNest { sync promise }\n  }\n}",
            "throw",
            #"{"errors":[{"message":"sync","locations":[{"line":3,"column":5}],"path":["syncNest","sync"]},{"message":"promise","locations":[{"line":4,"column":5}],"path":["syncNest","promise"]},{"message":"sync","locations":[{"line":5,"column":16}],"path":["syncNest","syncNest","sync"]},{"message":"promise","locations":[{"line":5,"column":21}],"path":["syncNest","syncNest","promise"]},{"message":"sync","locations":[{"line":6,"column":19}],"path":["syncNest","promiseNest","sync"]},{"message":"promise","locations":[{"line":6,"column":24}],"path":["syncNest","promiseNest","promise"]},{"message":"sync","locations":[{"line":9,"column":5}],"path":["promiseNest","sync"]},{"message":"promise","locations":[{"line":10,"column":5}],"path":["promiseNest","promise"]},{"message":"sync","locations":[{"line":11,"column":16}],"path":["promiseNest","syncNest","sync"]},{"message":"promise","locations":[{"line":11,"column":21}],"path":["promiseNest","syncNest","promise"]},{"message":"sync","locations":[{"line":12,"column":19}],"path":["promiseNest","promiseNest","sync"]},{"message":"promise","locations":[{"line":12,"column":24}],"path":["promiseNest","promiseNest","promise"]}],"data":{"syncNest":{"sync":null,"promise":null,"syncNest":{"sync":null,"promise":null},"promiseNest":{"sync":null,"promise":null}},"promiseNest":{"sync":null,"promise":null,"syncNest":{"sync":null,"promise":null},"promiseNest":{"sync":null,"promise":null}}}}"#
        ),
        (
            "{\n  syncNest {\n    promise\n    promise\n    syncNest { promise promise }\n    promiseNest { promise promise }\n  }\n  promiseNest {\n    promise\n    promise\n    syncNest { promise promise }\n    promiseNest { promise promise }\n  }\n}",
            "null",
            #"{"data":{"syncNest":{"promise":null,"syncNest":{"promise":null},"promiseNest":{"promise":null}},"promiseNest":{"promise":null,"syncNest":{"promise":null},"promiseNest":{"promise":null}}}}"#
        ),
        (
            "{\n  syncNest {\n    promise\n    promise\n    syncNest { promise promise }\n    promiseNest { promise promise }\n  }\n  promiseNest {\n    promise\n    promise\n    syncNest { promise promise }\n    promiseNest { promise promise }\n  }\n}",
            "throw",
            #"{"errors":[{"message":"promise","locations":[{"line":3,"column":5},{"line":4,"column":5}],"path":["syncNest","promise"]},{"message":"promise","locations":[{"line":5,"column":16},{"line":5,"column":24}],"path":["syncNest","syncNest","promise"]},{"message":"promise","locations":[{"line":6,"column":19},{"line":6,"column":27}],"path":["syncNest","promiseNest","promise"]},{"message":"promise","locations":[{"line":9,"column":5},{"line":10,"column":5}],"path":["promiseNest","promise"]},{"message":"promise","locations":[{"line":11,"column":16},{"line":11,"column":24}],"path":["promiseNest","syncNest","promise"]},{"message":"promise","locations":[{"line":12,"column":19},{"line":12,"column":27}],"path":["promiseNest","promiseNest","promise"]}],"data":{"syncNest":{"promise":null,"syncNest":{"promise":null},"promiseNest":{"promise":null}},"promiseNest":{"promise":null,"syncNest":{"promise":null},"promiseNest":{"promise":null}}}}"#
        ),
        (
            "{\n  syncNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            syncNonNull\n          }\n        }\n      }\n    }\n  }\n  promiseNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            syncNonNull\n          }\n        }\n      }\n    }\n  }\n  anotherNest: syncNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            promiseNonNull\n          }\n        }\n      }\n    }\n  }\n  anotherPromiseNest: promiseNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            promiseNonNull\n          }\n        }\n      }\n    }\n  }\n}",
            "null",
            #"{"errors":[{"message":"Cannot return null for non-nullable field DataType.syncNonNull.","locations":[{"line":7,"column":13}],"path":["syncNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","syncNonNull"]},{"message":"Cannot return null for non-nullable field DataType.syncNonNull.","locations":[{"line":18,"column":13}],"path":["promiseNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","syncNonNull"]},{"message":"Cannot return null for non-nullable field DataType.promiseNonNull.","locations":[{"line":29,"column":13}],"path":["anotherNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","promiseNonNull"]},{"message":"Cannot return null for non-nullable field DataType.promiseNonNull.","locations":[{"line":40,"column":13}],"path":["anotherPromiseNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","promiseNonNull"]}],"data":{"syncNest":null,"promiseNest":null,"anotherNest":null,"anotherPromiseNest":null}}"#
        ),
        (
            "{\n  syncNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            syncNonNull\n          }\n        }\n      }\n    }\n  }\n  promiseNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            syncNonNull\n          }\n        }\n      }\n    }\n  }\n  anotherNest: syncNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            promiseNonNull\n          }\n        }\n      }\n    }\n  }\n  anotherPromiseNest: promiseNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            promiseNonNull\n          }\n        }\n      }\n    }\n  }\n}",
            "throw",
            #"{"errors":[{"message":"syncNonNull","locations":[{"line":7,"column":13}],"path":["syncNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","syncNonNull"]},{"message":"syncNonNull","locations":[{"line":18,"column":13}],"path":["promiseNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","syncNonNull"]},{"message":"promiseNonNull","locations":[{"line":29,"column":13}],"path":["anotherNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","promiseNonNull"]},{"message":"promiseNonNull","locations":[{"line":40,"column":13}],"path":["anotherPromiseNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","promiseNonNull"]}],"data":{"syncNest":null,"promiseNest":null,"anotherNest":null,"anotherPromiseNest":null}}"#
        ),
        (
            "{\n  syncNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            promiseNonNull\n          }\n        }\n      }\n    }\n  }\n  promiseNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            promiseNonNull\n          }\n        }\n      }\n    }\n  }\n  anotherNest: syncNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            promiseNonNull\n          }\n        }\n      }\n    }\n  }\n  anotherPromiseNest: promiseNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            promiseNonNull\n          }\n        }\n      }\n    }\n  }\n}",
            "null",
            #"{"errors":[{"message":"Cannot return null for non-nullable field DataType.promiseNonNull.","locations":[{"line":7,"column":13}],"path":["syncNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","promiseNonNull"]},{"message":"Cannot return null for non-nullable field DataType.promiseNonNull.","locations":[{"line":18,"column":13}],"path":["promiseNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","promiseNonNull"]},{"message":"Cannot return null for non-nullable field DataType.promiseNonNull.","locations":[{"line":29,"column":13}],"path":["anotherNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","promiseNonNull"]},{"message":"Cannot return null for non-nullable field DataType.promiseNonNull.","locations":[{"line":40,"column":13}],"path":["anotherPromiseNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","promiseNonNull"]}],"data":{"syncNest":null,"promiseNest":null,"anotherNest":null,"anotherPromiseNest":null}}"#
        ),
        (
            "{\n  syncNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            promiseNonNull\n          }\n        }\n      }\n    }\n  }\n  promiseNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            promiseNonNull\n          }\n        }\n      }\n    }\n  }\n  anotherNest: syncNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            promiseNonNull\n          }\n        }\n      }\n    }\n  }\n  anotherPromiseNest: promiseNest {\n    syncNonNullNest {\n      promiseNonNullNest {\n        syncNonNullNest {\n          promiseNonNullNest {\n            promiseNonNull\n          }\n        }\n      }\n    }\n  }\n}",
            "throw",
            #"{"errors":[{"message":"promiseNonNull","locations":[{"line":7,"column":13}],"path":["syncNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","promiseNonNull"]},{"message":"promiseNonNull","locations":[{"line":18,"column":13}],"path":["promiseNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","promiseNonNull"]},{"message":"promiseNonNull","locations":[{"line":29,"column":13}],"path":["anotherNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","promiseNonNull"]},{"message":"promiseNonNull","locations":[{"line":40,"column":13}],"path":["anotherPromiseNest","syncNonNullNest","promiseNonNullNest","syncNonNullNest","promiseNonNullNest","promiseNonNull"]}],"data":{"syncNest":null,"promiseNest":null,"anotherNest":null,"anotherPromiseNest":null}}"#
        ),
        (
            "{\n  syncNonNull\n}", "null",
            #"{"errors":[{"message":"Cannot return null for non-nullable field DataType.syncNonNull.","locations":[{"line":2,"column":3}],"path":["syncNonNull"]}],"data":null}"#
        ),
        (
            "{\n  syncNonNull\n}", "throw",
            #"{"errors":[{"message":"syncNonNull","locations":[{"line":2,"column":3}],"path":["syncNonNull"]}],"data":null}"#
        ),
        (
            "{\n  promiseNonNull\n}", "null",
            #"{"errors":[{"message":"Cannot return null for non-nullable field DataType.promiseNonNull.","locations":[{"line":2,"column":3}],"path":["promiseNonNull"]}],"data":null}"#
        ),
        (
            "{\n  promiseNonNull\n}", "throw",
            #"{"errors":[{"message":"promiseNonNull","locations":[{"line":2,"column":3}],"path":["promiseNonNull"]}],"data":null}"#
        ),
    ]

    @Test(arguments: cases.indices)
    func propagatesNulls(index: Int) async throws {
        let (query, mode, expected) = Self.cases[index]
        let executor = try #require(Self.executor)
        let result = await executor.execute(
            ExecutionRequest(document: try Parser.parse(query), rootValue: .json(["mode": .string(mode)]))
        )
        try expectResponse(result, expected)
    }

    static let argumentSDL = "type Query { withNonNullArg(cannotBeNull: String!): String }"

    static let argumentCases: [(String, JSONObject?, String)] = [
        (
            #"query { withNonNullArg (cannotBeNull: "literal value") }"#, nil,
            #"{"data":{"withNonNullArg":"Passed: literal value"}}"#
        ),
        (
            "query ($testVar: String!) { withNonNullArg (cannotBeNull: $testVar) }", ["testVar": "variable value"],
            #"{"data":{"withNonNullArg":"Passed: variable value"}}"#
        ),
        (
            #"query ($testVar: String = "default value") { withNonNullArg (cannotBeNull: $testVar) }"#, [:],
            #"{"data":{"withNonNullArg":"Passed: default value"}}"#
        ),
        (
            "query {\n  withNonNullArg\n}", nil,
            #"""
            {"errors":[{"message":"Argument \"cannotBeNull\" of required type \"String!\" was not provided.",
            "locations":[{"line":2,"column":3}],"path":["withNonNullArg"]}],"data":{"withNonNullArg":null}}
            """#
        ),
        (
            "query {\n  withNonNullArg(cannotBeNull: null)\n}", nil,
            #"""
            {"errors":[{"message":"Argument \"cannotBeNull\" of non-null type \"String!\" must not be null.",
            "locations":[{"line":2,"column":32}],"path":["withNonNullArg"]}],"data":{"withNonNullArg":null}}
            """#
        ),
        (
            "query ($testVar: String) {\n  withNonNullArg(cannotBeNull: $testVar)\n}", [:],
            #"""
            {"errors":[{"message":"Argument \"cannotBeNull\" of required type \"String!\" was provided the variable \"$testVar\" which was not provided a runtime value.",
            "locations":[{"line":2,"column":32}],"path":["withNonNullArg"]}],"data":{"withNonNullArg":null}}
            """#
        ),
        (
            "query ($testVar: String = \"default value\") {\n  withNonNullArg (cannotBeNull: $testVar)\n}",
            ["testVar": nil],
            #"""
            {"errors":[{"message":"Argument \"cannotBeNull\" of non-null type \"String!\" must not be null.",
            "locations":[{"line":2,"column":33}],"path":["withNonNullArg"]}],"data":{"withNonNullArg":null}}
            """#
        ),
    ]

    @Test(arguments: argumentCases.indices)
    func handlesNonNullArguments(index: Int) async throws {
        let (query, variables, expected) = Self.argumentCases[index]
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Query", "withNonNullArg") { _, arguments, _, _ in
            .string("Passed: " + (arguments["cannotBeNull"]?.stringValue ?? "?"))
        }
        let result = try await ExecutionHarness.run(
            sdl: Self.argumentSDL,
            query,
            resolvers: resolvers,
            variables: variables
        )
        try expectResponse(result, expected)
    }

    @Test func nullsTheNearestNullableListOrItem() async throws {
        let sdl = "type Query { nullableItems: [String!] nonNullItems: [String]! nested: [[String!]] }"
        let result = try await ExecutionHarness.run(
            sdl: sdl,
            "{ nullableItems nonNullItems nested }",
            root: [
                "nullableItems": ["a", nil, "c"], "nonNullItems": ["a", nil], "nested": [["a"], ["b", nil], nil],
            ]
        )
        try expectResponse(
            result,
            #"""
            {"errors":[
            {"message":"Cannot return null for non-nullable field Query.nullableItems.","locations":[{"line":1,"column":3}],"path":["nullableItems",1]},
            {"message":"Cannot return null for non-nullable field Query.nested.","locations":[{"line":1,"column":30}],"path":["nested",1,1]}],
            "data":{"nullableItems":null,"nonNullItems":["a",null],"nested":[["a"],null,null]}}
            """#
        )
    }
}
