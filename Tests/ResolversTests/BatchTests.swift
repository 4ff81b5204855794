import JSON
import ServiceNowSimulator
import Synchronization
import Testing

@testable import Resolvers

/// The Batch API through the client (encoding, per-item outcomes, unserviced items sent again) and the wire codec
/// against hostile answers.
@Suite struct BatchTests {
    @Test func sendsSeveralReadsAsOneBatchCall() async throws {
        try await SimulatorSetup.run { setup in
            let credentials = try setup.credentials("beth.anglin")
            let client = try ServiceNowClient(instanceURL: setup.baseURL, http: setup.http, credentials: credentials)
            let requests = [
                ServiceNowAPI.list(
                    TableQuery(table: "incident", query: "active=true", fields: ["number"], limit: 3, count: true)
                ),
                ServiceNowAPI.list(TableQuery(table: "problem", fields: ["number"], limit: 2, count: false)),
                ServiceNowAPI.catalogItems(search: "laptop", limit: 5, offset: 0),
            ]
            let outcomes = await client.batch(requests)
            let token = try credentials.currentToken()
            let log = setup.control.requests(withAccessToken: token)
            #expect(log.count == 1)
            #expect(log.first?.path == "/api/now/v1/batch")
            #expect(log.first?.batchItems.map(\.url) == requests.map(\.relativeURL))
            let incidents = try ServiceNowAPI.tablePage(try outcomes[0].get())
            #expect(incidents.records.count == 3)
            let activeCount = setup.seed.rows("incident").filter { $0["active"] == "true" }.count
            #expect(incidents.totalCount == activeCount)
            #expect(try ServiceNowAPI.tablePage(try outcomes[1].get()).records.count == 2)
            let items = try ServiceNowAPI.catalogItemList(try outcomes[2].get())
            #expect(!items.isEmpty)
            #expect(
                items.allSatisfy {
                    ($0["name"]?.stringValue ?? "").lowercased().contains("laptop")
                        || ($0["short_description"]?.stringValue ?? "").lowercased().contains("laptop")
                        || ($0["description"]?.stringValue ?? "").lowercased().contains("laptop")
                }
            )
        }
    }

    @Test func eachItemSucceedsOrFailsOnItsOwn() async throws {
        try await SimulatorSetup.run { setup in
            let abel = try setup.userID("abel.tuter")
            let other = try #require(
                setup.seed.rows("incident").first { $0["caller_id"] != abel && $0["opened_by"] != abel }
            )
            let client = try setup.client("abel.tuter")
            let outcomes = await client.batch([
                ServiceNowAPI.record(table: "incident", sysID: other["sys_id"] ?? ""),
                ServiceNowAPI.list(
                    TableQuery(table: "sys_user", query: "user_name=abel.tuter", limit: 1, count: false)
                ),
                ServiceNowAPI.catalogItem(sysID: String(repeating: "0", count: 32)),
            ])
            #expect(throws: ServiceNowError.self) { try outcomes[0].get() }
            if case .failure(let error) = outcomes[0] { #expect(error.code == .notFound) }
            let users = try ServiceNowAPI.tablePage(try outcomes[1].get())
            #expect(users.records.first?["sys_id"]?["value"]?.stringValue == abel)
            if case .failure(let error) = outcomes[2] {
                #expect(error.code == .badUserInput)
            } else {
                Issue.record("an unknown catalog item must fail")
            }
        }
    }

    @Test func aFailedBatchCallFailsEveryItem() async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(.serviceUnavailable(pathPrefix: "/api/now/v1/batch"))
            let client = try setup.client("abel.tuter")
            let outcomes = await client.batch([
                ServiceNowAPI.list(TableQuery(table: "incident", limit: 1, count: false)),
                ServiceNowAPI.list(TableQuery(table: "problem", limit: 1, count: false)),
            ])
            for outcome in outcomes {
                guard case .failure(let error) = outcome else {
                    Issue.record("expected a failure")
                    continue
                }
                #expect(error.code == .unavailable)
            }
        }
    }

    @Test func unservicedItemsAreSentAgain() async throws {
        let clock = ManualClock(start: SimulatorSeed.epoch)
        // 20 s per item: the third item starts after the 30 s batch quota and comes back unserviced.
        try await SimulatorSetup.run(clock: clock, latency: LatencyModel(transaction: .seconds(20))) { setup in
            let credentials = try setup.credentials("beth.anglin")
            let client = try ServiceNowClient(instanceURL: setup.baseURL, http: setup.http, credentials: credentials)
            let requests = ["incident", "problem", "change_request"].map {
                ServiceNowAPI.list(TableQuery(table: $0, fields: ["number"], limit: 1, count: false))
            }
            let done = Atomic<Bool>(false)
            async let outcomes = { () async -> [Result<UpstreamResponse, ServiceNowError>] in
                let result = await client.batch(requests)
                done.store(true, ordering: .sequentiallyConsistent)
                return result
            }()
            while !done.load(ordering: .sequentiallyConsistent) {
                if clock.sleeperCount > 0 { clock.advance(by: .seconds(20)) }
                await Task.yield()
            }
            let results = await outcomes
            for (result, prefix) in zip(results, ["INC", "PRB", "CHG"]) {
                let page = try ServiceNowAPI.tablePage(try result.get())
                #expect(page.records.first?["number"]?["value"]?.stringValue?.hasPrefix(prefix) == true)
            }
            let log = setup.control.requests(withAccessToken: try credentials.currentToken())
            #expect(log.count == 2)
            #expect(log.first?.batchItems.count == 3)
            // The one item left is sent on its own.
            #expect(log.last?.path == "/api/now/table/change_request")
        }
    }

    @Test func encodesItemsWithBase64Bodies() throws {
        let write = UpstreamRequest(method: "POST", path: "/api/now/table/incident", body: Array(#"{"a":"é"}"#.utf8))
        let read = UpstreamRequest(path: "/api/now/table/incident", query: [("sysparm_query", "a=b^c=d")])
        let body = try JSONValue.parse(BatchCodec.encode(batchID: "b-1", items: [("0", read), ("1", write)]))
        #expect(body["batch_request_id"] == "b-1")
        let items = try #require(body["rest_requests"]?.arrayValue)
        #expect(items[0]["url"] == "/api/now/table/incident?sysparm_query=a%3Db%5Ec%3Dd")
        #expect(items[0]["body"] == nil)
        #expect(items[1]["method"] == "POST")
        let encoded = try #require(items[1]["body"]?.stringValue)
        #expect(Base64.decode(encoded) == Array(#"{"a":"é"}"#.utf8))
        #expect(
            items[1]["headers"]?.arrayValue?.contains(["name": "Content-Type", "value": "application/json"]) == true
        )
    }

    @Test func decodesItemsAndToleratesHostileShapes() throws {
        let good = Base64.encode(Array(#"{"result":[]}"#.utf8))
        let answer: JSONValue = [
            "batch_request_id": "b-1",
            "serviced_requests": [
                [
                    "id": "0", "status_code": 200, "body": .string(good),
                    "headers": [["name": "X-Total-Count", "value": "7"]],
                ],
                ["id": "1", "status_code": 200, "body": "!!!not base64!!!"],
                [
                    "id": "2", "status_code": 200,
                    "body": .string(Base64.encode(Array("<html>hibernating</html>".utf8))),
                ],
                ["id": "3", "body": .string(good)],
                ["id": 4, "status_code": "429", "headers": [["name": "Retry-After", "value": "5"]]],
                "not an object",
                ["status_code": 200],
            ],
            "unserviced_requests": ["5", ["id": "6"]],
        ]
        let decoded = try BatchCodec.decode(answer).get()
        #expect(try decoded.serviced["0"]?.result.get().totalCount == 7)
        for id in ["1", "2", "3"] {
            guard case .failure(let error)? = decoded.serviced[id]?.result else {
                Issue.record("item \(id) must fail")
                continue
            }
            #expect(error.code == .unavailable)
        }
        // Each item's outcome, for retrying it alone: a web page is not the API, a 429 keeps its Retry-After.
        #expect(decoded.serviced["2"]?.outcome == .notTheAPI)
        #expect(decoded.serviced["4"]?.outcome == .rateLimited(retryAfter: .seconds(5)))
        guard case .failure(let limited)? = decoded.serviced["4"]?.result else {
            Issue.record("item 4 must fail")
            return
        }
        #expect(limited.code == .rateLimited)
        #expect(limited.extensions["retryAfter"] == 5)
        #expect(decoded.unserviced == ["5", "6"])
        #expect(throws: ServiceNowError.self) { try BatchCodec.decode(["result": []]).get() }
    }
}
