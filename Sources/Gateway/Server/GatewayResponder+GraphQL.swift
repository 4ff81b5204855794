import HTTPTypes
import Hummingbird
import JSON
import Logging
import NIOCore

extension GatewayResponder {
    /// `POST /graphql` and `GET /graphql` under the GraphQL-over-HTTP rules: method, `Accept` (406), identity (401),
    /// `Content-Type` (415), body size (413, enforced while the body streams in), request shape (400), then
    /// execution.
    func graphQL(
        _ request: Request,
        requestID: String,
        clientAddress: String?,
        logger: Logger
    ) async throws -> HTTPAnswer {
        let isPost = request.method == .post
        guard isPost || request.method == .get else {
            return .errors(
                405,
                [GatewayError(.methodNotAllowed, "Send GraphQL requests with POST (or GET for queries).")],
                headers: [("Allow", "GET, POST")]
            )
        }
        // Several Accept fields are one list (RFC 9110 §5.3): the subscript joins them with ", ".
        guard let mediaType = ResponseMediaType.negotiate(accept: request.headers[.accept]) else {
            return .errors(
                406,
                [
                    GatewayError(
                        .notAcceptable,
                        "The gateway answers application/graphql-response+json or application/json."
                    )
                ]
            )
        }
        let contentType = mediaType.contentType

        let identity: Identity
        do {
            identity = try await server.verifier.verify(authorizationHeader: request.headers[.authorization])
        } catch {
            // The reason goes to the log (never the token); the client learns only that it must authenticate.
            logger.notice("Authentication refused", metadata: ["reason": "\(error.reason)"])
            // Failed sign-ins are limited per client address (authenticated traffic is limited per user below, so a
            // proxy's address shared by everyone does not throttle those who sign in properly).
            if let limited = rateLimited(
                server.addressRateLimiter,
                key: clientAddress,
                contentType: contentType,
                logger: logger
            ) {
                return limited
            }
            return .errors(
                401,
                [GatewayError(.unauthenticated, AuthenticationError.publicMessage)],
                contentType: contentType,
                headers: [("WWW-Authenticate", "Bearer")]
            )
        }
        var requestLogger = logger
        requestLogger[metadataKey: "subject"] = "\(identity.subject)"
        if let limited = rateLimited(
            server.userRateLimiter,
            key: identity.subject,
            contentType: contentType,
            logger: requestLogger
        ) {
            return limited
        }

        let graphQLRequest: GraphQLRequestParameters
        do {
            if isPost {
                guard GraphQLHTTPDecoding.isJSONContentType(request.headers[.contentType]) else {
                    return .errors(
                        415,
                        [
                            GatewayError(
                                .unsupportedMediaType,
                                "Send the request body as application/json (UTF-8)."
                            )
                        ],
                        contentType: contentType
                    )
                }
                let body = try await readBody(request)
                graphQLRequest = try GraphQLHTTPDecoding.decodeBody(
                    body,
                    maxDepth: server.configuration.limits.maxJSONDepth
                )
            } else {
                let query = request.uri.query ?? ""
                guard query.utf8.count <= server.configuration.limits.maxQueryStringBytes else {
                    return .errors(
                        414,
                        [GatewayError(.badRequest, "The query string is too long; send the request with POST.")],
                        contentType: contentType
                    )
                }
                graphQLRequest = try GraphQLHTTPDecoding.decodeQueryString(
                    query[...],
                    maxDepth: server.configuration.limits.maxJSONDepth
                )
            }
        } catch let refusal as GraphQLHTTPDecoding.Refusal {
            return .errors(refusal.status, [refusal.error], contentType: contentType, headers: refusal.headers)
        }

        let outcome: GraphQLServiceResult
        do {
            // Everything a request holds while it executes is created once it is its turn (`ExecutionGate`).
            outcome = try await server.executionGate.withPermit {
                // Read while the context is made and the operation planned, not when the resolvers need it.
                async let _ = server.prefetchTokens(of: identity)
                let credentials = server.operations.credentials(for: identity)
                let context = GraphQLContext(
                    identity: identity,
                    requestID: requestID,
                    logger: requestLogger,
                    operations: server.operations.with(logger: requestLogger),
                    credentials: credentials,
                    serviceNow: await server.serviceNowContext(
                        for: identity,
                        credentials: credentials,
                        logger: requestLogger
                    ),
                    client: server.client,
                    upstreamTimeout: server.configuration.upstreamTimeout,
                    metrics: server.metrics
                )
                return await server.graphQL.execute(graphQLRequest, allowsMutations: isPost, context: context)
            }
        } catch {
            // Only a cancelled wait gets here (the client went away before its turn came): nothing ran.
            return .errors(
                503,
                [
                    GatewayError(
                        GatewayError.Code(rawValue: "SERVICE_UNAVAILABLE"),
                        "The request was cancelled before it ran."
                    )
                ],
                contentType: contentType
            )
        }
        switch outcome {
        case .executed(let response):
            return .json(200, .object(response), contentType: contentType)
        case .requestErrors(let errors):
            return .json(
                mediaType == .graphQLResponse ? 400 : 200,
                .object(["errors": .array(errors)]),
                contentType: contentType
            )
        case .mutationNotAllowed:
            return .errors(
                405,
                [GatewayError(.methodNotAllowed, "Mutations must be sent with POST.")],
                contentType: contentType,
                headers: [("Allow", "POST")]
            )
        }
    }

    /// The request body, refused with 413 as soon as it exceeds the limit (by its declared length, or while it
    /// streams in) rather than after buffering all of it.
    private func readBody(_ request: Request) async throws -> [UInt8] {
        let limit = server.configuration.limits.maxBodyBytes
        let tooLarge = GraphQLHTTPDecoding.Refusal(
            status: 413,
            error: GatewayError(.payloadTooLarge, "The request body is larger than \(limit) bytes.")
        )
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw tooLarge
        }
        var body: [UInt8] = []
        for try await chunk in request.body {
            guard body.count + chunk.readableBytes <= limit else { throw tooLarge }
            body.append(contentsOf: chunk.readableBytesView)
        }
        return body
    }
}
