/// How an ``Executor`` reports problems.
public struct ExecutorOptions: Sendable {
    /// The most variable errors reported before giving up (graphql-js reports 50, then one saying it stopped).
    public var maxVariableErrors: Int

    /// Whether variable errors suggest close names ("Did you mean …?") for unknown input fields and enum values.
    public var suggestions: Bool

    /// Turns an error thrown by a resolver that is neither a ``GraphQLError`` nor ``GraphQLErrorConvertible``
    /// into the error the client sees; by default its description becomes the message. The gateway uses this to
    /// keep internals out of responses (the original stays in ``GraphQLError/underlyingError``).
    public var mapError: (@Sendable (any Error) -> GraphQLError)?

    /// Creates options.
    public init(
        maxVariableErrors: Int = 50,
        suggestions: Bool = true,
        mapError: (@Sendable (any Error) -> GraphQLError)? = nil
    ) {
        self.maxVariableErrors = maxVariableErrors
        self.suggestions = suggestions
        self.mapError = mapError
    }

    /// The defaults.
    public static let `default` = ExecutorOptions()
}
