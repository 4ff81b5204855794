/// How ``Validator`` validates a document: which optional checks apply and which operation limits hold.
///
/// The defaults suit an authenticated user of the gateway: every rule of the specification, suggestions and
/// introspection on, and ``OperationLimits/default``. For users who are not administrators the gateway turns
/// ``suggestions`` and ``allowsIntrospection`` off so that the schema cannot be probed.
///
/// The options hold nothing specific to one request, so that a verdict can be cached by query text and
/// options: the cost limit is checked at its static upper bound (sizes given by variables at their largest).
/// A gateway that prefers to price each request by its variables sets ``OperationLimits/maxCost`` to `nil`
/// here and calls ``OperationLimits/checkCost(of:in:schema:variableValues:maxCost:)`` per request, before
/// executing.
public struct ValidationOptions: Sendable, Hashable {
    /// Whether error messages suggest close names ("Did you mean …?"): field, argument, type, input field and
    /// enum value names. Off, no message reveals a name the document did not contain.
    public var suggestions: Bool

    /// Whether fields of introspection types (`__schema`, `__type` and everything below them) may be selected.
    /// Off, the ``ValidationRule/noSchemaIntrospection`` rule runs after the specified rules. `__typename`
    /// stays allowed either way.
    public var allowsIntrospection: Bool

    /// The most errors reported; one more error then says validation was aborted (graphql-js `maxErrors`, whose
    /// default is 100). `nil` reports every error.
    public var maxErrors: Int?

    /// The operation limits, checked once the document passes every rule.
    public var limits: OperationLimits

    /// Creates options; every argument defaults to the gateway default.
    public init(
        suggestions: Bool = true,
        allowsIntrospection: Bool = true,
        maxErrors: Int? = 100,
        limits: OperationLimits = .default
    ) {
        self.suggestions = suggestions
        self.allowsIntrospection = allowsIntrospection
        self.maxErrors = maxErrors
        self.limits = limits
    }

    /// The defaults.
    public static let `default` = ValidationOptions()
}
