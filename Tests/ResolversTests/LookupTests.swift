import JSON
import ServiceNowSimulator
import Testing

@testable import Resolvers

/// `viewer.user`, `node(id:)`, `ticket(number:)`, `Request.items`, knowledge search and the catalog, against the seed.
@Suite struct LookupTests {
    @Test(arguments: ["abel.tuter", "beth.anglin"])
    func viewerIsTheTokensOwner(_ userName: String) async throws {
        try await SimulatorSetup.run { setup in
            let (context, _) = try setup.context(userName)
            let loaders = try #require(context.loaders)
            let user = try await resolveOne(loaders) {
                try await ServiceNowFields.viewerUser(context, selection: selection("id sysId name email userName"))
            }
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
            let tree = selection(
                """
                id ... on Ticket { number state { label } } ... on User { name } ... on Group { name }
                ... on KnowledgeArticle { title number } ... on CatalogItem { name variables { name mandatory } }
                """
            )
            let (context, _) = try setup.context("abel.tuter")
            let loaders = try #require(context.loaders)
            let values = try await resolveLevel(
                loaders,
                waitingFor: 7,
                ids.map { id in
                    { try await ServiceNowFields.node(context, arguments: ["id": .string(id)], selection: tree) }
                }
            )
            #expect(values[0]["number"]?.stringValue == own["number"])
            #expect(values[0]["__typename"] == "Incident")
            #expect(values[1] == .null)
            #expect(values[2] == .null)
            #expect(values[3]["name"]?.stringValue == setup.seed.user(named: "abel.tuter")?.name)
            #expect(values[4]["name"]?.stringValue == group["name"])
            #expect(values[5]["title"]?.stringValue == article["short_description"])
            #expect(values[5]["__typename"] == "KnowledgeArticle")
            #expect(values[6]["name"]?.stringValue == item["name"])
            let variables = setup.seed.rows("item_option_new").filter {
                $0["cat_item"] == item["sys_id"] && $0["active"] == "true"
            }
            .sorted { Int($0["order"] ?? "") ?? 0 < Int($1["order"] ?? "") ?? 0 }
            #expect(
                values[6]["variables"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
                    == variables.compactMap { $0["name"] }
            )
            #expect(values[7] == .null)
            // The three incident lookups (one level) became one sys_idIN read, all in one round trip.
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
            let (context, _) = try setup.context("abel.tuter")
            let loaders = try #require(context.loaders)
            let tree = selection("number ... on RequestItem { quantity catalogItem { name price } stage { label } }")
            let numbers = [
                request["number"] ?? "", (item["number"] ?? "").lowercased(), change["number"] ?? "", "INC9999999",
                "KB0000001", "INC1^ORactive=true",
            ]
            let values = try await resolveLevel(
                loaders,
                waitingFor: 4,
                numbers.map { number in
                    {
                        try await ServiceNowFields.ticket(
                            context,
                            arguments: ["number": .string(number)],
                            selection: tree
                        )
                    }
                }
            )
            #expect(values[0]["__typename"] == "Request")
            #expect(values[0]["number"]?.stringValue == request["number"])
            #expect(values[1]["__typename"] == "RequestItem")
            #expect(values[1]["quantity"] == .int(Int(item["quantity"] ?? "") ?? -1))
            let catalogItem = try #require(setup.seed.rows("sc_cat_item").first { $0["sys_id"] == item["cat_item"] })
            #expect(values[1]["catalogItem"]?["name"]?.stringValue == catalogItem["name"])
            #expect(values[2] == .null)
            #expect(values[3] == .null)
            #expect(values[4] == .null)
            #expect(values[5] == .null)
        }
    }

