import JSON
import Schema
import Synchronization
import Testing

/// graphql-js's mutations-test ("Execute: Handles mutation execution ordering"): mutation root fields run one
/// after the other (spec §6.2.2), synchronous and asynchronous ones alike, and a failing one does not stop the
/// rest.
@Suite struct MutationsTests {
    /// The reference test's `Root`: one shared number that the mutations change.
    final class NumberHolder: Sendable {
        let number: Mutex<Int>
        let log = Log<String>()
        init(_ number: Int) { self.number = Mutex(number) }

        func change(to value: Int) -> ResolvedValue {
            number.withLock { $0 = value }
            return .json(["theNumber": .int(value)])
        }
    }

    static let sdl = """
        type NumberHolder { theNumber: Int }
        type Query { numberHolder: NumberHolder }
        type Mutation {
          immediatelyChangeTheNumber(newNumber: Int): NumberHolder
          promiseToChangeTheNumber(newNumber: Int): NumberHolder
          failToChangeTheNumber(newNumber: Int): NumberHolder
          promiseAndFailToChangeTheNumber(newNumber: Int): NumberHolder
        }
        """

    static func executor() throws -> Executor<NumberHolder> {
        var resolvers = ResolverMap<NumberHolder>()
        resolvers.sync("Mutation", "immediatelyChangeTheNumber") { _, arguments, holder, _ in
            holder.log.append("immediately \(arguments["newNumber"]?.intValue ?? 0)")
            return holder.change(to: arguments["newNumber"]?.intValue ?? 0)
        }
        resolvers.async("Mutation", "promiseToChangeTheNumber") { _, arguments, holder, _ in
            let value = arguments["newNumber"]?.intValue ?? 0
            holder.log.append("start \(value)")
            // Give any concurrently running field every chance to interleave.
            for _ in 0..<5 { await Task.yield() }
            holder.log.append("end \(value)")
            return holder.change(to: value)
        }
        resolvers.sync("Mutation", "failToChangeTheNumber") { _, arguments, _, _ in
            throw TestError("Cannot change the number to \(arguments["newNumber"]?.intValue ?? 0)")
        }
        resolvers.async("Mutation", "promiseAndFailToChangeTheNumber") { _, arguments, _, _ in
            await Task.yield()
            throw TestError("Cannot change the number to \(arguments["newNumber"]?.intValue ?? 0)")
        }
        return try Executor(schema: try GraphQLSchema(sdl: sdl), resolvers: resolvers)
    }

    @Test func evaluatesMutationsSerially() async throws {
        let holder = NumberHolder(6)
        let result = try await Self.executor().execute(
            ExecutionRequest(
                document: try Parser.parse(
                    """
                    mutation M {
                      first: immediatelyChangeTheNumber(newNumber: 1) { theNumber },
                      second: promiseToChangeTheNumber(newNumber: 2) { theNumber },
                      third: immediatelyChangeTheNumber(newNumber: 3) { theNumber }
                      fourth: promiseToChangeTheNumber(newNumber: 4) { theNumber },
                      fifth: immediatelyChangeTheNumber(newNumber: 5) { theNumber }
                    }
                    """
                ),
                context: holder
            )
        )
        try expectResponse(
            result,
            #"""
            {"data":{"first":{"theNumber":1},"second":{"theNumber":2},"third":{"theNumber":3},
            "fourth":{"theNumber":4},"fifth":{"theNumber":5}}}
            """#
        )
        #expect(
            holder.log.all == [
                "immediately 1", "start 2", "end 2", "immediately 3", "start 4", "end 4", "immediately 5",
            ]
        )
        #expect(holder.number.withLock { $0 } == 5)
    }

    @Test func leavesOutIllegalMutationFields() async throws {
        let result = try await Self.executor().execute(
            ExecutionRequest(
                document: try Parser.parse("mutation { thisIsIllegalDoNotIncludeMe }"),
                context: NumberHolder(0)
            )
        )
        try expectResponse(result, #"{"data":{}}"#)
    }

    @Test func evaluatesMutationsCorrectlyWhenOneFails() async throws {
        let holder = NumberHolder(6)
        let result = try await Self.executor().execute(
            ExecutionRequest(
                document: try Parser.parse(
                    """
                    mutation M {
                      first: immediatelyChangeTheNumber(newNumber: 1) { theNumber },
                      second: promiseToChangeTheNumber(newNumber: 2) { theNumber },
                      third: failToChangeTheNumber(newNumber: 3) { theNumber }
                      fourth: promiseToChangeTheNumber(newNumber: 4) { theNumber },
                      fifth: immediatelyChangeTheNumber(newNumber: 5) { theNumber }
                      sixth: promiseAndFailToChangeTheNumber(newNumber: 6) { theNumber }
                    }
                    """
                ),
                context: holder
            )
        )
        try expectResponse(
            result,
            #"""
            {"errors":[
            {"message":"Cannot change the number to 3","locations":[{"line":4,"column":3}],"path":["third"]},
            {"message":"Cannot change the number to 6","locations":[{"line":7,"column":3}],"path":["sixth"]}],
            "data":{"first":{"theNumber":1},"second":{"theNumber":2},"third":null,"fourth":{"theNumber":4},
            "fifth":{"theNumber":5},"sixth":null}}
            """#
        )
    }

    @Test func stopsAtANonNullMutationFailure() async throws {
        var resolvers = ResolverMap<Void>()
        let ran = Log<String>()
        resolvers.async("Mutation", "a") { _, _, _, _ in
            ran.append("a")
            return .null
        }
        resolvers.async("Mutation", "b") { _, _, _, _ in
            ran.append("b")
            return 1
        }
        let result = try await ExecutionHarness.run(
            sdl: "type Query { x: Int } type Mutation { a: Int! b: Int }",
            "mutation { a b }",
            resolvers: resolvers
        )
        try expectResponse(
            result,
            #"""
            {"errors":[{"message":"Cannot return null for non-nullable field Mutation.a.","locations":[{"line":1,"column":12}],
            "path":["a"]}],"data":null}
            """#
        )
        #expect(ran.all == ["a"])
    }
}
