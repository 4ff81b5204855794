import Synchronization
import Testing

@testable import Resolvers

/// List requests are memoized by query (`RequestMemo`): a memoized request must be exactly the one building it
/// would give, for any query, and the memo must stay within its bound.
@Suite struct RequestMemoTests {
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

    @Test func aMemoizedListRequestIsTheOneBuildingItGives() {
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

    @Test func eachKeyIsBuiltOnceAndTheMemoStaysWithinItsLimit() {
        let memo = RequestMemo<Int>(limit: 3)
        let builds = Mutex(0)
        func request(_ key: Int) -> UpstreamRequest {
            memo.request(for: key) { key in
                builds.withLock { $0 += 1 }
                return UpstreamRequest(path: "/api/now/table/t\(key)", query: [])
            }
        }
        #expect(request(1).relativeURL == "/api/now/table/t1")
        #expect(request(1).relativeURL == "/api/now/table/t1")
        #expect(builds.withLock { $0 } == 1)
        _ = request(2)
        _ = request(3)
        #expect(memo.count == 3)
        // Full: the next new key starts the memo over rather than growing it.
        #expect(request(4).relativeURL == "/api/now/table/t4")
        #expect(memo.count == 1)
        #expect(request(1).relativeURL == "/api/now/table/t1")
        #expect(builds.withLock { $0 } == 5)
    }
}
