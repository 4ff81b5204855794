import JSON

/// `SimulatorControl` over HTTP, under `/_simulator/` (a prefix no ServiceNow API uses), for a simulator in
/// another process (`snowgate simulator --control`). JSON in and out; no authentication, so it is off by default.
///
/// - `GET /_simulator/requests[?access_token=T]`, `DELETE /_simulator/requests`
/// - `POST /_simulator/faults` `{"kind":"500|503|429|hibernating|drop|slow|malformed","path_prefix":"/api/",
///   "count":2,"retry_after":60,"limit":100,"delay_ms":1000}`, `DELETE /_simulator/faults`
/// - `POST /_simulator/tokens` `{"user":"abel.tuter","client_id":"..."}` issues tokens
/// - `POST /_simulator/tokens/expire` `{"include_refresh_tokens":false}`
/// - `POST /_simulator/clients` `{"client_id","client_secret","redirect_urls":[...],"access_token_lifespan":1800,
///   "refresh_token_lifespan":8640000}`; `PUT /_simulator/clients/{id}/secret` `{"client_secret":"..."}`
/// - `POST /_simulator/authorize` `{"url":"/oauth_auth.do?...","user":"abel.tuter","decision":"allow|deny"}`
/// - `GET /_simulator/users` lists the seeded logins; `GET /_simulator/transactions` the pool's load.
struct ControlAPI: Sendable {
    let control: SimulatorControl

    func handle(_ request: APIRequest) -> APIResponse {
        let parts = request.path.split(separator: "/").map(String.init).dropFirst()
        let body = (try? JSONValue.parse(request.body))?.objectValue ?? JSONObject()
        switch (request.method, Array(parts)) {
        case ("GET", ["requests"]):
            let token = request.parameter("access_token")
            let entries = token.map { control.requests(withAccessToken: $0) } ?? control.requests
            return .json(200, ["requests": .array(entries.map(Self.json))])
        case ("DELETE", ["requests"]):
            control.clearRequestLog()
            return APIResponse(status: 204)
        case ("POST", ["faults"]):
            guard let fault = Self.fault(from: body) else {
                return .error(
                    400,
                    "Invalid fault",
                    detail: "kind must be 500, 503, 429, hibernating, drop, slow or malformed"
                )
            }
            let id = control.inject(fault)
            return .json(201, ["id": .int(Int(id.value))])
        case ("DELETE", ["faults"]):
            control.clearFaults()
            return APIResponse(status: 204)
        case ("POST", ["tokens"]):
            do {
                let token = try control.issueToken(
                    forUser: body["user"]?.stringValue ?? "",
                    clientID: body["client_id"]?.stringValue ?? ""
                )
                return .json(
                    200,
                    [
                        "access_token": .string(token.accessToken), "refresh_token": .string(token.refreshToken),
                        "expires_in": .int(token.expiresIn),
                    ]
                )
            } catch {
                return .error(400, error.message, detail: nil)
            }
        case ("POST", ["tokens", "expire"]):
            control.expireAllTokens(includingRefreshTokens: body["include_refresh_tokens"]?.boolValue ?? false)
            return APIResponse(status: 204)
        case ("POST", ["clients"]):
            guard let id = body["client_id"]?.stringValue else {
                return .error(400, "client_id is required", detail: nil)
            }
            control.register(
                OAuthApplication(
                    clientID: id,
                    clientSecret: body["client_secret"]?.stringValue ?? "",
                    redirectURLs: (body["redirect_urls"]?.arrayValue ?? []).compactMap(\.stringValue),
                    accessTokenLifespan: .seconds(body["access_token_lifespan"]?.intValue ?? 1800),
                    refreshTokenLifespan: .seconds(body["refresh_token_lifespan"]?.intValue ?? 8_640_000)
                )
            )
            return APIResponse(status: 201)
        case ("PUT", let path) where path.count == 3 && path[0] == "clients" && path[2] == "secret":
            do {
                try control.setClientSecret(body["client_secret"]?.stringValue ?? "", forClient: path[1])
                return APIResponse(status: 204)
            } catch {
                return .error(404, error.message, detail: nil)
            }
        case ("POST", ["authorize"]):
            let url = body["url"]?.stringValue ?? ""
            do {
                let redirect =
                    body["decision"]?.stringValue == "deny"
                    ? try control.denyAuthorization(url: url)
                    : try control.approveAuthorization(url: url, asUser: body["user"]?.stringValue ?? "")
                return .json(200, ["redirect": .string(redirect)])
            } catch {
                return .error(400, error.message, detail: nil)
            }
        case ("GET", ["users"]):
            return .json(
                200,
                [
                    "users": .array(
                        control.seed.users.map { user in
                            [
                                "sys_id": .string(user.sysID), "user_name": .string(user.userName),
                                "name": .string(user.name),
                                "roles": .array(user.roles.sorted().map { .string($0) }),
                            ]
                        }
                    )
                ]
            )
        case ("GET", ["transactions"]):
            return .json(200, ["active": .int(control.activeTransactions), "queued": .int(control.queuedTransactions)])
        default:
            return .unknownResource
        }
    }

    static func json(_ entry: LoggedRequest) -> JSONValue {
        var object: JSONObject = [
            "sequence": .int(entry.sequence), "method": .string(entry.method), "path": .string(entry.path),
            "query": .string(entry.query),
        ]
        object["status"] = entry.status.map { .int($0) } ?? .null
        object["has_access_token"] = .bool(entry.accessToken != nil)
        object["batch_items"] = .array(
            entry.batchItems.map {
                ["id": .string($0.id), "method": .string($0.method), "url": .string($0.url)]
            }
        )
        return .object(object)
    }

    static func fault(from body: JSONObject) -> Fault? {
        let prefix = body["path_prefix"]?.stringValue
        let count = body["count"]?.intValue
        switch body["kind"].map(TableAPI.string(from:)) {
        case "500": return .internalServerError(pathPrefix: prefix, count: count)
        case "503": return .serviceUnavailable(pathPrefix: prefix, count: count)
        case "429":
            return .rateLimited(
                retryAfterSeconds: body["retry_after"]?.intValue ?? 60,
                limit: body["limit"]?.intValue ?? 100,
                pathPrefix: prefix,
                count: count
            )
        case "hibernating": return .hibernating(pathPrefix: prefix, count: count)
        case "drop": return .droppedConnection(pathPrefix: prefix, count: count)
        case "slow":
            let milliseconds = body["delay_ms"]?.intValue ?? 1000
            guard (0...600_000).contains(milliseconds) else { return nil }
            return .slowAnswer(delay: .milliseconds(milliseconds), pathPrefix: prefix, count: count)
        case "malformed": return .malformedJSON(pathPrefix: prefix, count: count)
        default: return nil
        }
    }
}
