import JSON
public import Logging
public import Schema

/// GraphQL execution by the engine of the `Schema` module over the embedded `schema.graphql`: the request pipeline
/// (parse, validate, cache) and the executor with the gateway's resolvers.
///
/// Errors thrown by resolvers that are not GraphQL-shaped (a store failure, anything unexpected) reach the client
/// as `INTERNAL_SERVER_ERROR` without details; the cause is logged under the request id.
public final class SchemaGraphQLService: GraphQLService {
    /// Checks a parsed document against the schema; returns the errors (empty when valid).
    public typealias Validate = RequestPipeline<GraphQLContext, ValidationOptions>.Validate

    let pipeline: RequestPipeline<GraphQLContext, ValidationOptions>
    /// The validation options for a caller (part of the document cache's key).
    let validationOptions: @Sendable (Identity) -> ValidationOptions

    /// The schema the gateway serves, built from the embedded SDL with the `DateTime` scalar.
    public static func gatewaySchema() throws -> GraphQLSchema {
        try GraphQLSchema(sdl: EmbeddedAssets.schemaSDL, scalars: ["DateTime": DateTimeCoercion()])
    }

    /// A service over `schema` with `resolvers` (by default the gateway's own, ``GatewayResolvers/all``), validating
    /// with `validate` (by default every rule of the specification and the operation limits) under the options
    /// `validationOptions` gives a caller.
    public init(
        schema: GraphQLSchema,
        resolvers: ResolverMap<GraphQLContext> = GatewayResolvers.all,
        validationOptions: @escaping @Sendable (Identity) -> ValidationOptions = { _ in .default },
        validate: @escaping Validate = { document, schema, options in
            Validator.validate(schema: schema, document: document, options: options)
        }
    ) throws {
        self.validationOptions = validationOptions
        let executor = try Executor(
            schema: schema,
            resolvers: resolvers,
            options: ExecutorOptions(mapError: Self.hideInternals)
        )
        pipeline = RequestPipeline(executor: executor, validate: validate)
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
        // GraphQL over HTTP: a mutation sent with GET is refused before anything runs.
        if !allowsMutations, prepared.operation(named: request.operationName)?.operation == .mutation {
            return .mutationNotAllowed
        }
        let result = await pipeline.executor.execute(
            ExecutionRequest(
                document: prepared.document,
                operationName: request.operationName,
                variables: request.variables,
                context: context
            )
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

    /// Any error that does not know its GraphQL shape: a message without internals, the original kept for the log.
    @Sendable static func hideInternals(_ error: any Error) -> GraphQLError {
        GraphQLError(
            message: GatewayError.internalError.message,
            extensions: ["code": .string(GatewayError.Code.internalServerError.rawValue)],
            underlyingError: error
        )
    }
}
