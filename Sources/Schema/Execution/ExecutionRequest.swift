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

/// The response to a request (spec §7.1): `data` (absent when the request failed before execution, `null` when
/// a non-null root field failed), `errors`, and `extensions`.
public struct ExecutionResult: Sendable, Equatable {
    /// The result of the operation; `nil` means the response has no `data` key (a request error), `.null` that
    /// execution started but produced no data.
    public var data: JSONValue?
    /// The errors, in execution order; empty when there were none.
    public var errors: [GraphQLError]
    /// The response's `extensions` entry, if any.
    public var extensions: JSONObject?

    /// Creates a result.
    public init(data: JSONValue?, errors: [GraphQLError] = [], extensions: JSONObject? = nil) {
        self.data = data
        self.errors = errors
        self.extensions = extensions
    }

    /// A result without `data`: the request failed before execution started.
    public static func requestError(_ errors: [GraphQLError]) -> ExecutionResult {
        ExecutionResult(data: nil, errors: errors)
    }

    /// Whether the request failed before execution started (no `data` key).
    public var isRequestError: Bool { data == nil }

    /// The response as JSON: `errors` first when there are any (as graphql-js orders them), then `data`, then
    /// `extensions`.
    public var jsonValue: JSONValue {
        var object = JSONObject(minimumCapacity: 3)
        if !errors.isEmpty { object.appendUnchecked("errors", .array(errors.map(\.jsonValue))) }
        if let data { object.appendUnchecked("data", data) }
        if let extensions, !extensions.isEmpty { object.appendUnchecked("extensions", .object(extensions)) }
        return .object(object)
    }

    /// The response as compact JSON bytes.
    public func serialized() -> [UInt8] {
        jsonValue.serialized()
    }
}
