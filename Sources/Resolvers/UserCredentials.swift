/// How the resolvers act as one user in ServiceNow: the seam between them and the gateway's OAuth token store.
///
/// One value per user per request. The gateway implements it over its encrypted token store: it refreshes a token
/// that is about to expire, lets only one refresh per user run at a time, and turns a failed refresh into
/// `ServiceNowError.authRequired` (with the user's authorize URL) after forgetting the dead tokens. The resolvers
/// never see another user's credentials: every upstream call of a request carries the token of this value.
public protocol UserCredentials: Sendable {
    /// A stable identifier of the user (the gateway user's subject), for cache keys and logs. Never a token.
    var subject: String { get }

    /// The user's current access token, refreshed first if it is about to expire.
    func accessToken() async throws(ServiceNowError) -> String

    /// ServiceNow answered 401 to `rejectedToken`: refresh once (sharing the refresh with concurrent callers) and
    /// return the new access token, or throw `authRequired` when the user must connect again.
    func refreshedAccessToken(after rejectedToken: String) async throws(ServiceNowError) -> String
}
