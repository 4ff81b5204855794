import HTTPTypes
import Hummingbird

extension GatewayResponder {
    /// `GET /widget`, `GET /explorer` and `GET /assets/NAME`: the embedded pages and their files, with a strict
    /// Content-Security-Policy, an `ETag` from the content (answered 304 when it matches `If-None-Match`), and cache
    /// rules that fit: pages are revalidated every time, an asset asked for by its current version (`?v=`, as the
    /// pages ask) is immutable for a year, any other asset request is revalidated.
    ///
    /// No page carries a token or any per-user data: the scripts get the user's token from the host page or the
    /// URL fragment, never from the gateway, so every answer here is the same for everyone and may be cached.
    func web(_ request: Request, route: Route) -> HTTPAnswer {
        guard request.method == .get else {
            return .errors(
                405,
                [GatewayError(.methodNotAllowed, "Only GET is allowed here.")],
                headers: [("Allow", "GET")]
            )
        }
        let resource: WebResource?
        var cacheControl = "no-cache"
        switch route {
        case .asset:
            resource = WebSite.asset(atPath: request.uri.path)
            if let resource, Self.queryValue("v", in: request.uri.query) == resource.version {
                cacheControl = "public, max-age=31536000, immutable"
            }
        default:
            resource = WebSite.pages[request.uri.path]
        }
        guard let resource else {
            return .errors(404, [GatewayError(.notFound, "There is nothing at this address.")])
        }
        var headers: [(String, String)] = [("ETag", resource.etag), ("Cache-Control", cacheControl)]
        if route == .asset {
            headers.append(("Content-Security-Policy", WebSite.contentSecurityPolicy()))
        } else {
            // A page: the widget may be framed by the intranet's pages (`--frame-ancestor`, or the CORS origins), so
            // its framing rule and the other page headers come from the one place that decides them for every page.
            let pageHeaders = server.htmlHeaders.headers(
                contentSecurityPolicy: WebSite.pagePolicy,
                framing: .allowedAncestors
            )
            headers += pageHeaders.filter { $0.0 != "Content-Type" }
        }
        let ifNoneMatch = request.headers[values: .ifNoneMatch].joined(separator: ", ")
        if !ifNoneMatch.isEmpty, resource.matches(ifNoneMatch: ifNoneMatch) {
            return HTTPAnswer(status: 304, headers: headers)
        }
        headers.insert(("Content-Type", resource.contentType), at: 0)
        return HTTPAnswer(status: 200, headers: headers, body: resource.bytes)
    }

    /// The first value of the query parameter `name`, if the query string is well formed and has it.
    private static func queryValue(_ name: String, in query: String?) -> String? {
        guard let query, let pairs = FormEncoding.decode(query[...]) else { return nil }
        return pairs.first { $0.name == name }?.value
    }
}
