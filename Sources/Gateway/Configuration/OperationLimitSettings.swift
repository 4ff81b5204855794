public import Schema

/// What one GraphQL request may ask for and cost: the parser's bounds, the operation limits checked before any
/// resolver runs, the ServiceNow calls it may make, how long it may run, and who may introspect.
///
/// A limit of 0 switches that limit off (the parser's bounds cannot be switched off).
public struct OperationLimitSettings: Sendable, Hashable {
    /// Who gets a feature.
    public enum Audience: String, Sendable, Hashable, CaseIterable {
        /// Every authenticated user.
        case everyone = "on"
        /// Nobody.
        case nobody = "off"
        /// Administrators only.
        case admins = "admins"

        /// Whether a caller gets it.
        public func includes(isAdmin: Bool) -> Bool {
            switch self {
            case .everyone: true
            case .nobody: false
            case .admins: isAdmin
            }
        }
    }

    /// The most tokens in a document (`--max-tokens`). Default 15,000.
    public var maxTokens = 15_000
    /// The deepest nesting of brackets in a document (`--max-nesting-depth`). Default 100.
    public var maxNestingDepth = 100
    /// The largest document in bytes (`--max-document-bytes`). Default 1 MiB.
    public var maxDocumentBytes = 1 << 20
    /// The deepest field selection (`--max-depth`). Default 15 (the full introspection query).
    public var maxDepth = 15
    /// The most aliases (`--max-aliases`). Default 30.
    public var maxAliases = 30
    /// The most root fields (`--max-root-fields`). Default 20.
    public var maxRootFields = 20
    /// The most directives on one location (`--max-directives`). Default 10.
    public var maxDirectivesPerLocation = 10
    /// The highest cost, priced with the request's variables (`--max-cost`). Default 10,000.
    public var maxCost = 10_000
    /// The most HTTP calls to ServiceNow one request may make (`--max-upstream-calls`). Default 50.
    public var maxUpstreamCalls = 50
    /// The longest one request may execute (`--execution-timeout`). Default 60 s.
    public var executionTimeout: Duration = .seconds(60)
    /// Who may query `__schema` and `__type` (`--introspection`). Default everyone: the schema is public anyway
    /// (`GET /schema.graphql`, which is switched off unless this is `on`).
    public var introspection: Audience = .everyone
    /// Who gets "Did you mean …?" in error messages (`--suggestions`). Default everyone.
    public var suggestions: Audience = .everyone

    /// The defaults.
    public init() {}

    /// The parser's bounds.
    public var parseOptions: ParseOptions {
        ParseOptions(maxTokens: maxTokens, maxNestingDepth: maxNestingDepth, maxDocumentBytes: maxDocumentBytes)
    }

    /// Every operation limit, the cost included.
    public var operationLimits: OperationLimits {
        func limit(_ value: Int) -> Int? { value == 0 ? nil : value }
        return OperationLimits(
            maxDepth: limit(maxDepth),
            maxAliases: limit(maxAliases),
            maxRootFields: limit(maxRootFields),
            maxDirectivesPerLocation: limit(maxDirectivesPerLocation),
            maxCost: limit(maxCost)
        )
    }

    /// The validation options of a caller: the limits without the cost (priced per request, with the request's
    /// variables, so a cached verdict never depends on them), suggestions and introspection by role.
    public func validationOptions(isAdmin: Bool) -> ValidationOptions {
        var limits = operationLimits
        limits.maxCost = nil
        return ValidationOptions(
            suggestions: suggestions.includes(isAdmin: isAdmin),
            allowsIntrospection: introspection.includes(isAdmin: isAdmin),
            limits: limits
        )
    }

    /// Checks the values.
    public func validate() throws(GatewayConfigurationError) {
        func require(_ condition: Bool, _ message: String) throws(GatewayConfigurationError) {
            guard condition else { throw GatewayConfigurationError(message) }
        }
        try require(
            (100...1_000_000).contains(maxTokens),
            "--max-tokens (SNOWGATE_MAX_TOKENS) must be between 100 and 1000000"
        )
        try require(
            (8...512).contains(maxNestingDepth),
            "--max-nesting-depth (SNOWGATE_MAX_NESTING_DEPTH) must be between 8 and 512"
        )
        try require(
            (1024...(64 << 20)).contains(maxDocumentBytes),
            "--max-document-bytes (SNOWGATE_MAX_DOCUMENT_BYTES) must be between 1024 and 67108864"
        )
        try require(
            (0...1000).contains(maxDepth),
            "--max-depth (SNOWGATE_MAX_DEPTH) must be between 0 (no limit) and 1000"
        )
        try require(maxAliases >= 0, "--max-aliases (SNOWGATE_MAX_ALIASES) must not be negative")
        try require(maxRootFields >= 0, "--max-root-fields (SNOWGATE_MAX_ROOT_FIELDS) must not be negative")
        try require(maxDirectivesPerLocation >= 0, "--max-directives (SNOWGATE_MAX_DIRECTIVES) must not be negative")
        try require(maxCost >= 0, "--max-cost (SNOWGATE_MAX_COST) must not be negative")
        try require(maxUpstreamCalls >= 0, "--max-upstream-calls (SNOWGATE_MAX_UPSTREAM_CALLS) must not be negative")
        try require(
            executionTimeout > .zero && executionTimeout <= .seconds(600),
            "--execution-timeout (SNOWGATE_EXECUTION_TIMEOUT) must be between 0 and 600 seconds"
        )
    }
}
