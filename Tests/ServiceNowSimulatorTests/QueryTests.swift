import JSON
import ServiceNowSimulator
import Testing

/// Encoded queries over HTTP, with expectations computed from the seed by plain Swift filters.
@Suite struct QueryTests {
    /// The sys_ids the Table API returns for `query` on `table` (as admin, who reads everything).
    static func ids(_ sim: SimulatorFixture, _ table: String, _ query: String) async throws -> [String] {
        let path = "/api/now/table/\(table)?sysparm_fields=sys_id&sysparm_query=\(SimulatorFixture.encode(query))"
        return try await sim.list(path, token: try sim.token("admin")).compactMap { $0["sys_id"]?.stringValue }
    }

    static func expect(
        _ sim: SimulatorFixture,
        _ table: String,
        _ query: String,
        _ predicate: (Record) -> Bool
    ) async throws {
        let expected = sim.seed.records(in: table).filter(predicate).map(\.sysID)
        let actual = try await ids(sim, table, query)
        #expect(Set(actual) == Set(expected), "\(query): \(actual.count) vs \(expected.count)")
        #expect(actual.count == expected.count, "\(query)")
    }

    @Test func stringOperators() async throws {
        try await SimulatorFixture.run { sim in
            try await Self.expect(sim, "incident", "short_descriptionLIKEvpn") {
                $0["short_description"].lowercased().contains("vpn")
            }
            try await Self.expect(sim, "incident", "short_descriptionNOT LIKEvpn") {
                !$0["short_description"].lowercased().contains("vpn")
            }
            try await Self.expect(sim, "incident", "short_descriptionSTARTSWITHLaptop") {
                $0["short_description"].hasPrefix("Laptop")
            }
            try await Self.expect(sim, "incident", "short_descriptionENDSWITHslow") {
                $0["short_description"].lowercased().hasSuffix("slow")
            }
            try await Self.expect(sim, "incident", "category=network") { $0["category"] == "network" }
            try await Self.expect(sim, "incident", "category!=network") { $0["category"] != "network" }
            try await Self.expect(sim, "incident", "short_description*printer") {
                $0["short_description"].lowercased().contains("printer")
            }
        }
    }

    @Test func setAndEmptinessOperators() async throws {
        try await SimulatorFixture.run { sim in
            try await Self.expect(sim, "incident", "stateIN1,2,3") { ["1", "2", "3"].contains($0["state"]) }
            try await Self.expect(sim, "incident", "stateNOT IN6,7,8") { !["6", "7", "8"].contains($0["state"]) }
            try await Self.expect(sim, "incident", "assigned_toISEMPTY") { $0["assigned_to"].isEmpty }
            try await Self.expect(sim, "incident", "assigned_toISNOTEMPTY") { !$0["assigned_to"].isEmpty }
            try await Self.expect(sim, "incident", "numberANYTHING") { _ in true }
            try await Self.expect(sim, "incident", "hold_reasonEMPTYSTRING") { $0["hold_reason"].isEmpty }
        }
    }

    @Test func numericAndDateComparisons() async throws {
        try await SimulatorFixture.run { sim in
            try await Self.expect(sim, "incident", "priority<3") { Int($0["priority"])! < 3 }
            try await Self.expect(sim, "incident", "priority<=3") { Int($0["priority"])! <= 3 }
            try await Self.expect(sim, "incident", "priority>3") { Int($0["priority"])! > 3 }
            try await Self.expect(sim, "incident", "priority>=4") { Int($0["priority"])! >= 4 }
            try await Self.expect(sim, "change_request", "state<0") { Int($0["state"])! < 0 }
            try await Self.expect(sim, "incident", "opened_at>2026-05-01 00:00:00") {
                $0["opened_at"] > "2026-05-01 00:00:00"
            }
            try await Self.expect(sim, "incident", "opened_at<2026-03-01") { $0["opened_at"] < "2026-03-01" }
            try await Self.expect(
                sim,
                "incident",
                "opened_atBETWEENjavascript:gs.dateGenerate('2026-04-01','00:00:00')@javascript:gs.dateGenerate('2026-04-30','23:59:59')"
            ) {
                $0["opened_at"] >= "2026-04-01 00:00:00" && $0["opened_at"] <= "2026-04-30 23:59:59"
            }
            // The seed is relative to the fixed epoch, which the manual clock starts at.
            try await Self.expect(sim, "incident", "opened_at>=javascript:gs.daysAgoStart(7)") {
                $0["opened_at"] >= "2026-05-25 00:00:00"
            }
            try await Self.expect(sim, "incident", "opened_atRELATIVEGT@day@ago@10") {
                $0["opened_at"] > "2026-05-22 09:00:00"
            }
            try await Self.expect(
                sim,
                "incident",
                "opened_atONLast week@javascript:gs.daysAgoStart(7)@javascript:gs.daysAgoEnd(1)"
            ) {
                $0["opened_at"] >= "2026-05-25 00:00:00" && $0["opened_at"] <= "2026-05-31 23:59:59"
            }
        }
    }

