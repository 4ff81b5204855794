public import JSON
import Schema

/// The ServiceNow REST calls the resolvers make, as ``UpstreamRequest``s, and the decoding of their answers.
///
/// Building a request is separate from sending it so that reads can be collected, deduplicated, batched and
/// cached before they go out; see ``ServiceNowLoaders``.
public enum ServiceNowAPI {
    // MARK: Table API (§2)

    /// `GET /api/now/table/{table}?…` for `query`.
    ///
    /// Built requests are kept by query: a widget's lists are the same Table API queries render after render, and for
    /// every user (the viewer appears in them as `javascript:gs.getUserID()`, which the instance resolves per token).
    /// Building one percent-encodes a few hundred bytes of URL and hashes it, about 36 k instructions, a seventh of a
    /// render answered from the read cache; a lookup hashes and compares the query's parts (all of a render's lookups
    /// together about 21 k, with ``LRUCache`` specialized for these types). The
    /// request depends only on the query, so sharing the cache between users shares nothing of theirs; it is bounded
    /// in entries and URL bytes, so distinct searches cannot grow it.
    public static func list(_ query: TableQuery) -> UpstreamRequest {
        if let known = listRequests.value(for: query) { return known }
        let built = buildList(query)
        listRequests.insert(built, for: query, cost: built.relativeURL.utf8.count)
        return built
    }

    /// Built list requests by query (least recently used first out).
    static let listRequests = LRUCache<TableQuery, UpstreamRequest>(maxEntries: 1024, maxCost: 1 << 20)

    static func buildList(_ query: TableQuery) -> UpstreamRequest {
        var items: [(name: String, value: String)] = []
        if !query.query.isEmpty { items.append(("sysparm_query", query.query)) }
        if !query.fields.isEmpty { items.append(("sysparm_fields", query.fields.joined(separator: ","))) }
        items.append(("sysparm_limit", String(max(1, query.limit))))
        if query.offset > 0 { items.append(("sysparm_offset", String(query.offset))) }
        items.append(("sysparm_display_value", "all"))
        items.append(("sysparm_exclude_reference_link", "true"))
        items.append(("sysparm_suppress_pagination_header", "true"))
        if !query.count { items.append(("sysparm_no_count", "true")) }
        return UpstreamRequest(path: "/api/now/table/" + PercentEncoding.encode(query.table), query: items)
    }

    /// `GET /api/now/table/{table}/{sys_id}` with both faces of every value.
    public static func record(table: String, sysID: String, fields: [String] = []) -> UpstreamRequest {
        var items: [(name: String, value: String)] = []
        if !fields.isEmpty { items.append(("sysparm_fields", fields.joined(separator: ","))) }
        items.append(("sysparm_display_value", "all"))
        items.append(("sysparm_exclude_reference_link", "true"))
        return UpstreamRequest(
            path: "/api/now/table/" + PercentEncoding.encode(table) + "/" + PercentEncoding.encode(sysID),
            query: items
        )
    }

    /// `POST /api/now/table/{table}` creating one record from `values` (stored values, not display values),
    /// answered with the new record's `fields` in both faces.
    public static func create(table: String, values: JSONObject, fields: [String] = []) -> UpstreamRequest {
        var items: [(name: String, value: String)] = []
        if !fields.isEmpty { items.append(("sysparm_fields", fields.joined(separator: ","))) }
        items.append(("sysparm_display_value", "all"))
        items.append(("sysparm_exclude_reference_link", "true"))
        return UpstreamRequest(
            method: "POST",
            path: "/api/now/table/" + PercentEncoding.encode(table),
            query: items,
            body: JSONValue.object(values).serialized()
        )
    }

    /// A list answer's records and count.
    public static func tablePage(_ response: UpstreamResponse) throws(ServiceNowError) -> TablePage {
        guard let rows = response.result?.arrayValue else { throw unexpected }
        var records: [JSONObject] = []
        records.reserveCapacity(rows.count)
        for row in rows {
            guard let record = row.objectValue else { throw unexpected }
            records.append(record)
        }
        return TablePage(records: records, totalCount: response.totalCount)
    }

    /// A single-record answer's record.
    public static func singleRecord(_ response: UpstreamResponse) throws(ServiceNowError) -> JSONObject {
        guard let record = response.result?.objectValue else { throw unexpected }
        return record
    }

