public import JSON

/// Limits on what one operation may ask for, so that an expensive query is refused before any resolver runs.
/// Each limit is optional (`nil`: unlimited). An operation over a limit gets a ``GraphQLError`` located at the
/// operation (or the offending selection), with `extensions`
/// `{ code: "QUERY_TOO_COMPLEX", limit: "<which>", max: N, actual: N }`.
///
/// The defaults (``default``) are the gateway's:
/// - ``maxDepth`` 15: the full introspection query (`getIntrospectionQuery` with every option, whose type
///   references nest `ofType` nine deep) is exactly 15 deep; the widget's queries are 4.
/// - ``maxAliases`` 30, ``maxRootFields`` 20, ``maxDirectivesPerLocation`` 10.
/// - ``maxCost`` 10,000 with ``CostModel/default``: the reference widget's render (four pages of at most 100
///   tickets of about 20 fields) costs about 8,000 at the static bound, and about 450 as it is sent (five per
///   page).
public struct OperationLimits: Sendable, Hashable {
    /// The deepest nesting of fields, counting the root fields as 1, with fragments expanded.
    public var maxDepth: Int?
    /// The most aliases in the operation, counted at every spread of the fragments that hold them.
    public var maxAliases: Int?
    /// The most root fields (distinct response names at the root, fragments expanded).
    public var maxRootFields: Int?
    /// The most directives applied to one node (a field, fragment, operation or variable definition).
    public var maxDirectivesPerLocation: Int?
    /// The highest cost by ``costModel``.
    public var maxCost: Int?
    /// How the cost is computed.
    public var costModel: CostModel

    /// Creates limits; every argument defaults to the gateway default.
    public init(
        maxDepth: Int? = 15,
        maxAliases: Int? = 30,
        maxRootFields: Int? = 20,
        maxDirectivesPerLocation: Int? = 10,
        maxCost: Int? = 10_000,
        costModel: CostModel = .default
    ) {
        self.maxDepth = maxDepth
        self.maxAliases = maxAliases
        self.maxRootFields = maxRootFields
        self.maxDirectivesPerLocation = maxDirectivesPerLocation
        self.maxCost = maxCost
        self.costModel = costModel
    }

    /// The gateway defaults.
    public static let `default` = OperationLimits()

    /// No limit at all.
    public static let unlimited = OperationLimits(
        maxDepth: nil,
        maxAliases: nil,
        maxRootFields: nil,
        maxDirectivesPerLocation: nil,
        maxCost: nil
    )

    /// The error code of every limit error.
    public static let errorCode = "QUERY_TOO_COMPLEX"

    /// Checks every operation of `document` (which should have passed validation; an invalid one is measured as
    /// well as it can be). `variableValues` are the request's, or `nil` for the cost's static upper bound.
    public func check(document: Document, schema: GraphQLSchema, variableValues: JSONObject? = nil) -> [GraphQLError] {
        var errors: [GraphQLError] = []
        for operation in document.operations {
            errors += check(operation: operation, in: document, schema: schema, variableValues: variableValues)
        }
        return errors
    }

    /// Checks one operation, whose fragments `document` defines: the errors for each limit it exceeds, in the
    /// order depth, aliases, root fields, directives, cost.
    public func check(
        operation: OperationDefinition,
        in document: Document,
        schema: GraphQLSchema,
        variableValues: JSONObject? = nil
    ) -> [GraphQLError] {
        guard
            maxDepth != nil || maxAliases != nil || maxRootFields != nil || maxDirectivesPerLocation != nil
                || maxCost != nil
        else { return [] }
        var measures = OperationMeasures(document: document)
        let subject = operation.name.map { "Operation \"\($0.value)\"" } ?? "The operation"
        var errors: [GraphQLError] = []
        func exceeded(_ limit: String, _ max: Int, _ actual: Int, _ message: String, at location: Location) {
            errors.append(
                GraphQLError(
                    message: message,
                    at: [location],
                    in: document.source,
                    extensions: [
                        "code": .string(Self.errorCode), "limit": .string(limit), "max": .int(max),
                        "actual": .int(actual),
                    ]
                )
            )
        }
        if let maxDepth {
            let depth = measures.depth(of: operation.selectionSet)
            if depth > maxDepth {
                exceeded(
                    "depth",
                    maxDepth,
                    depth,
                    "\(subject) is too deep: its selection depth is \(depth), above the limit of \(maxDepth).",
                    at: operation.location
                )
            }
        }
        if let maxAliases {
            let aliases = measures.aliases(in: operation.selectionSet)
            if aliases > maxAliases {
                exceeded(
                    "aliases",
                    maxAliases,
                    aliases,
                    "\(subject) has too many aliases: \(aliases), above the limit of \(maxAliases).",
                    at: operation.location
                )
            }
        }
        if let maxRootFields {
            let rootFields = measures.rootFieldCount(of: operation.selectionSet)
            if rootFields > maxRootFields {
                exceeded(
                    "rootFields",
                    maxRootFields,
                    rootFields,
                    "\(subject) selects too many root fields: \(rootFields), above the limit of \(maxRootFields).",
                    at: operation.location
                )
            }
        }
        if let maxDirectivesPerLocation {
            let (count, location) = measures.mostDirectives(in: operation)
            if count > maxDirectivesPerLocation {
                exceeded(
                    "directives",
                    maxDirectivesPerLocation,
                    count,
                    "\(subject) applies too many directives at one location: \(count), above the limit of \(maxDirectivesPerLocation).",
                    at: location
                )
            }
        }
        if let maxCost,
            let error = checkCost(
                of: operation,
                in: document,
                schema: schema,
                variableValues: variableValues,
                maxCost: maxCost
            )
        {
            errors.append(error)
        }
        return errors
    }

    /// Checks the cost of one operation against `maxCost`, pricing sizes given by variables with the request's
    /// `variableValues` (or at their static upper bound when `nil`): for a gateway that validates once per
    /// document and prices each request, before any resolver runs.
    ///
    /// - Returns: The `QUERY_TOO_COMPLEX` error, or `nil` when the operation is within the limit.
    public func checkCost(
        of operation: OperationDefinition,
        in document: Document,
        schema: GraphQLSchema,
        variableValues: JSONObject?,
        maxCost: Int
    ) -> GraphQLError? {
        let cost = costModel.cost(of: operation, in: document, schema: schema, variableValues: variableValues)
        guard cost > maxCost else { return nil }
        let subject = operation.name.map { "Operation \"\($0.value)\"" } ?? "The operation"
        return GraphQLError(
            message: "\(subject) is too costly: its estimated cost is \(cost), above the limit of \(maxCost).",
            at: [operation.location],
            in: document.source,
            extensions: [
                "code": .string(Self.errorCode), "limit": .string("cost"), "max": .int(maxCost), "actual": .int(cost),
            ]
        )
    }
}
