import JSON
import Schema
import ServiceNowSimulator
import Testing

@testable import Resolvers

/// The four "mine" lists against the seed, for a plain user and an agent: the right records, typed values, filters,
/// paging without gaps or duplicates, and user text that cannot widen the query.
@Suite struct TicketListTests {
    static let commonFields = """
        id sysId number shortDescription description state { value label category } active priority { value label }
        createdAt updatedAt url assignedTo { id sysId name email } assignmentGroup { sysId name } openedBy { sysId name }
        """

    /// The root field and the kind's own fields.
    static func field(_ kind: TicketKind) -> (name: String, own: String) {
        switch kind {
        case .incident:
            ("incidents", "caller { sysId name email } urgency { value label } category { value label } resolvedAt")
        case .request: ("requests", "requestedFor { sysId name } requestState { label } stage { label }")
        case .changeRequest:
            ("changeRequests", "requestedBy { sysId name } type { value label } risk { label } plannedStart")
        case .problem: ("problems", "knownError")
        case .requestItem: ("", "")
        }
    }

    /// The seeded rows that are the user's under the kind's "mine" rule.
    static func mine(
        _ kind: TicketKind,
        user: String,
        in setup: SimulatorSetup,
        activeOnly: Bool = true
    )
        -> [[String: String]]
    {
        setup.seed.rows(kind.table).filter { row in
            let owner: Bool
            switch kind {
            case .incident: owner = row["caller_id"] == user || row["opened_by"] == user
            case .request: owner = row["requested_for"] == user || row["opened_by"] == user
            case .changeRequest: owner = row["requested_by"] == user
            case .problem: owner = row["opened_by"] == user
            case .requestItem: owner = false
            }
            return owner && (!activeOnly || row["active"] == "true")
        }
    }

