public import JSON

/// A GraphQL request as a client sends it over HTTP: the query text, the operation to run and the variables.
public struct GraphQLRequest: Sendable, Hashable {
    /// The document text.
    public var query: String
    /// The operation to run, when the document has several.
    public var operationName: String?
    /// The variables, as JSON.
    public var variables: JSONObject?

    /// Creates a request.
    public init(query: String, operationName: String? = nil, variables: JSONObject? = nil) {
        self.query = query
        self.operationName = operationName
        self.variables = variables
    }
}

/// A document that parsed and passed validation, ready to execute any number of times.
public struct PreparedDocument: Sendable {
    /// The parsed document.
    public let document: Document
    /// Where plans of this document are cached across requests, and its identity there.
    let plans: ExecutionPlanCache
    let token: ExecutionPlanCache.DocumentToken

    /// A value derived from this document, one of its operations and a request's variables alone, computed once
    /// per such combination instead of once per request (the gateway's per-request cost check, say).
    ///
    /// `compute` must depend on nothing else — not on the user, the context or the time — since its result is
    /// shared by every request of the same document, operation and variables (compared exactly: member order,
    /// `1` vs `1.0`). `name` tells apart different values derived from one combination. Requests with large
    /// variables compute each time; the memo is bounded per document and goes when the document leaves the cache.
    public func memoized<Value: Sendable>(
        _ name: String,
        operationName: String?,
        variables: JSONObject?,
        _ compute: () -> Value
    ) -> Value {
        token.memoized(name, operationName: operationName, variables: variables, compute)
    }

    /// The operation a request with `operationName` would run, or `nil` if it names none (the gateway uses it to
    /// refuse a mutation sent with `GET` before executing anything).
    public func operation(named operationName: String?) -> OperationDefinition? {
        document.operation(named: operationName)
    }
}

/// Parse → validate → execute, with the parsed and validated documents cached by query text: a widget that sends
/// the same query on every render skips parsing and validation after the first.
///
/// ```swift
/// let pipeline = RequestPipeline(executor: executor, validate: { document, schema, options in
///     validator.validate(document, against: schema, options: options)   // the validation module's entry point
/// })
/// let result = await pipeline.execute(
///     GraphQLRequest(query: body.query, operationName: body.operationName, variables: body.variables),
///     options: viewer.isAdmin ? .admin : .user,
///     context: RequestContext(viewer: viewer, loaders: loaders),
///     batchScheduler: scheduler
/// )
/// ```
///
/// Request errors have no `data` key and carry `extensions.code`: `GRAPHQL_PARSE_FAILED` for syntax errors
/// (and documents over the ``ParseOptions`` limits), `GRAPHQL_VALIDATION_FAILED` for validation errors that carry
/// no code of their own (a depth or cost limit keeps its `QUERY_TOO_COMPLEX`), `BAD_USER_INPUT` for variables.
///
/// `ValidationOptions` is whatever changes the verdict of validation for a request — introspection allowed or
/// not, suggestions on or off, limits — and is part of the cache key, so an admin's verdict is never reused for
/// another user.
///
/// - Note: Validation is a seam: the pipeline calls the `validate` function it is given. Wire it to the
///   validation module's entry point; the pipeline does not validate by itself.
public final class RequestPipeline<Context: Sendable, ValidationOptions: Hashable & Sendable>: Sendable {
    /// Validates a parsed document; returns the errors (empty when the document is valid).
    public typealias Validate =
        @Sendable (_ document: Document, _ schema: GraphQLSchema, _ options: ValidationOptions) -> [GraphQLError]

    private struct CacheKey: Hashable, Sendable {
        var query: String
        var options: ValidationOptions
    }

    /// The executor prepared documents run on.
    public let executor: Executor<Context>
    /// How query text is parsed (limits on tokens, nesting and size).
    public let parseOptions: ParseOptions
    private let validate: Validate
    private let cache: LRUCache<CacheKey, Result<PreparedDocument, RequestErrors>>
    private let plans: ExecutionPlanCache

