import JSON

/// A lookup of records by the value of one field (`sys_id`, `number`, a reference such as `request`). The lookups
/// of one dispatch round that share a ``Group`` become one `<field>IN<v1,v2,…>` read, chunked to stay under
/// ServiceNow's URL limits (§10).
public struct RecordLookup: Sendable, Hashable {
    /// How many values one read may list: 150 sys_ids are about 5 KB of URL (§10).
    public static let maxValuesPerRead = 150

    /// Which records: the lookups that can be merged into one `IN` query.
    public struct Group: Sendable, Hashable {
        /// The table.
        public var table: String
        /// The field whose value is looked up.
        public var field: String
        /// `sysparm_fields` (the key field is added).
        public var fields: [String]
        /// Sort terms appended to the query, e.g. `ORDERBYnumber`.
        public var order: [String]
        /// At most how many rows one value can have (1 for a unique field such as `sys_id`); bounds the page size.
        public var rowsPerValue: Int

        /// A group of lookups.
        public init(table: String, field: String, fields: [String], order: [String] = [], rowsPerValue: Int = 1) {
            self.table = table
            self.field = field
            self.fields = fields
            self.order = order
            self.rowsPerValue = rowsPerValue
        }
    }

    /// The group.
    public var group: Group
    /// The value looked up.
    public var value: String

    /// A lookup of `value` in `group`.
    public init(_ group: Group, value: String) {
        self.group = group
        self.value = value
    }

    /// One read that answers several lookups of a group.
    struct Read: Sendable {
        var group: Group
        var values: [String]
        var request: UpstreamRequest
    }

    /// The reads that answer `lookups`, in the order of their groups' first appearance.
    static func reads(for lookups: [RecordLookup]) -> [Read] {
        var order: [Group] = []
        var values: [Group: [String]] = [:]
        for lookup in lookups {
            if values[lookup.group] == nil { order.append(lookup.group) }
            values[lookup.group, default: []].append(lookup.value)
        }
        var reads: [Read] = []
        for group in order {
            let all = values[group] ?? []
            var fields = group.fields
            if !fields.contains(group.field) { fields.append(group.field) }
            var start = 0
            while start < all.count {
                let chunk = Array(all[start..<min(all.count, start + maxValuesPerRead)])
                start += chunk.count
                var query = EncodedQuery()
                query.and(EncodedQuery.Condition(group.field, in: chunk))
                for term in group.order { query.and(trusted: term) }
                let request = ServiceNowAPI.list(
                    TableQuery(
                        table: group.table,
                        query: query.description,
                        fields: fields,
                        limit: min(10_000, max(1, chunk.count * group.rowsPerValue)),
                        count: false
                    )
                )
                reads.append(Read(group: group, values: chunk, request: request))
            }
        }
        return reads
    }

    /// The records of a read's answer, by looked-up value (every value of the read present, possibly empty).
    static func distribute(
        _ outcome: Result<UpstreamResponse, ServiceNowError>,
        of read: Read
    )
        -> [String: Result<[JSONObject], ServiceNowError>]
    {
        let page = outcome.flatMap { response in
            Result { () throws(ServiceNowError) in try ServiceNowAPI.tablePage(response) }
        }
        var results: [String: Result<[JSONObject], ServiceNowError>] = [:]
        switch page {
        case .success(let page):
            var rows: [String: [JSONObject]] = [:]
            for record in page.records {
                guard let value = RecordMapper.faces(record[read.group.field])?.value else { continue }
                rows[value, default: []].append(record)
            }
            for value in read.values { results[value] = .success(rows[value] ?? []) }
        case .failure(let error):
            for value in read.values { results[value] = .failure(error) }
        }
        return results
    }
}