    @Test func requestItemsOfAPageAreReadTogether() async throws {
        try await SimulatorSetup.run { setup in
            let abel = try setup.userID("abel.tuter")
            let (context, _) = try setup.context("abel.tuter")
            let loaders = try #require(context.loaders)
            let requests = try await resolveOne(loaders) {
                try await ServiceNowFields.tickets(
                    .request,
                    context,
                    arguments: ["first": 100, "filter": ["status": "ALL"]],
                    selection: selection("nodes { sysId number }")
                )
            }
            let nodes = try #require(requests["nodes"]?.arrayValue).compactMap(\.objectValue)
            #expect(nodes.count > 1)
            let itemTree = selection("number quantity catalogItem { name } state { label category }")
            let items = try await resolveLevel(
                loaders,
                waitingFor: nodes.count,
                nodes.map { node in
                    {
                        try await ServiceNowFields.requestItems(
                            context,
                            source: node,
                            arguments: [:],
                            selection: itemTree
                        )
                    }
                }
            )
            let seededItems = setup.seed.rows("sc_req_item")
            for (node, list) in zip(nodes, items) {
                let expected = seededItems.filter { $0["request"] == node["sysId"]?.stringValue }.compactMap {
                    $0["number"]
                }.sorted()
                #expect(list.arrayValue?.compactMap { $0["number"]?.stringValue } == expected)
            }
            #expect(setup.seed.rows("sc_request").contains { $0["requested_for"] == abel })
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
            let (context, _) = try setup.context("abel.tuter")
            let loaders = try #require(context.loaders)
            var seen: [String] = []
            var after: JSONValue = .null
            var total: JSONValue?
            for _ in 0..<20 {
                let arguments: JSONObject = ["search": "vpn", "first": 2, "after": after]
                let page = try await resolveOne(loaders) {
                    try await ServiceNowFields.knowledgeArticles(
                        context,
                        arguments: arguments,
                        selection: selection(
                            "totalCount pageInfo { hasNextPage endCursor } nodes { id sysId number title snippet score body updatedAt url }"
                        )
                    )
                }
                total = page["totalCount"]
                for node in page["nodes"]?.arrayValue ?? [] {
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
                guard page["pageInfo"]?["hasNextPage"] == true else { break }
                after = page["pageInfo"]?["endCursor"] ?? .null
            }
            #expect(seen.count >= 2)
            #expect(total == .int(seen.count))
            #expect(Set(seen).count == seen.count)
        }
    }

    @Test func catalogItemsWithVariablesAndChoices() async throws {
        try await SimulatorSetup.run { setup in
            let (context, _) = try setup.context("abel.tuter")
            let loaders = try #require(context.loaders)
            let page = try await resolveOne(loaders) {
                try await ServiceNowFields.catalogItems(
                    context,
                    arguments: ["search": "laptop", "first": 2],
                    selection: selection(
                        "totalCount pageInfo { hasNextPage endCursor } nodes { id sysId name price category url }"
                    )
                )
            }
            let nodes = try #require(page["nodes"]?.arrayValue)
            #expect(nodes.count == 2)
            #expect(page["totalCount"] == .null)
            #expect(page["pageInfo"]?["hasNextPage"] == true)
            let mac = try #require(setup.seed.rows("sc_cat_item").first { $0["name"] == "Developer Laptop (Mac)" })
            let macSysID = try #require(mac["sys_id"])
            let variables = try await resolveOne(loaders) {
                try await ServiceNowFields.catalogItemVariables(context, source: ["sysId": .string(macSysID)])
            }
            let list = try #require(variables.arrayValue)
            #expect(
                list.compactMap { $0["name"]?.stringValue } == [
                    "memory", "keyboard_layout", "additional_software_requirements",
                ]
            )
            #expect(list[0]["mandatory"] == true)
            #expect(list[0]["type"] == "select_box")
            #expect(list[0]["defaultValue"] == "32gb")
            #expect(list[0]["choices"] == [["value": "32gb", "label": "32 GB"], ["value": "64gb", "label": "64 GB"]])
            #expect(list[2]["mandatory"] == false)
            #expect(list[2]["choices"] == [])
            #expect(list[2]["defaultValue"] == .null)
            let next = try await resolveOne(loaders) {
                try await ServiceNowFields.catalogItems(
                    context,
                    arguments: ["search": "laptop", "first": 2, "after": page["pageInfo"]?["endCursor"] ?? .null],
                    selection: selection("nodes { name }")
                )
            }
            let names = (nodes + (next["nodes"]?.arrayValue ?? [])).compactMap { $0["name"]?.stringValue }
            #expect(Set(names).count == names.count)
            #expect(names.contains("Developer Laptop (Mac)"))
        }
    }

    @Test func aCursorOfOneListIsRefusedByAnother() async throws {
        try await SimulatorSetup.run { setup in
            let (context, _) = try setup.context("beth.anglin")
            let loaders = try #require(context.loaders)
            let page = try await resolveOne(loaders) {
                try await ServiceNowFields.tickets(
                    .incident,
                    context,
                    arguments: ["first": 1],
                    selection: selection("pageInfo { endCursor } nodes { sysId }")
                )
            }
            let cursor = try #require(page["pageInfo"]?["endCursor"])
            let error = await #expect(throws: ServiceNowError.self) {
                _ = try await ServiceNowFields.tickets(
                    .problem,
                    context,
                    arguments: ["first": 1, "after": cursor],
                    selection: selection("nodes { sysId }")
                )
            }
            #expect(error?.code == .badUserInput)
            let filtered = await #expect(throws: ServiceNowError.self) {
                _ = try await ServiceNowFields.tickets(
                    .incident,
                    context,
                    arguments: ["first": 1, "after": cursor, "filter": ["status": "ALL"]],
                    selection: selection("nodes { sysId }")
                )
            }
            #expect(filtered?.code == .badUserInput)
        }
    }
}
