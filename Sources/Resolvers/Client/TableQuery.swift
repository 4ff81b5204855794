public import JSON

/// A Table API list read: `GET /api/now/table/{table}` with the query, fields and window, always asking for both
/// faces of every value (`sysparm_display_value=all`) without reference links.
public struct TableQuery: Sendable, Hashable {
    /// The table, e.g. `incident`.
    public var table: String
    /// The encoded query (`sysparm_query`); empty for none.
    public var query: String
    /// The fields to return (`sysparm_fields`), dot-walks allowed; empty for all.
    public var fields: [String]
    /// The page size (`sysparm_limit`), at least 1.
    public var limit: Int
    /// Rows to skip (`sysparm_offset`).
    public var offset: Int
    /// Whether the instance should count the matches (`X-Total-Count`); off sends `sysparm_no_count=true`, which
    /// spares the instance a `select count(*)`.
    public var count: Bool

    /// A list read.
    public init(table: String, query: String = "", fields: [String] = [], limit: Int, offset: Int = 0, count: Bool) {
        self.table = table
        self.query = query
        self.fields = fields
        self.limit = limit
        self.offset = offset
        self.count = count
    }
}

/// One page of a Table API list.
public struct TablePage: Sendable, Hashable {
    /// The records as ServiceNow sent them (`display_value=all`: each field `{value, display_value}`).
    public var records: [JSONObject]
    /// `X-Total-Count`, when counted.
    public var totalCount: Int?

    /// A page.
    public init(records: [JSONObject], totalCount: Int?) {
        self.records = records
        self.totalCount = totalCount
    }
}
