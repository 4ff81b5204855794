import HTTPTypes
import Hummingbird
import JSON
import Logging
import NIOCore
import Resolvers

/// Every request to the gateway: one request id, dispatch by path, security headers, metrics and one access-log
/// line; an unexpected failure becomes a logged 500 whose body reveals nothing.
///
/// Query strings are never logged: the OAuth callback's carries an authorization code.
struct GatewayResponder: HTTPResponder {
    typealias Context = GatewayRequestContext

    let server: GatewayServer

    /// The routes, as metrics and logs name them (a bounded set, whatever paths clients send).
    enum Route: String {
        case graphql = "/graphql"
        case oauthCallback = "/oauth/callback"
        case healthz = "/healthz"
        case readyz = "/readyz"
        case schema = "/schema.graphql"
        case metrics = "/metrics"
        case widget = "/widget"
        case explorer = "/explorer"
        case asset = "/assets/*"
        case unknown = "unknown"

        /// The route of a request path: an exact match, or the static files under `/assets/`.
        init(path: String) {
            if let route = Route(rawValue: path), route != .asset {
                self = route
            } else {
                self = path.hasPrefix(WebSite.assetPathPrefix) ? .asset : .unknown
            }
        }
    }

    static let requestIDField = HTTPField.Name("X-Request-Id")
    static let forwardedForField = HTTPField.Name("X-Forwarded-For")

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let requestID = RequestID.accept(Self.requestIDField.flatMap { request.headers[$0] })
        var logger = server.logger
        logger[metadataKey: "request_id"] = "\(requestID)"
        let route = Route(path: request.uri.path)
        let upstreamWait = UpstreamWait()
        var answer: HTTPAnswer
        do {
            answer = try await UpstreamWait.$current.withValue(upstreamWait) {
                try await dispatch(
                    request,
                    route: route,
                    requestID: requestID,
                    clientAddress: server.configuration.security.trustedProxies.clientAddress(
                        peer: context.clientAddress,
                        forwardedFor: Self.forwardedForField.map { request.headers[values: $0] } ?? []
                    ),
                    logger: logger
                )
            }
        } catch {
            logger.error(
                "Request failed unexpectedly",
                metadata: ["route": "\(route.rawValue)", "error": "\(String(describing: error))"]
            )
            answer = .errors(
                500,
                [
                    GatewayError(
                        .internalServerError,
                        GatewayError.internalError.message,
                        extensions: ["requestId": .string(requestID)]
                    )
                ]
            )
        }
        answer.headers.append(("X-Request-Id", requestID))
        // HTML pages bring these from `HTMLPageHeaders` already; everything else gets them here.
        if answer.header("X-Content-Type-Options") == nil {
            answer.headers.append(("X-Content-Type-Options", "nosniff"))
        }
        if answer.header("Referrer-Policy") == nil { answer.headers.append(("Referrer-Policy", "no-referrer")) }
        if server.htmlHeaders.strictTransportSecurity, answer.header("Strict-Transport-Security") == nil {
            answer.headers.append(("Strict-Transport-Security", HTMLPageHeaders.strictTransportSecurityValue))
        }
        if answer.header("Cache-Control") == nil { answer.headers.append(("Cache-Control", "no-store")) }

