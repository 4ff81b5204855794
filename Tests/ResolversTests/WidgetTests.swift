import JSON
import Schema
import ServiceNowSimulator
import Testing

@testable import Resolvers

/// The reference widget's render (`examples/widget.graphql`) through the executor: the viewer and four lists of
/// five with assignees and groups in ONE round trip per user, and users who never see each other's records.
@Suite struct WidgetTests {
    static func widgetQuery() throws -> String {
        try Documents.repositoryFile("examples/widget.graphql")
    }

    /// The widget's lists with the fields that say whose each ticket is.
    static let ownersQuery = """
        { viewer { user { sysId name } }
          incidents(first: 5) { totalCount nodes { number caller { sysId } openedBy { sysId } assignedTo { name email } } }
          requests(first: 5) { totalCount nodes { number requestedFor { sysId } openedBy { sysId } } }
          changeRequests(first: 5) { totalCount nodes { number requestedBy { sysId } } }
          problems(first: 5) { totalCount nodes { number openedBy { sysId } } } }
        """

    @Test(arguments: ["abel.tuter", "beth.anglin"])
    func theReferenceWidgetCostsOneRoundTrip(_ userName: String) async throws {
        let query = try Self.widgetQuery()
        try await SimulatorSetup.run { setup in
            let credentials = try setup.credentials(userName)
            let result = try await Harness.run(setup, credentials: credentials, query)
            #expect(result.errors.isEmpty, "\(result.errors)")
            let log = setup.control.requests(withAccessToken: try credentials.currentToken())
            #expect(log.count == 1)
            #expect(log.first?.path == "/api/now/v1/batch")
            #expect(log.first?.batchItems.count == 5)
            // The assignees' e-mail addresses come by dot-walk in the same read.
            #expect(log.first?.batchItems.contains { $0.url.contains("assigned_to.email") } == true)
            #expect(result["viewer", "user", "name"]?.stringValue == setup.seed.user(named: userName)?.name)
            #expect(result["widgetSettings", "showLogo"] == true)
            let expectations = Expectations(setup: setup)
            let user = try setup.userID(userName)
            for (field, kind) in [
                ("incidents", TicketKind.incident), ("requests", .request), ("changeRequests", .changeRequest),
                ("problems", .problem),
            ] {
                let nodes = try #require(result[field, "nodes"]?.arrayValue)
                let expected = TicketListTests.mine(kind, user: user, in: setup)
                #expect(result[field, "totalCount"] == .int(expected.count))
                #expect(nodes.count == min(5, expected.count))
                #expect(result[field, "pageInfo", "hasNextPage"] == .bool(expected.count > 5))
                for node in nodes { try expectations.check(ticket: node, table: kind.table) }
            }
            if userName == "beth.anglin" {
                let incidents = try #require(result["incidents", "nodes"]?.arrayValue)
                #expect(incidents.count == 5)
                #expect(incidents.allSatisfy { $0["urgency"]?["label"]?.stringValue?.isEmpty == false })
                #expect(incidents.contains { $0["assignedTo"]?["email"]?.stringValue?.contains("@") == true })
                #expect(incidents.contains { $0["assignmentGroup"]?["name"]?.stringValue?.isEmpty == false })
            }
        }
    }

    @Test func twentyConcurrentUsersNeverSeeEachOthersRecords() async throws {
        try await SimulatorSetup.run(generatedUsers: 20) { setup in
            let users = Array(setup.seed.users.filter(\.isGenerated).prefix(20))
            #expect(users.count == 20)
            // Not vacuous: most generated users have open tickets of their own.
            #expect(users.filter { !TicketListTests.mine(.incident, user: $0.sysID, in: setup).isEmpty }.count >= 10)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for user in users {
                    group.addTask {
                        let credentials = try setup.credentials(user.userName)
                        let result = try await Harness.run(setup, credentials: credentials, Self.ownersQuery)
                        #expect(result.errors.isEmpty)
                        #expect(result["viewer", "user", "sysId"]?.stringValue == user.sysID)
                        let lists: [(String, TicketKind, [String])] = [
                            ("incidents", .incident, ["caller", "openedBy"]),
                            ("requests", .request, ["requestedFor", "openedBy"]),
                            ("changeRequests", .changeRequest, ["requestedBy"]), ("problems", .problem, ["openedBy"]),
                        ]
                        for (field, kind, owners) in lists {
                            let expected = TicketListTests.mine(kind, user: user.sysID, in: setup)
                            #expect(result[field, "totalCount"] == .int(expected.count), "\(user.userName) \(kind)")
                            let nodes = result[field, "nodes"]?.arrayValue ?? []
                            #expect(nodes.count == min(5, expected.count))
                            for node in nodes {
                                let own = owners.contains { node[$0]?["sysId"]?.stringValue == user.sysID }
                                #expect(own, "\(user.userName) saw \(node["number"] ?? .null)")
                            }
                        }
                        #expect(setup.control.requests(withAccessToken: try credentials.currentToken()).count == 1)
                    }
                }
                try await group.waitForAll()
            }
            #expect(setup.control.requests.count == 20)
        }
    }

    @Test func identicalReadsAreMadeOnceInARequest() async throws {
        try await SimulatorSetup.run { setup in
            let result = try await Harness.run(
                setup,
                credentials: try setup.credentials("abel.tuter"),
                """
                { a: incidents(first: 5) { totalCount nodes { number } }
                  b: incidents(first: 5) { totalCount nodes { number } }
                  viewer { user { name } } again: viewer { user { name } } }
                """
            )
            #expect(result.errors.isEmpty)
            #expect(result["a"] == result["b"])
            #expect(result["viewer"] == result["again"])
            #expect(setup.control.requests.count == 1)
            #expect(setup.control.requests.first?.batchItems.count == 2)
        }
    }

    @Test func oneFailingListLeavesTheOthersAnswered() async throws {
        try await SimulatorSetup.run { setup in
            let credentials = try setup.credentials("abel.tuter")
            let abel = try setup.userID("abel.tuter")
            let hidden = try #require(setup.seed.rows("change_request").first { $0["requested_by"] != abel })
            let result = try await Harness.run(
                setup,
                credentials: credentials,
                """
                { incidents(first: 2) { totalCount } catalogItems(search: "laptop", first: 1) { nodes { name } }
                  ticket(number: "\(hidden["number"] ?? "")") { number }
                  knowledgeArticles(search: "vpn", first: 201) { totalCount } }
                """
            )
            #expect(result["incidents", "totalCount"]?.intValue != nil)
            #expect(result["catalogItems", "nodes"]?.arrayValue?.count == 1)
            #expect(result["ticket"] == .null)
            #expect(result["knowledgeArticles"] == .null)
            #expect(result.errorCodes == ["BAD_USER_INPUT"])
        }
    }
}
