public import JSON
public import Schema

/// The resolvers of every ServiceNow-backed field of `schema.graphql`, as plain functions: each takes the request's
/// ``ServiceNowContext``, the execution's `BatchScheduler` (where the request's loaders live), the field's coerced
/// arguments, the merged selection below it (and its parent object where it has one) and returns the field's value
/// as JSON, or throws the ``ServiceNowError`` the field answers.
///
/// Reads go through the session's loaders (``ServiceNowLoaders``), so the executor's dispatch sends all reads of one
/// level in one round trip. ``ServiceNowResolvers`` registers these with the executor; they only load while an
/// execution runs.
public enum ServiceNowFields {
    // MARK: Viewer

    /// `Viewer.user`: the token owner's own `sys_user` record; null while the viewer is not connected (no
    /// session, or the credentials say the user must connect or that ServiceNow is not configured), without an
    /// error: `viewer.serviceNow` says why.
    public static func viewerUser(
        _ context: ServiceNowContext,
        scheduler: BatchScheduler,
        selection: SelectionTree
    ) async throws(ServiceNowError)
        -> JSONValue
    {
        guard case .connected(let session) = context else { return .null }
        do {
            return try await viewerRecord(session.loaders(on: scheduler), mapper: session.mapper, selection: selection)
        } catch let error where error.code == .authRequired || error.code == .notConfigured {
            return .null
        }
    }

    private static func viewerRecord(
        _ loaders: ServiceNowLoaders,
        mapper: RecordMapper,
        selection: SelectionTree
    )
        async throws(ServiceNowError) -> JSONValue
    {
        let request = ServiceNowAPI.list(
            TableQuery(
                table: "sys_user",
                query: "sys_id=javascript:gs.getUserID()",
                fields: userFields(selection),
                limit: 1,
                count: false
            )
        )
        let page = try ServiceNowAPI.tablePage(try await loaders.read(request))
        guard let record = page.records.first else { return .null }
        return .object(mapper.user(record))
    }

    /// `sysparm_fields` of `sys_user` for a `User` selection.
    static func userFields(_ selection: SelectionTree) -> [String] {
        let selected = selection.fields(on: "User")
        var fields = ["sys_id", "name"]
        for (graphQL, field) in [
            ("userName", "user_name"), ("email", "email"), ("title", "title"), ("department", "department"),
        ] where selected[graphQL] != nil {
            fields.append(field)
        }
        return fields
    }

    // MARK: Ticket lists

    /// What a ticket list reads for a selection: its `sysparm_fields` and whether it needs the total count.
    public struct TicketListProjection: Sendable, Hashable {
        /// The ServiceNow fields of the nodes' table.
        public var fields: [String]
        /// Whether `totalCount` or `pageInfo` is selected (`sysparm_no_count=false`).
        public var wantsCount: Bool
    }

    /// The projection of a ticket list of `kind` for the connection selection `selection`: a function of the
    /// selection alone, so a resolver may compute it once per execution plan (``SelectionTree/memoized(_:)``).
    public static func ticketListProjection(_ kind: TicketKind, selection: SelectionTree) -> TicketListProjection {
        TicketListProjection(
            fields: TicketFields.projection(kind, selection: connectionNodeSelection(selection)),
            wantsCount: selection.fields.contains { $0.name == "totalCount" || $0.name == "pageInfo" }
        )
    }

    /// `Query.incidents`, `requests`, `changeRequests` or `problems`: the viewer's tickets of `kind` as a
    /// connection (`filter`, `first` 1…100 with default 20, `after`).
    public static func tickets(
        _ kind: TicketKind,
        _ context: ServiceNowContext,
        scheduler: BatchScheduler,
        arguments: JSONObject,
        selection: SelectionTree
    ) async throws(ServiceNowError) -> JSONValue {
        try await tickets(
            kind,
            context,
            scheduler: scheduler,
            arguments: arguments,
            projection: ticketListProjection(kind, selection: selection)
        )
    }

    /// `tickets(_:_:scheduler:arguments:selection:)` with the selection's projection already made.
    public static func tickets(
        _ kind: TicketKind,
        _ context: ServiceNowContext,
        scheduler: BatchScheduler,
        arguments: JSONObject,
        projection: TicketListProjection
    ) async throws(ServiceNowError) -> JSONValue {
        let session = try context.session()
        let loaders = session.loaders(on: scheduler)
        let filter = try TicketFilter(argument: arguments["filter"])
        let query = filter.query(for: kind)
        let paging = try Paging(
            first: arguments["first"],
            after: arguments["after"],
            defaultFirst: 20,
            scope: kind.table + "|" + query.conditions
        )
        if filter.matchesNothing(for: kind) {
            return ConnectionBuilder(paging: paging, nodes: [], totalCount: 0).build()
        }
        let request = ServiceNowAPI.list(
            TableQuery(
                table: kind.table,
                query: query.description,
                fields: projection.fields,
                limit: paging.first,
                offset: paging.offset,
                count: projection.wantsCount
            )
        )
        let page = try ServiceNowAPI.tablePage(try await loaders.read(request))
        let nodes = page.records.map { session.mapper.ticket($0, kind: kind) }
        return ConnectionBuilder(paging: paging, nodes: nodes, totalCount: page.totalCount).build()
    }