        let finished = ContinuousClock.now
        let duration = finished - started
        answer.headers.append(
            ("Server-Timing", Self.serverTiming(total: duration, upstream: upstreamWait.total(at: finished)))
        )
        server.metrics.recordRequest(
            route: route.rawValue,
            method: request.method.rawValue,
            status: answer.status,
            duration: duration
        )
        logger.info(
            "HTTP request",
            metadata: [
                "method": "\(Self.printable(request.method.rawValue))",
                "route": "\(route.rawValue)",
                "status": "\(answer.status)",
                "duration_ms": "\(Self.milliseconds(duration))",
            ]
        )
        return Self.response(answer)
    }

    private func dispatch(
        _ request: Request,
        route: Route,
        requestID: String,
        clientAddress: String?,
        logger: Logger
    ) async throws
        -> HTTPAnswer
    {
        switch route {
        case .graphql:
            let origin = request.headers[.origin]
            if request.method == .options {
                return preflight(request, origin: origin, logger: logger)
            }
            var answer = try await graphQL(
                request,
                requestID: requestID,
                clientAddress: clientAddress,
                logger: logger
            )
            answer.headers += server.cors.responseHeaders(origin: origin)
            return answer
        case .unknown:
            return .errors(404, [GatewayError(.notFound, "There is nothing at this address.")])
        case .widget, .explorer, .asset:
            return web(request, route: route)
        case .oauthCallback, .healthz, .readyz, .schema, .metrics:
            guard request.method == .get else {
                return .errors(
                    405,
                    [GatewayError(.methodNotAllowed, "Only GET is allowed here.")],
                    headers: [("Allow", "GET")]
                )
            }
            switch route {
            case .oauthCallback:
                // Unauthenticated and each one a store write: limited per client address.
                if let limited = rateLimited(server.addressRateLimiter, key: clientAddress, logger: logger) {
                    return limited
                }
                return await oauthCallback(request, logger: logger)
            case .healthz: return .json(200, ["status": "ok"])
            case .readyz: return await readiness(logger: logger)
            case .schema:
                // The SDL is as telling as introspection: public only while introspection is open to everyone.
                guard server.configuration.security.operations.introspection == .everyone else {
                    return .errors(404, [GatewayError(.notFound, "There is nothing at this address.")])
                }
                var answer = HTTPAnswer.text(200, EmbeddedAssets.schemaSDL)
                answer.headers.append(("Cache-Control", "no-cache"))
                return answer
            case .metrics:
                return HTTPAnswer(
                    status: 200,
                    headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")],
                    body: server.metrics.render()
                )
            case .graphql, .unknown, .widget, .explorer, .asset:
                return .errors(404, [GatewayError(.notFound, "There is nothing at this address.")])
            }
        }
    }

    /// Ready when the store answers and the configuration can be read. Not being configured yet does not make the
    /// gateway unready: the admin configures it through this very server.
    private func readiness(logger: Logger) async -> HTTPAnswer {
        // A draining replica still answers the requests that reach it, but should be sent no more.
        if server.drain.isDraining {
            return .json(503, ["status": "draining", "reason": "The gateway is shutting down."])
        }
        do {
            try await server.store.checkHealth()
            let configured = try await server.store.serviceNowConfiguration() != nil
            return .json(200, ["status": "ready", "serviceNowConfigured": .bool(configured)])
        } catch {
            logger.error("Readiness check failed", metadata: ["error": "\(String(describing: error))"])
            return .json(503, ["status": "unavailable", "reason": "The gateway's database cannot be read."])
        }
    }

    private func oauthCallback(_ request: Request, logger: Logger) async -> HTTPAnswer {
        let query = request.uri.query ?? ""
        let outcome: CallbackOutcome
        if query.utf8.count > 16 << 10 {
            outcome = .invalidState
        } else if let parameters = FormEncoding.decode(query[...]) {
            outcome = await server.oauth.completeAuthorization(parameters: parameters)
        } else {
            outcome = .invalidState
        }
        let html = CallbackPage.render(outcome, origin: server.address.publicURL.origin)
        return HTTPAnswer(
            status: outcome.httpStatus,
            // A popup, never framed.
            headers: server.htmlHeaders.headers(
                contentSecurityPolicy: CallbackPage.contentSecurityPolicy,
                framing: .never
            ),
            body: Array(html.utf8)
        )
    }

    /// A CORS preflight (`OPTIONS /graphql` with `Origin` and `Access-Control-Request-Method`): 204 with the allow
    /// headers for an allowed origin, method and headers, 403 otherwise; a plain `OPTIONS` gets 204 with `Allow`.
    private func preflight(_ request: Request, origin: String?, logger: Logger) -> HTTPAnswer {
        let method = HTTPField.Name("Access-Control-Request-Method").flatMap { request.headers[$0] }
        let headers = HTTPField.Name("Access-Control-Request-Headers").flatMap { request.headers[values: $0] }
        switch server.cors.preflight(
            origin: origin,
            requestMethod: method,
            requestHeaders: headers?.joined(separator: ",")
        ) {
        case .notPreflight:
            return HTTPAnswer(status: 204, headers: [("Allow", "GET, POST, OPTIONS")])
        case .allowed(let allowHeaders):
            return HTTPAnswer(status: 204, headers: allowHeaders.map { ($0.name, $0.value) })
        case .refused(let reason):
            logger.notice(
                "CORS preflight refused",
                metadata: ["origin": "\(Self.printable(origin ?? ""))", "reason": "\(reason)"]
            )
            return .errors(
                403,
                [GatewayError(.forbidden, "This origin may not call the gateway from a browser.")],
                headers: [("Vary", "Origin")]
            )
        }
    }

    /// Takes a token from `limiter` for `key` (a client address or a user): nil when the request may proceed, the
    /// 429 answer otherwise. No key (no peer address) is not limited.
    func rateLimited(
        _ limiter: RateLimiter,
        key: String?,
        contentType: String = "application/json; charset=utf-8",
        logger: Logger
    ) -> HTTPAnswer? {
        guard let key, case .limited(let retryAfter) = limiter.acquire(key) else { return nil }
        logger.notice("Rate limited", metadata: ["retryAfter": "\(retryAfter)"])
        return .errors(
            429,
            [
                GatewayError(
                    .rateLimited,
                    "Too many requests. Try again in \(retryAfter) second\(retryAfter == 1 ? "" : "s").",
                    extensions: ["retryAfter": .int(retryAfter)]
                )
            ],
            contentType: contentType,
            headers: [("Retry-After", String(retryAfter))]
        )
    }

    static func response(_ answer: HTTPAnswer) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
        )
    }

    /// At most 16 visible ASCII characters of a client-chosen token, so it cannot forge a log line.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F }.prefix(16).map(Character.init))
    }

    /// The `Server-Timing` value (W3C Server Timing): how long this request's own calls to ServiceNow were in flight,
    /// and the rest of the time the gateway took until the answer was ready — its own share, what a browser's
    /// developer tools and a load test can tell apart from ServiceNow's without a second measurement. Not counted:
    /// reading the request before the responder runs and writing the answer after it.
    static func serverTiming(total: Duration, upstream: Duration) -> String {
        let own = max(.zero, total - upstream)
        return "servicenow;dur=\(Self.decimalMilliseconds(upstream)), gateway;dur=\(Self.decimalMilliseconds(own))"
    }

    /// Milliseconds with two decimals (`0.25`, `234.08`).
    static func decimalMilliseconds(_ duration: Duration) -> String {
        let hundredths = max(0, duration.wholeNanoseconds / 10_000)
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
