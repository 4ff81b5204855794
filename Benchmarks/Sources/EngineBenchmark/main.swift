import BenchmarkSupport
import GraphQL
import JSON
import Resolvers
import Schema

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Our engine and GraphQLSwift/GraphQL 4.3.0 on the same work in one process: parse, validate and execute of the
// kitchen-sink document (parse only: it names fields no schema has), the full introspection query against a
// large generated schema, the example widget query against schema.graphql with fixed data, and a list of 1,000
// items of 10 fields. Each measurement alternates the engines round by round and reports the median time per
// operation of each and the ratio (GraphQLSwift / ours: above 1 means ours is faster).
//
// Usage: swift run -c release --package-path Benchmarks EngineBenchmark [ROUNDS]

let rounds = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 7 : 7

func readText(_ path: String) -> String {
    guard let file = fopen(path, "rb") else {
        print("cannot read \(path)")
        exit(1)
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
        if count < chunk.count { break }
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// JSON to the `[String: any Sendable]` / `[any Sendable]` values GraphQLSwift's default resolver reads.
func sendable(_ value: JSONValue) -> (any Sendable)? {
    switch value {
    case .null: return nil
    case .bool(let value): return value
    case .int(let value): return value
    case .double(let value): return value
    case .string(let value): return value
    case .array(let items): return items.map { sendable($0) }
    case .object(let object):
        var dictionary: [String: any Sendable] = [:]
        for (key, member) in object { if let converted = sendable(member) { dictionary[key] = converted } }
        return dictionary
    }
}

/// Median seconds per operation for each engine, the engines alternating within each round.
func measure(
    iterations: Int,
    ours: () async throws -> Void,
    theirs: () async throws -> Void
) async throws -> (ours: Double, theirs: Double) {
    let clock = ContinuousClock()
    var oursTimes: [Double] = []
    var theirsTimes: [Double] = []
    // One warm-up round each, not counted.
    try await ours()
    try await theirs()
    for round in 0..<rounds {
        for engine in round % 2 == 0 ? [0, 1] : [1, 0] {
            let start = clock.now
            for _ in 0..<iterations {
                if engine == 0 { try await ours() } else { try await theirs() }
            }
            let elapsed = clock.now - start
            let seconds =
                Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if engine == 0 {
                oursTimes.append(seconds / Double(iterations))
            } else {
                theirsTimes.append(seconds / Double(iterations))
            }
        }
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    return (median(oursTimes), median(theirsTimes))
}

struct Row {
    var workload: String
    var phase: String
    var ours: Double
    var theirs: Double
}

func format(_ seconds: Double) -> String {
    let micros = seconds * 1e6
    if micros >= 1000 {
        let tenths = Int((micros / 100).rounded())
        return "\(tenths / 10).\(tenths % 10) ms"
    }
    let tenths = Int((micros * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) µs"
}

func ratio(_ row: Row) -> String {
    let hundredths = Int((row.theirs / row.ours * 100).rounded())
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)×"
}

struct Failure: Error, CustomStringConvertible {
    var description: String
}

let root = Workloads.repositoryRoot
let unlimited = ValidationOptions(limits: .unlimited)
var rows: [Row] = []

// (a) The kitchen sink: parse only.
// Without its three descriptions of operations, variables and fragments (September 2025 edition): GraphQLSwift 4.3.0
// refuses them, and both engines must parse the same text.
let kitchenSink = readText(root + "/Tests/SchemaTests/Fixtures/kitchen-sink.graphql")
    .split(separator: "\n", omittingEmptySubsequences: false)
    .filter { line in
        let text = line.drop(while: { $0 == " " })
        return !["\"Query description\"", "\"Very complex variable\"", "\"\"\"Fragment description\"\"\""].contains(
            text
        )
    }
    .joined(separator: "\n")
do {
    let times = try await measure(
        iterations: 2000,
        ours: { _ = try Schema.Parser.parse(kitchenSink) },
        theirs: { _ = try GraphQL.parse(source: kitchenSink) }
    )
    rows.append(Row(workload: "kitchen sink", phase: "parse", ours: times.ours, theirs: times.theirs))
}

/// Parse, validate, parse+validate and execute of one query on both engines.
func suite(
    name: String,
    sdl: String,
    query: String,
    data: JSONValue,
    dateTime: Bool,
    iterations: (parse: Int, execute: Int)
) async throws -> [Row] {
    var rows: [Row] = []
    let ourSchema = try Schema.GraphQLSchema(sdl: sdl, scalars: dateTime ? ["DateTime": DateTimeCoercion()] : [:])
    let theirSchema = try GraphQL.buildSchema(source: sdl)
    let ourDocument = try Schema.Parser.parse(query)
    let theirDocument = try GraphQL.parse(source: query)
    let ourErrors = Validator.validate(schema: ourSchema, document: ourDocument, options: unlimited)
    let theirErrors = GraphQL.validate(schema: theirSchema, ast: theirDocument)
    guard ourErrors.isEmpty, theirErrors.isEmpty else {
        throw Failure(description: "\(name) is not valid: ours \(ourErrors), GraphQLSwift \(theirErrors)")
    }
    let executor = try Executor<Void>(schema: ourSchema)
    let theirRoot = sendable(data) ?? [String: any Sendable]()

    // Both must give the same answer before they are timed.
    let ourResult = await executor.execute(ExecutionRequest(document: ourDocument, rootValue: .json(data)))
    let theirResult = try await GraphQL.execute(
        schema: theirSchema,
        documentAST: theirDocument,
        rootValue: theirRoot,
        context: ()
    )
    guard ourResult.errors.isEmpty, theirResult.errors.isEmpty else {
        throw Failure(description: "\(name) failed: ours \(ourResult.errors), GraphQLSwift \(theirResult.errors)")
    }

    var times = try await measure(
        iterations: iterations.parse,
        ours: { _ = try Schema.Parser.parse(query) },
        theirs: { _ = try GraphQL.parse(source: query) }
    )
    rows.append(Row(workload: name, phase: "parse", ours: times.ours, theirs: times.theirs))
    times = try await measure(
        iterations: iterations.parse,
        ours: { _ = Validator.validate(schema: ourSchema, document: ourDocument, options: unlimited) },
        theirs: { _ = GraphQL.validate(schema: theirSchema, ast: theirDocument) }
    )
    rows.append(Row(workload: name, phase: "validate", ours: times.ours, theirs: times.theirs))
    times = try await measure(
        iterations: iterations.parse,
        ours: {
            let document = try Schema.Parser.parse(query)
            _ = Validator.validate(schema: ourSchema, document: document, options: unlimited)
        },
        theirs: {
            let document = try GraphQL.parse(source: query)
            _ = GraphQL.validate(schema: theirSchema, ast: document)
        }
    )
    rows.append(Row(workload: name, phase: "parse+validate", ours: times.ours, theirs: times.theirs))
    times = try await measure(
        iterations: iterations.execute,
        ours: { _ = await executor.execute(ExecutionRequest(document: ourDocument, rootValue: .json(data))) },
        theirs: {
            _ = try await GraphQL.execute(
                schema: theirSchema,
                documentAST: theirDocument,
                rootValue: theirRoot,
                context: ()
            )
        }
    )
    rows.append(Row(workload: name, phase: "execute", ours: times.ours, theirs: times.theirs))
    return rows
}

do {
    // (b) The introspection query graphql-js's getIntrospectionQuery writes (the variant GraphQLSwift answers)
    // against a schema of 300 object types (hundreds more with enums, inputs, unions).
    rows += try await suite(
        name: "introspection, 300 types",
        sdl: Workloads.largeSchemaSDL(typeCount: 300),
        query: readText(root + "/Tests/SchemaTests/Fixtures/introspection-query.graphql"),
        data: .object([:]),
        dateTime: false,
        iterations: (200, 10)
    )
    // (c) The widget query against the gateway's schema with fixed in-memory data.
    rows += try await suite(
        name: "widget query",
        sdl: readText(root + "/schema.graphql"),
        query: readText(root + "/examples/widget.graphql"),
        data: Workloads.widgetData(),
        dateTime: true,
        iterations: (1000, 200)
    )
    // (d) 1,000 items of 10 fields.
    rows += try await suite(
        name: "1,000 × 10 list",
        sdl: Workloads.listSchemaSDL,
        query: Workloads.listQuery,
        data: Workloads.listData(count: 1000),
        dateTime: false,
        iterations: (2000, 20)
    )
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}

// The gateway's own hot paths on a widget render, ours only (GraphQLSwift has no counterpart): decoding the
// GraphQL-over-HTTP request body, encoding the response, and the ServiceNow JSON of a 100-record Table API page
// parsed and mapped to the schema's objects (`RecordMapper`, what the resolvers do with every list answer).
struct HotPath {
    var name: String
    var seconds: Double
    var bytes: Int
}

/// Median seconds per operation of `body` over the rounds, after one warm-up round.
func measureAlone(iterations: Int, _ body: () throws -> Void) throws -> Double {
    let clock = ContinuousClock()
    var times: [Double] = []
    for round in 0...rounds {
        let start = clock.now
        for _ in 0..<iterations { try body() }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if round > 0 { times.append(seconds / Double(iterations)) }
    }
    return times.sorted()[times.count / 2]
}

var hotPaths: [HotPath] = []
var parsedPageHeapBytes: Int?
do {
    let widgetQuery = readText(root + "/examples/widget.graphql")
    let requestBody = Workloads.graphQLRequestBody(query: widgetQuery)
    let requestParser = JSONParser(limits: JSONParser.Limits(maxDepth: 64, maxBytes: 1 << 20))
    hotPaths.append(
        HotPath(
            name: "decode request body",
            seconds: try measureAlone(iterations: 20_000) {
                let body = try requestParser.parse(requestBody)
                guard case .string = body["query"], body["variables"]?["first"] != nil else {
                    throw Failure(description: "the request body did not decode")
                }
            },
            bytes: requestBody.count
        )
    )

    let schema = try Schema.GraphQLSchema(
        sdl: readText(root + "/schema.graphql"),
        scalars: ["DateTime": DateTimeCoercion()]
    )
    let executor = try Executor<Void>(schema: schema)
    let document = try Schema.Parser.parse(widgetQuery)
    let result = await executor.execute(ExecutionRequest(document: document, rootValue: .json(Workloads.widgetData())))
    guard result.errors.isEmpty else { throw Failure(description: "widget execution failed: \(result.errors)") }
    let response = result.jsonValue
    hotPaths.append(
        HotPath(
            name: "encode widget response",
            seconds: try measureAlone(iterations: 20_000) { _ = response.serialized() },
            bytes: response.serialized().count
        )
    )

    let page = Workloads.serviceNowIncidentPage(count: 100)
    let mapper = RecordMapper(instanceURL: "https://example.service-now.com")
    let parsedPage = try JSONParser().parse(page)
    guard let records = parsedPage["result"]?.arrayValue, records.count == 100 else {
        throw Failure(description: "the ServiceNow page did not parse")
    }
    func mapAll(_ records: [JSONValue]) throws -> Int {
        var mapped = 0
        for case .object(let record) in records {
            let ticket = mapper.ticket(record, kind: .incident)
            guard ticket["number"] != nil else { throw Failure(description: "a record did not map") }
            mapped += 1
        }
        return mapped
    }
    hotPaths.append(
        HotPath(
            name: "parse ServiceNow page (100)",
            seconds: try measureAlone(iterations: 500) { _ = try JSONParser().parse(page) },
            bytes: page.count
        )
    )
    hotPaths.append(
        HotPath(
            name: "map ServiceNow page (100)",
            seconds: try measureAlone(iterations: 500) { _ = try mapAll(records) },
            bytes: page.count
        )
    )
    hotPaths.append(
        HotPath(
            name: "parse + map page (100)",
            seconds: try measureAlone(iterations: 500) {
                guard let records = try JSONParser().parse(page)["result"]?.arrayValue else {
                    throw Failure(description: "the ServiceNow page did not parse")
                }
                _ = try mapAll(records)
            },
            bytes: page.count
        )
    )

    #if canImport(Glibc)
    // What a parsed page holds in memory next to its text: the read cache keeps answers parsed, so this ratio is
    // what caching costs per byte ServiceNow sent. Measured as the growth of the resident set while 200 parsed
    // copies are kept (glibc's malloc statistics are not visible to Swift).
    func residentKilobytes() -> Int {
        let status = readText("/proc/self/status")
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return 0
    }
    var kept: [JSONValue] = []
    kept.reserveCapacity(200)
    let before = residentKilobytes()
    for _ in 0..<200 { kept.append(try JSONParser().parse(page)) }
    let after = residentKilobytes()
    parsedPageHeapBytes = (after - before) * 1024 / kept.count
    #endif
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

print("median per operation over \(rounds) rounds, engines alternating; ratio = GraphQLSwift / snowgate")
print(pad("workload", 26) + pad("phase", 16) + pad("snowgate", 12) + pad("GraphQLSwift", 14) + "ratio")
for row in rows {
    print(
        pad(row.workload, 26) + pad(row.phase, 16) + pad(format(row.ours), 12) + pad(format(row.theirs), 14)
            + ratio(row)
    )
}

print("")
print("gateway hot paths (snowgate only), median per operation over \(rounds) rounds")
print(pad("path", 30) + pad("time", 12) + pad("input", 12) + "throughput")
for path in hotPaths {
    let megabytesPerSecond = Int((Double(path.bytes) / path.seconds / 1e6).rounded())
    print(
        pad(path.name, 30) + pad(format(path.seconds), 12) + pad("\(path.bytes) B", 12) + "\(megabytesPerSecond) MB/s"
    )
}
if let parsedPageHeapBytes, let page = hotPaths.last {
    print(
        "a parsed 100-record page holds about \(parsedPageHeapBytes) bytes of memory for \(page.bytes) bytes of JSON text"
    )
}
