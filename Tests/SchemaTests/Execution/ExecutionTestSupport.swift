import JSON
import Schema
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Helpers shared by the execution suites: build a schema, run a document, compare the response with the JSON a
/// reference implementation gives (order-sensitive, since results follow selection order).
enum ExecutionHarness {
    static func schema(_ sdl: String) throws -> GraphQLSchema {
        try GraphQLSchema(sdl: sdl)
    }

    static func parse(_ query: String) throws -> Document {
        try Parser.parse(query)
    }

    /// Runs `query` on an executor without context.
    static func run(
        _ schema: GraphQLSchema,
        _ query: String,
        root: ResolvedValue = .null,
        resolvers: ResolverMap<Void> = ResolverMap(),
        variables: JSONObject? = nil,
        operationName: String? = nil,
        scheduler: BatchScheduler? = nil
    ) async throws -> ExecutionResult {
        let executor = try Executor(schema: schema, resolvers: resolvers)
        return await executor.execute(
            ExecutionRequest(
                document: try parse(query),
                operationName: operationName,
                variables: variables,
                rootValue: root,
                batchScheduler: scheduler
            )
        )
    }

    /// Runs `query` against a schema given as SDL with a JSON root value read by the default resolver.
    static func run(
        sdl: String,
        _ query: String,
        root: JSONValue = .object([:]),
        resolvers: ResolverMap<Void> = ResolverMap(),
        variables: JSONObject? = nil,
        operationName: String? = nil
    ) async throws -> ExecutionResult {
        try await run(
            try schema(sdl),
            query,
            root: .json(root),
            resolvers: resolvers,
            variables: variables,
            operationName: operationName
        )
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONValue.parse(text)
    }
}

/// Expects the response (as JSON, keys in order) to be exactly `expected`.
func expectResponse(
    _ result: ExecutionResult,
    _ expected: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    let expectedJSON = try JSONValue.parse(expected)
    #expect(
        result.jsonValue.serializedString() == expectedJSON.serializedString(),
        sourceLocation: sourceLocation
    )
}

/// A ``FieldSource`` made of closures, for resolvers written as the reference tests write them (methods on an
/// object).
struct ClosureSource: FieldSource {
    var typeName: String?
    var fields: [String: @Sendable (JSONObject) throws -> ResolvedValue]

    init(typeName: String? = nil, _ fields: [String: @Sendable (JSONObject) throws -> ResolvedValue]) {
        self.typeName = typeName
        self.fields = fields
    }

    var graphQLTypeName: String? { typeName }

    func resolveField(_ name: String, arguments: JSONObject) throws -> ResolvedValue {
        guard let field = fields[name] else { return .null }
        return try field(arguments)
    }
}

/// A plain error with a message, like JavaScript's `Error`.
struct TestError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// A one-shot signal a task can wait for; used to prove concurrency without sleeping.
final class Signal: Sendable {
    private let state = Mutex<(fired: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func fire() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.fired = true
            let waiters = state.waiters
            state.waiters = []
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if state.fired { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}

/// A thread-safe list of things that happened, in order.
final class Log<Entry: Sendable>: Sendable {
    private let entries = Mutex<[Entry]>([])

    func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }

    var all: [Entry] { entries.withLock { $0 } }

    var count: Int { entries.withLock { $0.count } }
}

/// The repository root, found from this file's path.
func repositoryPath(_ relative: String) -> String {
    var path = #filePath
    for _ in 0..<4 {
        if let slash = path.lastIndex(of: "/") { path = String(path[..<slash]) }
    }
    return path + "/" + relative
}

/// Writes a UTF-8 text file.
func writeTextFile(_ path: String, _ text: String) throws {
    guard let file = fopen(path, "wb") else { throw TestError("cannot create \(path)") }
    defer { fclose(file) }
    let bytes = Array(text.utf8)
    guard fwrite(bytes, 1, bytes.count, file) == bytes.count else { throw TestError("cannot write \(path)") }
}

/// Runs a Python 3 script (with graphql-core, which `make test` installs) in a temporary directory holding
/// `files`; returns what it printed and its exit status.
func runPython(_ script: String, files: [String: String]) throws -> (output: String, status: Int32) {
    var template = Array("/tmp/snowgate-schema-tests-XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else { throw TestError("cannot create a temporary directory") }
    let directory = String(cString: created)
    var written = ["script.py"]
    try writeTextFile(directory + "/script.py", script)
    for (name, text) in files {
        try writeTextFile(directory + "/" + name, text)
        written.append(name)
    }
    defer {
        for name in written { unlink(directory + "/" + name) }
        rmdir(directory)
    }
    guard let pipe = popen("cd '\(directory)' && python3 script.py 2>&1", "r") else {
        throw TestError("cannot run python3")
    }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&buffer, 1, buffer.count, pipe)
        if count <= 0 { break }
        output.append(contentsOf: buffer[0..<count])
    }
    let status = pclose(pipe)
    return (String(decoding: output, as: UTF8.self), status)
}