    // MARK: Service Catalog (§6)

    private static let catalogPath = "/api/sn_sc/servicecatalog"

    /// `GET …/items`: the catalog items the user may order, optionally matching `search` (plain text, not an
    /// encoded query).
    public static func catalogItems(search: String?, limit: Int, offset: Int) -> UpstreamRequest {
        var items: [(name: String, value: String)] = []
        if let search, !search.isEmpty { items.append(("sysparm_text", search)) }
        items.append(("sysparm_limit", String(max(1, limit))))
        if offset > 0 { items.append(("sysparm_offset", String(offset))) }
        return UpstreamRequest(path: catalogPath + "/items", query: items)
    }

    /// `GET …/items/{sys_id}`: one item with its variables. The instance answers 400 (not 404) for an item that
    /// does not exist or that the user may not see.
    public static func catalogItem(sysID: String) -> UpstreamRequest {
        UpstreamRequest(path: catalogPath + "/items/" + PercentEncoding.encode(sysID))
    }

    /// `POST …/items/{sys_id}/order_now` for the user themself.
    public static func orderNow(itemSysID: String, quantity: Int, variables: JSONObject) -> UpstreamRequest {
        let body: JSONValue = ["sysparm_quantity": .int(quantity), "variables": .object(variables)]
        return UpstreamRequest(
            method: "POST",
            path: catalogPath + "/items/" + PercentEncoding.encode(itemSysID) + "/order_now",
            body: body.serialized()
        )
    }

    /// A list of catalog items.
    public static func catalogItemList(_ response: UpstreamResponse) throws(ServiceNowError) -> [JSONObject] {
        guard let rows = response.result?.arrayValue else { throw unexpected }
        var items: [JSONObject] = []
        for row in rows {
            guard let item = row.objectValue else { throw unexpected }
            items.append(item)
        }
        return items
    }

    /// What `order_now` created.
    public struct OrderConfirmation: Sendable, Hashable {
        /// The request's (`sc_request`) sys_id.
        public var requestSysID: String
        /// The request's number, e.g. `REQ0010012`.
        public var requestNumber: String
    }

    /// An `order_now` answer.
    public static func orderConfirmation(_ response: UpstreamResponse) throws(ServiceNowError) -> OrderConfirmation {
        guard let result = response.result,
            let sysID = result["request_id"]?.stringValue ?? result["sys_id"]?.stringValue, isSysID(sysID)
        else { throw unexpected }
        let number = result["request_number"]?.stringValue ?? result["number"]?.stringValue ?? ""
        return OrderConfirmation(requestSysID: sysID, requestNumber: number)
    }

    // MARK: Knowledge (§7.1)

    /// `GET /api/sn_km_api/knowledge/articles`: ranked search of the articles the user may read.
    public static func knowledgeSearch(text: String, limit: Int, offset: Int, fields: [String]) -> UpstreamRequest {
        var items: [(name: String, value: String)] = [("query", text)]
        if !fields.isEmpty { items.append(("fields", fields.joined(separator: ","))) }
        items.append(("limit", String(max(1, limit))))
        if offset > 0 { items.append(("offset", String(offset))) }
        return UpstreamRequest(path: "/api/sn_km_api/knowledge/articles", query: items)
    }

    /// One page of a knowledge search.
    public struct KnowledgePage: Sendable, Hashable {
        /// The articles, best match first.
        public var articles: [JSONObject]
        /// `meta.count`: the number of hits in all.
        public var totalCount: Int?
    }

    /// A knowledge search answer.
    public static func knowledgePage(_ response: UpstreamResponse) throws(ServiceNowError) -> KnowledgePage {
        guard let result = response.result, let rows = result["articles"]?.arrayValue else { throw unexpected }
        var articles: [JSONObject] = []
        for row in rows {
            guard let article = row.objectValue else { throw unexpected }
            articles.append(article)
        }
        let count = result["meta"]?["count"]
        return KnowledgePage(articles: articles, totalCount: count?.intValue ?? count?.stringValue.flatMap { Int($0) })
    }

    // MARK: Helpers

    static let unexpected = ServiceNowError(.unavailable, "ServiceNow's answer is not in the expected form.")

    /// Whether `text` is a sys_id: 32 lowercase hex digits.
    public static func isSysID(_ text: String) -> Bool {
        text.utf8.count == 32
            && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
