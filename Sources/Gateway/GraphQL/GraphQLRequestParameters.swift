public import JSON

/// The parameters of a GraphQL-over-HTTP request: from a POST's JSON body or a GET's query string.
public struct GraphQLRequestParameters: Sendable, Hashable {
    /// The document text.
    public var query: String
    /// The variable values, if any were sent.
    public var variables: JSONObject?
    /// The operation to run when the document has several.
    public var operationName: String?
    /// Protocol extensions, passed through to the executor.
    public var extensions: JSONObject?

    /// Creates a request.
    public init(
        query: String,
        variables: JSONObject? = nil,
        operationName: String? = nil,
        extensions: JSONObject? = nil
    ) {
        self.query = query
        self.variables = variables
        self.operationName = operationName
        self.extensions = extensions
    }
}
