/// What ServiceNow's token endpoint granted: the tokens and how long the access token lives.
///
/// The descriptions never print a token.
struct TokenGrant: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The access token.
    var accessToken: String
    /// The refresh token, when ServiceNow sent one (it echoes the same one on a refresh grant, §4.3).
    var refreshToken: String?
    /// Seconds until the access token expires, as ServiceNow reported it (1799 for the default lifespan).
    var expiresIn: Int
    /// The granted scope, if reported.
    var scope: String?

    var description: String {
        "TokenGrant(accessToken: <redacted>, refreshToken: \(refreshToken == nil ? "nil" : "<redacted>"), "
            + "expiresIn: \(expiresIn), scope: \(scope ?? "nil"))"
    }

    var debugDescription: String { description }
}
