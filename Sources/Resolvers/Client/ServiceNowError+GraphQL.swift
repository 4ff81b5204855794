import JSON
public import Schema

extension ServiceNowError: GraphQLErrorConvertible {
    /// The error as a GraphQL field error: the message, and `extensions` with `code` first, then the facts the code
    /// comes with (`authorizeUrl`, `retryAfter`).
    public var graphQLError: GraphQLError {
        var extensions: JSONObject = ["code": .string(code.rawValue)]
        for (key, value) in self.extensions where key != "code" { extensions[key] = value }
        return GraphQLError(message: message, extensions: extensions)
    }
}