    /// Creates a pipeline.
    ///
    /// - Parameters:
    ///   - executor: The executor.
    ///   - parseOptions: Parser limits for client documents.
    ///   - cacheCapacity: The most documents kept (`0` turns caching off).
    ///   - cacheBytes: The most bytes of query text kept.
    ///   - planCacheCapacity: The most execution plans kept (one per document, operation and variables; `0`
    ///     turns plan caching off). Plans are bounded by the query and variable bytes too, as documents are.
    ///   - validate: The validation step.
    public init(
        executor: Executor<Context>,
        parseOptions: ParseOptions = .default,
        cacheCapacity: Int = 512,
        cacheBytes: Int = 8 << 20,
        planCacheCapacity: Int = 256,
        validate: @escaping Validate
    ) {
        self.executor = executor
        self.parseOptions = parseOptions
        self.validate = validate
        self.cache = LRUCache(maxEntries: cacheCapacity, maxCost: cacheBytes)
        self.plans = ExecutionPlanCache(maxEntries: planCacheCapacity, maxCost: cacheBytes)
    }

    /// Parses and validates `query` (or takes the verdict from the cache).
    ///
    /// - Returns: The prepared document, or the request errors (each with its `extensions.code`).
    public func prepare(_ query: String, options: ValidationOptions) -> Result<PreparedDocument, RequestErrors> {
        let key = CacheKey(query: query, options: options)
        if let cached = cache.value(for: key) { return cached }
        let outcome = parseAndValidate(query, options: options)
        cache.insert(outcome, for: key, cost: query.utf8.count)
        return outcome
    }

    private func parseAndValidate(
        _ query: String,
        options: ValidationOptions
    ) -> Result<PreparedDocument, RequestErrors> {
        let document: Document
        do {
            document = try Parser.parse(Source(query), options: parseOptions)
        } catch {
            return .failure(RequestErrors([error.withCode("GRAPHQL_PARSE_FAILED")]))
        }
        let errors = validate(document, executor.schema, options)
        if !errors.isEmpty {
            return .failure(
                RequestErrors(errors.map { $0.code == nil ? $0.withCode("GRAPHQL_VALIDATION_FAILED") : $0 })
            )
        }
        return .success(
            PreparedDocument(
                document: document,
                plans: plans,
                token: ExecutionPlanCache.DocumentToken(cost: query.utf8.count)
            )
        )
    }

    /// Prepares and executes a request.
    ///
    /// - Parameters:
    ///   - request: The client's request.
    ///   - options: The validation options for this request (part of the cache key).
    ///   - context: The per-request context.
    ///   - rootValue: The root value.
    ///   - batchScheduler: The scheduler the request's loaders were created on.
    public func execute(
        _ request: GraphQLRequest,
        options: ValidationOptions,
        context: Context,
        rootValue: ResolvedValue = .null,
        batchScheduler: BatchScheduler? = nil
    ) async -> ExecutionResult {
        switch prepare(request.query, options: options) {
        case .failure(let failure):
            return .requestError(failure.errors)
        case .success(let prepared):
            return await executor.execute(
                ExecutionRequest(
                    prepared: prepared,
                    operationName: request.operationName,
                    variables: request.variables,
                    rootValue: rootValue,
                    context: context,
                    batchScheduler: batchScheduler
                )
            )
        }
    }

    /// How the document cache has done so far.
    public var cacheStatistics: LRUCacheStatistics { cache.statistics }

    /// How the execution plan cache has done so far (`bytes` counts query and variable bytes of the plans kept).
    public var planCacheStatistics: LRUCacheStatistics { plans.statistics }
}

/// The errors that stop a request before execution (syntax, validation, variables), each with its
/// `extensions.code`.
public struct RequestErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// The errors, in the order they were found.
    public var errors: [GraphQLError]

    /// Creates the failure.
    public init(_ errors: [GraphQLError]) {
        self.errors = errors
    }

    /// The messages, one per line.
    public var description: String { errors.map(\.message).joined(separator: "\n") }
}
