import JSON

/// Builds the schema's Relay-style connections (`nodes`, `edges { node cursor }`, `pageInfo`, `totalCount`) from
/// one page of mapped nodes.
///
/// Cursors name positions in ServiceNow's list: an edge's cursor pages on after it. When a page comes back
/// shorter than asked while more rows exist (row ACLs applied after `sysparm_limit` hide some, §8.2), the end
/// cursor is the end of the window that was read, not of the last visible row, so the next page neither repeats
/// nor skips a row.
struct ConnectionBuilder {
    var paging: Paging
    var nodes: [JSONObject]
    /// How many match in all, when known.
    var totalCount: Int?
    /// Whether more rows follow, when `totalCount` does not say (the catalog, which does not count).
    var moreFollow: Bool?

    var hasNextPage: Bool {
        if let moreFollow { return moreFollow }
        if let totalCount { return paging.offset + paging.first < totalCount }
        return nodes.count >= paging.first
    }

    func build(countIsNullable: Bool = false) -> JSONValue {
        let windowEnd = paging.offset + paging.first
        let next = hasNextPage
        var edges: [JSONValue] = []
        edges.reserveCapacity(nodes.count)
        var endCursor: String?
        for (index, node) in nodes.enumerated() {
            let isLast = index == nodes.count - 1
            let position = isLast && (nodes.count == paging.first || next) ? windowEnd : paging.offset + index + 1
            let cursor = paging.cursor(after: position)
            if isLast { endCursor = cursor }
            edges.append(["node": .object(node), "cursor": .string(cursor)])
        }
        if nodes.isEmpty, next { endCursor = paging.cursor(after: windowEnd) }
        let startCursor = edges.first?["cursor"] ?? .null
        var connection: JSONObject = [
            "nodes": .array(nodes.map(JSONValue.object)),
            "edges": .array(edges),
            "pageInfo": [
                "hasNextPage": .bool(next),
                "endCursor": endCursor.map(JSONValue.string) ?? .null,
                "hasPreviousPage": .bool(paging.offset > 0),
                "startCursor": startCursor,
            ],
        ]
        if let totalCount {
            connection["totalCount"] = .int(totalCount)
        } else {
            connection["totalCount"] = countIsNullable ? .null : .int(paging.offset + nodes.count)
        }
        return .object(connection)
    }
}
