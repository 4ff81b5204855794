public import CurlHTTP
public import JSON
public import Logging
public import Resolvers

/// The seam between the HTTP endpoint and GraphQL execution: parse, pick the operation, validate, execute.
///
/// The HTTP layer owns the transport rules (methods, media types, status codes, identity); an implementation owns
/// everything GraphQL. `allowsMutations` is false for GET, where the spec requires refusing a mutation with 405
/// before anything runs.
public protocol GraphQLService: Sendable {
    /// Runs `request` for the caller described by `context`.
    func execute(
        _ request: GraphQLRequestParameters,
        allowsMutations: Bool,
        context: GraphQLContext
    ) async
        -> GraphQLServiceResult
}

/// The outcome of a GraphQL request, in the terms the HTTP layer maps to status codes.
public enum GraphQLServiceResult: Sendable {
    /// Execution happened: the response map (`data`, possibly `errors`), answered 200.
    case executed(JSONObject)
    /// The request failed before execution (syntax, validation, unknown operation, variable coercion): the
    /// `errors` entries; 200 under `application/json`, 400 under `application/graphql-response+json`.
    case requestErrors([JSONValue])
    /// The selected operation is a mutation and mutations are not allowed (GET): 405 with `Allow: POST`.
    case mutationNotAllowed
}

/// What a resolver may use for one request: who is asking and the tools to act for them.
public struct GraphQLContext: Sendable {
    /// The caller, from their verified bearer token.
    public let identity: Identity
    /// The request's id (in every log line of the request, and echoed in `X-Request-Id`).
    public let requestID: String
    /// A logger carrying the request id.
    public let logger: Logger
    /// The gateway-owned operations (connection state, settings, admin).
    public let operations: GatewayOperations
    /// The caller's ServiceNow credentials (token refreshed as needed).
    public let credentials: any UserCredentials
    /// The caller's ServiceNow session for the resolvers, or why there is none (not configured).
    public let serviceNow: ServiceNowContext
    /// The shared outgoing HTTP client for ServiceNow calls.
    public let client: CurlClient
    /// The longest time one ServiceNow call may take.
    public let upstreamTimeout: Duration
    /// The gateway's metrics: resolvers count their ServiceNow calls with
    /// ``GatewayMetrics/recordUpstreamCall(endpoint:outcome:duration:)``.
    public let metrics: GatewayMetrics
}
