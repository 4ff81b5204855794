import Gateway
import JSON

/// A GraphQL engine double for the HTTP-layer tests: it answers with what it was given (the caller, the query, the
/// variables), refuses mutations when told to, and reports a request error for the query `invalid`.
struct EchoGraphQLService: GraphQLService {
    func execute(
        _ request: GraphQLRequestParameters,
        allowsMutations: Bool,
        context: GraphQLContext
    ) async
        -> GraphQLServiceResult
    {
        if request.query.hasPrefix("mutation"), !allowsMutations { return .mutationNotAllowed }
        if request.query == "invalid" {
            return .requestErrors([.object(["message": "Syntax Error: invalid", "extensions": ["code": "SYNTAX"]])])
        }
        var echo: JSONObject = [
            "subject": .string(context.identity.subject),
            "isAdmin": .bool(context.identity.isAdmin),
            "query": .string(request.query),
            "requestId": .string(context.requestID),
        ]
        if let variables = request.variables { echo["variables"] = .object(variables) }
        if let operationName = request.operationName { echo["operationName"] = .string(operationName) }
        return .executed(["data": .object(["echo": .object(echo)])])
    }
}

/// A GraphQL engine double that holds every request until a gate opens, to keep a request in flight.
struct GatedGraphQLService: GraphQLService {
    let started: AsyncGate
    let gate: AsyncGate

    func execute(
        _ request: GraphQLRequestParameters,
        allowsMutations: Bool,
        context: GraphQLContext
    ) async
        -> GraphQLServiceResult
    {
        started.open()
        await gate.wait()
        return .executed(["data": ["finished": true]])
    }
}
