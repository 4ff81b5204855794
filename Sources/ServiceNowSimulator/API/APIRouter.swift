import JSON
import Synchronization

/// Routes `/api/...` requests to the REST APIs the simulator implements; every other path under `/api/` is an
/// unknown resource (400), never a made-up success.
struct APIRouter: Sendable {
    let instance: Instance

    /// The credentials a request presents, before they are checked.
    enum Credential: Sendable, Hashable {
        case bearer(String)
        case basic(user: String, password: String)

        init?(_ request: APIRequest) {
            if let authorization = request.header("Authorization") {
                let lowered = authorization.lowercased()
                if lowered.hasPrefix("bearer ") {
                    self = .bearer(String(authorization.dropFirst(7).trimmingSpaces()))
                    return
                }
                if lowered.hasPrefix("basic "),
                    let decoded = Base64.decode(String(authorization.dropFirst(6).trimmingSpaces())),
                    let colon = decoded.firstIndex(of: UInt8(ascii: ":"))
                {
                    self = .basic(
                        user: String(decoding: decoded[..<colon], as: UTF8.self),
                        password: String(decoding: decoded[(colon + 1)...], as: UTF8.self)
                    )
                    return
                }
                return nil
            }
            // The docs also show the token on the URL (§1).
            if let token = request.parameter("access_token"), !token.isEmpty {
                self = .bearer(token)
                return
            }
            return nil
        }

        var accessToken: String? {
            if case .bearer(let token) = self { return token }
            return nil
        }

        var basicUser: String? {
            if case .basic(let user, _) = self { return user }
            return nil
        }
    }

    /// The caller behind `credential`, if it is valid now.
    func authenticate(_ credential: Credential?) -> Caller? {
        switch credential {
        case .bearer(let token):
            guard let userID = instance.oauth.user(forAccessToken: token, now: instance.clock.now) else { return nil }
            return instance.caller(userID: userID)
        case .basic(let user, let password):
            guard let userID = instance.checkPassword(userName: user, password: password) else { return nil }
            return instance.caller(userID: userID)
        case nil:
            return nil
        }
    }

    /// Handles an authenticated API request. `inBatch` is true for Batch items (a batch cannot nest).
    func route(_ request: APIRequest, caller: Caller, baseURL: String, inBatch: Bool) async -> APIResponse {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // segments[0] is "" (the path starts with "/"); a trailing "/" gives a trailing "".
        guard segments.count >= 3, segments[0].isEmpty, segments[1] == "api" else { return .unknownResource }
        var rest = Array(segments.dropFirst(2))
        if rest.last == "" { rest.removeLast() }
        let namespace = rest.first ?? ""
        rest.removeFirst()
        var version: String?
        if let first = rest.first, first.count >= 2, first.hasPrefix("v"), Int(first.dropFirst()) != nil {
            version = first
            rest.removeFirst()
        }
        // Only the Table API has a v2; everything else here exists unversioned and as v1.
        if version != nil, version != "v1", !(namespace == "now" && rest.first == "table") { return .unknownResource }
        switch (namespace, rest.first) {
        case ("now", "table"):
            guard version == nil || version == "v1" || version == "v2", rest.count == 2 || rest.count == 3,
                !rest[1].isEmpty
            else { return .unknownResource }
            return TableAPI(instance: instance).handle(
                request,
                caller: caller,
                version: version == "v1" ? .v1 : .latest,
                table: rest[1],
                sysID: rest.count == 3 ? rest[2] : nil,
                baseURL: baseURL
            )
        case ("now", "batch"):
            // Only the versioned path exists; `/api/now/batch` is unknown (§5).
            guard version == "v1", rest.count == 1, !inBatch else { return .unknownResource }
            guard request.method == "POST" else { return .unknownResource }
            return await BatchAPI(instance: instance, router: self).handle(request, caller: caller, baseURL: baseURL)
        case ("now", "stats"):
            guard rest.count == 2, request.method == "GET" else { return .unknownResource }
            return AggregateAPI(instance: instance).handle(request, caller: caller, table: rest[1])
        case ("now", "ui"):
            guard rest == ["ui", "user", "current_user"], request.method == "GET" else { return .unknownResource }
            return currentUser(caller)
        case ("sn_sc", "servicecatalog"):
            return CatalogAPI(instance: instance).handle(
                request,
                caller: caller,
                path: Array(rest.dropFirst()),
                baseURL: baseURL
            )
        case ("sn_km_api", "knowledge"):
            return KnowledgeAPI(instance: instance).handle(request, caller: caller, path: Array(rest.dropFirst()))
        default:
            return .unknownResource
        }
    }

    /// `GET /api/now/ui/user/current_user` (§8.1, [OBS]): who the token belongs to.
    private func currentUser(_ caller: Caller) -> APIResponse {
        let user = instance.database.withLock { $0.record(in: "sys_user", sysID: caller.userID)?.record } ?? Record([:])
        return .result([
            "user_sys_id": .string(caller.userID),
            "user_name": .string(caller.userName),
            "user_display_name": .string(user["name"]),
            "user_first_name": .string(user["first_name"]),
            "user_last_name": .string(user["last_name"]),
            "user_email": .string(user["email"]),
            "user_time_zone": .string(user["time_zone"]),
            "roles": .array(caller.roles.sorted().map { .string($0) }),
        ])
    }
}
