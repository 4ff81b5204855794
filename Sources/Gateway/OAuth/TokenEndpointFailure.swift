/// Why a call to ServiceNow's token endpoint did not produce tokens.
enum TokenEndpointFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// ServiceNow answered and said no (400 or 401): the client secret or ID does not match, the redirect URL is not
    /// registered, or the code or refresh token is invalid, expired or revoked. ServiceNow gives the same generic
    /// `{"error_description":"access_denied","error":"server_error"}` for all of these (§4.5).
    case refused(status: Int)
    /// ServiceNow could not be reached or answered something that is not its token endpoint (5xx, 429, HTML, a
    /// timeout). Nothing is known about the credentials; try again later.
    case unavailable(reason: String)

    var description: String {
        switch self {
        case .refused(let status): "the token endpoint refused the request (HTTP \(status))"
        case .unavailable(let reason): "the token endpoint is unavailable: \(reason)"
        }
    }
}
