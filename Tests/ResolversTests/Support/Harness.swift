import CurlHTTP
import JSON
import Schema
import ServiceNowSimulator
import Testing

@testable import Resolvers

/// What the test executor's resolvers receive per request: the ServiceNow context, as the gateway's does.
struct TestContext: Sendable {
    let serviceNow: ServiceNowContext
    let instanceURL: String
}

/// The real executor over `schema.graphql` with the ServiceNow resolvers installed, and stand-ins for the fields
/// the gateway owns (`viewer`, `viewer.serviceNow`, `isAdmin`, `widgetSettings`).
enum Harness {
    static let executor: Result<Executor<TestContext>, any Error> = Result {
        var resolvers = ResolverMap<TestContext>()
        ServiceNowResolvers.install(into: &resolvers) { $0.serviceNow }
        resolvers.sync("Query", "viewer") { _, _, context, _ in
            let connected: Bool
            if case .connected = context.serviceNow { connected = true } else { connected = false }
            return .json([
                "isAdmin": false,
                "serviceNow": [
                    "configured": true, "connected": .bool(connected), "authorizeUrl": .null,
                    "instanceUrl": .string(context.instanceURL),
                ],
            ])
        }
        resolvers.sync("Query", "widgetSettings") { _, _, _, _ in .json(["showLogo": true]) }
        return try Executor(schema: try Documents.schema(), resolvers: resolvers)
    }

    /// Runs `query` as the request of one user, with a fresh scheduler and session (as the gateway does per
    /// request), reading through `cache` when given.
    static func run(
        _ setup: SimulatorSetup,
        credentials: TestCredentials,
        cache: ReadCacheStore? = nil,
        mode: UpstreamMode = .batched,
        _ query: String,
        variables: JSONObject? = nil
    ) async throws -> ExecutionResult {
        let session = ServiceNowSession(
            client: try ServiceNowClient(instanceURL: setup.baseURL, http: setup.http, credentials: credentials),
            cache: cache?.cache(for: credentials.subject),
            mode: mode
        )
        return try await run(.connected(session), instanceURL: setup.baseURL, query, variables: variables)
    }

    /// Runs `query` with a given ServiceNow context (the executor makes the request's scheduler).
    static func run(
        _ serviceNow: ServiceNowContext,
        instanceURL: String = "http://127.0.0.1:9",
        _ query: String,
        variables: JSONObject? = nil
    ) async throws -> ExecutionResult {
        let document = try Parser.parse(query)
        let executor = try executor.get()
        // Every test query must be one a client could send: the gateway validates before it executes.
        let invalid = Validator.validate(schema: executor.schema, document: document)
        guard invalid.isEmpty else { throw InvalidQuery(errors: invalid.map(\.message)) }
        return await executor.execute(
            ExecutionRequest(
                document: document,
                variables: variables,
                context: TestContext(serviceNow: serviceNow, instanceURL: instanceURL)
            )
        )
    }
}

extension ExecutionResult {
    /// `data` at a path of keys, e.g. `result["incidents", "nodes"]`.
    subscript(_ path: String...) -> JSONValue? {
        var value = data
        for key in path { value = value?[key] }
        return value
    }

    /// The `extensions.code` of each error, in order.
    var errorCodes: [String] {
        errors.compactMap(\.code)
    }
}

/// A test query that does not validate against schema.graphql.
struct InvalidQuery: Error, CustomStringConvertible {
    var errors: [String]
    var description: String { "invalid test query: " + errors.joined(separator: "; ") }
}
