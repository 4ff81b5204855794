public import JSON

/// One operation to execute: a parsed and validated document, which of its operations to run, the client's
/// variables, the root value and the per-request context the resolvers read.
public struct ExecutionRequest<Context: Sendable>: Sendable {
    /// The document; it must have passed validation against the executor's schema.
    public var document: Document
    /// The operation to run; may be omitted when the document has exactly one.
    public var operationName: String?
    /// The variables as the client sent them (JSON, not yet coerced).
    public var variables: JSONObject?
    /// The parent value of the root fields.
    public var rootValue: ResolvedValue
    /// The per-request value every resolver receives (the viewer, their ServiceNow session, their loaders…).
    public var context: Context
    /// The scheduler the request's ``DataLoader``s were created on; `nil` makes a fresh one (reachable from
    /// ``ResolveInfo/batchScheduler``).
    public var batchScheduler: BatchScheduler?
    /// The plan cache of the prepared document this request came from, if any: the executor reuses the plans of
    /// earlier requests with the same operation and variables.
    var plans: (cache: ExecutionPlanCache, document: ExecutionPlanCache.DocumentToken)?

    /// Creates a request for a document a ``RequestPipeline`` prepared: its execution plans are kept across
    /// requests (see ``RequestPipeline``), so a document executed again with the same operation and variables
    /// skips collecting fields and coercing arguments.
    public init(
        prepared: PreparedDocument,
        operationName: String? = nil,
        variables: JSONObject? = nil,
        rootValue: ResolvedValue = .null,
        context: Context,
        batchScheduler: BatchScheduler? = nil
    ) {
        self.init(
            document: prepared.document,
            operationName: operationName,
            variables: variables,
            rootValue: rootValue,
            context: context,
            batchScheduler: batchScheduler
        )
        plans = (prepared.plans, prepared.token)
    }

    /// Creates a request.
    public init(
        document: Document,
        operationName: String? = nil,
        variables: JSONObject? = nil,
        rootValue: ResolvedValue = .null,
        context: Context,
        batchScheduler: BatchScheduler? = nil
    ) {
        self.document = document
        self.operationName = operationName
        self.variables = variables
        self.rootValue = rootValue
        self.context = context
        self.batchScheduler = batchScheduler
    }
}

extension ExecutionRequest where Context == Void {
    /// Creates a request for an executor whose resolvers need no context.
    public init(
        document: Document,
        operationName: String? = nil,
        variables: JSONObject? = nil,
        rootValue: ResolvedValue = .null,
        batchScheduler: BatchScheduler? = nil
    ) {
        self.init(
            document: document,
            operationName: operationName,
            variables: variables,
            rootValue: rootValue,
            context: (),
            batchScheduler: batchScheduler
        )
    }
}
