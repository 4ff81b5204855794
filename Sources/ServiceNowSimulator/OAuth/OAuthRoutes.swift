import JSON
import Logging
import Synchronization

/// The OAuth endpoints over HTTP: `/oauth_auth.do` (login, consent), `/oauth_token.do`, `/oauth_revoke_token.do`.
struct OAuthRoutes: Sendable {
    let instance: Instance

    static let sessionCookie = "JSESSIONID"

    /// The token endpoint's single failure answer (§4.5).
    static let tokenFailure = APIResponse.json(
        401,
        ["error_description": "access_denied", "error": "server_error"]
    )

    func handle(_ request: APIRequest) -> APIResponse? {
        switch request.path {
        case "/oauth_auth.do":
            switch request.method {
            case "GET": return authorizePage(request)
            case "POST": return authorizeForm(request)
            default: return .unknownResource
            }
        case "/oauth_token.do":
            return request.method == "POST" ? token(request) : Self.tokenFailure
        case "/oauth_revoke_token.do":
            return revoke(request)
        default:
            return nil
        }
    }

    private func parameters(_ pairs: [(name: String, value: String)]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in pairs where result[name] == nil { result[name] = value }
        return result
    }

    private func authorizePage(_ request: APIRequest) -> APIResponse {
        let parameters = parameters(request.query)
        switch instance.oauth.validateAuthorization(parameters) {
        case .failure(let error):
            // [INF] The status of the instance's error page is not documented.
            return .html(400, OAuthPages.error(error.message))
        case .success(let pending):
            if let sessionID = request.cookie(Self.sessionCookie), let session = instance.oauth.session(sessionID) {
                return consentPage(parameters: parameters, pending: pending, session: session)
            }
            return .html(200, OAuthPages.login(parameters: parameters, error: nil))
        }
    }

    private func consentPage(
        parameters: [String: String],
        pending: OAuthServer.PendingAuthorization,
        session: OAuthServer.Session
    ) -> APIResponse {
        let userName =
            instance.database.withLock { $0.record(in: "sys_user", sysID: session.userID)?.record["name"] } ?? ""
        let name = instance.oauth.application(pending.clientID)?.name ?? pending.clientID
        return .html(
            200,
            OAuthPages.consent(
                parameters: parameters,
                applicationName: name,
                userName: userName,
                formToken: session.formToken
            )
        )
    }

    /// The forms: `action=login` with `user_name`/`user_password`, then `action=allow` or `action=deny` with the
    /// session cookie and `sysparm_ck`. Scripts may send credentials together with `action=allow` or `deny` to
    /// decide in one request (a simulator convenience; a real instance needs the two steps).
    private func authorizeForm(_ request: APIRequest) -> APIResponse {
        let form = parameters(URLEncoding.parseForm(String(decoding: request.body, as: UTF8.self)))
        let pending: OAuthServer.PendingAuthorization
        switch instance.oauth.validateAuthorization(form) {
        case .failure(let error): return .html(400, OAuthPages.error(error.message))
        case .success(let value): pending = value
        }
        let action = form["action"] ?? "login"
        var userID: String?
        var setCookie: [(name: String, value: String)] = []
        if let userName = form["user_name"], let password = form["user_password"] {
            guard let id = instance.checkPassword(userName: userName, password: password) else {
                return .html(200, OAuthPages.login(parameters: form, error: AuthorizationError.unknownUser.message))
            }
            userID = id
            let sessionID = instance.oauth.createSession(userID: id)
            setCookie = [("Set-Cookie", "\(Self.sessionCookie)=\(sessionID); Path=/; HttpOnly; SameSite=Lax")]
            if action == "login", let session = instance.oauth.session(sessionID) {
                var response = consentPage(parameters: form, pending: pending, session: session)
                response.headers += setCookie
                return response
            }
        } else if let sessionID = request.cookie(Self.sessionCookie), let session = instance.oauth.session(sessionID),
            form["sysparm_ck"] == session.formToken
        {
            userID = session.userID
        }
        guard let userID else {
            return .html(200, OAuthPages.login(parameters: form, error: nil))
        }
        switch action {
        case "allow":
            return .redirect(
                to: instance.oauth.approve(pending, userID: userID, now: instance.clock.now),
                headers: setCookie
            )
        case "deny": return .redirect(to: instance.oauth.deny(pending), headers: setCookie)
        default: return .html(200, OAuthPages.login(parameters: form, error: nil))
        }
    }

    private func token(_ request: APIRequest) -> APIResponse {
        // The body must be form-encoded; a JSON body "results in an unspecified error" (§4.1).
        guard request.contentType == "application/x-www-form-urlencoded" else { return Self.tokenFailure }
        let form = parameters(URLEncoding.parseForm(String(decoding: request.body, as: UTF8.self)))
        var basic: (id: String, secret: String)?
        if let authorization = request.header("Authorization"), authorization.lowercased().hasPrefix("basic "),
            let decoded = Base64.decode(String(authorization.dropFirst(6))),
            let colon = decoded.firstIndex(of: UInt8(ascii: ":"))
        {
            basic = (
                String(decoding: decoded[..<colon], as: UTF8.self),
                String(decoding: decoded[(colon + 1)...], as: UTF8.self)
            )
        }
        let result = instance.oauth.token(form: form, basic: basic, now: instance.clock.now) { userName, password in
            instance.checkPassword(userName: userName, password: password)
        }
        switch result {
        case .success(let grant): return .json(200, grant.json)
        case .failure(let failure):
            instance.logger.debug("token request refused", metadata: ["reason": "\(failure.reason)"])
            return Self.tokenFailure
        }
    }

    private func revoke(_ request: APIRequest) -> APIResponse {
        var token = request.parameter("token")
        if token == nil, request.contentType == "application/x-www-form-urlencoded" {
            token = parameters(URLEncoding.parseForm(String(decoding: request.body, as: UTF8.self)))["token"]
        }
        if let token { instance.oauth.revoke(token, now: instance.clock.now) }
        // [INF] The response body is not documented; an empty 200 whether or not the token was known.
        return APIResponse(status: 200)
    }
}
