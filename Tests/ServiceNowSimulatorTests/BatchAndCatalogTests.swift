import Foundation
import JSON
import ServiceNowSimulator
import Testing

@Suite struct BatchTests {
    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
    static func decode(_ text: String?) throws -> JSONValue {
        let encoded = try #require(text)
        let data = try #require(Data(base64Encoded: encoded))
        return try JSONValue.parse(Array(data))
    }

    @Test func itemsRunAsTheCallerWithBase64Bodies() async throws {
        try await SimulatorFixture.run { sim in
            let abel = try sim.userID("abel.tuter")
            let other = try #require(
                sim.seed.records(in: "incident").first { $0["caller_id"] != abel && $0["opened_by"] != abel }
            )
            let body: JSONValue = [
                "batch_request_id": 17,
                "rest_requests": [
                    [
                        "id": "mine", "method": "GET",
                        "url": .string(
                            "/api/now/table/incident?sysparm_query=caller_id%3Djavascript:gs.getUserID()&sysparm_fields=number"
                        ),
                        "headers": [["name": "Accept", "value": "application/json"]], "exclude_response_headers": true,
                    ],
                    [
                        "id": "hidden", "method": "GET", "url": .string("/api/now/table/incident/\(other.sysID)"),
                        "headers": [],
                    ],
                    [
                        "id": "new", "method": "POST", "url": "/api/now/table/incident",
                        "body": .string(Self.base64(#"{"short_description":"From batch"}"#)),
                        "headers": [
                            ["name": "Content-Type", "value": "application/json"],
                            ["name": "Accept", "value": "application/json"],
                        ],
                    ],
                ],
            ]
            let token = try sim.token("abel.tuter")
            let response = try await sim.send("POST", "/api/now/v1/batch", token: token, json: body)
            #expect(response.status == 200)
            let result = try response.json()
            #expect(result["batch_request_id"] == "17")
            #expect(result["unserviced_requests"] == [])
            let items = try #require(result["serviced_requests"]?.arrayValue)
            #expect(items.map { $0["id"] } == ["mine", "hidden", "new"])
            #expect(items[0]["status_code"] == 200)
            #expect(items[0]["status_text"] == "OK")
            #expect(items[0]["headers"] == [])
            let mine = try Self.decode(items[0]["body"]?.stringValue)["result"]?.arrayValue ?? []
            #expect(mine.count == sim.seed.records(in: "incident").filter { $0["caller_id"] == abel }.count)
            #expect(items[1]["status_code"] == 404)
            #expect(try Self.decode(items[1]["body"]?.stringValue)["error"]?["message"] == "No Record found")
            #expect(items[2]["status_code"] == 201)
            #expect(items[2]["headers"]?.arrayValue?.contains { $0["name"] == "Location" } == true)
            #expect(items[2]["execution_time"]?.intValue != nil)
            // One round trip, three items, in the token's log.
            let log = sim.control.requests(withAccessToken: token)
            #expect(log.count == 1)
            #expect(log[0].batchItems.map(\.id) == ["mine", "hidden", "new"])
        }
    }

    @Test func onlyTheVersionedPathExists() async throws {
        try await SimulatorFixture.run { sim in
            let response = try await sim.send(
                "POST",
                "/api/now/batch",
                token: try sim.token("admin"),
                json: ["batch_request_id": "1", "rest_requests": []]
            )
            #expect(response.status == 400)
            #expect(try response.json() == errorEnvelope("Requested URI does not represent any resource", nil))
        }
    }

    @Test func itemsBeyondTheQuotaAreUnserviced() async throws {
        let clock = ManualClock(start: SimulatorSeed.epoch)
        try await SimulatorFixture.run(clock: clock, latency: LatencyModel(transaction: .seconds(20))) { sim in
            let items: [JSONValue] = (1...3).map {
                ["id": .string("i\($0)"), "method": "GET", "url": "/api/now/table/sys_user_group?sysparm_limit=1"]
            }
            let token = try sim.token("admin")
            async let response = sim.send(
                "POST",
                "/api/now/v1/batch",
                token: token,
                json: ["batch_request_id": "b", "rest_requests": .array(items)]
            )
            // Each item sleeps 20 s on the manual clock; wake them one at a time.
            var woken = 0
            while woken < 2 {
                if clock.sleeperCount > 0 {
                    clock.advance(by: .seconds(20))
                    woken += 1
                } else {
                    try await Task.sleep(for: .milliseconds(1))
                }
            }
            let result = try await response.json()
            #expect(result["serviced_requests"]?.arrayValue?.count == 2)
            #expect(result["unserviced_requests"] == ["i3"])
            #expect(result["serviced_requests"]?[0]?["execution_time"] == 20000)
        }
    }
}

@Suite struct CatalogTests {
    static let base = "/api/sn_sc/servicecatalog"

