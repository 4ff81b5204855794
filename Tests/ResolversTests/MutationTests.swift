import JSON
import Schema
import ServiceNowSimulator
import Testing

@testable import Resolvers

/// `createIncident` and `createRequest` through the executor, landing in the simulator for the right user.
@Suite struct MutationTests {
    @Test func createIncidentSetsTheCallerAndReturnsTheIncident() async throws {
        try await SimulatorSetup.run { setup in
            let abel = try setup.userID("abel.tuter")
            let credentials = try setup.credentials("abel.tuter")
            let result = try await Harness.run(
                setup,
                credentials: credentials,
                """
                mutation($input: CreateIncidentInput!) { createIncident(input: $input) { incident {
                  id number shortDescription state { label category } caller { sysId name } urgency { value label }
                  impact { value } priority { label } category { label } } } }
                """,
                variables: [
                    "input": [
                        "shortDescription": "  Monitor flickers\nafter update ", "description": "Since this morning.",
                        "urgency": "HIGH", "impact": "LOW", "category": "hardware",
                    ]
                ]
            )
            #expect(result.errors.isEmpty, "\(result.errors)")
            let incident = try #require(result["createIncident", "incident"])
            let number = try #require(incident["number"]?.stringValue)
            let stored = try #require(setup.control.records(in: "incident").first { $0["number"] == number })
            #expect(stored["caller_id"] == abel)
            #expect(stored["opened_by"] == abel)
            #expect(stored["short_description"] == "Monitor flickers after update")
            #expect(stored["description"] == "Since this morning.")
            #expect(stored["urgency"] == "1")
            #expect(stored["impact"] == "3")
            #expect(stored["category"] == "hardware")
            #expect(incident["caller"]?["sysId"]?.stringValue == abel)
            #expect(incident["caller"]?["name"]?.stringValue == setup.seed.user(named: "abel.tuter")?.name)
            #expect(incident["urgency"] == ["value": "1", "label": "1 - High"])
            #expect(incident["state"]?["category"] == "NEW")
            #expect(incident["category"]?["label"] == "Hardware")
            #expect(incident["id"]?.stringValue == GlobalID(table: "incident", sysID: stored.sysID).description)
            // The viewer lookup and the insert: two round trips, both with abel's token.
            let log = setup.control.requests(withAccessToken: try credentials.currentToken())
            #expect(log.map(\.method) == ["GET", "POST"])
        }
    }

    @Test(arguments: [
        #"{ shortDescription: "   " }"#, #"{ shortDescription: "\#(String(repeating: "x", count: 161))" }"#,
    ])
    func createIncidentRefusesBadInputWithoutWriting(_ input: String) async throws {
        try await SimulatorSetup.run { setup in
            let before = setup.control.records(in: "incident").count
            let result = try await Harness.run(
                setup,
                credentials: try setup.credentials("abel.tuter"),
                "mutation { createIncident(input: \(input)) { incident { id } } }"
            )
            #expect(result.data == .null)
            #expect(result.errorCodes == ["BAD_USER_INPUT"])
            #expect(setup.control.records(in: "incident").count == before)
            #expect(setup.control.requests.isEmpty)
        }
    }

    @Test func createRequestOrdersForTheViewer() async throws {
        try await SimulatorSetup.run { setup in
            let abel = try setup.userID("abel.tuter")
            let item = try #require(setup.seed.rows("sc_cat_item").first { $0["name"] == "Developer Laptop (Mac)" })
            let itemID = try #require(item["sys_id"])
            let result = try await Harness.run(
                setup,
                credentials: try setup.credentials("abel.tuter"),
                """
                mutation($input: CreateRequestInput!) { createRequest(input: $input) { request {
                  id number requestedFor { sysId } state { label category } requestState { label } stage { label }
                  items { number quantity catalogItem { name } } } } }
                """,
                variables: [
                    "input": [
                        "catalogItemId": .string(GlobalID(table: "sc_cat_item", sysID: itemID).description),
                        "quantity": 2,
                        "variables": [
                            ["name": "memory", "value": "64gb"], ["name": "keyboard_layout", "value": "de"],
                        ],
                    ]
                ]
            )
            #expect(result.errors.isEmpty, "\(result.errors)")
            let request = try #require(result["createRequest", "request"])
            let number = try #require(request["number"]?.stringValue)
            let stored = try #require(setup.control.records(in: "sc_request").first { $0["number"] == number })
            #expect(stored["requested_for"] == abel)
            #expect(stored["opened_by"] == abel)
            #expect(request["requestedFor"]?["sysId"]?.stringValue == abel)
            #expect(request["stage"]?["label"] == "Fulfillment")
            let ritm = try #require(setup.control.records(in: "sc_req_item").first { $0["request"] == stored.sysID })
            #expect(ritm["cat_item"] == itemID)
            #expect(ritm["quantity"] == "2")
            #expect(request["items"]?[0]?["quantity"] == 2)
            #expect(request["items"]?[0]?["catalogItem"]?["name"]?.stringValue == "Developer Laptop (Mac)")
            let answers = setup.control.records(in: "sc_item_option").map { $0["value"] }
            #expect(answers.contains("64gb") && answers.contains("de"))
        }
    }

    @Test func missingMandatoryVariablesCreateNothing() async throws {
        try await SimulatorSetup.run { setup in
            let item = try #require(setup.seed.rows("sc_cat_item").first { $0["name"] == "Developer Laptop (Mac)" })
            let before = (setup.control.records(in: "sc_request").count, setup.control.records(in: "sc_req_item").count)
            let result = try await Harness.run(
                setup,
                credentials: try setup.credentials("abel.tuter"),
                """
                mutation($id: ID!) { createRequest(input: {
                  catalogItemId: $id, variables: [{ name: "memory", value: "64gb" }] }) { request { id } } }
                """,
                variables: ["id": .string(item["sys_id"] ?? "")]
            )
            #expect(result.data == .null)
            #expect(result.errorCodes == ["BAD_USER_INPUT"])
            #expect(result.errors.first?.message.contains("Mandatory Variables are required") == true)
            #expect(setup.control.records(in: "sc_request").count == before.0)
            #expect(setup.control.records(in: "sc_req_item").count == before.1)
        }
    }

    @Test(arguments: [
        #"{ catalogItemId: "../../table/incident" }"#,
        #"{ catalogItemId: "aW5jaWRlbnQ6YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE" }"#,
        #"{ catalogItemId: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", quantity: 0 }"#,
        #"{ catalogItemId: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", variables: [{ name: "a", value: "1" }, { name: "a", value: "2" }] }"#,
    ])
    func badOrdersAreRefusedBeforeAsking(_ input: String) async throws {
        try await SimulatorSetup.run { setup in
            let result = try await Harness.run(
                setup,
                credentials: try setup.credentials("abel.tuter"),
                "mutation { createRequest(input: \(input)) { request { id } } }"
            )
            #expect(result.errorCodes == ["BAD_USER_INPUT"])
            #expect(setup.control.requests.isEmpty)
        }
    }
}
