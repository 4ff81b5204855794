import JSON
import Schema
import ServiceNowSimulator
import Testing

@testable import Resolvers

/// `viewer.user`, `node(id:)`, `ticket(number:)`, `Request.items`, knowledge search and the catalog, against the
/// seed, through the executor.
@Suite struct LookupTests {
    @Test(arguments: ["abel.tuter", "beth.anglin"])
    func viewerIsTheTokensOwner(_ userName: String) async throws {
        try await SimulatorSetup.run { setup in
            let result = try await Harness.run(
                setup,
                credentials: try setup.credentials(userName),
                "{ viewer { isAdmin user { id sysId name email userName } } }"
            )
            let user = try #require(result["viewer", "user"])
            let seeded = try #require(setup.seed.user(named: userName))
            #expect(user["sysId"]?.stringValue == seeded.sysID)
            #expect(user["name"]?.stringValue == seeded.name)
            #expect(user["email"]?.stringValue == seeded.email)
            #expect(user["userName"]?.stringValue == userName)
            #expect(user["id"]?.stringValue == GlobalID(table: "sys_user", sysID: seeded.sysID).description)
            let query = try #require(setup.control.requests.last?.query).removingPercentEncodingForTest()
            #expect(query.contains("sysparm_query=sys_id=javascript:gs.getUserID()"))
        }
    }

    @Test func nodeFindsEachKindAndHidesWhatTheViewerMayNotSee() async throws {
        try await SimulatorSetup.run { setup in
            let abel = try setup.userID("abel.tuter")
            let incidents = setup.seed.rows("incident")
            let own = try #require(incidents.first { $0["caller_id"] == abel })
            let hidden = try #require(incidents.first { $0["caller_id"] != abel && $0["opened_by"] != abel })
            let group = try #require(setup.seed.rows("sys_user_group").first)
            let article = try #require(setup.seed.rows("kb_knowledge").first { $0["workflow_state"] == "published" })
            let item = try #require(setup.seed.rows("sc_cat_item").first { $0["active"] == "true" })
            let ids: [String] = [
                GlobalID(table: "incident", sysID: own["sys_id"] ?? "").description,
                GlobalID(table: "incident", sysID: hidden["sys_id"] ?? "").description,
                GlobalID(table: "incident", sysID: String(repeating: "a", count: 32)).description,
                GlobalID(table: "sys_user", sysID: abel).description,
                GlobalID(table: "sys_user_group", sysID: group["sys_id"] ?? "").description,
                GlobalID(table: "kb_knowledge", sysID: article["sys_id"] ?? "").description,
                GlobalID(table: "sc_cat_item", sysID: item["sys_id"] ?? "").description,
                "not-an-id",
            ]
            let fields = """
                __typename id ... on Ticket { number state { label } } ... on User { name } ... on Group { name }
                ... on KnowledgeArticle { title number } ... on CatalogItem { name variables { name mandatory } }
                """
            let query =
                "{ "
                + ids.enumerated().map { "n\($0.offset): node(id: \"\($0.element)\") { \(fields) }" }
                .joined(separator: " ") + " }"
            let result = try await Harness.run(setup, credentials: try setup.credentials("abel.tuter"), query)
            #expect(result.errors.isEmpty, "\(result.errors)")
            #expect(result["n0", "number"]?.stringValue == own["number"])
            #expect(result["n0", "__typename"] == "Incident")
            #expect(result["n1"] == .null)
            #expect(result["n2"] == .null)
            #expect(result["n3", "name"]?.stringValue == setup.seed.user(named: "abel.tuter")?.name)
            #expect(result["n4", "name"]?.stringValue == group["name"])
            #expect(result["n5", "title"]?.stringValue == article["short_description"])
            #expect(result["n5", "__typename"] == "KnowledgeArticle")
            #expect(result["n6", "name"]?.stringValue == item["name"])
            let variables = setup.seed.rows("item_option_new").filter {
                $0["cat_item"] == item["sys_id"] && $0["active"] == "true"
            }.sorted { Int($0["order"] ?? "") ?? 0 < Int($1["order"] ?? "") ?? 0 }
            #expect(
                result["n6", "variables"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
                    == variables.compactMap { $0["name"] }
            )
            #expect(result["n7"] == .null)
            // The three incident lookups became one sys_idIN read; everything went in one round trip.
            let log = setup.control.requests
            #expect(log.count == 1)
            #expect(log.first?.batchItems.filter { $0.url.hasPrefix("/api/now/table/incident?") }.count == 1)
        }
    }

