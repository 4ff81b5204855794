import JSON
import Logging
public import Schema

/// GraphQL execution by the engine of the `Schema` module over the embedded `schema.graphql`: the request pipeline
/// (parse, validate, cache) and the executor with the gateway's resolvers, within the request's limits: the cost
/// priced with the request's variables before anything runs (`QUERY_TOO_COMPLEX`), and an execution timeout that
/// cancels the execution, and with it every ServiceNow call in flight (`EXECUTION_TIMEOUT`).
///
/// Errors thrown by resolvers that are not GraphQL-shaped (a store failure, anything unexpected) reach the client
/// as `INTERNAL_SERVER_ERROR` without details; the cause is logged under the request id.
public final class SchemaGraphQLService: GraphQLService {
    /// Checks a parsed document against the schema; returns the errors (empty when valid).
    public typealias Validate = RequestPipeline<GraphQLContext, ValidationOptions>.Validate

    let pipeline: RequestPipeline<GraphQLContext, ValidationOptions>
    /// The validation options for a caller (part of the document cache's key).
    let validationOptions: @Sendable (Identity) -> ValidationOptions
    /// The limits checked per request, after validation and before execution.
    let requestLimits: RequestLimits

    /// What is checked for each request rather than once per document.
    public struct RequestLimits: Sendable, Hashable {
        /// The highest cost of the operation, priced with the request's variables; nil for none (a cost limit in
        /// the validation options is still checked there, at its static bound).
        public var maxCost: Int?
        /// How the cost is priced.
        public var costModel: CostModel
        /// The longest an execution may run before it is cancelled; nil for no limit.
        public var executionTimeout: Duration?

        /// Limits; by default none.
        public init(maxCost: Int? = nil, costModel: CostModel = .default, executionTimeout: Duration? = nil) {
            self.maxCost = maxCost
            self.costModel = costModel
            self.executionTimeout = executionTimeout
        }
    }

    /// The `extensions.code` of an execution stopped by the timeout.
    public static let executionTimeoutCode = "EXECUTION_TIMEOUT"

    /// The schema the gateway serves, built from the embedded SDL with the `DateTime` scalar.
    public static func gatewaySchema() throws -> GraphQLSchema {
        try GraphQLSchema(sdl: EmbeddedAssets.schemaSDL, scalars: ["DateTime": DateTimeCoercion()])
    }

    /// A service over `schema` with `resolvers` (by default the gateway's own, ``GatewayResolvers/all``), validating
    /// with `validate` (by default every rule of the specification and the operation limits) under the options
    /// `validationOptions` gives a caller, parsing with `parseOptions` and checking `requestLimits` per request.
    public init(
        schema: GraphQLSchema,
        resolvers: ResolverMap<GraphQLContext> = GatewayResolvers.all,
        parseOptions: ParseOptions = .default,
        requestLimits: RequestLimits = RequestLimits(),
        validationOptions: @escaping @Sendable (Identity) -> ValidationOptions = { _ in .default },
        validate: @escaping Validate = { document, schema, options in
            Validator.validate(schema: schema, document: document, options: options)
        }
    ) throws {
        self.validationOptions = validationOptions
        self.requestLimits = requestLimits
        let executor = try Executor(
            schema: schema,
            resolvers: resolvers,
            options: ExecutorOptions(mapError: Self.hideInternals)
        )
        pipeline = RequestPipeline(executor: executor, parseOptions: parseOptions, validate: validate)
    }

