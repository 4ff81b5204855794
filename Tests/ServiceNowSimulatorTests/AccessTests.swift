import JSON
import ServiceNowSimulator
import Testing

@Suite struct AccessTests {
    static let ownerFields = ["caller_id", "opened_by", "requested_for", "requested_by"]

    /// What a user without itil may read of `table`, from the seed.
    static func visible(_ sim: SimulatorFixture, _ table: String, to user: String) -> Set<String> {
        let requests = Dictionary(uniqueKeysWithValues: sim.seed.records(in: "sc_request").map { ($0.sysID, $0) })
        return Set(
            sim.seed.records(in: table).filter { record in
                if ownerFields.contains(where: { record.values[$0] == user }) { return true }
                if let request = requests[record["request"]] {
                    return request["requested_for"] == user || request["opened_by"] == user
                }
                return false
            }.map(\.sysID)
        )
    }

    @Test(arguments: ["incident", "sc_request", "sc_req_item", "change_request", "problem", "sc_task"])
    func endUsersSeeOnlyTheirOwnTasks(table: String) async throws {
        try await SimulatorFixture.run { sim in
            let abel = try sim.userID("abel.tuter")
            let expected = Self.visible(sim, table, to: abel)
            if table != "sc_task" { #expect(!expected.isEmpty, "abel.tuter has \(table) records") }
            let response = try await sim.get(
                "/api/now/table/\(table)?sysparm_fields=sys_id",
                token: try sim.token("abel.tuter")
            )
            let ids = try #require(try response.json()["result"]?.arrayValue).compactMap { $0["sys_id"]?.stringValue }
            #expect(Set(ids) == expected)
            #expect(response.header("X-Total-Count") == String(expected.count))
        }
    }

    @Test func agentsAndAdminsSeeEverything() async throws {
        try await SimulatorFixture.run { sim in
            for user in ["beth.anglin", "admin", "itil"] {
                let response = try await sim.get("/api/now/table/incident?sysparm_limit=1", token: try sim.token(user))
                #expect(response.header("X-Total-Count") == String(sim.seed.records(in: "incident").count))
            }
        }
    }

    @Test func hiddenRecordsAre404BySysID() async throws {
        try await SimulatorFixture.run { sim in
            let abel = try sim.userID("abel.tuter")
            let other = try #require(
                sim.seed.records(in: "incident").first { $0["caller_id"] != abel && $0["opened_by"] != abel }
            )
            let mine = try #require(sim.seed.records(in: "incident").first { $0["caller_id"] == abel })
            let token = try sim.token("abel.tuter")
            let hidden = try await sim.get("/api/now/table/incident/\(other.sysID)", token: token)
            #expect(hidden.status == 404)
            #expect(
                try hidden.json()
                    == errorEnvelope("No Record found", "Record doesn't exist or ACL restricts the record retrieval")
            )
            #expect(try await sim.get("/api/now/table/incident/\(mine.sysID)", token: token).status == 200)
            // Updating what you cannot read is also a 404; the record stays untouched.
            #expect(
                try await sim.send(
                    "PATCH",
                    "/api/now/table/incident/\(other.sysID)",
                    token: token,
                    json: ["short_description": "x"]
                ).status == 404
            )
        }
    }

    @Test func writesDeniedByACLAre403() async throws {
        try await SimulatorFixture.run { sim in
            let abelToken = try sim.token("abel.tuter")
            let abel = try sim.userID("abel.tuter")
            let request = try #require(sim.seed.records(in: "sc_request").first { $0["requested_for"] == abel })
            let update = try await sim.send(
                "PATCH",
                "/api/now/table/sc_request/\(request.sysID)",
                token: abelToken,
                json: ["short_description": "x"]
            )
            #expect(update.status == 403)
            #expect(
                try update.json()
                    == errorEnvelope("Operation Failed", "ACL Exception Update Failed due to security constraints")
            )
            let insert = try await sim.send(
                "POST",
                "/api/now/table/change_request",
                token: abelToken,
                json: ["short_description": "x"]
            )
            #expect(insert.status == 403)
            #expect(
                try insert.json()
                    == errorEnvelope("Operation Failed", "ACL Exception Insert Failed due to security constraints")
            )
            let incident = try #require(sim.seed.records(in: "incident").first)
            let delete = try await sim.send(
                "DELETE",
                "/api/now/table/incident/\(incident.sysID)",
                token: try sim.token("beth.anglin"),
                json: nil
            )
            #expect(delete.status == 403)
            #expect(
                try delete.json()
                    == errorEnvelope("Operation Failed", "ACL Exception Delete Failed due to security constraints")
            )
            // An end user may update their own incident and create new ones.
            let mine = try #require(sim.seed.records(in: "incident").first { $0["caller_id"] == abel })
            #expect(
                try await sim.send(
                    "PATCH",
                    "/api/now/table/incident/\(mine.sysID)",
                    token: abelToken,
                    json: ["comments": "Any news?"]
                ).status == 200
            )
            #expect(
                try await sim.send(
                    "POST",
                    "/api/now/table/incident",
                    token: abelToken,
                    json: ["short_description": "Mine", "caller_id": .string(abel)]
                ).status == 201
            )
        }
    }

    @Test func everyoneReadsPublishedKnowledgeAndActiveCatalogItems() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("abel.tuter")
            let published = sim.seed.records(in: "kb_knowledge").filter { $0["workflow_state"] == "published" }
            let articles = try await sim.list("/api/now/table/kb_knowledge?sysparm_fields=sys_id", token: token)
            #expect(articles.count == published.count)
            #expect(published.count < sim.seed.records(in: "kb_knowledge").count)
            let active = sim.seed.records(in: "sc_cat_item").filter { $0["active"] == "true" }
            #expect(
                try await sim.list("/api/now/table/sc_cat_item?sysparm_fields=sys_id", token: token).count
                    == active.count
            )
            #expect(
                try await sim.list("/api/now/table/sys_user?sysparm_fields=sys_id", token: token).count
                    == sim.seed.users.count
            )
            #expect(
                try await sim.list("/api/now/table/kb_knowledge?sysparm_fields=sys_id", token: try sim.token("admin"))
                    .count == sim.seed.records(in: "kb_knowledge").count
            )
        }
    }

    @Test func rowACLsAfterTheLimitGiveShortPages() async throws {
        try await SimulatorFixture.run(rowSecurity: .afterLimit) { sim in
            let abel = try sim.userID("abel.tuter")
            let all = sim.seed.records(in: "incident")
            let response = try await sim.get(
                "/api/now/table/incident?sysparm_limit=20&sysparm_fields=sys_id",
                token: try sim.token("abel.tuter")
            )
            let page = try #require(try response.json()["result"]?.arrayValue)
            let expected = all.prefix(20).filter { $0["caller_id"] == abel || $0["opened_by"] == abel }
            #expect(page.count == expected.count)
            #expect(page.count < 20)
            #expect(response.header("X-Total-Count") == String(all.count))
        }
    }
}
