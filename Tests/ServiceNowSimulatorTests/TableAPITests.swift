import JSON
import ServiceNowSimulator
import Testing

@Suite struct TableAPITests {
    @Test func createReturns201WithLocationAndWholeRecord() async throws {
        try await SimulatorFixture.run { sim in
            let abel = try sim.userID("abel.tuter")
            let response = try await sim.send(
                "POST",
                "/api/now/table/incident",
                token: try sim.token("abel.tuter"),
                json: [
                    "short_description": "VPN drops every hour", "caller_id": .string(abel), "urgency": 2,
                    "impact": "2",
                ]
            )
            #expect(response.status == 201)
            let record = try #require(try response.json()["result"]?.objectValue)
            let sysID = try #require(record["sys_id"]?.stringValue)
            #expect(isSysID(sysID))
            #expect(response.header("Location") == "\(sim.baseURL)/api/now/table/incident/\(sysID)")
            #expect(response.header("Content-Type") == "application/json;charset=UTF-8")
            // Every value is a string; the instance numbers, opens and prioritises on its own.
            for (key, value) in record where value.objectValue == nil {
                #expect(value.stringValue != nil, "\(key) is not a string")
            }
            #expect(record["number"]?.stringValue?.hasPrefix("INC") == true)
            #expect(record["state"] == "1")
            #expect(record["priority"] == "3")
            #expect(record["active"] == "true")
            #expect(record["opened_by"]?["value"]?.stringValue == abel)
            #expect(record["assigned_to"] == "")
            #expect(isWireDate(record["opened_at"]?.stringValue ?? ""))
            #expect(record["opened_at"]?.stringValue == SimulatorSeed.epoch.formatted)
        }
    }

    @Test func callerIsNotFilledInForYou() async throws {
        try await SimulatorFixture.run { sim in
            let response = try await sim.send(
                "POST",
                "/api/now/table/incident",
                token: try sim.token("beth.anglin"),
                json: ["short_description": "x"]
            )
            #expect(try response.json()["result"]?["caller_id"] == "")
        }
    }

