public import JSON
public import Resolvers

/// An error of a gateway-owned field or of the HTTP layer, as a GraphQL client sees it: a message a person can act
/// on and a stable `extensions.code`.
///
/// The codes ServiceNow failures use (`SERVICENOW_*`) come from `ServiceNowError`; the gateway's own are here.
/// Messages never contain a token, a secret or an internal detail.
public struct GatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The failure's kind; its `rawValue` is `extensions.code`.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No valid bearer token (HTTP 401).
        public static let unauthenticated = Code(rawValue: AuthenticationError.code)
        /// The caller may not do this (admin-only fields for non-admins).
        public static let forbidden = Code(rawValue: "FORBIDDEN")
        /// An argument is not acceptable; the message says which and why.
        public static let badUserInput = Code(rawValue: "BAD_USER_INPUT")
        /// The HTTP request is not a well-formed GraphQL request (bad JSON, no query, wrong parameter types).
        public static let badRequest = Code(rawValue: "BAD_REQUEST")
        /// The request's media type is not one the endpoint takes (HTTP 415).
        public static let unsupportedMediaType = Code(rawValue: "UNSUPPORTED_MEDIA_TYPE")
        /// None of the media types the client accepts can be produced (HTTP 406).
        public static let notAcceptable = Code(rawValue: "NOT_ACCEPTABLE")
        /// The body is larger than the configured limit (HTTP 413).
        public static let payloadTooLarge = Code(rawValue: "PAYLOAD_TOO_LARGE")
        /// The method is not allowed here, e.g. a mutation over GET (HTTP 405).
        public static let methodNotAllowed = Code(rawValue: "METHOD_NOT_ALLOWED")
        /// No such endpoint (HTTP 404).
        public static let notFound = Code(rawValue: "NOT_FOUND")
        /// The caller sent too many requests (HTTP 429); `extensions.retryAfter` says how many seconds to wait.
        /// Not `SERVICENOW_RATE_LIMITED`, which is ServiceNow's own limit.
        public static let rateLimited = Code(rawValue: "RATE_LIMITED")
        /// Something failed inside the gateway; the details are in its log under the request id.
        public static let internalServerError = Code(rawValue: "INTERNAL_SERVER_ERROR")
    }

    /// The failure's kind.
    public var code: Code
    /// What happened, for the person who sees it.
    public var message: String
    /// Extra facts for `extensions`, besides `code`.
    public var extensions: JSONObject

    /// Creates an error.
    public init(_ code: Code, _ message: String, extensions: JSONObject = [:]) {
        self.code = code
        self.message = message
        self.extensions = extensions
    }

    /// The same failure with a ServiceNow code (`SERVICENOW_NOT_CONFIGURED`, …).
    public init(_ error: ServiceNowError) {
        self.init(Code(rawValue: error.code.rawValue), error.message, extensions: error.extensions)
    }

    public var description: String { "\(code): \(message)" }

    /// The error as an entry of a response's `errors`: `message`, and `extensions` with `code` first.
    public var jsonValue: JSONValue {
        var extensionObject = JSONObject(minimumCapacity: extensions.count + 1)
        extensionObject["code"] = .string(code.rawValue)
        for (key, value) in extensions where key != "code" { extensionObject[key] = value }
        return .object(["message": .string(message), "extensions": .object(extensionObject)])
    }

    /// Only admins may do this.
    static func forbidden(_ what: String) -> GatewayError {
        GatewayError(.forbidden, "Only administrators may \(what).")
    }

    /// What a user is told while no admin has configured ServiceNow.
    static let notConfiguredMessage = "ServiceNow is not configured yet. Ask your administrator to set it up."

    /// ServiceNow has not been configured by an admin.
    static var notConfigured: GatewayError {
        GatewayError(Code(rawValue: ServiceNowError.Code.notConfigured.rawValue), notConfiguredMessage)
    }

    /// An unexpected failure; the caller logs the cause.
    static var internalError: GatewayError {
        GatewayError(.internalServerError, "Something went wrong in the gateway. Try again later.")
    }
}