    @Test func itemsListSearchAndDetail() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("abel.tuter")
            let items = try await sim.list("\(Self.base)/items", token: token)
            #expect(items.count == sim.seed.records(in: "sc_cat_item").filter { $0["active"] == "true" }.count)
            #expect(!items.contains { $0["name"] == "BlackBerry" })
            let laptops = try await sim.list("\(Self.base)/items?sysparm_text=laptop", token: token)
            #expect(laptops.count >= 3)
            #expect(
                laptops.allSatisfy {
                    ($0["name"]?.stringValue ?? "").lowercased().contains("laptop")
                        || ($0["short_description"]?.stringValue ?? "").lowercased().contains("laptop")
                        || ($0["description"]?.stringValue ?? "").lowercased().contains("laptop")
                }
            )
            let ipad = try #require(items.first { $0["name"] == "Apple iPad" })
            #expect(ipad["price"] == "$599.00")
            #expect(ipad["category"]?["title"] == "Hardware")
            let id = try #require(ipad["sys_id"]?.stringValue)
            let detail = try await sim.get("\(Self.base)/items/\(id)", token: token).json()["result"]
            let variables = try #require(detail?["variables"]?.arrayValue)
            let color = try #require(variables.first { $0["name"] == "color" })
            #expect(color["mandatory"] == true)
            #expect(color["friendly_type"] == "select_box")
            #expect(color["choices"]?.arrayValue?.map { $0["value"] } == ["silver", "blue", "pink"])
            #expect(detail?["client_script"] == ["onChange": [], "onLoad": [], "onSubmit": []])
            let missing = try await sim.get("\(Self.base)/items/0123456789abcdef0123456789abcdef", token: token)
            #expect(missing.status == 400)
            let inactive = try #require(sim.seed.records(in: "sc_cat_item").first { $0["active"] == "false" })
            #expect(try await sim.get("\(Self.base)/items/\(inactive.sysID)", token: token).status == 400)
            #expect(try await sim.get("\(Self.base)/cart", token: token).status == 400)
        }
    }

    @Test func orderNowCreatesRequestItemAndTask() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("abel.tuter")
            let abel = try sim.userID("abel.tuter")
            let ipad = try #require(sim.seed.records(in: "sc_cat_item").first { $0["name"] == "Apple iPad" })
            let response = try await sim.send(
                "POST",
                "\(Self.base)/items/\(ipad.sysID)/order_now",
                token: token,
                json: ["sysparm_quantity": 1, "variables": ["color": "blue", "storage": "256"]]
            )
            #expect(response.status == 200)
            let result = try #require(try response.json()["result"]?.objectValue)
            #expect(Set(result.keys) == ["sys_id", "number", "request_number", "request_id", "table"])
            #expect(result["table"] == "sc_request")
            #expect(result["number"] == result["request_number"])
            #expect(result["sys_id"] == result["request_id"])
            let requestID = try #require(result["sys_id"]?.stringValue)
            let request = try await sim.get(
                "/api/now/table/sc_request/\(requestID)?sysparm_exclude_reference_link=true",
                token: token
            ).json()["result"]
            #expect(request?["requested_for"] == .string(abel))
            #expect(request?["number"]?.stringValue?.hasPrefix("REQ") == true)
            let items = try await sim.list(
                "/api/now/table/sc_req_item?sysparm_query=request=\(requestID)&sysparm_exclude_reference_link=true",
                token: token
            )
            #expect(items.count == 1)
            #expect(items.first?["cat_item"] == .string(ipad.sysID))
            #expect(items.first?["number"]?.stringValue?.hasPrefix("RITM") == true)
            let tasks = try await sim.list(
                "/api/now/table/sc_task?sysparm_query=request=\(requestID)",
                token: try sim.token("admin")
            )
            #expect(tasks.count == 1)
        }
    }

    @Test func orderNowErrors() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("abel.tuter")
            let ipad = try #require(sim.seed.records(in: "sc_cat_item").first { $0["name"] == "Apple iPad" })
            let path = "\(Self.base)/items/\(ipad.sysID)/order_now"
            for quantity in [nil, 0, "x"] as [JSONValue?] {
                var body: JSONObject = ["variables": ["color": "blue", "storage": "64"]]
                if let quantity { body["sysparm_quantity"] = quantity }
                let response = try await sim.send("POST", path, token: token, json: .object(body))
                #expect(response.status == 400)
                #expect(try response.json() == errorEnvelope("Invalid Quantity value", nil))
            }
            let mandatory = try await sim.send(
                "POST",
                path,
                token: token,
                json: ["sysparm_quantity": 1, "variables": ["color": "blue"]]
            )
            #expect(mandatory.status == 400)
            #expect(try mandatory.json() == errorEnvelope("Mandatory Variables are required", nil))
            let inactive = try #require(sim.seed.records(in: "sc_cat_item").first { $0["active"] == "false" })
            let hidden = try await sim.send(
                "POST",
                "\(Self.base)/items/\(inactive.sysID)/order_now",
                token: token,
                json: ["sysparm_quantity": 1]
            )
            #expect(hidden.status == 400)
            #expect(try hidden.json() == errorEnvelope("Security constraints prevent ordering of Item", nil))
        }
    }
}
