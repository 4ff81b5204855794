import JSON

/// The stand-in used until the GraphQL executor is part of the build: every request gets an honest
/// `NOT_IMPLEMENTED` request error instead of a made-up answer.
struct UnavailableGraphQLService: GraphQLService {
    func execute(
        _ request: GraphQLRequestParameters,
        allowsMutations: Bool,
        context: GraphQLContext
    ) async
        -> GraphQLServiceResult
    {
        .requestErrors([
            .object([
                "message": "GraphQL execution is not available in this build of the gateway yet.",
                "extensions": .object(["code": "NOT_IMPLEMENTED"]),
            ])
        ])
    }
}
