/// A failure the simulator answers with instead of handling a request, for testing how clients cope.
public struct Fault: Sendable, Hashable {
    /// What the client gets.
    public enum Kind: Sendable, Hashable {
        /// A server error status (500, 502, 503) with the REST error envelope.
        case serverError(status: Int, message: String)
        /// 429 with `Retry-After` and the `X-RateLimit-Limit/Reset/Rule` headers of a matched rate-limit rule (§3.3).
        case rateLimited(retryAfterSeconds: Int, limit: Int, rule: String)
        /// 200 with the HTML "instance hibernating" page instead of JSON (§3.4).
        case hibernating
        /// The connection is closed without any response.
        case dropConnection
        /// The request is handled as usual, but its answer is sent `delay` late, in real time (what a client's
        /// timeout measures, whatever clock the simulator runs on). A write is done even if the client gave up.
        case slowAnswer(delay: Duration)
        /// The request is handled as usual, but the JSON body of its answer is cut off halfway (a proxy or a broken
        /// connection pool truncating it), with status and headers intact. A write is done all the same.
        case malformedJSON
    }

    /// What the client gets.
    public var kind: Kind
    /// Only requests whose path starts with this are affected (nil: every path except the control API). A server
    /// error or rate limit with a prefix also answers the Batch API items whose path it matches, one by one.
    public var pathPrefix: String?
    /// How many matching requests fail before the fault clears itself (nil: until cleared).
    public var count: Int?

    /// A fault of `kind` for paths starting with `pathPrefix`, `count` times.
    public init(_ kind: Kind, pathPrefix: String? = nil, count: Int? = nil) {
        self.kind = kind
        self.pathPrefix = pathPrefix
        self.count = count
    }

    /// 500 with the error envelope.
    public static func internalServerError(pathPrefix: String? = nil, count: Int? = nil) -> Fault {
        Fault(.serverError(status: 500, message: "Internal Server Error"), pathPrefix: pathPrefix, count: count)
    }

    /// 503 with the error envelope.
    public static func serviceUnavailable(pathPrefix: String? = nil, count: Int? = nil) -> Fault {
        Fault(.serverError(status: 503, message: "Service Unavailable"), pathPrefix: pathPrefix, count: count)
    }

    /// 429 from a rate-limit rule, with `Retry-After` and `X-RateLimit-*`.
    public static func rateLimited(
        retryAfterSeconds: Int = 60,
        limit: Int = 100,
        rule: String = "c1b0f9b5c3a03110f5e5a6c7d801317e",
        pathPrefix: String? = nil,
        count: Int? = nil
    ) -> Fault {
        Fault(
            .rateLimited(retryAfterSeconds: retryAfterSeconds, limit: limit, rule: rule),
            pathPrefix: pathPrefix,
            count: count
        )
    }

    /// 200 with the HTML hibernation page.
    public static func hibernating(pathPrefix: String? = nil, count: Int? = nil) -> Fault {
        Fault(.hibernating, pathPrefix: pathPrefix, count: count)
    }

    /// The request is handled, and answered `delay` late.
    public static func slowAnswer(delay: Duration, pathPrefix: String? = nil, count: Int? = nil) -> Fault {
        Fault(.slowAnswer(delay: delay), pathPrefix: pathPrefix, count: count)
    }

    /// The request is handled, and answered with its JSON cut off halfway.
    public static func malformedJSON(pathPrefix: String? = nil, count: Int? = nil) -> Fault {
        Fault(.malformedJSON, pathPrefix: pathPrefix, count: count)
    }

    /// The socket is closed without a response.
    public static func droppedConnection(pathPrefix: String? = nil, count: Int? = nil) -> Fault {
        Fault(.dropConnection, pathPrefix: pathPrefix, count: count)
    }
}
