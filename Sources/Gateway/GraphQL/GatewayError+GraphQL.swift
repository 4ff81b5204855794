import JSON
public import Schema

extension GatewayError: GraphQLErrorConvertible {
    /// The error as a response's `errors` entry (the executor adds `locations` and `path`).
    public var graphQLError: GraphQLError {
        var extensionObject = JSONObject(minimumCapacity: extensions.count + 1)
        extensionObject["code"] = .string(code.rawValue)
        for (key, value) in extensions where key != "code" { extensionObject[key] = value }
        return GraphQLError(message: message, extensions: extensionObject)
    }
}
