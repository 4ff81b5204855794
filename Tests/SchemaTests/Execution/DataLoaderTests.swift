import JSON
import Schema
import Testing

/// Per-request batch loading: sibling loads dispatched together once the executor has nothing else to do, level
/// by level; loaders feeding loaders; per-key errors; caching; serial mutations. Dispatch rounds and batch calls
/// are counted — never timed.
@Suite(.timeLimit(.minutes(1))) struct DataLoaderTests {
    static let sdl = """
        type User { id: ID! name: String manager: User }
        type Item { id: ID! owner: User ref: User }
        type Query { items(count: Int!): [Item!]! more(count: Int!): [Item!]! user(id: ID!): User }
        type Mutation { touch(id: ID!): Item }
        """

    /// The per-request context: the request's loaders, and a log of what the batch functions were asked.
    struct Context: Sendable {
        let users: DataLoader<String, JSONValue>
        let references: DataLoader<String, JSONValue>
        let reads: DataLoader<String, JSONValue>
        let calls: Log<String>

        init(scheduler: BatchScheduler, maxBatchSize: Int? = nil, failing: Set<String> = [], throwing: Bool = false) {
            let calls = Log<String>()
            self.calls = calls
            users = DataLoader(scheduler: scheduler, maxBatchSize: maxBatchSize) { ids in
                // Concurrent siblings queue their keys in no fixed order: log them sorted.
                calls.append("users " + ids.sorted().joined(separator: ","))
                if throwing { throw TestError("upstream unavailable") }
                return ids.map { id in
                    failing.contains(id)
                        ? .failure(ExtendedError("No user \(id).", code: "NOT_FOUND"))
                        : .success(["id": .string(id), "name": .string("User \(id)"), "managerId": .string("m\(id)")])
                }
            }
            // The upstream-read loader: one call per round stands for one ServiceNow Batch API request.
            let reads = DataLoader<String, JSONValue>(scheduler: scheduler) { paths in
                calls.append("reads \(paths.count)")
                return paths.map { .success(["id": .string($0), "name": .string("Read \($0)")]) }
            }
            self.reads = reads
            // A reference loader that turns its keys into reads of the upstream-read loader.
            references = DataLoader(scheduler: scheduler) { ids in
                calls.append("references \(ids.count)")
                return await reads.loadMany(ids.map { "sys_user/" + $0 })
            }
        }
    }

    static func executor() throws -> Executor<Context> {
        var resolvers = ResolverMap<Context>()
        for field in ["items", "more"] {
            resolvers.async("Query", field) { _, arguments, _, _ in
                let count = arguments["count"]?.intValue ?? 0
                return .json(.array((0..<count).map { ["id": .string("\($0)")] }))
            }
        }
        resolvers.async("Item", "owner") { parent, _, context, _ in
            guard let id = parent.jsonObject?["id"]?.stringValue else { return .null }
            return .json(try await context.users.load(id))
        }
        resolvers.async("Item", "ref") { parent, _, context, _ in
            guard let id = parent.jsonObject?["id"]?.stringValue else { return .null }
            return .json(try await context.references.load(id))
        }
        resolvers.async("User", "manager") { parent, _, context, _ in
            guard let id = parent.jsonObject?["managerId"]?.stringValue else { return .null }
            return .json(try await context.users.load(id))
        }
        resolvers.async("Query", "user") { _, arguments, context, _ in
            .json(try await context.users.load(arguments["id"]?.stringValue ?? ""))
        }
        resolvers.async("Mutation", "touch") { _, arguments, context, _ in
            let id = arguments["id"]?.stringValue ?? ""
            context.calls.append("touch \(id)")
            return .json(["id": .string(id)])
        }
        return try Executor(schema: try GraphQLSchema(sdl: sdl), resolvers: resolvers)
    }

    static func run(
        _ query: String,
        maxBatchSize: Int? = nil,
        failing: Set<String> = [],
        throwing: Bool = false
    ) async throws -> (ExecutionResult, Context, BatchScheduler) {
        let scheduler = BatchScheduler()
        let context = Context(scheduler: scheduler, maxBatchSize: maxBatchSize, failing: failing, throwing: throwing)
        let result = try await executor().execute(
            ExecutionRequest(document: try Parser.parse(query), context: context, batchScheduler: scheduler)
        )
        return (result, context, scheduler)
    }

    @Test func dispatchesSiblingLoadsAsOneBatch() async throws {
        let (result, context, scheduler) = try await Self.run("{ items(count: 50) { id owner { name } } }")
        #expect(result.errors.isEmpty)
        let items = try #require(result.data?["items"]?.arrayValue)
        #expect(items.count == 50)
        #expect(items[7] == ["id": "7", "owner": ["name": "User 7"]])
        #expect(context.calls.all == ["users " + (0..<50).map(String.init).sorted().joined(separator: ",")])
        #expect(context.users.batchCallCount == 1)
        #expect(scheduler.dispatchRounds == 1)
    }

    @Test func chainedLoadersMakeOneCallEach() async throws {
        // 50 items each load a reference through loader A, whose batch function reads through loader B.
        let (result, context, scheduler) = try await Self.run("{ items(count: 50) { ref { id name } } }")
        #expect(result.errors.isEmpty)
        let items = try #require(result.data?["items"]?.arrayValue)
        #expect(items.count == 50)
        #expect(items[49] == ["ref": ["id": "sys_user/49", "name": "Read sys_user/49"]])
        #expect(context.references.batchCallCount == 1)
        #expect(context.reads.batchCallCount == 1)
        #expect(context.calls.all == ["references 50", "reads 50"])
        #expect(scheduler.dispatchRounds == 2)
    }

    @Test func dispatchesLevelByLevelAcrossRootFields() async throws {
        // Two concurrent root lists: their owners are one batch, their owners' managers the next.
        let (result, context, scheduler) = try await Self.run(
            "{ items(count: 3) { owner { name manager { name } } } more(count: 2) { owner { name } } }"
        )
        #expect(result.errors.isEmpty)
        #expect(result.data?["items"]?[2] == ["owner": ["name": "User 2", "manager": ["name": "User m2"]]])
        #expect(context.calls.all == ["users 0,1,2", "users m0,m1,m2"])
        #expect(scheduler.dispatchRounds == 2)
    }

    @Test func cachesAndCoalescesKeysWithinARequest() async throws {
        let (result, context, _) = try await Self.run(
            #"{ a: user(id: "1") { name } b: user(id: "1") { name } items(count: 2) { owner { name } } }"#
        )
        #expect(result.errors.isEmpty)
        #expect(result.data?["b"] == ["name": "User 1"])
        // "1" is asked three times, once per level; it is loaded once.
        #expect(context.calls.all == ["users 0,1"])
    }

    @Test func reportsErrorsPerKey() async throws {
        let (result, context, _) = try await Self.run("{ items(count: 4) { id owner { name } } }", failing: ["2"])
        try expectResponse(
            result,
            #"""
            {"errors":[{"message":"No user 2.","locations":[{"line":1,"column":24}],"path":["items",2,"owner"],
            "extensions":{"code":"NOT_FOUND"}}],
            "data":{"items":[{"id":"0","owner":{"name":"User 0"}},{"id":"1","owner":{"name":"User 1"}},
            {"id":"2","owner":null},{"id":"3","owner":{"name":"User 3"}}]}}
            """#
        )
        #expect(context.users.batchCallCount == 1)
    }

    @Test func failsEveryKeyWhenTheBatchFunctionThrows() async throws {
        let (result, context, _) = try await Self.run(
            #"{ items(count: 2) { owner { name } } user(id: "0") { name } }"#,
            throwing: true
        )
        #expect(result.errors.map(\.message) == Array(repeating: "upstream unavailable", count: 3))
        #expect(
            result.errors.map { $0.path ?? [] } == [
                [.key("items"), .index(0), .key("owner")], [.key("items"), .index(1), .key("owner")], [.key("user")],
            ]
        )
        #expect(context.users.batchCallCount == 1)
    }

    @Test func splitsRoundsIntoBatchesOfTheMaximumSize() async throws {
        let (result, context, scheduler) = try await Self.run("{ items(count: 5) { owner { name } } }", maxBatchSize: 2)
        #expect(result.errors.isEmpty)
        #expect(context.calls.count == 3)
        let keys = context.calls.all.flatMap { $0.dropFirst("users ".count).split(separator: ",") }
        #expect(keys.sorted() == ["0", "1", "2", "3", "4"])
        #expect(scheduler.dispatchRounds == 1)
    }

    @Test func runsMutationsSeriallyWithTheirLoads() async throws {
        let (result, context, _) = try await Self.run(
            #"mutation { a: touch(id: "1") { owner { name } } b: touch(id: "2") { owner { name } } }"#
        )
        #expect(result.errors.isEmpty)
        #expect(result.data == ["a": ["owner": ["name": "User 1"]], "b": ["owner": ["name": "User 2"]]])
        #expect(context.calls.all == ["touch 1", "users 1", "touch 2", "users 2"])
    }

    @Test func waitsForResolversThatAreStillWorking() async throws {
        // One resolver loads at once; its sibling works a while before it loads. The round waits for both.
        let scheduler = BatchScheduler()
        let calls = Log<[Int]>()
        let loader = DataLoader<Int, Int>(scheduler: scheduler) { keys in
            calls.append(keys)
            return keys.map { .success($0 * 2) }
        }
        var resolvers = ResolverMap<Void>()
        resolvers.async("Query", "fast") { _, _, _, _ in .int(try await loader.load(1)) }
        resolvers.async("Query", "slow") { _, _, _, _ in
            for _ in 0..<200 { await Task.yield() }
            return .int(try await loader.load(2))
        }
        let result = try await ExecutionHarness.run(
            try ExecutionHarness.schema("type Query { fast: Int slow: Int }"),
            "{ fast slow }",
            resolvers: resolvers,
            scheduler: scheduler
        )
        try expectResponse(result, #"{"data":{"fast":2,"slow":4}}"#)
        #expect(calls.all == [[1, 2]])
    }

    @Test func countsLoadsFromAResolversOwnChildTasks() async throws {
        // Loads made from a resolver's `async let` belong to the resolver; nothing deadlocks.
        let scheduler = BatchScheduler()
        let loader = DataLoader<Int, Int>(scheduler: scheduler) { keys in keys.map { .success($0 + 100) } }
        var resolvers = ResolverMap<Void>()
        resolvers.async("Query", "pair") { _, _, _, _ in
            async let first = loader.load(1)
            async let second = loader.load(2)
            return .list([.int(try await first), .int(try await second)])
        }
        resolvers.async("Query", "many") { _, _, _, _ in
            .list(await loader.loadMany([3, 4, 3]).map { .int((try? $0.get()) ?? -1) })
        }
        let result = try await ExecutionHarness.run(
            try ExecutionHarness.schema("type Query { pair: [Int] many: [Int] }"),
            "{ pair many }",
            resolvers: resolvers,
            scheduler: scheduler
        )
        try expectResponse(result, #"{"data":{"pair":[101,102],"many":[103,104,103]}}"#)
    }

    @Test func refusesLoadsOutsideAnExecution() async throws {
        let scheduler = BatchScheduler()
        let loader = DataLoader<Int, Int>(scheduler: scheduler) { keys in keys.map { .success($0) } }
        await #expect(throws: DataLoaderError.notRunning) { try await loader.load(1) }
        loader.prime(1, 5)
        #expect(try await loader.load(1) == 5)
    }

    @Test func primesAndClears() async throws {
        let scheduler = BatchScheduler()
        let calls = Log<[Int]>()
        let loader = DataLoader<Int, Int>(scheduler: scheduler) { keys in
            calls.append(keys)
            return keys.map { .success($0 * 10) }
        }
        loader.prime(1, 7)
        var resolvers = ResolverMap<Void>()
        resolvers.async("Query", "a") { _, _, _, _ in .int(try await loader.load(1)) }
        resolvers.async("Query", "b") { _, _, _, _ in
            loader.clear(2)
            return .int(try await loader.load(2))
        }
        let result = try await ExecutionHarness.run(
            try ExecutionHarness.schema("type Query { a: Int b: Int }"),
            "{ a b }",
            resolvers: resolvers,
            scheduler: scheduler
        )
        try expectResponse(result, #"{"data":{"a":7,"b":20}}"#)
        #expect(calls.all == [[2]])
    }
}

/// Loads the scheduler cannot count, and the order of errors raised by concurrent fields.
@Suite(.timeLimit(.minutes(1))) struct DataLoaderEdgeTests {
    @Test func dispatchesLoadsFromDetachedTasksWithoutWaitingForIdle() async throws {
        let scheduler = BatchScheduler()
        let loader = DataLoader<Int, Int>(scheduler: scheduler) { keys in keys.map { .success($0 * 3) } }
        var resolvers = ResolverMap<Void>()
        resolvers.async("Query", "value") { _, _, _, _ in
            // The resolver waits for a task that is not part of the execution; that must not deadlock.
            .int(try await Task.detached { try await loader.load(7) }.value)
        }
        let result = try await ExecutionHarness.run(
            try ExecutionHarness.schema("type Query { value: Int }"),
            "{ value }",
            resolvers: resolvers,
            scheduler: scheduler
        )
        try expectResponse(result, #"{"data":{"value":21}}"#)
    }

    @Test func ordersErrorsOfConcurrentFieldsAsTheDocumentDoes() async throws {
        let secondFailed = Signal()
        var resolvers = ResolverMap<Void>()
        resolvers.async("Query", "first") { _, _, _, _ in
            await secondFailed.wait()
            throw TestError("first")
        }
        resolvers.async("Query", "second") { _, _, _, _ in
            defer { secondFailed.fire() }
            throw TestError("second")
        }
        let result = try await ExecutionHarness.run(
            try ExecutionHarness.schema("type Query { first: Int second: Int }"),
            "{ first second }",
            resolvers: resolvers
        )
        // "second" failed first, but the response lists errors in document order.
        #expect(result.errors.map(\.message) == ["first", "second"])
    }
}
