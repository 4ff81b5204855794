import JSON
public import Schema

/// Registers the resolvers of every ServiceNow-backed field of `schema.graphql` in the executor's resolver map.
///
/// ```swift
/// var resolvers = ResolverMap<GraphQLContext>()
/// ServiceNowResolvers.install(into: &resolvers) { context in context.serviceNow }
/// // … the gateway's own fields (viewer, viewer.serviceNow, viewer.isAdmin, widgetSettings, admin) …
/// let executor = try Executor(schema: schema, resolvers: resolvers)
/// ```
///
/// Per request, the gateway builds a ``ServiceNowContext`` (a ``ServiceNowSession`` for the viewer, or the error
/// every ServiceNow field answers) and returns it from `serviceNow`; the session's loaders attach to the
/// execution's `BatchScheduler` by themselves.
///
/// Fields registered: `Viewer.user`; `Query.incidents`, `requests`, `changeRequests`, `problems`,
/// `knowledgeArticles`, `catalogItems`, `node`, `ticket`; `Request.items`; `CatalogItem.variables`;
/// `CreateRequestPayload.request`; `Mutation.createIncident`, `createRequest`. Every other field of the ServiceNow
/// types reads the mapped JSON objects (default resolver), and abstract types resolve by their `__typename`.
public enum ServiceNowResolvers {
    /// The fields ``install(into:serviceNow:)`` registers, as `Type.field`.
    public static let fields = [
        "Viewer.user", "Query.incidents", "Query.requests", "Query.changeRequests", "Query.problems",
        "Query.knowledgeArticles", "Query.catalogItems", "Query.node", "Query.ticket", "Request.items",
        "CatalogItem.variables", "CreateRequestPayload.request", "Mutation.createIncident", "Mutation.createRequest",
    ]

    /// Registers the ServiceNow resolvers; `serviceNow` gives the request's ``ServiceNowContext``.
    public static func install<Context: Sendable>(
        into resolvers: inout ResolverMap<Context>,
        serviceNow: @escaping @Sendable (Context) -> ServiceNowContext
    ) {
        resolvers.async("Viewer", "user") { _, _, context, info in
            .json(
                try await ServiceNowFields.viewerUser(
                    serviceNow(context),
                    scheduler: info.batchScheduler,
                    selection: .memoized(info.selection)
                )
            )
        }
        let lists: [(String, TicketKind)] = [
            ("incidents", .incident), ("requests", .request), ("changeRequests", .changeRequest),
            ("problems", .problem),
        ]
        for (field, kind) in lists {
            // The projection depends only on the selection: made once per execution plan, not per render.
            let memoName = "Resolvers.ticketListProjection." + field
            resolvers.async("Query", field) { _, arguments, context, info in
                let projection = info.selection.memoized(memoName) { selection in
                    ServiceNowFields.ticketListProjection(kind, selection: SelectionTree(selection))
                }
                return .json(
                    try await ServiceNowFields.tickets(
                        kind,
                        serviceNow(context),
                        scheduler: info.batchScheduler,
                        arguments: arguments,
                        projection: projection
                    )
                )
            }
        }
        resolvers.async("Query", "knowledgeArticles") { _, arguments, context, info in
            .json(
                try await ServiceNowFields.knowledgeArticles(
                    serviceNow(context),
                    scheduler: info.batchScheduler,
                    arguments: arguments,
                    selection: .memoized(info.selection)
                )
            )
        }
        resolvers.async("Query", "catalogItems") { _, arguments, context, info in
            .json(
                try await ServiceNowFields.catalogItems(
                    serviceNow(context),
                    scheduler: info.batchScheduler,
                    arguments: arguments,
                    selection: .memoized(info.selection)
                )
            )
        }
        resolvers.async("Query", "node") { _, arguments, context, info in
            .json(
                try await ServiceNowFields.node(
                    serviceNow(context),
                    scheduler: info.batchScheduler,
                    arguments: arguments,
                    selection: .memoized(info.selection)
                )
            )
        }
        resolvers.async("Query", "ticket") { _, arguments, context, info in
            .json(
                try await ServiceNowFields.ticket(
                    serviceNow(context),
                    scheduler: info.batchScheduler,
                    arguments: arguments,
                    selection: .memoized(info.selection)
                )
            )
        }
        resolvers.async("Request", "items") { parent, arguments, context, info in
            .json(
                try await ServiceNowFields.requestItems(
                    serviceNow(context),
                    scheduler: info.batchScheduler,
                    source: parent.jsonObject ?? [:],
                    arguments: arguments,
                    selection: .memoized(info.selection)
                )
            )
        }
        resolvers.async("CatalogItem", "variables") { parent, _, context, info in
            .json(
                try await ServiceNowFields.catalogItemVariables(
                    serviceNow(context),
                    scheduler: info.batchScheduler,
                    source: parent.jsonObject ?? [:]
                )
            )
        }
        resolvers.async("CreateRequestPayload", "request") { parent, _, context, info in
            .json(
                try await ServiceNowFields.createdRequest(
                    serviceNow(context),
                    scheduler: info.batchScheduler,
                    source: parent.jsonObject ?? [:],
                    selection: .memoized(info.selection)
                )
            )
        }
        resolvers.async("Mutation", "createIncident") { _, arguments, context, info in
            .json(
                try await ServiceNowFields.createIncident(
                    serviceNow(context),
                    scheduler: info.batchScheduler,
                    arguments: arguments,
                    selection: .memoized(info.selection)
                )
            )
        }
        resolvers.async("Mutation", "createRequest") { _, arguments, context, info in
            .json(
                try await ServiceNowFields.createRequest(
                    serviceNow(context),
                    scheduler: info.batchScheduler,
                    arguments: arguments
                )
            )
        }
    }
}
