public import JSON

/// An error a resolver (or a batch function) throws that knows how it should read in the response: its message
/// and its `extensions` (where `code` lives). The executor adds the locations and the path.
///
/// ```swift
/// extension ServiceNowError: GraphQLErrorConvertible {
///     var graphQLError: GraphQLError {
///         GraphQLError(message: message, extensions: ["code": .string(code)])
///     }
/// }
/// ```
///
/// A resolver may also throw a ``GraphQLError`` directly. Any other error becomes a field error whose message is
/// the error's description, unless ``ExecutorOptions/mapError`` maps it (the gateway hides internals that way).
public protocol GraphQLErrorConvertible: Error {
    /// The error as the response should show it; its `locations` and `path` are filled in by the executor when
    /// empty.
    var graphQLError: GraphQLError { get }
}

/// A field error with a message and `extensions`, for resolvers that need nothing more specific.
///
/// ```swift
/// throw ExtendedError("Page size must be between 1 and 100.", code: "BAD_USER_INPUT")
/// ```
public struct ExtendedError: GraphQLErrorConvertible, Sendable, CustomStringConvertible {
    /// The message shown to the client.
    public var message: String
    /// The `extensions` entry of the error.
    public var extensions: JSONObject

    /// An error with `message`, and `extensions.code` set to `code` when given.
    public init(_ message: String, code: String? = nil, extensions: JSONObject = [:]) {
        self.message = message
        var extensions = extensions
        if let code { extensions["code"] = .string(code) }
        self.extensions = extensions
    }

    /// The error as the response shows it.
    public var graphQLError: GraphQLError {
        GraphQLError(message: message, extensions: extensions.isEmpty ? nil : extensions)
    }

    /// The message.
    public var description: String { message }
}
