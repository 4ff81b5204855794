import JSON
import ServiceNowSimulator
import Testing

@Suite struct KnowledgeTests {
    @Test func rankedSearchWithMeta() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("abel.tuter")
            let response = try await sim.get(
                "/api/sn_km_api/knowledge/articles?query=vpn&fields=short_description&fields=number&limit=2",
                token: token
            )
            #expect(response.status == 200)
            let result = try #require(try response.json()["result"])
            let published = sim.seed.records(in: "kb_knowledge").filter {
                $0["workflow_state"] == "published"
                    && ($0["short_description"] + " " + $0["text"]).lowercased().contains("vpn")
            }
            #expect(result["meta"]?["count"] == .int(published.count))
            #expect(result["meta"]?["start"] == 0)
            #expect(result["meta"]?["end"] == 2)
            #expect(result["meta"]?["query"] == "vpn")
            #expect(result["meta"]?["status"] == ["code": 200])
            let articles = try #require(result["articles"]?.arrayValue)
            #expect(articles.count == 2)
            #expect(articles.map { $0["rank"] } == [1, 2])
            let first = articles[0]
            let id = try #require(first["id"]?.stringValue)
            #expect(id.hasPrefix("kb_knowledge:") && isSysID(String(id.dropFirst("kb_knowledge:".count))))
            #expect((first["score"]?.doubleValue ?? 0) >= (articles[1]["score"]?.doubleValue ?? 0))
            #expect(first["snippet"]?.stringValue?.isEmpty == false)
            #expect(first["fields"]?["short_description"]?["label"] == "Short description")
            #expect(first["fields"]?["number"]?["value"] == first["number"])
            // Drafts and retired articles never show.
            let all = try await sim.get("/api/sn_km_api/knowledge/articles?limit=100", token: token).json()["result"]
            #expect(
                all?["meta"]?["count"]
                    == .int(sim.seed.records(in: "kb_knowledge").filter { $0["workflow_state"] == "published" }.count)
            )
        }
    }

    @Test func articleBySysIDOrNumber() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("abel.tuter")
            let article = try #require(
                sim.seed.records(in: "kb_knowledge").first { $0["workflow_state"] == "published" }
            )
            for key in [article.sysID, article["number"]] {
                let result = try await sim.get("/api/sn_km_api/knowledge/articles/\(key)", token: token).json()[
                    "result"
                ]
                #expect(result?["sys_id"] == .string(article.sysID))
                #expect(result?["content"] == .string(article["text"]))
            }
            let draft = try #require(sim.seed.records(in: "kb_knowledge").first { $0["workflow_state"] == "draft" })
            #expect(try await sim.get("/api/sn_km_api/knowledge/articles/\(draft.sysID)", token: token).status == 404)
        }
    }
}

@Suite struct CurrentUserAndStatsTests {
    @Test func currentUser() async throws {
        try await SimulatorFixture.run { sim in
            let result = try await sim.get("/api/now/ui/user/current_user", token: try sim.token("beth.anglin")).json()[
                "result"
            ]
            #expect(result?["user_sys_id"] == .string(try sim.userID("beth.anglin")))
            #expect(result?["user_name"] == "beth.anglin")
            #expect(result?["user_display_name"] == "Beth Anglin")
        }
    }

    @Test func aggregateCountsAreStrings() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("abel.tuter")
            let abel = try sim.userID("abel.tuter")
            let mine = sim.seed.records(in: "incident").filter { $0["caller_id"] == abel && $0["active"] == "true" }
            let count = try await sim.get(
                "/api/now/stats/incident?sysparm_count=true&sysparm_query=caller_id%3Djavascript:gs.getUserID()%5Eactive%3Dtrue",
                token: token
            ).json()
            #expect(count == ["result": ["stats": ["count": .string(String(mine.count))]]])
            let grouped = try await sim.get(
                "/api/now/stats/incident?sysparm_count=true&sysparm_query=caller_id%3Djavascript:gs.getUserID()&sysparm_group_by=state",
                token: token
            ).json()
            let groups = try #require(grouped["result"]?.arrayValue)
            var expected: [String: Int] = [:]
            for record in sim.seed.records(in: "incident") where record["caller_id"] == abel {
                expected[record["state"], default: 0] += 1
            }
            #expect(groups.count == expected.count)
            for group in groups {
                let state = try #require(group["groupby_fields"]?[0]?["value"]?.stringValue)
                #expect(group["stats"]?["count"] == .string(String(expected[state] ?? -1)))
                #expect(group["groupby_fields"]?[0]?["field"] == "state")
            }
        }
    }
}

@Suite struct SeedTests {
    @Test func demoUsersAndRoles() async throws {
        try await SimulatorFixture.run { sim in
            let admin = try #require(sim.seed.user(named: "admin"))
            #expect(admin.name == "System Administrator")
            #expect(admin.roles.isSuperset(of: ["admin", "itil"]))
            #expect(sim.seed.user(named: "beth.anglin")?.roles == ["itil"])
            #expect(sim.seed.user(named: "abel.tuter")?.roles == [])
            #expect(sim.seed.user(named: "abel.tuter")?.email == "abel.tuter@example.com")
            #expect(sim.seed.users.filter { !$0.isGenerated }.count >= 50)
            for user in sim.seed.users { #expect(isSysID(user.sysID)) }
            for table in ["incident", "problem", "change_request", "sc_request", "sc_req_item"] {
                #expect(sim.seed.records(in: table).count >= 30, "\(table)")
            }
            #expect(sim.seed.records(in: "kb_knowledge").count >= 30)
            // Every state of the incident model is seeded.
            #expect(Set(sim.seed.records(in: "incident").map { $0["state"] }) == ["1", "2", "3", "6", "7", "8"])
        }
    }

    @Test func seedIsDeterministicAndSized() async throws {
        let one = ServiceNowSimulator(configuration: SimulatorConfiguration(seed: SeedConfiguration(generatedUsers: 5)))
            .seed
        let two = ServiceNowSimulator(configuration: SimulatorConfiguration(seed: SeedConfiguration(generatedUsers: 5)))
            .seed
        #expect(one.users == two.users)
        for table in one.tableNames { #expect(one.records(in: table) == two.records(in: table), "\(table)") }
        #expect(one.user(named: "user0005")?.isGenerated == true)
        #expect(one.user(named: "user0006") == nil)
        let userID = try #require(one.user(named: "user0003")?.sysID)
        #expect(one.records(in: "incident").filter { $0["caller_id"] == userID }.count == 2)
    }

    @Test func generatedUsersCanSignIn() async throws {
        try await SimulatorFixture.run(generatedUsers: 3) { sim in
            let response = try await sim.postForm(
                "/oauth_token.do",
                [
                    ("grant_type", "password"), ("client_id", SimulatorFixture.clientID),
                    ("client_secret", SimulatorFixture.clientSecret), ("username", "user0002"),
                    ("password", "password"),
                ]
            )
            #expect(response.status == 200)
        }
    }
}
