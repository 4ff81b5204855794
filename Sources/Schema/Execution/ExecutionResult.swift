public import JSON

/// The response to a request (spec §7.1): `data` (absent when the request failed before execution, `null` when
/// a non-null root field failed), `errors`, and `extensions`.
public struct ExecutionResult: Sendable, Equatable {
    /// The result of the operation; `nil` means the response has no `data` key (a request error), `.null` that
    /// execution started but produced no data.
    public var data: JSONValue?
    /// The errors, in execution order; empty when there were none.
    public var errors: [GraphQLError]
    /// The response's `extensions` entry, if any.
    public var extensions: JSONObject?

    /// Creates a result.
    public init(data: JSONValue?, errors: [GraphQLError] = [], extensions: JSONObject? = nil) {
        self.data = data
        self.errors = errors
        self.extensions = extensions
    }

    /// A result without `data`: the request failed before execution started.
    public static func requestError(_ errors: [GraphQLError]) -> ExecutionResult {
        ExecutionResult(data: nil, errors: errors)
    }

    /// Whether the request failed before execution started (no `data` key).
    public var isRequestError: Bool { data == nil }

    /// The response as JSON: `errors` first when there are any (as graphql-js orders them), then `data`, then
    /// `extensions`.
    public var jsonValue: JSONValue {
        var object = JSONObject(minimumCapacity: 3)
        if !errors.isEmpty { object.appendUnchecked("errors", .array(errors.map(\.jsonValue))) }
        if let data { object.appendUnchecked("data", data) }
        if let extensions, !extensions.isEmpty { object.appendUnchecked("extensions", .object(extensions)) }
        return .object(object)
    }

    /// The response as compact JSON bytes.
    public func serialized() -> [UInt8] {
        jsonValue.serialized()
    }
}