    /// The selection on a connection's nodes, whether asked through `nodes` or `edges { node }`.
    static func connectionNodeSelection(_ selection: SelectionTree) -> SelectionTree {
        var fields: [SelectionTree.Field] = []
        for field in selection.fields {
            if field.name == "nodes" {
                fields += field.selection.fields
            } else if field.name == "edges" {
                for edgeField in field.selection.fields where edgeField.name == "node" {
                    fields += edgeField.selection.fields
                }
            }
        }
        return SelectionTree(fields)
    }

    // MARK: Request items

    /// `Request.items(first:)`: the requested items of the request `source` (a mapped `Request`), in number order.
    /// The items of every request on a page are read together, in one query per 150 requests.
    public static func requestItems(
        _ context: ServiceNowContext,
        scheduler: BatchScheduler,
        source: JSONObject,
        arguments: JSONObject,
        selection: SelectionTree
    ) async throws(ServiceNowError) -> JSONValue {
        let session = try context.session()
        let loaders = session.loaders(on: scheduler)
        let first = try limit(arguments["first"], default: 20)
        guard let requestID = source["sysId"]?.stringValue, ServiceNowAPI.isSysID(requestID) else { return [] }
        let group = RecordLookup.Group(
            table: "sc_req_item",
            field: "request",
            fields: TicketFields.projection(.requestItem, selection: selection),
            order: ["ORDERBYnumber"],
            rowsPerValue: Paging.maxFirst
        )
        let records = try await loaders.records(group, value: requestID)
        return .array(records.prefix(first).map { .object(session.mapper.ticket($0, kind: .requestItem)) })
    }

    // MARK: Knowledge

    /// `Query.knowledgeArticles(search:first:after:)`: published articles matching `search`, best first, through
    /// the Knowledge API.
    public static func knowledgeArticles(
        _ context: ServiceNowContext,
        scheduler: BatchScheduler,
        arguments: JSONObject,
        selection: SelectionTree
    ) async throws(ServiceNowError) -> JSONValue {
        let session = try context.session()
        let loaders = session.loaders(on: scheduler)
        let search = try searchText(arguments["search"]) ?? ""
        let paging = try Paging(
            first: arguments["first"],
            after: arguments["after"],
            defaultFirst: 10,
            scope: "kb_knowledge|" + search
        )
        let selected = connectionNodeSelection(selection).fields(on: "KnowledgeArticle")
        var fields: [String] = []
        if selected["body"] != nil { fields.append("text") }
        if selected["updatedAt"] != nil { fields.append("sys_updated_on") }
        let request = ServiceNowAPI.knowledgeSearch(
            text: search,
            limit: paging.first,
            offset: paging.offset,
            fields: fields
        )
        let page = try ServiceNowAPI.knowledgePage(try await loaders.read(request))
        let nodes = page.articles.compactMap { session.mapper.knowledgeArticle(fromSearch: $0) }
        return ConnectionBuilder(paging: paging, nodes: nodes, totalCount: page.totalCount).build()
    }

    // MARK: Catalog

    /// `Query.catalogItems(search:first:after:)`: the items the viewer may order. The Service Catalog API does not
    /// count, so one row more than asked tells whether a next page exists, and `totalCount` is null.
    public static func catalogItems(
        _ context: ServiceNowContext,
        scheduler: BatchScheduler,
        arguments: JSONObject,
        selection: SelectionTree
    ) async throws(ServiceNowError) -> JSONValue {
        let session = try context.session()
        let loaders = session.loaders(on: scheduler)
        let search = try searchText(arguments["search"])
        let paging = try Paging(
            first: arguments["first"],
            after: arguments["after"],
            defaultFirst: 20,
            scope: "sc_cat_item|" + (search ?? "")
        )
        let request = ServiceNowAPI.catalogItems(search: search, limit: paging.first + 1, offset: paging.offset)
        let items = try ServiceNowAPI.catalogItemList(try await loaders.read(request))
        let nodes = items.prefix(paging.first).compactMap { session.mapper.catalogItem(fromCatalog: $0) }
        return ConnectionBuilder(paging: paging, nodes: nodes, totalCount: nil, moreFollow: items.count > paging.first)
            .build(countIsNullable: true)
    }

    /// `CatalogItem.variables`: from the item's detail (Service Catalog API), read once per item and request, or
    /// from `source` when it came from a detail already. An item that is no longer available has none.
    public static func catalogItemVariables(
        _ context: ServiceNowContext,
        scheduler: BatchScheduler,
        source: JSONObject
    )
        async throws(ServiceNowError) -> JSONValue
    {
        if let variables = source["variables"] { return variables }
        let session = try context.session()
        let loaders = session.loaders(on: scheduler)
        guard let sysID = source["sysId"]?.stringValue, ServiceNowAPI.isSysID(sysID) else { return [] }
        do {
            let detail = try ServiceNowAPI.singleRecord(
                try await loaders.read(ServiceNowAPI.catalogItem(sysID: sysID))
            )
            return .array(session.mapper.catalogVariables(detail["variables"]?.arrayValue ?? []))
        } catch let error where error.code == .badUserInput || error.code == .notFound {
            return []
        }
    }

