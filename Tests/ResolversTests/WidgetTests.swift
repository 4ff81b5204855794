import JSON
import ServiceNowSimulator
import Synchronization
import Testing

@testable import Resolvers

/// The reference widget's render: the viewer and four lists of five with assignees and groups in ONE round trip per
/// user, and users who never see each other's records.
@Suite struct WidgetTests {
    static let row = """
        id number shortDescription state { label category } priority { value label } updatedAt url
        assignedTo { name email } assignmentGroup { name }
        """
    static let list = selection(
        "totalCount pageInfo { hasNextPage endCursor } nodes { \(row) openedBy { sysId } "
            + "... on Incident { urgency { label } caller { sysId } } ... on Request { requestedFor { sysId name } } "
            + "... on ChangeRequest { type { label } risk { label } requestedBy { sysId } } }"
    )

    /// The widget's first level, as the executor would run it: everything ServiceNow-backed at once.
    static func render(_ context: ServiceNowContext, waitingFor reads: Int = 5) async throws -> [JSONValue] {
        let loaders = try #require(context.loaders)
        let kinds: [TicketKind] = [.incident, .request, .changeRequest, .problem]
        var resolvers: [@Sendable () async throws -> JSONValue] = [
            { try await ServiceNowFields.viewerUser(context, selection: selection("id name email")) }
        ]
        for kind in kinds {
            resolvers.append {
                try await ServiceNowFields.tickets(kind, context, arguments: ["first": 5], selection: Self.list)
            }
        }
        return try await resolveLevel(loaders, waitingFor: reads, resolvers)
    }

    @Test(arguments: ["abel.tuter", "beth.anglin"])
    func oneRoundTripPerRender(_ userName: String) async throws {
        try await SimulatorSetup.run { setup in
            let (context, credentials) = try setup.context(userName)
            let values = try await Self.render(context)
            let token = try credentials.currentToken()
            let log = setup.control.requests(withAccessToken: token)
            #expect(log.count == 1)
            #expect(log.first?.path == "/api/now/v1/batch")
            #expect(log.first?.batchItems.count == 5)
            #expect(values[0]["name"]?.stringValue == setup.seed.user(named: userName)?.name)
            let expectations = Expectations(setup: setup)
            for (value, table) in zip(values.dropFirst(), ["incident", "sc_request", "change_request", "problem"]) {
                let nodes = try #require(value["nodes"]?.arrayValue)
                #expect(nodes.count <= 5)
                for node in nodes { try expectations.check(ticket: node, table: table) }
            }
            // beth is an agent with enough records for full pages and assignees with e-mail addresses.
            if userName == "beth.anglin" {
                #expect(values[1]["nodes"]?.arrayValue?.count == 5)
                #expect(
                    values[1]["nodes"]?.arrayValue?.contains {
                        $0["assignedTo"]?["email"]?.stringValue?.contains("@") == true
                    } == true
                )
            }
        }
    }

    @Test func twentyConcurrentUsersNeverSeeEachOthersRecords() async throws {
        try await SimulatorSetup.run(generatedUsers: 20) { setup in
            let users = setup.seed.users.filter(\.isGenerated).prefix(20)
            #expect(users.count == 20)
            // Not vacuous: most generated users have open tickets of their own.
            #expect(users.filter { !TicketListTests.mine(.incident, user: $0.sysID, in: setup).isEmpty }.count >= 10)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for user in users {
                    group.addTask {
                        let (context, credentials) = try setup.context(user.userName)
                        let values = try await Self.render(context)
                        #expect(values[0]["sysId"]?.stringValue == user.sysID)
                        let owners: [[String]] = [
                            ["caller", "openedBy"], ["requestedFor", "openedBy"], ["requestedBy"], ["openedBy"],
                        ]
                        let kinds: [TicketKind] = [.incident, .request, .changeRequest, .problem]
                        for ((value, fields), kind) in zip(zip(values.dropFirst(), owners), kinds) {
                            let expected = TicketListTests.mine(kind, user: user.sysID, in: setup)
                            #expect(value["totalCount"] == .int(expected.count), "\(user.userName) \(kind)")
                            let nodes = value["nodes"]?.arrayValue ?? []
                            #expect(nodes.count == min(5, expected.count))
                            for node in nodes {
                                let own = fields.contains { node[$0]?["sysId"]?.stringValue == user.sysID }
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

    @Test func identicalReadsAreMadeOnceAndRememberedForTheRequest() async throws {
        try await SimulatorSetup.run { setup in
            let (context, _) = try setup.context("abel.tuter")
            let loaders = try #require(context.loaders)
            let both = try await resolveLevel(
                loaders,
                waitingFor: 1,
                [
                    {
                        try await ServiceNowFields.tickets(
                            .incident,
                            context,
                            arguments: ["first": 5],
                            selection: Self.list
                        )
                    },
                    {
                        try await ServiceNowFields.tickets(
                            .incident,
                            context,
                            arguments: ["first": 5],
                            selection: Self.list
                        )
                    },
                ]
            )
            #expect(both[0] == both[1])
            #expect(setup.control.requests.count == 1)
            #expect(setup.control.requests.first?.path == "/api/now/table/incident")
            // Asked again later in the same request: answered from memory.
            let again = try await ServiceNowFields.tickets(
                .incident,
                context,
                arguments: ["first": 5],
                selection: Self.list
            )
            #expect(again == both[0])
            #expect(setup.control.requests.count == 1)
            #expect(loaders.batcher.roundTrips == 1)
        }
    }
}
