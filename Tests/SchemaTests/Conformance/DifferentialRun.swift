import Foundation
import JSON
import Schema

/// The differential corpus with both engines' verdicts, computed once per test process (the oracle runs once for
/// all of ``DifferentialTests``).
struct DifferentialRun: Sendable {
    /// A parse-and-validate outcome.
    struct Verdict: Sendable {
        var syntax: Bool
        var errors: [ErrorShape]
    }

    /// One compared document.
    struct Comparison: Sendable {
        var generated: GeneratedDocument
        var ours: Verdict
        var theirs: Verdict

        /// Same verdict, and the same multiset of error locations.
        var agrees: Bool {
            if ours.syntax || theirs.syntax {
                return ours.syntax == theirs.syntax && ours.errors.first?.locations == theirs.errors.first?.locations
            }
            return ours.errors.map(\.locationKey).sorted() == theirs.errors.map(\.locationKey).sorted()
        }

        var sameMessages: Bool {
            ours.errors.map { RuleClassifier.normalized($0.message) }.sorted()
                == theirs.errors.map { RuleClassifier.normalized($0.message) }.sorted()
        }

        var report: String {
            "\(generated.id) (mistakes: \(generated.mistakes.map(\.rawValue).joined(separator: ", ")))\n"
                + generated.text + "\n"
                + "ours:   \(ours.errors.sorted().map(\.description))\n"
                + "theirs: \(theirs.errors.sorted().map(\.description))"
        }
    }

    /// A document judged by the September 2025 edition only.
    struct Divergent: Sendable {
        var generated: GeneratedDocument
        var ours: Verdict
    }

    /// A valid operation both executors run.
    struct Execution: Sendable {
        var id: String
        var text: String
        var document: Document
        var variables: JSONObject
        var theirs: (data: JSONValue?, errors: [ExecutionErrorShape])?
    }

    var schemas: [String: GraphQLSchema]
    var documents: [GeneratedDocument]
    var compared: [Comparison]
    var divergent: [Divergent]
    var crashes: [(id: String, message: String)]
    var executions: [Execution]

    /// The run, computed once on a thread of its own: it validates thousands of documents and waits for the
    /// oracle process, and doing that on the cooperative pool (2 threads on CI) would stall every other test.
    static var shared: DifferentialRun {
        get async throws { try await computation.value }
    }

