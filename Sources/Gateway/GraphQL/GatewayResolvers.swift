import JSON
import Resolvers
public import Schema

/// The resolvers of the gateway-owned fields of `schema.graphql`: the viewer's identity and ServiceNow connection,
/// the widget settings, and the admin's configuration. They call ``GatewayOperations``, which decides who may do
/// what.
///
/// The ServiceNow-backed fields (tickets, knowledge, catalog, `viewer.user`, `node`, `ticket`, the create
/// mutations) are the Resolvers module's, registered by `ServiceNowResolvers.install` over the request's
/// ``GraphQLContext/serviceNow``.
public enum GatewayResolvers {
    /// Every field of the schema that needs a resolver.
    public static var all: ResolverMap<GraphQLContext> {
        var resolvers = ResolverMap<GraphQLContext>()
        ServiceNowResolvers.install(into: &resolvers) { context in context.serviceNow }
        registerViewer(&resolvers)
        registerSettings(&resolvers)
        registerAdmin(&resolvers)
        return resolvers
    }

    static func registerViewer(_ resolvers: inout ResolverMap<GraphQLContext>) {
        resolvers.sync("Query", "viewer") { _, _, _, _ in .json(.object([:])) }
        resolvers.sync("Viewer", "isAdmin") { _, _, context, _ in .bool(context.identity.isAdmin) }
        resolvers.async("Viewer", "serviceNow") { _, _, context, _ in
            let status = try await context.operations.connectionStatus(context.identity)
            return .json(
                .object([
                    "configured": .bool(status.configured),
                    "connected": .bool(status.connected),
                    "instanceUrl": status.instanceURL.map(JSONValue.string) ?? .null,
                ])
            )
        }
        // Made only when asked for and only for a viewer who is not connected: each link is a new single-use state
        // in the store, and a widget asks on every render — a connected user must not cost a write per render,
        // nor push out the pending state of a sign-in popup that is still open.
        resolvers.async("ServiceNowConnection", "authorizeUrl") { parent, _, context, _ in
            if parent.jsonObject?["connected"]?.boolValue == true { return .null }
            return try await context.operations.authorizeURL(for: context.identity).map(ResolvedValue.string) ?? .null
        }
    }

    static func registerSettings(_ resolvers: inout ResolverMap<GraphQLContext>) {
        resolvers.async("Query", "widgetSettings") { _, _, context, _ in
            .json(.object(try await context.operations.widgetSettings().jsonObject))
        }
        resolvers.async("Mutation", "updateWidgetSettings") { _, arguments, context, _ in
            let input = arguments["input"]?.objectValue ?? [:]
            let settings = try await context.operations.updateWidgetSettings(
                context.identity,
                showLogo: input["showLogo"]?.boolValue
            )
            return .json(.object(settings.jsonObject))
        }
        resolvers.async("Mutation", "disconnectServiceNow") { _, _, context, _ in
            let disconnected = try await context.operations.disconnectServiceNow(context.identity)
            return .json(.object(["disconnected": .bool(disconnected)]))
        }
    }

    static func registerAdmin(_ resolvers: inout ResolverMap<GraphQLContext>) {
        resolvers.async("Query", "serviceNowConfiguration") { _, _, context, _ in
            .json(.object(try await context.operations.serviceNowConfiguration(context.identity).jsonObject))
        }
        resolvers.async("Mutation", "configureServiceNow") { _, arguments, context, _ in
            // The schema makes all three non-null strings, and the executor has coerced them.
            let input = arguments["input"]?.objectValue ?? [:]
            let result = try await context.operations.configureServiceNow(
                context.identity,
                instanceURL: input["instanceUrl"]?.stringValue ?? "",
                clientID: input["clientId"]?.stringValue ?? "",
                clientSecret: input["clientSecret"]?.stringValue ?? ""
            )
            return .json(.object(result.jsonObject))
        }
        resolvers.async("Query", "auditLog") { _, arguments, context, _ in
            let entries = try await context.operations.auditLog(
                context.identity,
                first: arguments["first"]?.intValue ?? 50
            )
            return .json(.array(entries.map { .object($0.jsonObject) }))
        }
        resolvers.async("Query", "connectedUsers") { _, arguments, context, _ in
            let page = try await context.operations.connectedUsers(
                context.identity,
                first: arguments["first"]?.intValue,
                after: arguments["after"]?.stringValue
            )
            return .json(.object(page.jsonObject))
        }
        resolvers.async("Mutation", "disconnectUser") { _, arguments, context, _ in
            let disconnected = try await context.operations.disconnectUser(
                context.identity,
                subject: arguments["subject"]?.stringValue ?? ""
            )
            return .json(.object(["disconnected": .bool(disconnected)]))
        }
    }
}