    @Test func ticketByNumberUsesThePrefix() async throws {
        try await SimulatorSetup.run { setup in
            let abel = try setup.userID("abel.tuter")
            let request = try #require(setup.seed.rows("sc_request").first { $0["requested_for"] == abel })
            let item = try #require(setup.seed.rows("sc_req_item").first { $0["request"] == request["sys_id"] })
            let change = try #require(setup.seed.rows("change_request").first { $0["requested_by"] != abel })
            let numbers = [
                request["number"] ?? "", (item["number"] ?? "").lowercased(), change["number"] ?? "", "INC9999999",
                "KB0000001", "INC1^ORactive=true",
            ]
            let fields =
                "__typename number ... on RequestItem { quantity catalogItem { name price } stage { label } }"
            let query =
                "{ "
                + numbers.indices.map { "t\($0): ticket(number: \"\(numbers[$0])\") { \(fields) }" }
                .joined(separator: " ") + " }"
            let result = try await Harness.run(setup, credentials: try setup.credentials("abel.tuter"), query)
            #expect(result.errors.isEmpty, "\(result.errors)")
            #expect(result["t0", "__typename"] == "Request")
            #expect(result["t0", "number"]?.stringValue == request["number"])
            #expect(result["t1", "__typename"] == "RequestItem")
            #expect(result["t1", "quantity"] == .int(Int(item["quantity"] ?? "") ?? -1))
            let catalogItem = try #require(setup.seed.rows("sc_cat_item").first { $0["sys_id"] == item["cat_item"] })
            #expect(result["t1", "catalogItem", "name"]?.stringValue == catalogItem["name"])
            for hidden in ["t2", "t3", "t4", "t5"] { #expect(result[hidden] == .null) }
            #expect(setup.control.requests.count == 1)
        }
    }

    @Test func requestItemsOfAPageAreReadTogether() async throws {
        try await SimulatorSetup.run { setup in
            let abel = try setup.userID("abel.tuter")
            let result = try await Harness.run(
                setup,
                credentials: try setup.credentials("abel.tuter"),
                """
                { requests(first: 50, filter: { status: ALL }) { nodes { sysId number
                    items { number quantity catalogItem { name } state { label category } } } } }
                """
            )
            #expect(result.errors.isEmpty, "\(result.errors)")
            let nodes = try #require(result["requests", "nodes"]?.arrayValue)
            let seededRequests = setup.seed.rows("sc_request").filter {
                $0["requested_for"] == abel || $0["opened_by"] == abel
            }
            #expect(nodes.count == seededRequests.count)
            #expect(nodes.count > 1)
            let seededItems = setup.seed.rows("sc_req_item")
            for node in nodes {
                let expected = seededItems.filter { $0["request"] == node["sysId"]?.stringValue }
                    .compactMap { $0["number"] }.sorted()
                #expect(node["items"]?.arrayValue?.compactMap { $0["number"]?.stringValue } == expected)
            }
            // One round trip for the list, one for every request's items.
            let log = setup.control.requests
            #expect(log.count == 2)
            #expect(log.last?.path == "/api/now/table/sc_req_item")
            let query = (log.last?.query ?? "").removingPercentEncodingForTest()
            #expect(query.contains("sysparm_query=requestIN"))
        }
    }

    @Test func knowledgeSearchPagesThroughRankedHits() async throws {
        try await SimulatorSetup.run { setup in
            let credentials = try setup.credentials("abel.tuter")
            var seen: [String] = []
            var after: JSONValue = .null
            var total: JSONValue?
            for _ in 0..<20 {
                let page = try await Harness.run(
                    setup,
                    credentials: credentials,
                    """
                    query($after: String) { knowledgeArticles(search: "vpn", first: 2, after: $after) {
                      totalCount pageInfo { hasNextPage endCursor }
                      nodes { id sysId number title snippet score body updatedAt url } } }
                    """,
                    variables: ["after": after]
                )
                #expect(page.errors.isEmpty, "\(page.errors)")
                total = page["knowledgeArticles", "totalCount"]
                for node in page["knowledgeArticles", "nodes"]?.arrayValue ?? [] {
                    let sysID = try #require(node["sysId"]?.stringValue)
                    let row = try #require(setup.seed.rows("kb_knowledge").first { $0["sys_id"] == sysID })
                    #expect(row["workflow_state"] == "published")
                    #expect(node["title"]?.stringValue == row["short_description"])
                    #expect(node["number"]?.stringValue == row["number"])
                    #expect(node["body"]?.stringValue == row["text"])
                    #expect(node["score"]?.doubleValue ?? 0 > 0)
                    #expect(node["snippet"]?.stringValue?.contains("<") == false)
                    #expect(node["url"]?.stringValue == "\(setup.baseURL)/kb_view.do?sys_kb_id=\(sysID)")
                    #expect(
                        node["updatedAt"]?.stringValue
                            == ServiceNowDateTime.isoString(fromStored: row["sys_updated_on"] ?? "")
                    )
                    seen.append(sysID)
                }
                guard page["knowledgeArticles", "pageInfo", "hasNextPage"] == true else { break }
                after = page["knowledgeArticles", "pageInfo", "endCursor"] ?? .null
            }
            #expect(seen.count >= 2)
            #expect(total == .int(seen.count))
            #expect(Set(seen).count == seen.count)
        }
    }