    // MARK: Lookups

    /// `Query.node(id:)`: the record a global ID names, or null (without an error) when the ID is not one of ours
    /// or the record is missing or hidden from the viewer. Lookups of one table in one level share one read.
    public static func node(
        _ context: ServiceNowContext,
        scheduler: BatchScheduler,
        arguments: JSONObject,
        selection: SelectionTree
    )
        async throws(ServiceNowError) -> JSONValue
    {
        let session = try context.session()
        let loaders = session.loaders(on: scheduler)
        guard let text = arguments["id"]?.stringValue, let id = GlobalID(text), let typeName = id.typeName else {
            return .null
        }
        if let kind = TicketKind(table: id.table) {
            let group = RecordLookup.Group(
                table: kind.table,
                field: "sys_id",
                fields: TicketFields.projection(kind, selection: selection)
            )
            let records = try await loaders.records(group, value: id.sysID)
            return records.first.map { .object(session.mapper.ticket($0, kind: kind)) } ?? .null
        }
        switch typeName {
        case "User":
            let group = RecordLookup.Group(table: "sys_user", field: "sys_id", fields: userFields(selection))
            let records = try await loaders.records(group, value: id.sysID)
            return records.first.map { .object(session.mapper.user($0)) } ?? .null
        case "Group":
            let group = RecordLookup.Group(
                table: "sys_user_group",
                field: "sys_id",
                fields: ["sys_id", "name", "email"]
            )
            let records = try await loaders.records(group, value: id.sysID)
            return records.first.map { .object(session.mapper.group($0)) } ?? .null
        case "KnowledgeArticle":
            let selected = selection.fields(on: typeName)
            var fields = ["sys_id", "number", "short_description"]
            if selected["body"] != nil { fields.append("text") }
            if selected["updatedAt"] != nil { fields.append("sys_updated_on") }
            let group = RecordLookup.Group(table: "kb_knowledge", field: "sys_id", fields: fields)
            let records = try await loaders.records(group, value: id.sysID)
            return records.first.map { .object(session.mapper.knowledgeArticle(fromRecord: $0)) } ?? .null
        case "CatalogItem":
            do {
                let detail = try ServiceNowAPI.singleRecord(
                    try await loaders.read(ServiceNowAPI.catalogItem(sysID: id.sysID))
                )
                return session.mapper.catalogItem(fromCatalog: detail).map(JSONValue.object) ?? .null
            } catch let error where error.code == .badUserInput || error.code == .notFound {
                return .null
            }
        default:
            return .null
        }
    }

    /// `Query.ticket(number:)`: the ticket with that number, of the kind its prefix names, or null (without an
    /// error) when there is none the viewer may see or the text is not a ticket number.
    public static func ticket(
        _ context: ServiceNowContext,
        scheduler: BatchScheduler,
        arguments: JSONObject,
        selection: SelectionTree
    )
        async throws(ServiceNowError) -> JSONValue
    {
        let session = try context.session()
        let loaders = session.loaders(on: scheduler)
        guard let text = arguments["number"]?.stringValue else { return .null }
        let number = text.trimmingSpaces().uppercased()
        guard isTicketNumber(number), let kind = TicketKind(number: number) else { return .null }
        let group = RecordLookup.Group(
            table: kind.table,
            field: "number",
            fields: TicketFields.projection(kind, selection: selection)
        )
        let records = try await loaders.records(group, value: number)
        return records.first.map { .object(session.mapper.ticket($0, kind: kind)) } ?? .null
    }

    /// Letters then digits, at most 40 characters: the shape of every ServiceNow number.
    static func isTicketNumber(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 40 else { return false }
        let letters = text.utf8.prefix { $0 >= 65 && $0 <= 90 }
        let digits = text.utf8.dropFirst(letters.count)
        return !letters.isEmpty && !digits.isEmpty && digits.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    // MARK: Argument helpers

    /// A list size argument: 1…100, `default` when absent.
    static func limit(_ value: JSONValue?, default defaultValue: Int) throws(ServiceNowError) -> Int {
        switch value {
        case nil, .null?: return defaultValue
        case let value?:
            guard let number = value.intValue, (1...Paging.maxFirst).contains(number) else {
                throw ServiceNowError(.badUserInput, "first must be between 1 and \(Paging.maxFirst)")
            }
            return number
        }
    }

    /// A search text: control characters dropped, at most 200 characters; nil when absent or blank.
    static func searchText(_ value: JSONValue?) throws(ServiceNowError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue else { throw ServiceNowError(.badUserInput, "search must be a string") }
        guard text.count <= TicketFilter.maxSearchLength else {
            throw ServiceNowError(
                .badUserInput,
                "search is longer than \(TicketFilter.maxSearchLength) characters"
            )
        }
        // The search is a plain parameter, not an encoded query, but the same cleaning keeps it to one line.
        let cleaned = EncodedQuery.sanitize(text)
        return cleaned.isEmpty ? nil : cleaned
    }
}