    @Test func orBindsTighterThanAndAndNewQueryGroups() async throws {
        try await SimulatorFixture.run { sim in
            try await Self.expect(sim, "incident", "category=network^ORcategory=database^active=true") {
                ($0["category"] == "network" || $0["category"] == "database") && $0["active"] == "true"
            }
            try await Self.expect(sim, "incident", "active=true^category=network^ORcategory=hardware") {
                $0["active"] == "true" && ($0["category"] == "network" || $0["category"] == "hardware")
            }
            try await Self.expect(sim, "incident", "state=1^category=network^NQstate=8") {
                ($0["state"] == "1" && $0["category"] == "network") || $0["state"] == "8"
            }
        }
    }

    @Test func orderingAscendingAndDescending() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("admin")
            let rows = try await sim.list(
                "/api/now/table/incident?sysparm_fields=number,priority&sysparm_query=ORDERBYpriority%5EORDERBYDESCnumber",
                token: token
            )
            let pairs = rows.map { (Int($0["priority"]?.stringValue ?? "") ?? 0, $0["number"]?.stringValue ?? "") }
            let sorted = pairs.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 > $1.1 }
            #expect(pairs.map(\.1) == sorted.map(\.1))
            #expect(pairs.count == sim.seed.records(in: "incident").count)
        }
    }

    @Test func dotWalkingInQueries() async throws {
        try await SimulatorFixture.run { sim in
            let users = Dictionary(uniqueKeysWithValues: sim.seed.records(in: "sys_user").map { ($0.sysID, $0) })
            let departments = Dictionary(
                uniqueKeysWithValues: sim.seed.records(in: "cmn_department").map { ($0.sysID, $0) }
            )
            let requests = Dictionary(uniqueKeysWithValues: sim.seed.records(in: "sc_request").map { ($0.sysID, $0) })
            try await Self.expect(sim, "incident", "caller_id.department.name=Sales") {
                departments[users[$0["caller_id"]]?["department"] ?? ""]?["name"] == "Sales"
            }
            let abel = try sim.userID("abel.tuter")
            try await Self.expect(sim, "sc_req_item", "request.requested_for=\(abel)") {
                requests[$0["request"]]?["requested_for"] == abel
            }
            try await Self.expect(sim, "incident", "caller_id.nameSTARTSWITHAbel") {
                users[$0["caller_id"]]?["name"].hasPrefix("Abel") == true
            }
            // A reference's text operators look at its display value.
            try await Self.expect(sim, "incident", "caller_idLIKEtuter") {
                users[$0["caller_id"]]?["name"].lowercased().contains("tuter") == true
            }
        }
    }

    @Test func dynamicValuesAreTheCaller() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("beth.anglin")
            let beth = try sim.userID("beth.anglin")
            let expected = Set(sim.seed.records(in: "incident").filter { $0["assigned_to"] == beth }.map(\.sysID))
            for query in [
                "assigned_to=javascript:gs.getUserID()", "assigned_toDYNAMIC90d1921e5f510100a9ad2572f2b477fe",
                "assigned_to.user_name=javascript:gs.getUserName()",
            ] {
                let rows = try await sim.list(
                    "/api/now/table/incident?sysparm_fields=sys_id&sysparm_query=\(SimulatorFixture.encode(query))",
                    token: token
                )
                #expect(Set(rows.compactMap { $0["sys_id"]?.stringValue }) == expected, "\(query)")
            }
            let me = try await sim.list(
                "/api/now/table/sys_user?sysparm_query=sys_id%3Djavascript:gs.getUserID()&sysparm_limit=1&sysparm_fields=sys_id,user_name,name",
                token: token
            )
            #expect(me == [["sys_id": .string(beth), "user_name": "beth.anglin", "name": "Beth Anglin"]])
        }
    }

    @Test func sameAsComparesTwoFields() async throws {
        try await SimulatorFixture.run { sim in
            try await Self.expect(sim, "incident", "opened_bySAMEAScaller_id") { $0["opened_by"] == $0["caller_id"] }
            try await Self.expect(sim, "incident", "opened_byNSAMEAScaller_id") { $0["opened_by"] != $0["caller_id"] }
        }
    }

    @Test func textQuerySearchesTextFields() async throws {
        try await SimulatorFixture.run { sim in
            try await Self.expect(sim, "incident", "123TEXTQUERY321=docking monitors") {
                let text =
                    ($0["short_description"] + " " + $0["description"] + " " + $0["close_notes"] + " " + $0["number"])
                    .lowercased()
                return text.contains("docking") && text.contains("monitors")
            }
        }
    }

    @Test func unknownFieldsAreIgnored() async throws {
        try await SimulatorFixture.run { sim in
            try await Self.expect(sim, "incident", "u_nope=1^active=true") { $0["active"] == "true" }
            try await Self.expect(sim, "incident", "caller_id.u_nope=1^ORDERBYu_nope") { _ in true }
        }
    }

    @Test func taskTableSpansEveryKind() async throws {
        try await SimulatorFixture.run { sim in
            let total = ["incident", "problem", "change_request", "sc_request", "sc_req_item", "sc_task"].reduce(0) {
                $0 + sim.seed.records(in: $1).count
            }
            let response = try await sim.get("/api/now/table/task?sysparm_limit=1", token: try sim.token("admin"))
            #expect(response.header("X-Total-Count") == String(total))
        }
    }
}