    private static let computation = Task<DifferentialRun, any Error> {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try make() }) }
        }
    }

    private static func make() throws -> DifferentialRun {
        let root = OracleProcess.repositoryRoot
        let fixtures = OracleProcess.testsDirectory + "/Fixtures/"
        var sources: [(name: String, sdl: String, schema: GraphQLSchema, count: Int, seed: UInt64)] = []

        let gatewaySDL = try readTextFile(root + "/schema.graphql")
        sources.append(
            (
                "gateway", gatewaySDL,
                try GraphQLSchema(sdl: gatewaySDL, scalars: ["DateTime": DateTimeCoercion()]), 750, 0x5EED_0001
            )
        )
        let harnessSDL = try? readTextFile(fixtures + "validation-harness.graphql")
        let conformanceSDL = try readTextFile(fixtures + "conformance.graphql")
        sources.append(
            (
                "conformance", conformanceSDL, try GraphQLSchema(sdl: conformanceSDL), harnessSDL == nil ? 1350 : 950,
                0x5EED_0002
            )
        )
        if let harnessSDL {
            sources.append(("harness", harnessSDL, try GraphQLSchema(sdl: harnessSDL), 400, 0x5EED_0003))
        }

        var documents: [GeneratedDocument] = []
        for source in sources {
            documents += DocumentGenerator(schema: source.schema, schemaName: source.name)
                .generate(count: source.count, seed: source.seed)
        }
        let schemas = Dictionary(uniqueKeysWithValues: sources.map { ($0.name, $0.schema) })

        var parsed: [String: Result<Document, GraphQLError>] = [:]
        for document in documents {
            do { parsed[document.id] = .success(try Parser.parse(document.text)) } catch {
                parsed[document.id] = .failure(error)
            }
        }

        // The execution subset: mistake-free single queries and mutations of the conformance schema (compared only
        // where both validators agree they are valid).
        var random = SeededRandom(seed: 0x5EED_0004)
        var executions: [Execution] = []
        if let schema = schemas["conformance"] {
            for document in documents where document.schemaName == "conformance" && document.mistakes.isEmpty {
                guard case .success(let ast)? = parsed[document.id], ast.operations.count == 1,
                    let operation = ast.operations.first, operation.operation != .subscription
                else { continue }
                executions.append(
                    Execution(
                        id: document.id,
                        text: document.text,
                        document: ast,
                        variables: ExecutionFixture.variables(for: operation, schema: schema, random: &random),
                        theirs: nil
                    )
                )
                if executions.count == 400 { break }
            }
        }

        let corpus: JSONValue = .object([
            "schemas": .object(JSONObject(sources.map { ($0.name, JSONValue.string($0.sdl)) })),
            "documents": .array(
                documents.map {
                    .object(["id": .string($0.id), "schema": .string($0.schemaName), "text": .string($0.text)])
                }
            ),
            "executions": .array(
                executions.map {
                    .object([
                        "id": .string($0.id), "schema": "conformance", "text": .string($0.text),
                        "variables": .object($0.variables),
                    ])
                }
            ),
            "root": ExecutionFixture.root,
        ])
        let oracle = try OracleProcess.start(corpus: corpus.serialized())

        // Our verdicts while the oracle works.
        var ours: [String: Verdict] = [:]
        for document in documents {
            guard let schema = schemas[document.schemaName], let outcome = parsed[document.id] else { continue }
            switch outcome {
            case .success(let ast):
                ours[document.id] = Verdict(
                    syntax: false,
                    errors: conformanceValidate(ast, schema: schema).map(ErrorShape.init)
                )
            case .failure(let error):
                ours[document.id] = Verdict(syntax: true, errors: [ErrorShape(error)])
            }
        }

        let output = try JSONValue.parse(try oracle.wait())
        guard output["version"]?.stringValue == "3.2.8" else {
            throw Failure("the oracle is not graphql-core 3.2.8; run `make test-deps`")
        }

        var theirs: [String: (verdict: Verdict, crash: String?)] = [:]
        for item in output["documents"]?.arrayValue ?? [] {
            guard let id = item["id"]?.stringValue else { continue }
            let errors = (item["errors"]?.arrayValue ?? []).compactMap(ErrorShape.init(json:))
            theirs[id] = (
                Verdict(syntax: item["syntax"]?.boolValue ?? false, errors: errors), item["crash"]?.stringValue
            )
        }
        var executionResults: [String: (data: JSONValue?, errors: [ExecutionErrorShape])] = [:]
        for item in output["executions"]?.arrayValue ?? [] {
            guard let id = item["id"]?.stringValue, let result = item["result"] else { continue }
            // A request error and a null propagated to the root both read as "no data".
            let data: JSONValue? = result["data"] == .null ? Optional<JSONValue>.none : result["data"]
            executionResults[id] = (
                data, (result["errors"]?.arrayValue ?? []).compactMap(ExecutionErrorShape.init(json:))
            )
        }
        for index in executions.indices { executions[index].theirs = executionResults[executions[index].id] }
        executions.removeAll { ours[$0.id]?.errors.isEmpty != true || theirs[$0.id]?.verdict.errors.isEmpty != true }

        var compared: [Comparison] = []
        var divergent: [Divergent] = []
        var crashes: [(id: String, message: String)] = []
        for document in documents {
            guard let mine = ours[document.id] else { continue }
            if document.isSpecDivergence {
                divergent.append(Divergent(generated: document, ours: mine))
                continue
            }
            guard let reference = theirs[document.id] else {
                throw Failure("the oracle gave no verdict for \(document.id)")
            }
            if let crash = reference.crash {
                crashes.append((document.id, crash))
                continue
            }
            compared.append(Comparison(generated: document, ours: mine, theirs: reference.verdict))
        }
        return DifferentialRun(
            schemas: schemas,
            documents: documents,
            compared: compared,
            divergent: divergent,
            crashes: crashes,
            executions: executions
        )
    }
}
