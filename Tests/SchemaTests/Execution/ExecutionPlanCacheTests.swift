import JSON
import Schema
import Synchronization
import Testing

/// Execution plans cached across requests (``RequestPipeline``, ``ExecutionRequest/init(prepared:operationName:variables:rootValue:context:batchScheduler:)``):
/// a plan is reused only for the same document, operation, executor and exactly the same coerced variables, so
/// every request still gets the answer an uncached execution gives.
@Suite struct ExecutionPlanCacheTests {
    static let sdl = """
        scalar Raw
        type Query {
          hello(name: String): String
          echo(value: Raw): String
          count: Int
          nested: Nested
        }
        type Nested { a: String b: String }
        """

    /// A pipeline whose `echo` resolver prints its argument exactly (case and member order), and whose
    /// `nested` resolver records the selection tree it sees through ``FieldSelection/memoized(_:_:)``.
    static func pipeline(
        planCacheCapacity: Int = 16,
        computations: Log<String> = Log(),
        greeting: String = "Hello"
    ) throws -> RequestPipeline<Void, Int> {
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Query", "hello") { _, arguments, _, _ in
            .string("\(greeting), \(arguments["name"]?.stringValue ?? "world")")
        }
        resolvers.sync("Query", "echo") { _, arguments, _, _ in
            .string(Self.exact(arguments["value"] ?? .null))
        }
        resolvers.sync("Query", "count") { _, _, _, _ in .int(1) }
        resolvers.sync("Query", "nested") { _, _, _, info in
            let names = info.selection.memoized("test.names") { selection in
                let names = selection.fieldNames(on: "Nested")
                computations.append(names.joined(separator: ","))
                return names
            }
            return .json(.object(JSONObject(names.map { ($0, JSONValue.string($0)) })))
        }
        let executor = try Executor(schema: try ExecutionHarness.schema(sdl), resolvers: resolvers)
        return RequestPipeline(executor: executor, planCacheCapacity: planCacheCapacity) { _, _, _ in [] }
    }

    /// The value with its JSON case spelled out, members in order: `1` and `1.0` print differently.
    static func exact(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let bool): return "bool(\(bool))"
        case .int(let int): return "int(\(int))"
        case .double(let double): return "double(\(double))"
        case .string(let string): return "string(\(string))"
        case .array(let items): return "[" + items.map(exact).joined(separator: ",") + "]"
        case .object(let object):
            return "{" + object.map { "\($0.key):\(exact($0.value))" }.joined(separator: ",") + "}"
        }
    }

    static func run(
        _ pipeline: RequestPipeline<Void, Int>,
        _ query: String,
        operationName: String? = nil,
        variables: JSONObject? = nil
    ) async -> String {
        let result = await pipeline.execute(
            GraphQLRequest(query: query, operationName: operationName, variables: variables),
            options: 0,
            context: ()
        )
        return String(decoding: result.serialized(), as: UTF8.self)
    }

    @Test func reusesThePlanOfTheSameRequest() async throws {
        let pipeline = try Self.pipeline()
        let query = "query ($n: String) { hello(name: $n) }"
        for _ in 0..<3 {
            #expect(await Self.run(pipeline, query, variables: ["n": "Ada"]) == #"{"data":{"hello":"Hello, Ada"}}"#)
        }
        let statistics = pipeline.planCacheStatistics
        #expect(statistics.misses == 1)
        #expect(statistics.hits == 2)
        #expect(statistics.entries == 1)
    }

    @Test func skipAndIncludeVariablesAreOtherPlans() async throws {
        let pipeline = try Self.pipeline()
        let query = "query ($skip: Boolean!, $with: Boolean!) { count @skip(if: $skip) hello @include(if: $with) }"
        let cases: [(JSONObject, String)] = [
            (["skip": false, "with": true], #"{"data":{"count":1,"hello":"Hello, world"}}"#),
            (["skip": true, "with": true], #"{"data":{"hello":"Hello, world"}}"#),
            (["skip": false, "with": false], #"{"data":{"count":1}}"#),
            (["skip": true, "with": false], #"{"data":{}}"#),
        ]
        // Twice over, so the second round runs from cached plans and must still tell the four apart.
        for _ in 0..<2 {
            for (variables, expected) in cases {
                #expect(await Self.run(pipeline, query, variables: variables) == expected)
            }
        }
        #expect(pipeline.planCacheStatistics.entries == 4)
        #expect(pipeline.planCacheStatistics.hits == 4)
    }

    @Test func argumentVariablesAreOtherPlans() async throws {
        let pipeline = try Self.pipeline()
        let query = "query ($n: String) { hello(name: $n) }"
        for name in ["Ada", "Bob", "Ada", "Bob"] {
            #expect(
                await Self.run(pipeline, query, variables: ["n": .string(name)])
                    == #"{"data":{"hello":"Hello, \#(name)"}}"#
            )
        }
        // A variable left out and one given as null are different coerced values (spec §6.4.1).
        #expect(await Self.run(pipeline, query) == #"{"data":{"hello":"Hello, world"}}"#)
        #expect(await Self.run(pipeline, query, variables: ["n": .null]) == #"{"data":{"hello":"Hello, world"}}"#)
        #expect(pipeline.planCacheStatistics.entries == 4)
    }

    @Test func variablesAreComparedExactly() async throws {
        let pipeline = try Self.pipeline()
        let query = "query ($v: Raw) { echo(value: $v) }"
        let cases: [(JSONObject, String)] = [
            (["v": .int(1)], "int(1)"),
            (["v": .double(1)], "double(1.0)"),
            (["v": .double(-0.0)], "double(-0.0)"),
            (["v": .double(0)], "double(0.0)"),
            (["v": ["a": 1, "b": 2]], "{a:int(1),b:int(2)}"),
            (["v": ["b": 2, "a": 1]], "{b:int(2),a:int(1)}"),
        ]
        for _ in 0..<2 {
            for (variables, expected) in cases {
                #expect(await Self.run(pipeline, query, variables: variables) == #"{"data":{"echo":"\#(expected)"}}"#)
            }
        }
        #expect(pipeline.planCacheStatistics.entries == cases.count)
    }

    @Test func operationsOfOneDocumentAreOtherPlans() async throws {
        let pipeline = try Self.pipeline()
        let query = "query A { hello } query B { count }"
        for _ in 0..<2 {
            #expect(await Self.run(pipeline, query, operationName: "A") == #"{"data":{"hello":"Hello, world"}}"#)
            #expect(await Self.run(pipeline, query, operationName: "B") == #"{"data":{"count":1}}"#)
        }
        #expect(pipeline.planCacheStatistics.entries == 2)
    }

    @Test func documentsAreOtherPlans() async throws {
        let pipeline = try Self.pipeline()
        for _ in 0..<2 {
            #expect(await Self.run(pipeline, "{ hello }") == #"{"data":{"hello":"Hello, world"}}"#)
            #expect(await Self.run(pipeline, "{ hello: count }") == #"{"data":{"hello":1}}"#)
        }
        #expect(pipeline.planCacheStatistics.entries == 2)
    }

    @Test func aPreparedDocumentRunOnAnotherExecutorUsesThatExecutorsResolvers() async throws {
        let first = try Self.pipeline(greeting: "Hello")
        let second = try Self.pipeline(greeting: "Bonjour")
        let prepared = try first.prepare("{ hello }", options: 0).get()
        for _ in 0..<2 {
            let mine = await first.executor.execute(ExecutionRequest(prepared: prepared, context: ()))
            #expect(String(decoding: mine.serialized(), as: UTF8.self) == #"{"data":{"hello":"Hello, world"}}"#)
            let theirs = await second.executor.execute(ExecutionRequest(prepared: prepared, context: ()))
            #expect(String(decoding: theirs.serialized(), as: UTF8.self) == #"{"data":{"hello":"Bonjour, world"}}"#)
        }
    }

    @Test func largeVariablesAreNotCached() async throws {
        let pipeline = try Self.pipeline()
        let query = "query ($v: Raw) { echo(value: $v) }"
        let large = JSONValue.array((0..<100).map { .int($0) })
        for _ in 0..<2 {
            #expect(await Self.run(pipeline, query, variables: ["v": large]).hasPrefix(#"{"data":{"echo":"[int(0),"#))
        }
        #expect(pipeline.planCacheStatistics.entries == 0)
        let long = JSONValue.string(String(repeating: "x", count: 5000))
        _ = await Self.run(pipeline, query, variables: ["v": long])
        #expect(pipeline.planCacheStatistics.entries == 0)
    }

    @Test func evictsTheLeastRecentlyUsedPlans() async throws {
        let pipeline = try Self.pipeline(planCacheCapacity: 2)
        let query = "query ($n: String) { hello(name: $n) }"
        for name in ["a", "b", "c", "a"] {
            #expect(
                await Self.run(pipeline, query, variables: ["n": .string(name)])
                    == #"{"data":{"hello":"Hello, \#(name)"}}"#
            )
        }
        #expect(pipeline.planCacheStatistics.entries == 2)
        #expect(pipeline.planCacheStatistics.hits == 0)
    }

    @Test func capacityZeroTurnsPlanCachingOff() async throws {
        let pipeline = try Self.pipeline(planCacheCapacity: 0)
        for _ in 0..<2 { #expect(await Self.run(pipeline, "{ count }") == #"{"data":{"count":1}}"#) }
        #expect(pipeline.planCacheStatistics.entries == 0)
        #expect(pipeline.planCacheStatistics.hits == 0)
    }

    @Test func memoizedSelectionValuesFollowThePlan() async throws {
        let computations = Log<String>()
        let pipeline = try Self.pipeline(computations: computations)
        let query = "query ($b: Boolean!) { nested { a b @include(if: $b) } }"
        for _ in 0..<3 {
            #expect(
                await Self.run(pipeline, query, variables: ["b": true]) == #"{"data":{"nested":{"a":"a","b":"b"}}}"#
            )
            #expect(await Self.run(pipeline, query, variables: ["b": false]) == #"{"data":{"nested":{"a":"a"}}}"#)
        }
        // Once per plan, not once per request: the two variable sets are two plans.
        #expect(computations.all.sorted() == ["a", "a,b"])
    }

    @Test func memoizedSelectionValuesAreComputedPerExecutionWithoutAPipeline() async throws {
        let computations = Log<String>()
        let pipeline = try Self.pipeline(computations: computations)
        let document = try ExecutionHarness.parse("{ nested { a } }")
        for _ in 0..<2 {
            let result = await pipeline.executor.execute(ExecutionRequest(document: document))
            #expect(String(decoding: result.serialized(), as: UTF8.self) == #"{"data":{"nested":{"a":"a"}}}"#)
        }
        #expect(computations.all == ["a", "a"])
    }

    @Test func concurrentRequestsShareAPlanCorrectly() async throws {
        let pipeline = try Self.pipeline()
        let query = "query ($n: String, $s: Boolean!) { hello(name: $n) count @skip(if: $s) }"
        // The document parsed and validated once first: concurrent first requests may each prepare it, and a plan
        // keyed by a document that lost that race is a correct but extra entry (the count below would say 5).
        _ = await Self.run(pipeline, query, variables: ["n": .string("n0"), "s": .bool(true)])
        let outcomes = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
            for index in 0..<64 {
                group.addTask {
                    let skip = index % 2 == 0
                    let name = "n\(index % 4)"
                    let answer = await Self.run(pipeline, query, variables: ["n": .string(name), "s": .bool(skip)])
                    let expected =
                        skip
                        ? #"{"data":{"hello":"Hello, \#(name)"}}"#
                        : #"{"data":{"hello":"Hello, \#(name)","count":1}}"#
                    return answer == expected
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count == 64)
        #expect(outcomes.allSatisfy { $0 })
        #expect(pipeline.planCacheStatistics.entries == 4)
    }

    @Test func preparedDocumentMemoKeepsOptionalValuesPerExactVariables() throws {
        let pipeline = try Self.pipeline()
        let prepared = try pipeline.prepare("query ($n: Raw) { echo(value: $n) }", options: 0).get()
        let computed = Log<String>()
        func verdict(_ variables: JSONObject?, operation: String? = nil) -> String? {
            prepared.memoized("test.verdict", operationName: operation, variables: variables) { () -> String? in
                computed.append(variables.map { Self.exact(.object($0)) } ?? "none")
                // A nil result is a value to keep too (the gateway's "within the cost limit").
                return variables == nil ? nil : "verdict"
            }
        }
        for _ in 0..<2 {
            #expect(verdict(nil) == nil)
            #expect(verdict(["n": 1]) == "verdict")
            #expect(verdict(["n": 1.0]) == "verdict")
            #expect(verdict([:]) == "verdict")
        }
        #expect(computed.all == ["none", "{n:int(1)}", "{n:double(1.0)}", "{}"])
        _ = verdict(["n": 1], operation: "Other")
        #expect(computed.count == 5)
    }
}
