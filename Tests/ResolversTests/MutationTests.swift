import JSON
import ServiceNowSimulator
import Testing

@testable import Resolvers

/// `createIncident` and `createRequest` landing in the simulator for the right user.
@Suite struct MutationTests {
    @Test func createIncidentSetsTheCallerAndReturnsTheIncident() async throws {
        try await SimulatorSetup.run { setup in
            let abel = try setup.userID("abel.tuter")
            let (context, credentials) = try setup.context("abel.tuter")
            let payload = try await ServiceNowFields.createIncident(
                context,
                arguments: [
                    "input": [
                        "shortDescription": "  Monitor flickers\nafter update ", "description": "Since this morning.",
                        "urgency": "HIGH", "impact": "LOW", "category": "hardware",
                    ]
                ],
                selection: selection(
                    "incident { id number shortDescription state { label category } caller { sysId name } urgency { value label } impact { value } priority { label } category { label } }"
                )
            )
            let incident = try #require(payload["incident"])
            let number = try #require(incident["number"]?.stringValue)
            let stored = try #require(setup.control.records(in: "incident").first { $0["number"] == number })
            #expect(stored["caller_id"] == abel)
            #expect(stored["opened_by"] == abel)
            #expect(stored["short_description"] == "Monitor flickers after update")
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

    @Test func createIncidentRefusesBadInputWithoutWriting() async throws {
        try await SimulatorSetup.run { setup in
            let (context, _) = try setup.context("abel.tuter")
            let before = setup.control.records(in: "incident").count
            let inputs: [JSONValue] = [
                ["shortDescription": "   "], ["shortDescription": .string(String(repeating: "x", count: 161))],
                ["shortDescription": "ok", "urgency": "URGENT"], [:],
            ]
            for input in inputs {
                let error = await #expect(throws: ServiceNowError.self) {
                    _ = try await ServiceNowFields.createIncident(
                        context,
                        arguments: ["input": input],
                        selection: selection("incident { id }")
                    )
                }
                #expect(error?.code == .badUserInput)
            }
            #expect(setup.control.records(in: "incident").count == before)
            #expect(setup.control.requests.isEmpty)
        }
    }

    @Test func createRequestOrdersForTheViewer() async throws {
        try await SimulatorSetup.run { setup in
            let abel = try setup.userID("abel.tuter")
            let item = try #require(setup.seed.rows("sc_cat_item").first { $0["name"] == "Developer Laptop (Mac)" })
            let itemID = try #require(item["sys_id"])
            let (context, _) = try setup.context("abel.tuter")
            let loaders = try #require(context.loaders)
            let payload = try await ServiceNowFields.createRequest(
                context,
                arguments: [
                    "input": [
                        "catalogItemId": .string(GlobalID(table: "sc_cat_item", sysID: itemID).description),
                        "quantity": 2,
                        "variables": [
                            ["name": "memory", "value": "64gb"], ["name": "keyboard_layout", "value": "de"],
                        ],
                    ]
                ]
            )
            let source = try #require(payload.objectValue)
            let request = try await resolveOne(loaders) {
                try await ServiceNowFields.createdRequest(
                    context,
                    source: source,
                    selection: selection(
                        "id number requestedFor { sysId } state { label category } requestState { label } stage { label }"
                    )
                )
            }
            let number = try #require(request["number"]?.stringValue)
            let stored = try #require(setup.control.records(in: "sc_request").first { $0["number"] == number })
            #expect(stored["requested_for"] == abel)
            #expect(stored["opened_by"] == abel)
            #expect(request["requestedFor"]?["sysId"]?.stringValue == abel)
            #expect(request["stage"]?["label"] == "Fulfillment")
            let ritm = try #require(setup.control.records(in: "sc_req_item").first { $0["request"] == stored.sysID })
            #expect(ritm["cat_item"] == itemID)
            #expect(ritm["quantity"] == "2")
            let items = try await resolveOne(loaders) {
                try await ServiceNowFields.requestItems(
                    context,
                    source: request.objectValue ?? [:],
                    arguments: [:],
                    selection: selection("number quantity catalogItem { name }")
                )
            }
            #expect(items[0]?["quantity"] == 2)
            #expect(items[0]?["catalogItem"]?["name"]?.stringValue == "Developer Laptop (Mac)")
        }
    }

    @Test func missingMandatoryVariablesCreateNothing() async throws {
        try await SimulatorSetup.run { setup in
            let item = try #require(setup.seed.rows("sc_cat_item").first { $0["name"] == "Developer Laptop (Mac)" })
            let (context, _) = try setup.context("abel.tuter")
            let before = (setup.control.records(in: "sc_request").count, setup.control.records(in: "sc_req_item").count)
            let error = await #expect(throws: ServiceNowError.self) {
                _ = try await ServiceNowFields.createRequest(
                    context,
                    arguments: [
                        "input": [
                            "catalogItemId": .string(item["sys_id"] ?? ""),
                            "variables": [["name": "memory", "value": "64gb"]],
                        ]
                    ]
                )
            }
            #expect(error?.code == .badUserInput)
            #expect(error?.message.contains("Mandatory Variables are required") == true)
            #expect(setup.control.records(in: "sc_request").count == before.0)
            #expect(setup.control.records(in: "sc_req_item").count == before.1)
        }
    }

    @Test func badOrdersAreRefusedBeforeAsking() async throws {
        try await SimulatorSetup.run { setup in
            let (context, _) = try setup.context("abel.tuter")
            let item = String(repeating: "a", count: 32)
            let inputs: [JSONValue] = [
                ["catalogItemId": "../../table/incident"],
                ["catalogItemId": .string(GlobalID(table: "incident", sysID: item).description)],
                ["catalogItemId": .string(item), "quantity": 0],
                [
                    "catalogItemId": .string(item),
                    "variables": [["name": "a", "value": "1"], ["name": "a", "value": "2"]],
                ],
            ]
            for input in inputs {
                let error = await #expect(throws: ServiceNowError.self) {
                    _ = try await ServiceNowFields.createRequest(context, arguments: ["input": input])
                }
                #expect(error?.code == .badUserInput)
            }
            #expect(setup.control.requests.isEmpty)
        }
    }
}
