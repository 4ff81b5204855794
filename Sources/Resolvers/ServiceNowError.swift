public import JSON

/// A ServiceNow failure as the client sees it: a stable code for `extensions.code`, a message a person can act
/// on, and the extra facts (`authorizeUrl`, `retryAfter`, …) that go into the GraphQL error's extensions.
public struct ServiceNowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The failure's kind; its `rawValue` is the GraphQL `extensions.code`.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The user has no usable ServiceNow token and must connect (again); carries `authorizeUrl`.
        public static let authRequired = Code(rawValue: "SERVICENOW_AUTH_REQUIRED")
        /// ServiceNow refused the operation (403).
        public static let accessDenied = Code(rawValue: "SERVICENOW_ACCESS_DENIED")
        /// The record does not exist or the user may not see it (404).
        public static let notFound = Code(rawValue: "SERVICENOW_NOT_FOUND")
        /// ServiceNow's own rate limit or its request queue is full (429); carries `retryAfter` when known.
        public static let rateLimited = Code(rawValue: "SERVICENOW_RATE_LIMITED")
        /// ServiceNow is down, slow, hibernating or answered something that is not its API (5xx, timeouts, HTML).
        public static let unavailable = Code(rawValue: "SERVICENOW_UNAVAILABLE")
        /// ServiceNow refused the input (400), e.g. a missing mandatory catalog variable.
        public static let badUserInput = Code(rawValue: "BAD_USER_INPUT")
        /// The OAuth token endpoint refused the gateway's client credentials.
        public static let invalidClient = Code(rawValue: "SERVICENOW_INVALID_CLIENT")
        /// No administrator has configured ServiceNow yet.
        public static let notConfigured = Code(rawValue: "SERVICENOW_NOT_CONFIGURED")
    }

    /// The failure's kind.
    public var code: Code
    /// What happened, in words for the person who sees it. Never a token or a secret.
    public var message: String
    /// Extra facts for `extensions`, besides `code`.
    public var extensions: JSONObject

    public init(_ code: Code, _ message: String, extensions: JSONObject = [:]) {
        self.code = code
        self.message = message
        self.extensions = extensions
    }

    public var description: String { "\(code): \(message)" }

    /// The user must connect ServiceNow (again) at `authorizeURL`.
    public static func authRequired(authorizeURL: String?, message: String? = nil) -> ServiceNowError {
        var extensions: JSONObject = [:]
        if let authorizeURL { extensions["authorizeUrl"] = .string(authorizeURL) }
        return ServiceNowError(
            .authRequired,
            message ?? "Connect your ServiceNow account to see this.",
            extensions: extensions
        )
    }
}
