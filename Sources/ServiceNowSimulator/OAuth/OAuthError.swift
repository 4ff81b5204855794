/// Why the authorize endpoint refused a request; the text is what the instance's error page shows.
public struct AuthorizationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The page text, e.g. `Missing State parameter in request`.
    public var message: String

    public var description: String { message }

    static let missingState = AuthorizationError(message: "Missing State parameter in request")
    // [INF] The docs say state must not contain special characters; the page text for it is not documented.
    static let invalidState = AuthorizationError(message: "Invalid State parameter in request")
    // [INF] Texts below are not documented.
    static let unknownClient = AuthorizationError(message: "Invalid client_id")
    static let unsupportedResponseType = AuthorizationError(message: "Unsupported response_type")
    static let unsupportedChallengeMethod = AuthorizationError(message: "Unsupported code_challenge_method")
    static let unknownUser = AuthorizationError(message: "User name or password invalid")
}
