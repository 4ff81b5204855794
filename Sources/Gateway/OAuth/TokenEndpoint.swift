import CurlHTTP
import JSON
import Resolvers

/// ServiceNow's OAuth endpoints as the gateway calls them: the code exchange and the refresh grant at
/// `/oauth_token.do` (form-encoded, §4.1), and revocation at `/oauth_revoke_token.do`.
///
/// Every call goes through the shared `CurlClient` with the upstream timeout, and is counted in the metrics. Nothing
/// here logs a request: its body and the revoke URL carry secrets.
struct TokenEndpoint: Sendable {
    let client: CurlClient
    let timeout: Duration
    let metrics: GatewayMetrics

    /// The largest token response considered; a real one is a few hundred bytes.
    private static let jsonLimits = JSONParser.Limits(maxDepth: 8, maxBytes: 64 << 10)

    /// Exchanges an authorization code (with its PKCE verifier) for tokens.
    func exchange(
        code: String,
        codeVerifier: String,
        redirectURL: String,
        credentials: ServiceNowCredentials
    ) async throws(TokenEndpointFailure) -> TokenGrant {
        try await grant(
            [
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", redirectURL),
                ("client_id", credentials.configuration.clientID),
                ("client_secret", credentials.clientSecret),
                ("code_verifier", codeVerifier),
            ],
            instanceURL: credentials.configuration.instanceURL
        )
    }

    /// Trades a refresh token for a new access token.
    func refresh(
        refreshToken: String,
        credentials: ServiceNowCredentials
    ) async throws(TokenEndpointFailure)
        -> TokenGrant
    {
        try await grant(
            [
                ("grant_type", "refresh_token"),
                ("refresh_token", refreshToken),
                ("client_id", credentials.configuration.clientID),
                ("client_secret", credentials.clientSecret),
            ],
            instanceURL: credentials.configuration.instanceURL
        )
    }

    /// Asks ServiceNow to revoke `token` (no authentication is needed, §4.1); returns whether it answered 2xx.
    func revoke(token: String, instanceURL: String) async -> Bool {
        let request = CurlRequest(
            method: .get,
            url: instanceURL + "/oauth_revoke_token.do?token=" + FormEncoding.percentEncode(token),
            headers: [CurlHeader(name: "Accept", value: "application/json")],
            timeout: timeout
        )
        let started = ContinuousClock.now
        do {
            let response = try await UpstreamWait.during { () async throws(CurlError) in
                try await client.execute(request)
            }
            metrics.recordUpstreamCall(
                endpoint: "oauth_revoke",
                outcome: String(response.status),
                duration: ContinuousClock.now - started
            )
            return (200..<300).contains(response.status)
        } catch {
            metrics.recordUpstreamCall(
                endpoint: "oauth_revoke",
                outcome: error.code.description,
                duration: ContinuousClock.now - started
            )
            return false
        }
    }

    private func grant(
        _ form: [(String, String)],
        instanceURL: String
    ) async throws(TokenEndpointFailure)
        -> TokenGrant
    {
        let request = CurlRequest(
            method: .post,
            url: instanceURL + "/oauth_token.do",
            headers: [
                CurlHeader(name: "Content-Type", value: "application/x-www-form-urlencoded"),
                CurlHeader(name: "Accept", value: "application/json"),
            ],
            body: Array(FormEncoding.encode(form).utf8),
            timeout: timeout,
            // Never sent twice by libcurl on a stale kept-alive connection: a code is single-use and a refresh token
            // may be rotated, so a silent second grant would fail and disconnect a user whose first one worked.
            freshConnection: true
        )
        let started = ContinuousClock.now
        let response: CurlResponse
        do {
            response = try await UpstreamWait.during { () async throws(CurlError) in
                try await client.execute(request)
            }
        } catch {
            metrics.recordUpstreamCall(
                endpoint: "oauth_token",
                outcome: error.code.description,
                duration: ContinuousClock.now - started
            )
            throw .unavailable(reason: "\(error.code): \(error.message)")
        }
        metrics.recordUpstreamCall(
            endpoint: "oauth_token",
            outcome: String(response.status),
            duration: ContinuousClock.now - started
        )
        return try Self.parse(response)
    }

    /// Reads a token response: 200 with `access_token` is a grant; 400 and 401 are refusals; anything else,
    /// including a 200 that is not the token JSON (a hibernating instance answers 200 with an HTML page, §3.4), is
    /// unavailability.
    static func parse(_ response: CurlResponse) throws(TokenEndpointFailure) -> TokenGrant {
        switch response.status {
        case 200:
            break
        case 400, 401:
            throw .refused(status: response.status)
        default:
            throw .unavailable(reason: "HTTP \(response.status)")
        }
        guard let body = try? JSONParser(limits: jsonLimits).parse(response.body), let object = body.objectValue,
            let accessToken = object["access_token"]?.stringValue, !accessToken.isEmpty
        else {
            throw .unavailable(reason: "the answer is not a token response")
        }
        // `expires_in` is a number; tolerate a numeric string. Clamp to a sane range so a wild value cannot make a
        // token look valid for ever or already dead.
        var expiresIn = 1800
        if let number = object["expires_in"]?.intValue {
            expiresIn = number
        } else if let text = object["expires_in"]?.stringValue, let number = Int(text) {
            expiresIn = number
        }
        expiresIn = min(max(expiresIn, 1), 366 * 24 * 3600)
        let refreshToken = object["refresh_token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        return TokenGrant(
            accessToken: accessToken,
            refreshToken: refreshToken,
            expiresIn: expiresIn,
            scope: object["scope"]?.stringValue
        )
    }
}