    @Test func readUpdateDelete() async throws {
        try await SimulatorFixture.run { sim in
            let admin = try sim.token("admin")
            let created = try await sim.send(
                "POST",
                "/api/now/table/incident",
                token: admin,
                json: ["short_description": "Printer jam"]
            )
            let sysID = try #require(try created.json()["result"]?["sys_id"]?.stringValue)
            let read = try await sim.get("/api/now/table/incident/\(sysID)", token: admin)
            #expect(read.status == 200)
            #expect(try read.json()["result"]?["short_description"] == "Printer jam")

            let patched = try await sim.send(
                "PATCH",
                "/api/now/table/incident/\(sysID)",
                token: admin,
                json: ["impact": "1", "urgency": "1", "state": "2"]
            )
            #expect(patched.status == 200)
            let result = try patched.json()["result"]
            #expect(result?["priority"] == "1")
            #expect(result?["sys_mod_count"] == "1")
            let put = try await sim.send("PUT", "/api/now/table/incident/\(sysID)", token: admin, json: ["state": "7"])
            #expect(try put.json()["result"]?["active"] == "false")

            let deleted = try await sim.send("DELETE", "/api/now/table/incident/\(sysID)", token: admin, json: nil)
            #expect(deleted.status == 204)
            #expect(deleted.body.isEmpty)
            let gone = try await sim.get("/api/now/table/incident/\(sysID)", token: admin)
            #expect(gone.status == 404)
            #expect(
                try gone.json()
                    == errorEnvelope("No Record found", "Record doesn't exist or ACL restricts the record retrieval")
            )
        }
    }

    @Test func unknownTableAndBadLimit() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("admin")
            let unknown = try await sim.get("/api/now/table/u_nope", token: token)
            #expect(unknown.status == 400)
            #expect(try unknown.json() == errorEnvelope("Invalid table u_nope", nil))
            for limit in ["0", "-1", "x"] {
                let bad = try await sim.get("/api/now/table/incident?sysparm_limit=\(limit)", token: token)
                #expect(bad.status == 400)
                #expect(
                    try bad.json()
                        == errorEnvelope(
                            "Invalid value given for sysparm_limit",
                            "sysparm_limit value must be a positive integer"
                        )
                )
            }
        }
    }

    @Test func unknownResourcesAndVersions() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("admin")
            for path in [
                "/api/now/batch", "/api/now/v3/table/incident", "/api/now/attachment", "/api/now/table", "/api/x/y",
                "/nothing.do",
            ] {
                let response = try await sim.get(path, token: token)
                #expect(response.status == 400, "\(path)")
                #expect(try response.json() == errorEnvelope("Requested URI does not represent any resource", nil))
            }
            #expect(try await sim.get("/api/now/v2/table/incident?sysparm_limit=1", token: token).status == 200)
            #expect(try await sim.get("/api/now/v1/table/incident?sysparm_limit=1", token: token).status == 200)
        }
    }

    @Test func emptyListIs404OnlyInV1() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("admin")
            let query = "?sysparm_query=number=NOPE"
            let v1 = try await sim.get("/api/now/v1/table/incident" + query, token: token)
            #expect(v1.status == 404)
            #expect(try v1.json()["error"]?["message"] == "No Record found")
            let v2 = try await sim.get("/api/now/v2/table/incident" + query, token: token)
            #expect(v2.status == 200)
            #expect(try v2.json() == ["result": []])
            #expect(v2.header("X-Total-Count") == "0")
        }
    }

    @Test func authenticationIsRequired() async throws {
        try await SimulatorFixture.run { sim in
            for token in [nil, "not-a-token"] as [String?] {
                let response = try await sim.get("/api/now/table/incident", token: token)
                #expect(response.status == 401)
                #expect(response.header("WWW-Authenticate") == "Basic realm=\"Service-now\"")
                #expect(
                    try response.json()
                        == errorEnvelope("User Not Authenticated", "Required to provide Auth information")
                )
            }
            // The token may also travel on the URL, and Basic credentials work as on an instance.
            let onURL = try await sim.get(
                "/api/now/table/incident?sysparm_limit=1&access_token=\(try sim.token("admin"))",
                token: nil
            )
            #expect(onURL.status == 200)
            let basic = try await sim.get(
                "/api/now/table/incident?sysparm_limit=1",
                token: nil,
                headers: [("Authorization", "Basic YWRtaW46cGFzc3dvcmQ=")]
            )
            #expect(basic.status == 200)
        }
    }

    @Test func acceptAndContentTypeAreChecked() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("admin")
            let noAccept = try await sim.http.send(
                "GET",
                sim.baseURL + "/api/now/table/incident",
                headers: [("Authorization", "Bearer \(token)")]
            )
            #expect(noAccept.status == 400)
            let xml = try await sim.http.send(
                "GET",
                sim.baseURL + "/api/now/table/incident",
                headers: [("Authorization", "Bearer \(token)"), ("Accept", "application/xml")]
            )
            #expect(xml.status == 406)
            let any = try await sim.http.send(
                "GET",
                sim.baseURL + "/api/now/table/incident?sysparm_limit=1",
                headers: [("Authorization", "Bearer \(token)"), ("Accept", "*/*")]
            )
            #expect(any.status == 200)
            let text = try await sim.http.send(
                "POST",
                sim.baseURL + "/api/now/table/incident",
                headers: [
                    ("Authorization", "Bearer \(token)"), ("Accept", "application/json"),
                    ("Content-Type", "text/plain"),
                ],
                body: Array("{}".utf8)
            )
            #expect(text.status == 415)
            let broken = try await sim.http.send(
                "POST",
                sim.baseURL + "/api/now/table/incident",
                headers: [
                    ("Authorization", "Bearer \(token)"), ("Accept", "application/json"),
                    ("Content-Type", "application/json"),
                ],
                body: Array("{".utf8)
            )
            #expect(broken.status == 400)
            #expect(
                try broken.json() == errorEnvelope("Exception while reading request", "The payload is not valid JSON.")
            )
        }
    }

    @Test func methodOverride() async throws {
        try await SimulatorFixture.run { sim in
            let admin = try sim.token("admin")
            let incident = try #require(sim.seed.records(in: "incident").first)
            let response = try await sim.send(
                "POST",
                "/api/now/table/incident/\(incident.sysID)",
                token: admin,
                json: ["short_description": "Overridden"],
                headers: [("X-HTTP-Method-Override", "PATCH")]
            )
            #expect(response.status == 200)
            #expect(try response.json()["result"]?["short_description"] == "Overridden")
        }
    }

    @Test func displayValueShapes() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("admin")
            let incident = try #require(
                sim.seed.records(in: "incident").first { !$0["caller_id"].isEmpty && $0["assigned_to"].isEmpty }
            )
            let caller = try #require(sim.seed.users.first { $0.sysID == incident["caller_id"] })
            let link = JSONValue.string("\(sim.baseURL)/api/now/table/sys_user/\(caller.sysID)")
            let path =
                "/api/now/table/incident/\(incident.sysID)?sysparm_fields=number,state,caller_id,assigned_to,priority"
            let plain = try await sim.get(path, token: token).json()["result"]
            #expect(
                plain == [
                    "number": .string(incident["number"]), "state": .string(incident["state"]),
                    "caller_id": ["link": link, "value": .string(caller.sysID)], "assigned_to": "",
                    "priority": .string(incident["priority"]),
                ]
            )
            let stateLabels = [
                "1": "New", "2": "In Progress", "3": "On Hold", "6": "Resolved", "7": "Closed", "8": "Canceled",
            ]
            let priorityLabels = [
                "1": "1 - Critical", "2": "2 - High", "3": "3 - Moderate", "4": "4 - Low", "5": "5 - Planning",
            ]
            let display = try await sim.get(path + "&sysparm_display_value=true", token: token).json()["result"]
            #expect(
                display == [
                    "number": .string(incident["number"]), "state": .string(stateLabels[incident["state"]] ?? "?"),
                    "caller_id": ["display_value": .string(caller.name), "link": link], "assigned_to": "",
                    "priority": .string(priorityLabels[incident["priority"]] ?? "?"),
                ]
            )
            let all = try await sim.get(path + "&sysparm_display_value=all", token: token).json()["result"]
            #expect(
                all?["caller_id"] == [
                    "display_value": .string(caller.name), "value": .string(caller.sysID), "link": link,
                ]
            )
            #expect(all?["assigned_to"] == ["display_value": "", "value": ""])
            #expect(
                all?["state"] == [
                    "display_value": .string(stateLabels[incident["state"]] ?? "?"),
                    "value": .string(incident["state"]),
                ]
            )

            let noLinks = "&sysparm_exclude_reference_link=true"
            #expect(
                try await sim.get(path + noLinks, token: token).json()["result"]?["caller_id"] == .string(caller.sysID)
            )
            #expect(
                try await sim.get(path + noLinks + "&sysparm_display_value=true", token: token).json()["result"]?[
                    "caller_id"
                ] == .string(caller.name)
            )
            #expect(
                try await sim.get(path + noLinks + "&sysparm_display_value=all", token: token).json()["result"]?[
                    "caller_id"
                ]
                    == ["display_value": .string(caller.name), "value": .string(caller.sysID)]
            )
        }
    }

    @Test func datesDisplayInTheUsersTimeZone() async throws {
        try await SimulatorFixture.run { sim in
            // admin's time zone is America/Los_Angeles: UTC-7 in summer.
            let created = try await sim.send(
                "POST",
                "/api/now/table/incident?sysparm_display_value=all&sysparm_fields=opened_at",
                token: try sim.token("admin"),
                json: ["short_description": "x"]
            )
            #expect(
                try created.json()["result"]?["opened_at"] == [
                    "display_value": "2026-06-01 02:00:00", "value": "2026-06-01 09:00:00",
                ]
            )
        }
    }

    @Test func dotWalkedFields() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("admin")
            let abel = try #require(sim.seed.user(named: "abel.tuter"))
            let records = try await sim.list(
                "/api/now/table/incident?sysparm_query=caller_id=\(abel.sysID)&sysparm_limit=1&sysparm_fields=number,caller_id.email,caller_id.department.name,caller_id.department,caller_id.nope",
                token: token
            )
            let record = try #require(records.first?.objectValue)
            #expect(record["caller_id.email"] == .string(abel.email))
            #expect(record["caller_id.department.name"] == "Sales")
            #expect(
                record["caller_id.department"]?["link"]?.stringValue?.contains("/api/now/table/cmn_department/") == true
            )
            #expect(record["caller_id.nope"] == nil)
            #expect(record.count == 4)
        }
    }

    @Test func paginationCoversTheWholeListWithoutGapsOrDuplicates() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("admin")
            let expected = sim.seed.records(in: "incident").filter { $0["active"] == "true" }.count
            var seen: [String] = []
            var next: String? =
                "\(sim.baseURL)/api/now/table/incident?sysparm_query=active%3Dtrue%5EORDERBYnumber&sysparm_fields=sys_id&sysparm_limit=7"
            var pages = 0
            while let url = next {
                let response = try await sim.http.send(
                    "GET",
                    url,
                    headers: [("Accept", "application/json"), ("Authorization", "Bearer \(token)")]
                )
                #expect(response.header("X-Total-Count") == String(expected))
                seen += try #require(try response.json()["result"]?.arrayValue).compactMap { $0["sys_id"]?.stringValue }
                let link = try #require(response.header("Link"))
                #expect(link.contains("rel=\"first\"") && link.contains("rel=\"last\""))
                next = link.split(separator: ",").first { $0.hasSuffix("rel=\"next\"") }.map {
                    String($0.dropFirst().prefix { $0 != ">" })
                }
                pages += 1
                if pages > 100 { break }
            }
            #expect(seen.count == expected)
            #expect(Set(seen).count == expected)
            #expect(pages == (expected + 6) / 7)
        }
    }

    @Test func countAndLinkHeadersCanBeSwitchedOff() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("admin")
            let plain = try await sim.get("/api/now/table/incident?sysparm_limit=5", token: token)
            #expect(plain.header("Link") != nil)
            #expect(plain.header("X-Total-Count") == String(sim.seed.records(in: "incident").count))
            let quiet = try await sim.get(
                "/api/now/table/incident?sysparm_limit=5&sysparm_no_count=true&sysparm_suppress_pagination_header=true",
                token: token
            )
            #expect(quiet.header("Link") == nil)
            #expect(quiet.header("X-Total-Count") == nil)
            let onePage = try await sim.get("/api/now/table/sys_user_group", token: token)
            #expect(onePage.header("Link") == nil)
        }
    }

    @Test func fieldValueShortcutAcceptsDisplayValues() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("admin")
            let expected = sim.seed.records(in: "incident").filter { $0["state"] == "2" }.count
            #expect(
                try await sim.list("/api/now/table/incident?state=2&sysparm_fields=number", token: token).count
                    == expected
            )
            #expect(
                try await sim.list("/api/now/table/incident?state=In%20Progress&sysparm_fields=number", token: token)
                    .count == expected
            )
            let abel = try sim.userID("abel.tuter")
            let abels = sim.seed.records(in: "incident").filter { $0["caller_id"] == abel }.count
            #expect(
                try await sim.list("/api/now/table/incident?caller_id=Abel%20Tuter&sysparm_fields=number", token: token)
                    .count == abels
            )
        }
    }

    @Test func journalFieldsWriteEntriesAndReadEmpty() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("beth.anglin")
            let incident = try #require(sim.seed.records(in: "incident").first)
            let response = try await sim.send(
                "PATCH",
                "/api/now/table/incident/\(incident.sysID)",
                token: token,
                json: ["comments": "Please reboot", "work_notes": "Checked logs"]
            )
            #expect(try response.json()["result"]?["comments"] == "")
            let entries = try await sim.list(
                "/api/now/table/sys_journal_field?sysparm_query=element_id=\(incident.sysID)^ORDERBYDESCsys_created_on&sysparm_fields=element,value,sys_created_by",
                token: token
            )
            #expect(
                entries.contains(["element": "comments", "value": "Please reboot", "sys_created_by": "beth.anglin"])
            )
            #expect(
                entries.contains(["element": "work_notes", "value": "Checked logs", "sys_created_by": "beth.anglin"])
            )
        }
    }
}
