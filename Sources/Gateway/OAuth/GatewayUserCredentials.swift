import Resolvers

/// One user's ServiceNow credentials for one request, over the gateway's token store: what the resolvers use to act
/// as that user.
struct GatewayUserCredentials: UserCredentials {
    let subject: String
    let oauth: ServiceNowOAuth

    func accessToken() async throws(ServiceNowError) -> String {
        try await oauth.accessToken(subject: subject)
    }

    func refreshedAccessToken(after rejectedToken: String) async throws(ServiceNowError) -> String {
        try await oauth.refreshedAccessToken(subject: subject, after: rejectedToken)
    }
}
