import JSON
import ServiceNowSimulator
import Testing

@testable import Resolvers

/// Expected typed values computed from the simulator's seed, for comparing with what the resolvers return.
struct Expectations {
    let setup: SimulatorSetup

    /// The labels of §8.4 (the tests' own table: the gateway never hard-codes labels).
    static let stateLabels: [String: [String: String]] = [
        "incident": ["1": "New", "2": "In Progress", "3": "On Hold", "6": "Resolved", "7": "Closed", "8": "Canceled"],
        "problem": [
            "101": "New", "102": "Assess", "103": "Root Cause Analysis", "104": "Fix in Progress", "106": "Resolved",
            "107": "Closed",
        ],
        "change_request": [
            "-5": "New", "-4": "Assess", "-3": "Authorize", "-2": "Scheduled", "-1": "Implement", "0": "Review",
            "3": "Closed", "4": "Canceled",
        ],
        "sc_request": [
            "-5": "Pending", "1": "Open", "2": "Work in Progress", "3": "Closed Complete", "4": "Closed Incomplete",
            "7": "Closed Skipped",
        ],
    ]
    static let priorityLabels = [
        "1": "1 - Critical", "2": "2 - High", "3": "3 - Moderate", "4": "4 - Low", "5": "5 - Planning",
    ]

    /// The seeded row of `table` with `sysID`.
    func row(_ table: String, _ sysID: String) -> [String: String]? {
        setup.seed.rows(table).first { $0["sys_id"] == sysID }
    }

    /// Checks a mapped ticket against its seeded row: every field the widget shows.
    func check(ticket node: JSONValue, table: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // `sysId`, or the one inside the global `id` when only that was selected.
        let globalID = node["id"]?.stringValue.flatMap { GlobalID($0) }
        let sysID = try #require(node["sysId"]?.stringValue ?? globalID?.sysID, sourceLocation: sourceLocation)
        let row = try #require(self.row(table, sysID), "no seeded \(table) \(sysID)", sourceLocation: sourceLocation)
        #expect(
            node["id"]?.stringValue == GlobalID(table: table, sysID: sysID).description,
            sourceLocation: sourceLocation
        )
        #expect(node["number"]?.stringValue == row["number"], sourceLocation: sourceLocation)
        if node["shortDescription"] != nil {
            #expect(node["shortDescription"]?.stringValue == row["short_description"], sourceLocation: sourceLocation)
        }
        #expect(
            node["url"]?.stringValue == "\(setup.baseURL)/\(table).do?sys_id=\(sysID)",
            sourceLocation: sourceLocation
        )
        if let state = node["state"] {
            let value = row["state"] ?? ""
            if let selected = state["value"] { #expect(selected.stringValue == value, sourceLocation: sourceLocation) }
            if let label = Self.stateLabels[table]?[value], let selected = state["label"] {
                #expect(selected.stringValue == label, sourceLocation: sourceLocation)
            }
            let kind = try #require(TicketKind(table: table))
            let category = kind.category(ofState: value, active: row["active"] == "true")
            if let selected = state["category"] {
                #expect(selected.stringValue == category.rawValue, sourceLocation: sourceLocation)
            }
        }
        if let priority = node["priority"], let value = row["priority"], !value.isEmpty {
            #expect(priority["value"]?.stringValue == value, sourceLocation: sourceLocation)
            #expect(priority["label"]?.stringValue == Self.priorityLabels[value], sourceLocation: sourceLocation)
        }
        if let updated = node["updatedAt"] {
            #expect(
                updated.stringValue == ServiceNowDateTime.isoString(fromStored: row["sys_updated_on"] ?? ""),
                sourceLocation: sourceLocation
            )
            #expect(updated.stringValue?.hasSuffix("Z") == true, sourceLocation: sourceLocation)
        }
        if let assigned = node["assignedTo"] {
            try check(user: assigned, sysID: row["assigned_to"] ?? "", sourceLocation: sourceLocation)
        }
        if let group = node["assignmentGroup"] {
            let groupID = row["assignment_group"] ?? ""
            if groupID.isEmpty {
                #expect(group == .null, sourceLocation: sourceLocation)
            } else {
                let groupRow = try #require(self.row("sys_user_group", groupID))
                #expect(group["name"]?.stringValue == groupRow["name"], sourceLocation: sourceLocation)
                if let value = group["sysId"] { #expect(value.stringValue == groupID, sourceLocation: sourceLocation) }
            }
        }
    }

    /// Checks a mapped user reference (null when `sysID` is empty).
    func check(user: JSONValue, sysID: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if sysID.isEmpty {
            #expect(user == .null, sourceLocation: sourceLocation)
            return
        }
        let seeded = try #require(setup.seed.users.first { $0.sysID == sysID }, sourceLocation: sourceLocation)
        // Only what the query selected is in the response.
        if let value = user["sysId"] { #expect(value.stringValue == sysID, sourceLocation: sourceLocation) }
        if let value = user["name"] { #expect(value.stringValue == seeded.name, sourceLocation: sourceLocation) }
        if let value = user["id"] {
            #expect(
                value.stringValue == GlobalID(table: "sys_user", sysID: sysID).description,
                sourceLocation: sourceLocation
            )
        }
        if let email = user["email"] {
            #expect(email.stringValue == seeded.email, sourceLocation: sourceLocation)
        }
    }
}
