import Testing

@testable import Resolvers

/// Built list requests are kept by query (`ServiceNowAPI.list`): a kept request must be exactly the one building it
/// would give, for any query. (The cache's own bounds: `LRUCacheTests`.)
@Suite struct ListRequestCacheTests {
    static let queries: [TableQuery] = [
        TableQuery(table: "incident", limit: 5, count: true),
        TableQuery(
            table: "incident",
            query: "caller_id=javascript:gs.getUserID()^active=true^ORDERBYDESCsys_updated_on",
            fields: ["sys_id", "number", "assigned_to", "assigned_to.email"],
            limit: 5,
            count: true
        ),
        // Differs from the previous one only in its count, offset, limit, a field, or the table.
        TableQuery(
            table: "incident",
            query: "caller_id=javascript:gs.getUserID()^active=true^ORDERBYDESCsys_updated_on",
            fields: ["sys_id", "number", "assigned_to", "assigned_to.email"],
            limit: 5,
            count: false
        ),
        TableQuery(
            table: "incident",
            query: "caller_id=javascript:gs.getUserID()^active=true^ORDERBYDESCsys_updated_on",
            fields: ["sys_id", "number", "assigned_to", "assigned_to.email"],
            limit: 5,
            offset: 5,
            count: true
        ),
        TableQuery(table: "incident", query: "short_descriptionLIKEé & ü=?", fields: ["sys_id"], limit: 6, count: true),
        TableQuery(table: "incident", query: "short_descriptionLIKEé & ü=?", fields: ["number"], limit: 6, count: true),
        TableQuery(table: "problem", query: "short_descriptionLIKEé & ü=?", fields: ["number"], limit: 6, count: true),
    ]

    @Test func aKeptListRequestIsTheOneBuildingItGives() {
        for _ in 0..<2 {
            for query in Self.queries {
                let request = ServiceNowAPI.list(query)
                let built = ServiceNowAPI.buildList(query)
                #expect(request == built)
                #expect(request.relativeURL == built.relativeURL)
                #expect(request.hashValue == built.hashValue)
            }
        }
        // Distinct queries give distinct requests: nothing is answered for a query it was not built for.
        #expect(Set(Self.queries.map(ServiceNowAPI.list)).count == Self.queries.count)
    }
}
