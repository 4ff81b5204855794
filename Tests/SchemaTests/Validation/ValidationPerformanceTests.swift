import Schema
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wide and deep documents that make a naive Field Selection Merging quadratic (graphql-js compares every pair of
/// same-named fields) or a recursive walk overflow. Times are compared with a document of the same size that has
/// nothing to merge, so the bound holds on a slow or busy machine; the absolute bounds are generous.
@Suite struct ValidationPerformanceTests {
    static let schema: GraphQLSchema = {
        do {
            return try GraphQLSchema(
                sdl: """
                    type Query { a: String b(x: Int): String node: Node nodes: [Node] }
                    type Node { id: ID name: String child: Node }
                    """
            )
        } catch {
            fatalError("\(error)")
        }
    }()

    static let options = ParseOptions(maxTokens: nil)

    /// Seconds taken to parse and validate `text`, and its errors.
    static func measure(_ text: String) throws -> (seconds: Double, errors: [GraphQLError]) {
        let document = try Parser.parse(text, options: options)
        let start = now()
        let errors = Validator.validate(
            schema: schema,
            document: document,
            options: ValidationOptions(limits: .unlimited)
        )
        return (now() - start, errors)
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// `count` fields, each made by `make(index)`, in one selection set.
    static func document(_ count: Int, _ make: (Int) -> String) -> String {
        "{ " + (0..<count).map(make).joined(separator: " ") + " }"
    }

    @Test func fiveThousandIdenticalFieldsValidateInLinearTime() throws {
        let identical = try Self.measure(Self.document(5_000) { _ in "a" })
        let distinct = try Self.measure(Self.document(5_000) { "f\($0): a" })
        #expect(identical.errors.isEmpty)
        #expect(distinct.errors.isEmpty)
        // Pairwise comparison would be 12.5 million comparisons against 5,000 distinct names.
        #expect(identical.seconds < max(0.05, distinct.seconds * 10), "\(identical.seconds)s vs \(distinct.seconds)s")
        #expect(identical.seconds < 2)
    }

    @Test func identicalFieldsWithSubSelectionsAndArgumentsValidateInLinearTime() throws {
        let identical = try Self.measure(Self.document(2_000) { _ in "node { id name child { id } } b(x: 1)" })
        let distinct = try Self.measure(
            Self.document(2_000) { "n\($0): node { id name child { id } } b\($0): b(x: 1)" }
        )
        #expect(identical.errors.isEmpty)
        #expect(distinct.errors.isEmpty)
        #expect(identical.seconds < max(0.05, distinct.seconds * 10), "\(identical.seconds)s vs \(distinct.seconds)s")
    }

    @Test func identicalFieldsInFragmentsValidateInLinearTime() throws {
        // The same wide selection inline and in a fragment: compared "between", field against fragment.
        let fields = (0..<1_000).map { _ in "id" }.joined(separator: " ")
        let text = "{ nodes { \(fields) ...F } } fragment F on Node { \(fields) }"
        let result = try Self.measure(text)
        #expect(result.errors.isEmpty)
        #expect(result.seconds < 2)
    }

    @Test func aThousandAliasesValidateQuickly() throws {
        let aliases = try Self.measure(Self.document(1_000) { "x\($0): node { id }" })
        #expect(aliases.errors.isEmpty)
        #expect(aliases.seconds < 2)
    }

    @Test func manyConflictingFieldsStopAtTheErrorLimit() throws {
        // 2,500 × 2,500 conflicting pairs: collecting stops once the error limit is reached, as graphql-js would
        // report the same first 100 and abort.
        let result = try Self.measure(Self.document(5_000) { $0 % 2 == 0 ? "x: a" : "x: b(x: 1)" })
        #expect(result.errors.count == 101)
        #expect(result.errors.last?.message == "Too many validation errors, error limit reached. Validation aborted.")
        #expect(result.seconds < 2)
    }

    @Test func aLongChainOfFragmentsDoesNotExhaustTheStack() throws {
        // Each fragment spreads the next: 2,000 levels of recursion in the rules that follow spreads.
        let count = 2_000
        var text = "{ node { ...F0 } }\n"
        for index in 0..<count {
            let next = index + 1 < count ? " ...F\(index + 1)" : ""
            text += "fragment F\(index) on Node { id\(next) }\n"
        }
        let result = try Self.measure(text)
        #expect(result.errors.isEmpty)
        let limits = OperationLimits.default.check(
            document: try Parser.parse(text, options: Self.options),
            schema: Self.schema
        )
        #expect(limits.isEmpty)
    }
}