    public func execute(
        _ request: GraphQLRequestParameters,
        allowsMutations: Bool,
        context: GraphQLContext
    ) async -> GraphQLServiceResult {
        let options = validationOptions(context.identity)
        let prepared: PreparedDocument
        switch pipeline.prepare(request.query, options: options) {
        case .failure(let failure):
            return .requestErrors(failure.errors.map(\.jsonValue))
        case .success(let document):
            prepared = document
        }
        let operation = prepared.operation(named: request.operationName)
        // GraphQL over HTTP: a mutation sent with GET is refused before anything runs.
        if !allowsMutations, operation?.operation == .mutation {
            return .mutationNotAllowed
        }
        // The cost with the sizes this request's variables ask for (the cached verdict cannot know them); an
        // unknown operation is left to the executor, which reports it.
        // The verdict depends only on the document, the operation and the variables (the limits and the schema are
        // this service's own), so it is kept with the prepared document for requests that repeat them.
        if let maxCost = requestLimits.maxCost, let operation {
            let limits = OperationLimits(costModel: requestLimits.costModel)
            let schema = pipeline.executor.schema
            let verdict = prepared.memoized(
                "SchemaGraphQLService.cost",
                operationName: request.operationName,
                variables: request.variables
            ) {
                limits.checkCost(
                    of: operation,
                    in: prepared.document,
                    schema: schema,
                    variableValues: request.variables,
                    maxCost: maxCost
                )
            }
            if let error = verdict {
                return .requestErrors([error.jsonValue])
            }
        }
        let result = await execute(
            ExecutionRequest(
                prepared: prepared,
                operationName: request.operationName,
                variables: request.variables,
                context: context
            ),
            logger: context.logger
        )
        for error in result.errors {
            if let underlying = error.underlyingError, error.code == GatewayError.Code.internalServerError.rawValue {
                context.logger.error(
                    "A resolver failed",
                    metadata: [
                        "path": "\(error.path.map { $0.map(\.description).joined(separator: ".") } ?? "")",
                        "error": "\(String(describing: underlying))",
                    ]
                )
            }
        }
        if result.isRequestError {
            return .requestErrors(result.errors.map(\.jsonValue))
        }
        guard case .object(let response) = result.jsonValue else {
            return .requestErrors(result.errors.map(\.jsonValue))
        }
        return .executed(response)
    }

    /// Runs the execution, cancelled when the timeout passes first: the executor then stops promptly (pending loads
    /// fail, no field starts, libcurl aborts the transfers in flight) and the answer is `data: null` with one
    /// `EXECUTION_TIMEOUT` error — execution had started, so it is a response, not a request error.
    private func execute(_ request: ExecutionRequest<GraphQLContext>, logger: Logger) async -> ExecutionResult {
        guard let timeout = requestLimits.executionTimeout else { return await pipeline.executor.execute(request) }
        enum Outcome: Sendable {
            case finished(ExecutionResult)
            case timedOut
        }
        let executor = pipeline.executor
        return await withTaskGroup(of: Outcome.self) { group in
            group.addTask { .finished(await executor.execute(request)) }
            group.addTask {
                // Cancelled when the execution finishes first: then this outcome is never looked at.
                try? await Task.sleep(for: timeout)
                return .timedOut
            }
            let first = await group.next()
            group.cancelAll()
            switch first {
            case .finished(let result)?:
                return result
            case .timedOut?, nil:
                // Wait for the cancelled execution to wind down, so nothing of it outlives the request. What it
                // answers is discarded: once cancelled, its resolvers fail with errors of their own (a cancelled
                // ServiceNow call looks like an unavailable instance), which would hide the real cause.
                while await group.next() != nil {}
                logger.warning("The request's execution timed out", metadata: ["timeout": "\(timeout)"])
                return ExecutionResult(
                    data: .null,
                    errors: [
                        GraphQLError(
                            message: "The request took longer than \(Self.seconds(timeout)) seconds and was stopped. "
                                + "Ask for less in one request, or try again later.",
                            extensions: ["code": .string(Self.executionTimeoutCode)]
                        )
                    ]
                )
            }
        }
    }

    /// A duration as seconds for a message (`0.25`, `60`).
    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 == 0 { return String(milliseconds / 1000) }
        return String(Double(milliseconds) / 1000)
    }

    /// Any error that does not know its GraphQL shape: a message without internals, the original kept for the log.
    @Sendable static func hideInternals(_ error: any Error) -> GraphQLError {
        GraphQLError(
            message: GatewayError.internalError.message,
            extensions: ["code": .string(GatewayError.Code.internalServerError.rawValue)],
            underlyingError: error
        )
    }
}
