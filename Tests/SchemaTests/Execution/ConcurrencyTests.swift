import JSON
import Schema
import Testing

/// Query root fields and sibling fields run concurrently — proven by resolvers that can only finish if the other
/// one runs at the same time, never by timing — and cancelling the executing task stops execution promptly.
@Suite(.timeLimit(.minutes(1))) struct ConcurrencyTests {
    @Test func resolvesQueryRootFieldsConcurrently() async throws {
        let aStarted = Signal()
        let bStarted = Signal()
        var resolvers = ResolverMap<Void>()
        resolvers.async("Query", "a") { _, _, _, _ in
            aStarted.fire()
            await bStarted.wait()
            return "a"
        }
        resolvers.async("Query", "b") { _, _, _, _ in
            bStarted.fire()
            await aStarted.wait()
            return "b"
        }
        let result = try await ExecutionHarness.run(
            sdl: "type Query { a: String b: String c: String }",
            "{ a c b }",
            root: ["c": "c"],
            resolvers: resolvers
        )
        try expectResponse(result, #"{"data":{"a":"a","c":"c","b":"b"}}"#)
    }

    @Test func resolvesNestedSiblingFieldsConcurrently() async throws {
        let first = Signal()
        let second = Signal()
        var resolvers = ResolverMap<Void>()
        resolvers.async("Inner", "x") { _, _, _, _ in
            first.fire()
            await second.wait()
            return 1
        }
        resolvers.async("Inner", "y") { _, _, _, _ in
            second.fire()
            await first.wait()
            return 2
        }
        let result = try await ExecutionHarness.run(
            sdl: "type Inner { x: Int y: Int } type Query { inner: Inner }",
            "{ inner { x y } }",
            root: ["inner": [:]],
            resolvers: resolvers
        )
        try expectResponse(result, #"{"data":{"inner":{"x":1,"y":2}}}"#)
    }

    @Test func stopsPromptlyWhenCancelled() async throws {
        let started = Signal()
        let finished = Log<String>()
        var resolvers = ResolverMap<Void>()
        resolvers.async("Query", "slow") { _, _, _, _ in
            started.fire()
            // Waits until the task is cancelled; nothing else would end it.
            let released = Signal()
            await withTaskCancellationHandler {
                await released.wait()
            } onCancel: {
                released.fire()
            }
            try Task.checkCancellation()
            finished.append("slow")
            return "never"
        }
        resolvers.async("Query", "fast") { _, _, _, _ in "fast" }
        let executor = try Executor(
            schema: try ExecutionHarness.schema("type Query { slow: String fast: String }"),
            resolvers: resolvers
        )
        let document = try Parser.parse("{ slow fast }")
        let task = Task { await executor.execute(ExecutionRequest(document: document)) }
        await started.wait()
        task.cancel()
        let result = await task.value
        try expectResponse(
            result,
            #"{"errors":[{"message":"Execution was cancelled before it completed.","extensions":{"code":"EXECUTION_CANCELLED"}}]}"#
        )
        #expect(finished.all.isEmpty)
    }

    @Test func cancelsLoadsWaitingForADispatch() async throws {
        let scheduler = BatchScheduler()
        let batchStarted = Signal()
        let loader = DataLoader<Int, Int>(scheduler: scheduler) { keys in
            batchStarted.fire()
            let released = Signal()
            await withTaskCancellationHandler {
                await released.wait()
            } onCancel: {
                released.fire()
            }
            try Task.checkCancellation()
            return keys.map { .success($0) }
        }
        var resolvers = ResolverMap<Void>()
        resolvers.async("Query", "value") { _, _, _, _ in .int(try await loader.load(1)) }
        let executor = try Executor(
            schema: try ExecutionHarness.schema("type Query { value: Int }"),
            resolvers: resolvers
        )
        let document = try Parser.parse("{ value }")
        let task = Task { await executor.execute(ExecutionRequest(document: document, batchScheduler: scheduler)) }
        await batchStarted.wait()
        task.cancel()
        let result = await task.value
        #expect(result.errors.first?.code == "EXECUTION_CANCELLED")
        #expect(result.data == nil)
        #expect(!scheduler.isRunning)
    }

    @Test func refusesASchedulerThatIsAlreadyRunning() async throws {
        let scheduler = BatchScheduler()
        let inside = Signal()
        let release = Signal()
        var resolvers = ResolverMap<Void>()
        resolvers.async("Query", "a") { _, _, _, _ in
            inside.fire()
            await release.wait()
            return 1
        }
        let executor = try Executor(schema: try ExecutionHarness.schema("type Query { a: Int }"), resolvers: resolvers)
        let document = try Parser.parse("{ a }")
        let first = Task { await executor.execute(ExecutionRequest(document: document, batchScheduler: scheduler)) }
        await inside.wait()
        let second = await executor.execute(ExecutionRequest(document: document, batchScheduler: scheduler))
        #expect(second.errors.first?.message == "The request's BatchScheduler is already running another execution.")
        release.fire()
        try expectResponse(await first.value, #"{"data":{"a":1}}"#)
        // Once the first execution ended, the scheduler can run the next one.
        let third = await executor.execute(ExecutionRequest(document: document, batchScheduler: scheduler))
        try expectResponse(third, #"{"data":{"a":1}}"#)
    }
}