    @Test func catalogItemsWithVariablesAndChoices() async throws {
        try await SimulatorSetup.run { setup in
            let credentials = try setup.credentials("abel.tuter")
            let page = try await Harness.run(
                setup,
                credentials: credentials,
                """
                { catalogItems(search: "laptop", first: 2) { totalCount pageInfo { hasNextPage endCursor }
                    nodes { id sysId name price category url
                      variables { name label type mandatory defaultValue helpText choices { value label } } } } }
                """
            )
            #expect(page.errors.isEmpty, "\(page.errors)")
            let nodes = try #require(page["catalogItems", "nodes"]?.arrayValue)
            #expect(nodes.count == 2)
            #expect(page["catalogItems", "totalCount"] == .null)
            #expect(page["catalogItems", "pageInfo", "hasNextPage"] == true)
            // The list, then every listed item's detail (for its variables) in one more round trip.
            #expect(setup.control.requests.count == 2)
            #expect(setup.control.requests.last?.batchItems.count == 2)
            let next = try await Harness.run(
                setup,
                credentials: credentials,
                "query($after: String) { catalogItems(search: \"laptop\", first: 2, after: $after) { nodes { sysId name } } }",
                variables: ["after": page["catalogItems", "pageInfo", "endCursor"] ?? .null]
            )
            let all = nodes + (next["catalogItems", "nodes"]?.arrayValue ?? [])
            let names = all.compactMap { $0["name"]?.stringValue }
            #expect(Set(names).count == names.count)
            let mac = try #require(all.first { $0["name"] == "Developer Laptop (Mac)" })
            let macID = try #require(mac["sysId"]?.stringValue)
            let detail = try await Harness.run(
                setup,
                credentials: credentials,
                """
                { node(id: "\(GlobalID(table: "sc_cat_item", sysID: macID))") { ... on CatalogItem { name price
                    variables { name type mandatory defaultValue choices { value label } } } } }
                """
            )
            let list = try #require(detail["node", "variables"]?.arrayValue)
            #expect(
                list.compactMap { $0["name"]?.stringValue }
                    == ["memory", "keyboard_layout", "additional_software_requirements"]
            )
            #expect(list[0]["mandatory"] == true)
            #expect(list[0]["type"] == "select_box")
            #expect(list[0]["defaultValue"] == "32gb")
            #expect(list[0]["choices"] == [["value": "32gb", "label": "32 GB"], ["value": "64gb", "label": "64 GB"]])
            #expect(list[2]["mandatory"] == false)
            #expect(list[2]["choices"] == [])
            #expect(list[2]["defaultValue"] == .null)
            #expect(detail["node", "price"]?.stringValue == "$2,499.00")
        }
    }

    @Test func aCursorOfOneListIsRefusedByAnother() async throws {
        try await SimulatorSetup.run { setup in
            let credentials = try setup.credentials("beth.anglin")
            let page = try await Harness.run(
                setup,
                credentials: credentials,
                "{ incidents(first: 1) { pageInfo { endCursor } } }"
            )
            let cursor = try #require(page["incidents", "pageInfo", "endCursor"])
            let result = try await Harness.run(
                setup,
                credentials: credentials,
                """
                query($after: String) { problems(first: 1, after: $after) { totalCount }
                  filtered: incidents(first: 1, after: $after, filter: { status: ALL }) { totalCount }
                  same: incidents(first: 1, after: $after) { totalCount } }
                """,
                variables: ["after": cursor]
            )
            #expect(result["problems"] == .null)
            #expect(result["filtered"] == .null)
            #expect(result["same", "totalCount"]?.intValue != nil)
            #expect(result.errorCodes == ["BAD_USER_INPUT", "BAD_USER_INPUT"])
        }
    }
}