    @Test(arguments: ["abel.tuter", "beth.anglin"], [TicketKind.incident, .request, .changeRequest, .problem])
    func listsMatchTheSeed(_ userName: String, _ kind: TicketKind) async throws {
        try await SimulatorSetup.run { setup in
            let user = try setup.userID(userName)
            let (name, own) = Self.field(kind)
            let result = try await Harness.run(
                setup,
                credentials: try setup.credentials(userName),
                """
                { \(name)(first: 100) {
                    totalCount pageInfo { hasNextPage endCursor hasPreviousPage startCursor } edges { cursor }
                    nodes { __typename \(Self.commonFields) \(own) } } }
                """
            )
            #expect(result.errors.isEmpty, "\(result.errors)")
            let value = try #require(result[name])
            let expected = Self.mine(kind, user: user, in: setup)
            let nodes = try #require(value["nodes"]?.arrayValue)
            #expect(value["totalCount"] == .int(expected.count))
            #expect(nodes.count == expected.count)
            #expect(Set(nodes.compactMap { $0["sysId"]?.stringValue }) == Set(expected.compactMap { $0["sys_id"] }))
            // Most recently updated first.
            let updated = nodes.compactMap { $0["updatedAt"]?.stringValue }
            #expect(updated == updated.sorted(by: >))
            let expectations = Expectations(setup: setup)
            for node in nodes {
                try expectations.check(ticket: node, table: kind.table)
                #expect(node["__typename"]?.stringValue == kind.typeName)
                #expect(node["active"] == true)
                let row = try #require(expectations.row(kind.table, node["sysId"]?.stringValue ?? ""))
                try expectations.check(user: node["openedBy"] ?? .null, sysID: row["opened_by"] ?? "")
                switch kind {
                case .incident:
                    try expectations.check(user: node["caller"] ?? .null, sysID: row["caller_id"] ?? "")
                    #expect(node["urgency"]?["value"]?.stringValue == row["urgency"])
                case .request:
                    try expectations.check(user: node["requestedFor"] ?? .null, sysID: row["requested_for"] ?? "")
                case .changeRequest:
                    #expect(node["requestedBy"]?["sysId"]?.stringValue == user)
                    #expect(node["type"]?["value"]?.stringValue == row["type"])
                    #expect(
                        node["plannedStart"]?.stringValue
                            == ServiceNowDateTime.isoString(fromStored: row["start_date"] ?? "")
                    )
                case .problem:
                    #expect(node["knownError"] == .bool(row["known_error"] == "true"))
                case .requestItem:
                    break
                }
            }
            #expect(value["pageInfo"]?["hasNextPage"] == false)
            #expect(value["pageInfo"]?["hasPreviousPage"] == false)
            #expect(value["edges"]?.arrayValue?.count == nodes.count)
        }
    }

    @Test(arguments: [TicketKind.incident, .request])
    func pagingCoversTheWholeListWithoutGapsOrDuplicates(_ kind: TicketKind) async throws {
        try await SimulatorSetup.run { setup in
            let user = try setup.userID("beth.anglin")
            let credentials = try setup.credentials("beth.anglin")
            let expected = Self.mine(kind, user: user, in: setup, activeOnly: false)
            #expect(expected.count > 3, "the seed should give several pages")
            // At least three pages, the last one possibly short.
            let size = max(1, expected.count / 3)
            let name = Self.field(kind).name
            var seen: [String] = []
            var after: JSONValue = .null
            var pages = 0
            var total: JSONValue?
            repeat {
                let page = try await Harness.run(
                    setup,
                    credentials: credentials,
                    """
                    query($first: Int, $after: String) {
                      \(name)(first: $first, after: $after, filter: { status: ALL }) {
                        totalCount pageInfo { hasNextPage endCursor } nodes { sysId updatedAt } } }
                    """,
                    variables: ["first": .int(size), "after": after]
                )
                #expect(page.errors.isEmpty, "\(page.errors)")
                total = page[name, "totalCount"]
                seen += page[name, "nodes"]?.arrayValue?.compactMap { $0["sysId"]?.stringValue } ?? []
                pages += 1
                guard page[name, "pageInfo", "hasNextPage"] == true else { break }
                after = page[name, "pageInfo", "endCursor"] ?? .null
            } while pages < 100
            #expect(total == .int(expected.count))
            #expect(seen.count == expected.count)
            #expect(Set(seen).count == seen.count)
            #expect(Set(seen) == Set(expected.compactMap { $0["sys_id"] }))
            #expect(pages == (expected.count + size - 1) / size)
        }
    }

    @Test func shortPagesEndAtTheWindowNotAtTheLastVisibleRow() throws {
        // Row ACLs applied after `sysparm_limit` can hide rows of a page while the count still includes them: the
        // next page must start after the window that was read.
        let paging = try Paging(first: 5, after: nil, defaultFirst: 20, scope: "s")
        let nodes: [JSONObject] = [["n": 1], ["n": 2], ["n": 3]]
        let short = ConnectionBuilder(paging: paging, nodes: nodes, totalCount: 12).build()
        #expect(short["pageInfo"]?["hasNextPage"] == true)
        #expect(short["pageInfo"]?["endCursor"] == .string(paging.cursor(after: 5)))
        #expect(short["edges"]?[2]?["cursor"] == .string(paging.cursor(after: 5)))
        #expect(short["edges"]?[0]?["cursor"] == .string(paging.cursor(after: 1)))
        #expect(short["pageInfo"]?["startCursor"] == .string(paging.cursor(after: 1)))
        let hidden = ConnectionBuilder(paging: paging, nodes: [], totalCount: 12).build()
        #expect(hidden["pageInfo"]?["endCursor"] == .string(paging.cursor(after: 5)))
        #expect(hidden["pageInfo"]?["startCursor"] == .null)
        let last = ConnectionBuilder(paging: paging, nodes: nodes, totalCount: 3).build()
        #expect(last["pageInfo"]?["hasNextPage"] == false)
        #expect(last["pageInfo"]?["endCursor"] == .string(paging.cursor(after: 3)))
        let empty = ConnectionBuilder(paging: paging, nodes: [], totalCount: 0).build()
        #expect(empty["pageInfo"]?["endCursor"] == .null)
        #expect(empty["totalCount"] == 0)
        let uncounted = ConnectionBuilder(paging: paging, nodes: nodes, totalCount: nil, moreFollow: false)
            .build(countIsNullable: true)
        #expect(uncounted["totalCount"] == .null)
    }

    @Test func filtersByStatusCategorySearchAndDate() async throws {
        try await SimulatorSetup.run { setup in
            let user = try setup.userID("beth.anglin")
            let credentials = try setup.credentials("beth.anglin")
            let all = Self.mine(.incident, user: user, in: setup, activeOnly: false)
            func list(_ filter: JSONValue) async throws -> Set<String> {
                let result = try await Harness.run(
                    setup,
                    credentials: credentials,
                    "query($filter: TicketFilter) { incidents(first: 100, filter: $filter) { nodes { sysId } } }",
                    variables: ["filter": filter]
                )
                #expect(result.errors.isEmpty, "\(result.errors)")
                return Set(result["incidents", "nodes"]?.arrayValue?.compactMap { $0["sysId"]?.stringValue } ?? [])
            }
            let closed = try await list(["status": "CLOSED"])
            #expect(closed == Set(all.filter { $0["active"] == "false" }.compactMap { $0["sys_id"] }))
            let resolved = try await list(["status": "ALL", "stateCategories": ["RESOLVED", "CANCELED"]])
            #expect(resolved == Set(all.filter { ["6", "8"].contains($0["state"]) }.compactMap { $0["sys_id"] }))
            // A word of one of beth's own tickets, searched in capitals (the instance's LIKE ignores case).
            let longestWords = all.compactMap { row in
                row["short_description"].flatMap { text in text.split(separator: " ").max { $0.count < $1.count } }
            }
            let word = String(try #require(longestWords.first)).lowercased()
            let searched = try await list(["status": "ALL", "search": .string(word.uppercased())])
            let matching = all.filter { row in
                ["number", "short_description", "description"].contains { (row[$0] ?? "").lowercased().contains(word) }
            }
            #expect(!matching.isEmpty)
            #expect(searched == Set(matching.compactMap { $0["sys_id"] }))
            let dates = all.compactMap { $0["sys_updated_on"] }.sorted()
            let middle = dates[dates.count / 2]
            let since = try #require(ServiceNowDateTime.isoString(fromStored: middle))
            let recent = try await list(["status": "ALL", "updatedSince": .string(since)])
            #expect(recent == Set(all.filter { ($0["sys_updated_on"] ?? "") >= middle }.compactMap { $0["sys_id"] }))
        }
    }

    @Test(arguments: [
        "x^ORactive=false", "^NQactive=true", "^ORcaller_id!=x", "zzz^ORDERBYnumber^NQsys_id!=0",
        "javascript:gs.getUserID()", "%^OR%",
    ])
    func searchTextCannotWidenTheList(_ attack: String) async throws {
        try await SimulatorSetup.run { setup in
            let user = try setup.userID("beth.anglin")
            let result = try await Harness.run(
                setup,
                credentials: try setup.credentials("beth.anglin"),
                """
                query($search: String) { incidents(first: 100, filter: { search: $search }) {
                  totalCount nodes { sysId active caller { sysId } openedBy { sysId } } } }
                """,
                variables: ["search": .string(attack)]
            )
            #expect(result.errors.isEmpty)
            // beth is an agent who may read every incident: anything not hers would show that the search escaped.
            for node in result["incidents", "nodes"]?.arrayValue ?? [] {
                let mine =
                    node["caller"]?["sysId"]?.stringValue == user || node["openedBy"]?["sysId"]?.stringValue == user
                #expect(mine)
                #expect(node["active"] == true)
            }
            let query = try #require(setup.control.requests.last?.query).removingPercentEncodingForTest()
            // The only carets are the gateway's own: mine filter, active, the search OR-group and the sort.
            #expect(query.filter { $0 == "^" }.count == 7)
        }
    }

    @Test func categoriesWithoutStatesAnswerWithoutAsking() async throws {
        try await SimulatorSetup.run { setup in
            let result = try await Harness.run(
                setup,
                credentials: try setup.credentials("abel.tuter"),
                "{ requests(filter: { stateCategories: [RESOLVED] }) { totalCount nodes { sysId } } }"
            )
            #expect(result["requests", "totalCount"] == 0)
            #expect(result["requests", "nodes"] == [])
            #expect(setup.control.requests.isEmpty)
        }
    }

    @Test func badArgumentsAreFieldErrorsAndTheRestIsAnswered() async throws {
        try await SimulatorSetup.run { setup in
            let result = try await Harness.run(
                setup,
                credentials: try setup.credentials("abel.tuter"),
                """
                { a: incidents(first: 101) { totalCount } b: incidents(first: 0) { totalCount }
                  c: incidents(after: "bogus") { totalCount } problems(first: 1) { totalCount } }
                """
            )
            #expect(result["a"] == .null)
            #expect(result["b"] == .null)
            #expect(result["c"] == .null)
            #expect(result["problems", "totalCount"]?.intValue != nil)
            #expect(result.errorCodes == ["BAD_USER_INPUT", "BAD_USER_INPUT", "BAD_USER_INPUT"])
            #expect(result.errors.map(\.path) == [[.key("a")], [.key("b")], [.key("c")]])
            // Only the valid list was read.
            #expect(setup.control.requests.count == 1)
        }
    }

    @Test func notConnectedViewersGetTheGatewaysError() async throws {
        let context = ServiceNowContext.unavailable(.authRequired(authorizeURL: "https://gw.example/connect"))
        let result = try await Harness.run(context, "{ viewer { user { name } } incidents { totalCount } }")
        #expect(result["viewer", "user"] == .null)
        #expect(result["incidents"] == .null)
        #expect(result.errorCodes == ["SERVICENOW_AUTH_REQUIRED"])
        #expect(result.errors.first?.extensions?["authorizeUrl"] == "https://gw.example/connect")
    }
}

extension String {
    /// `%XX` decoded (for reading logged query strings in tests).
    func removingPercentEncodingForTest() -> String {
        var bytes: [UInt8] = []
        var iterator = Array(utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
