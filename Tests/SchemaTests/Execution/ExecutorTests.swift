import JSON
import Schema
import Testing

/// graphql-js's executor-test (via graphql-core 3.2.8's test_executor), with the expected responses as data.
@Suite struct ExecutorTests {
    static let dataSDL = """
        schema { query: DataType }
        type DataType { a: String b: String c: String d: String e: String f: String pic(size: Int): String
          deep: DeepDataType promise: DataType }
        type DeepDataType { a: String b: String c: [String] deeper: [DataType] }
        """

    static let data: JSONValue = [
        "a": "Apple", "b": "Banana", "c": "Cookie", "d": "Donut", "e": "Egg", "f": "Fish",
    ]

    @Test func executesArbitraryCode() async throws {
        var root = try #require(Self.data.objectValue)
        root["deep"] = [
            "a": "Already Been Done", "b": "Boring", "c": ["Contrived", nil, "Confusing"],
            "deeper": [Self.data, nil, Self.data],
        ]
        var resolvers = ResolverMap<Void>()
        resolvers.sync("DataType", "pic") { _, arguments, _, _ in
            .string("Pic of size: \(arguments["size"]?.intValue ?? 50)")
        }
        resolvers.async("DataType", "promise") { _, _, _, _ in
            await Task.yield()
            return .json(Self.data)
        }
        let result = try await ExecutionHarness.run(
            sdl: Self.dataSDL,
            """
            query ($size: Int) {
              a, b, x: c
              ...c
              f
              ...on DataType { pic(size: $size) promise { a } }
              deep { a b c deeper { a b } }
            }
            fragment c on DataType { d e }
            """,
            root: .object(root),
            resolvers: resolvers,
            variables: ["size": 100]
        )
        try expectResponse(
            result,
            #"""
            {"data":{"a":"Apple","b":"Banana","x":"Cookie","d":"Donut","e":"Egg","f":"Fish",
            "pic":"Pic of size: 100","promise":{"a":"Apple"},
            "deep":{"a":"Already Been Done","b":"Boring","c":["Contrived",null,"Confusing"],
            "deeper":[{"a":"Apple","b":"Banana"},null,{"a":"Apple","b":"Banana"}]}}}
            """#
        )
    }

    /// Keys follow CollectFields order (spec §6.3.2): `deep` is first met in FragOne, before FragTwo's `c`.
    @Test func mergesParallelFragments() async throws {
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Type", "a") { _, _, _, _ in "Apple" }
        resolvers.sync("Type", "b") { _, _, _, _ in "Banana" }
        resolvers.sync("Type", "c") { _, _, _, _ in "Cherry" }
        resolvers.sync("Type", "deep") { _, _, _, _ in .json([:]) }
        let result = try await ExecutionHarness.run(
            sdl: "schema { query: Type } type Type { a: String b: String c: String deep: Type }",
            """
            { a, ...FragOne, ...FragTwo }
            fragment FragOne on Type { b deep { b, deeper: deep { b } } }
            fragment FragTwo on Type { c deep { c, deeper: deep { c } } }
            """,
            resolvers: resolvers
        )
        try expectResponse(
            result,
            #"""
            {"data":{"a":"Apple","b":"Banana",
            "deep":{"b":"Banana","deeper":{"b":"Banana","c":"Cherry"},"c":"Cherry"},"c":"Cherry"}}
            """#
        )
    }

    @Test func providesInfoAboutTheCurrentExecutionState() async throws {
        let seen = Log<ResolveInfo>()
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Test", "test") { _, _, _, info in
            seen.append(info)
            return .null
        }
        let schema = try ExecutionHarness.schema("schema { query: Test } type Test { test: String }")
        _ = try await ExecutionHarness.run(
            schema,
            "query ($var: String) { result: test }",
            root: .json(["root": "val"]),
            resolvers: resolvers,
            variables: ["var": "abc"]
        )
        let info = try #require(seen.all.first)
        #expect(seen.count == 1)
        #expect(info.fieldName == "test")
        #expect(info.responseKey == "result")
        #expect(info.fieldNodes.map(\.name.value) == ["test"])
        #expect(info.returnType.description == "String")
        #expect(info.parentType.name == "Test")
        #expect(info.path == [.key("result")])
        #expect(info.variableValues == ["var": "abc"])
        #expect(info.rootValue.jsonValue == ["root": "val"])
        #expect(info.operation.operation == .query)
        #expect(info.fragments.isEmpty)
        #expect(info.schema === schema)
    }

    @Test func populatesThePathWithComplexTypes() async throws {
        let paths = Log<[PathComponent]>()
        var resolvers = ResolverMap<Void>()
        resolvers.sync("SomeObject", "test") { _, _, _, info in
            paths.append(info.path)
            return .null
        }
        resolvers.resolveType("SomeUnion") { _, _, _ in "SomeObject" }
        _ = try await ExecutionHarness.run(
            sdl: """
                schema { query: SomeQuery }
                type SomeObject { test: String }
                union SomeUnion = SomeObject
                type SomeQuery { test: [SomeUnion!]! }
                """,
            "query { l1: test { ... on SomeObject { l2: test } } }",
            root: ["test": [[:]]],
            resolvers: resolvers
        )
        #expect(paths.all == [[.key("l1"), .index(0), .key("l2")]])
    }

    @Test func threadsTheRootValueAndArguments() async throws {
        let seen = Log<JSONValue>()
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Type", "a") { parent, _, _, _ in
            seen.append(parent.jsonValue ?? .null)
            return .null
        }
        resolvers.sync("Type", "b") { _, arguments, _, _ in
            seen.append(.object(arguments))
            return .null
        }
        _ = try await ExecutionHarness.run(
            sdl: "schema { query: Type } type Type { a: String b(numArg: Int, stringArg: String): String }",
            #"query Example { a b(numArg: 123, stringArg: "foo") }"#,
            root: ["contextThing": "thing"],
            resolvers: resolvers
        )
        #expect(seen.all == [["contextThing": "thing"], ["numArg": 123, "stringArg": "foo"]])
    }

    @Test func nullsOutErrorSubtrees() async throws {
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Type", "syncOk") { _, _, _, _ in "sync ok" }
        resolvers.sync("Type", "syncError") { _, _, _, _ in throw GraphQLError(message: "Error getting syncError") }
        resolvers.sync("Type", "syncRawError") { _, _, _, _ in throw TestError("Error getting syncRawError") }
        resolvers.async("Type", "asyncOk") { _, _, _, _ in "async ok" }
        resolvers.async("Type", "asyncError") { _, _, _, _ in throw GraphQLError(message: "Error getting asyncError") }
        resolvers.async("Type", "asyncRawError") { _, _, _, _ in throw TestError("Error getting asyncRawError") }
        resolvers.async("Type", "asyncErrorWithExtensions") { _, _, _, _ in
            throw ExtendedError("Error getting asyncErrorWithExtensions", extensions: ["foo": "bar"])
        }
        let result = try await ExecutionHarness.run(
            sdl: """
                schema { query: Type }
                type Type { syncOk: String syncError: String syncRawError: String asyncOk: String asyncError: String
                  asyncRawError: String asyncErrorWithExtensions: String }
                """,
            """
            {
              syncOk
              syncError
              syncRawError
              asyncOk
              asyncError
              asyncRawError
              asyncErrorWithExtensions
            }
            """,
            resolvers: resolvers
        )
        try expectResponse(
            result,
            #"""
            {"errors":[
            {"message":"Error getting syncError","locations":[{"line":3,"column":3}],"path":["syncError"]},
            {"message":"Error getting syncRawError","locations":[{"line":4,"column":3}],"path":["syncRawError"]},
            {"message":"Error getting asyncError","locations":[{"line":6,"column":3}],"path":["asyncError"]},
            {"message":"Error getting asyncRawError","locations":[{"line":7,"column":3}],"path":["asyncRawError"]},
            {"message":"Error getting asyncErrorWithExtensions","locations":[{"line":8,"column":3}],
             "path":["asyncErrorWithExtensions"],"extensions":{"foo":"bar"}}],
            "data":{"syncOk":"sync ok","syncError":null,"syncRawError":null,"asyncOk":"async ok","asyncError":null,
            "asyncRawError":null,"asyncErrorWithExtensions":null}}
            """#
        )
        // The resolver's own error stays reachable for the gateway's logs.
        #expect(result.errors[1].underlyingError is TestError)
    }

    @Test func handlesSyncErrorsCombinedWithAsyncOnes() async throws {
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Query", "syncNullError") { _, _, _, _ in .null }
        resolvers.async("Query", "asyncNullError") { _, _, _, _ in .null }
        let result = try await ExecutionHarness.run(
            sdl: "type Query { syncNullError: String! asyncNullError: String! }",
            """
            {
              asyncNullError
              syncNullError
            }
            """,
            resolvers: resolvers
        )
        try expectResponse(
            result,
            #"""
            {"errors":[{"message":"Cannot return null for non-nullable field Query.syncNullError.",
            "locations":[{"line":3,"column":3}],"path":["syncNullError"]}],"data":null}
            """#
        )
    }

    @Test func includesTheFullPathForNonNullableFields() async throws {
        var resolvers = ResolverMap<Void>()
        for field in ["nullableA", "nonNullA"] {
            resolvers.sync("A", field) { _, _, _, _ in .json([:]) }
        }
        resolvers.sync("A", "throws") { _, _, _, _ in throw TestError("Catch me if you can") }
        resolvers.sync("Query", "nullableA") { _, _, _, _ in .json([:]) }
        let result = try await ExecutionHarness.run(
            sdl: "type A { nullableA: A nonNullA: A! throws: A! } type Query { nullableA: A }",
            """
            query {
              nullableA {
                aliasedA: nullableA {
                  nonNullA {
                    anotherA: nonNullA {
                      throws
                    }
                  }
                }
              }
            }
            """,
            resolvers: resolvers
        )
        try expectResponse(
            result,
            #"""
            {"errors":[{"message":"Catch me if you can","locations":[{"line":6,"column":11}],
            "path":["nullableA","aliasedA","nonNullA","anotherA","throws"]}],
            "data":{"nullableA":{"aliasedA":null}}}
            """#
        )
    }

    static let simpleSDL = "schema { query: Type } type Type { a: String }"

    @Test(
        arguments: [
            ("{ a }", nil, #"{"data":{"a":"b"}}"#),
            ("query Example { a }", nil, #"{"data":{"a":"b"}}"#),
            (
                "query Example { first: a } query OtherExample { second: a }", "OtherExample",
                #"{"data":{"second":"b"}}"#
            ),
            (
                "fragment Example on Type { a }", nil,
                #"{"errors":[{"message":"Must provide an operation.","extensions":{"code":"OPERATION_RESOLUTION_FAILURE"}}]}"#
            ),
            (
                "query Example { a } query OtherExample { a }", nil,
                #"{"errors":[{"message":"Must provide operation name if query contains multiple operations.","extensions":{"code":"OPERATION_RESOLUTION_FAILURE"}}]}"#
            ),
            (
                "query Example { a } query OtherExample { a }", "UnknownExample",
                #"{"errors":[{"message":"Unknown operation named \"UnknownExample\".","extensions":{"code":"OPERATION_RESOLUTION_FAILURE"}}]}"#
            ),
            (
                "{ a }", "",
                #"{"errors":[{"message":"Unknown operation named \"\".","extensions":{"code":"OPERATION_RESOLUTION_FAILURE"}}]}"#
            ),
        ] as [(String, String?, String)]
    )
    func selectsTheOperation(query: String, operationName: String?, expected: String) async throws {
        let result = try await ExecutionHarness.run(
            sdl: Self.simpleSDL,
            query,
            root: ["a": "b"],
            operationName: operationName
        )
        try expectResponse(result, expected)
    }

    @Test func usesTheRootTypeOfEachOperation() async throws {
        let sdl = "schema { query: Q mutation: M } type Q { a: String } type M { c: String }"
        let document = "query Q { a } mutation M { c }"
        let query = try await ExecutionHarness.run(sdl: sdl, document, root: ["a": "b", "c": "d"], operationName: "Q")
        try expectResponse(query, #"{"data":{"a":"b"}}"#)
        let mutation = try await ExecutionHarness.run(
            sdl: sdl,
            document,
            root: ["a": "b", "c": "d"],
            operationName: "M"
        )
        try expectResponse(mutation, #"{"data":{"c":"d"}}"#)
    }

    @Test func refusesSubscriptions() async throws {
        let result = try await ExecutionHarness.run(
            sdl: "schema { query: Q subscription: S } type Q { a: String } type S { a: String }",
            "subscription S { a }",
            root: ["a": "b"]
        )
        try expectResponse(
            result,
            #"""
            {"errors":[{"message":"Subscriptions are not supported.","locations":[{"line":1,"column":1}],
            "extensions":{"code":"OPERATION_NOT_SUPPORTED"}}]}
            """#
        )
    }

    @Test func reportsAnOperationTheSchemaDoesNotSupport() async throws {
        let result = try await ExecutionHarness.run(
            sdl: "type Query { a: String }",
            """
            query Q { __typename }
            mutation M { __typename }
            """,
            operationName: "M"
        )
        try expectResponse(
            result,
            #"""
            {"errors":[{"message":"Schema is not configured to execute mutation operation.",
            "locations":[{"line":2,"column":1}]}],"data":null}
            """#
        )
    }

    @Test func keepsFieldOrderDespiteExecutionOrder() async throws {
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Type", "a") { _, _, _, _ in "a" }
        resolvers.async("Type", "b") { _, _, _, _ in "b" }
        resolvers.sync("Type", "c") { _, _, _, _ in "c" }
        resolvers.async("Type", "d") { _, _, _, _ in "d" }
        resolvers.sync("Type", "e") { _, _, _, _ in "e" }
        let result = try await ExecutionHarness.run(
            sdl: "schema { query: Type } type Type { a: String b: String c: String d: String e: String }",
            "{ a, b, c, d, e }",
            resolvers: resolvers
        )
        try expectResponse(result, #"{"data":{"a":"a","b":"b","c":"c","d":"d","e":"e"}}"#)
    }

    @Test func avoidsRecursionThroughFragments() async throws {
        let result = try await ExecutionHarness.run(
            sdl: Self.simpleSDL,
            "query Q { a ...Frag ...Frag } fragment Frag on Type { a, ...Frag }",
            root: ["a": "b"],
            operationName: "Q"
        )
        try expectResponse(result, #"{"data":{"a":"b"}}"#)
    }

    @Test func leavesOutWhatIsNotExecutable() async throws {
        // A missing sub-selection gives an empty object, an unknown field nothing, type definitions are ignored.
        let sdl = "type SomeType { b: String } type Query { a: SomeType foo: String }"
        try expectResponse(
            try await ExecutionHarness.run(sdl: sdl, "{ a }", root: ["a": ["b": "c"]]),
            #"{"data":{"a":{}}}"#
        )
        try expectResponse(
            try await ExecutionHarness.run(sdl: sdl, "{ thisIsIllegalDoNotIncludeMe }"),
            #"{"data":{}}"#
        )
        try expectResponse(
            try await ExecutionHarness.run(sdl: sdl, "{ foo } type Query { bar: String }"),
            #"{"data":{"foo":null}}"#
        )
    }

    @Test func passesOnlyTheArgumentsThatWereSet() async throws {
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Type", "field") { _, arguments, _, _ in .string(JSONValue.object(arguments).description) }
        let result = try await ExecutionHarness.run(
            sdl:
                "schema { query: Type } type Type { field(a: Boolean, b: Boolean, c: Boolean, d: Int, e: Int): String }",
            "{ field(a: true, c: false, e: 0) }",
            resolvers: resolvers
        )
        try expectResponse(result, #"{"data":{"field":"{\"a\":true,\"c\":false,\"e\":0}"}}"#)
    }

    @Test func failsWhenTheIsTypeOfCheckIsNotMet() async throws {
        var resolvers = ResolverMap<Void>()
        resolvers.isTypeOf("SpecialType") { value, _, _ in value.jsonObject?["special"] == true }
        let result = try await ExecutionHarness.run(
            sdl: "type SpecialType { value: String } type Query { specials: [SpecialType] }",
            "{ specials { value } }",
            root: ["specials": [["special": true, "value": "foo"], ["value": "bar"]]],
            resolvers: resolvers
        )
        try expectResponse(
            result,
            #"""
            {"errors":[{"message":"Expected value of type \"SpecialType\" but got: { value: \"bar\" }.",
            "locations":[{"line":1,"column":3}],"path":["specials",1]}],
            "data":{"specials":[{"value":"foo"},null]}}
            """#
        )
    }

    struct NullSerializer: ScalarCoercion {
        func serialize(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue { .null }
        func parseValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue { value }
    }

    @Test func failsWhenACustomScalarSerializesToNothing() async throws {
        let schema = try GraphQLSchema(
            sdl: "scalar CustomScalar type Query { customScalar: CustomScalar }",
            scalars: ["CustomScalar": NullSerializer()]
        )
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Query", "customScalar") { _, _, _, _ in "CUSTOM_VALUE" }
        let result = try await ExecutionHarness.run(schema, "{ customScalar }", resolvers: resolvers)
        try expectResponse(
            result,
            #"""
            {"errors":[{"message":"Expected `CustomScalar.serialize(\"CUSTOM_VALUE\")` to return non-nullable value, returned: null",
            "locations":[{"line":1,"column":3}],"path":["customScalar"]}],"data":{"customScalar":null}}
            """#
        )
    }

    @Test func usesACustomTypeResolver() async throws {
        var resolvers = ResolverMap<Void>()
        let possible = Log<[String]>()
        resolvers.resolveType("FooInterface") { _, _, info in
            possible.append(info.schema.possibleTypes(of: info.returnType.namedType).map(\.name))
            return "FooObject"
        }
        let result = try await ExecutionHarness.run(
            sdl: """
                interface FooInterface { bar: String }
                type FooObject implements FooInterface { bar: String }
                type Query { foo: FooInterface }
                """,
            "{ foo { bar } }",
            root: ["foo": ["bar": "bar"]],
            resolvers: resolvers
        )
        try expectResponse(result, #"{"data":{"foo":{"bar":"bar"}}}"#)
        #expect(possible.all == [["FooObject"]])
    }

    @Test func answersTypenameEverywhere() async throws {
        let result = try await ExecutionHarness.run(
            sdl: """
                schema { query: Q mutation: M }
                type Q { a: A list: [A] }
                type M { a: A }
                type A { b: String }
                """,
            "{ __typename t: __typename a { __typename b } list { __typename } }",
            root: ["a": ["b": "x"], "list": [[:], [:]]]
        )
        try expectResponse(
            result,
            #"{"data":{"__typename":"Q","t":"Q","a":{"__typename":"A","b":"x"},"list":[{"__typename":"A"},{"__typename":"A"}]}}"#
        )
        let mutation = try await ExecutionHarness.run(
            sdl: "schema { query: Q mutation: M } type Q { a: String } type M { a: String }",
            "mutation { __typename }"
        )
        try expectResponse(mutation, #"{"data":{"__typename":"M"}}"#)
    }

    @Test func rejectsResolversForUnknownFields() throws {
        let schema = try ExecutionHarness.schema("type Query { a: String } union U = Query")
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Query", "b") { _, _, _, _ in .null }
        resolvers.sync("Nope", "a") { _, _, _, _ in .null }
        resolvers.resolveType("Query") { _, _, _ in nil }
        resolvers.isTypeOf("U") { _, _, _ in true }
        let error = #expect(throws: ResolverMapError.self) { try Executor(schema: schema, resolvers: resolvers) }
        #expect(
            error?.problems == [
                "A resolver is registered for \"Query.b\", but \"Query\" has no field \"b\".",
                "A resolver is registered for \"Nope.a\", but the schema has no type \"Nope\".",
                "A resolveType hook is registered for \"Query\", which is not an interface or union of the schema.",
                "An isTypeOf check is registered for \"U\", which is not an object type of the schema.",
            ]
        )
    }

    @Test func appliesInterfaceResolversToImplementations() async throws {
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Named", "name") { parent, _, _, _ in
            .string((parent.jsonObject?["raw"]?.stringValue ?? "").uppercased())
        }
        resolvers.sync("B", "name") { _, _, _, _ in "own" }
        let result = try await ExecutionHarness.run(
            sdl: """
                interface Named { name: String }
                type A implements Named { name: String }
                type B implements Named { name: String }
                type Query { a: A b: B }
                """,
            "{ a { name } b { name } }",
            root: ["a": ["raw": "ada"], "b": ["raw": "bob"]],
            resolvers: resolvers
        )
        try expectResponse(result, #"{"data":{"a":{"name":"ADA"},"b":{"name":"own"}}}"#)
    }

    @Test func readsFieldSources() async throws {
        struct Person: FieldSource {
            var name: String
            var friends: [Person]
            func resolveField(_ field: String, arguments: JSONObject) throws -> ResolvedValue {
                switch field {
                case "name": .string(name)
                case "greeting": .string("\(arguments["word"]?.stringValue ?? "Hi"), \(name)")
                case "friends": .objects(friends)
                default: .null
                }
            }
        }
        let ada = Person(name: "Ada", friends: [Person(name: "Bob", friends: []), Person(name: "Cy", friends: [])])
        let result = try await ExecutionHarness.run(
            try ExecutionHarness.schema(
                "type Person { name: String greeting(word: String): String friends: [Person] } type Query { me: Person }"
            ),
            #"{ me { name greeting(word: "Hello") friends { name greeting } } }"#,
            root: .json(.object([:])),
            resolvers: {
                var resolvers = ResolverMap<Void>()
                resolvers.sync("Query", "me") { _, _, _, _ in .object(ada) }
                return resolvers
            }()
        )
        try expectResponse(
            result,
            #"""
            {"data":{"me":{"name":"Ada","greeting":"Hello, Ada",
            "friends":[{"name":"Bob","greeting":"Hi, Bob"},{"name":"Cy","greeting":"Hi, Cy"}]}}}
            """#
        )
    }

    @Test func mapsUnexpectedErrorsWhenAsked() async throws {
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Query", "a") { _, _, _, _ in throw TestError("connection string leaked: secret") }
        let executor = try Executor(
            schema: try ExecutionHarness.schema("type Query { a: String }"),
            resolvers: resolvers,
            options: ExecutorOptions(mapError: { _ in
                GraphQLError(message: "Internal server error.", extensions: ["code": "INTERNAL_SERVER_ERROR"])
            })
        )
        let result = await executor.execute(ExecutionRequest(document: try ExecutionHarness.parse("{ a }")))
        try expectResponse(
            result,
            #"""
            {"errors":[{"message":"Internal server error.","locations":[{"line":1,"column":3}],"path":["a"],
            "extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"a":null}}
            """#
        )
    }
}
