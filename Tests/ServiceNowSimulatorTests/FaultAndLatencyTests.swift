import JSON
import ServiceNowSimulator
import Testing

@Suite struct FaultTests {
    @Test func serverErrorsUseTheEnvelope() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("admin")
            sim.control.inject(.internalServerError(pathPrefix: "/api/now/table/incident", count: 1))
            sim.control.inject(.serviceUnavailable(pathPrefix: "/api/now/table/problem"))
            let failed = try await sim.get("/api/now/table/incident?sysparm_limit=1", token: token)
            #expect(failed.status == 500)
            #expect(try failed.json() == errorEnvelope("Internal Server Error", nil))
            // Counted: the next one goes through; other paths are untouched.
            #expect(try await sim.get("/api/now/table/incident?sysparm_limit=1", token: token).status == 200)
            #expect(try await sim.get("/api/now/table/sys_user?sysparm_limit=1", token: token).status == 200)
            for _ in 0..<2 {
                #expect(try await sim.get("/api/now/table/problem?sysparm_limit=1", token: token).status == 503)
            }
            sim.control.clearFaults()
            #expect(try await sim.get("/api/now/table/problem?sysparm_limit=1", token: token).status == 200)
        }
    }

    @Test func rateLimitCarriesRetryAfterAndRuleHeaders() async throws {
        try await SimulatorFixture.run { sim in
            sim.control.inject(
                .rateLimited(retryAfterSeconds: 42, limit: 100, rule: "0123456789abcdef0123456789abcdef", count: 1)
            )
            let response = try await sim.get("/api/now/table/incident", token: try sim.token("admin"))
            #expect(response.status == 429)
            #expect(response.header("Retry-After") == "42")
            #expect(response.header("X-RateLimit-Limit") == "100")
            #expect(response.header("X-RateLimit-Rule") == "0123456789abcdef0123456789abcdef")
            #expect(response.header("X-RateLimit-Reset") == String(SimulatorSeed.epoch.secondsSince1970 + 42))
            #expect(try response.json()["error"]?["message"] == "Rate limit exceeded")
        }
    }

    @Test func hibernatingInstanceAnswers200WithHTML() async throws {
        try await SimulatorFixture.run { sim in
            sim.control.inject(.hibernating())
            let response = try await sim.get("/api/now/table/incident", token: try sim.token("admin"))
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(response.text.contains("hibernating"))
            #expect((try? response.json()) == nil)
        }
    }

    @Test func droppedConnectionGetsNoResponse() async throws {
        try await SimulatorFixture.run { sim in
            let token = try sim.token("admin")
            sim.control.inject(.droppedConnection(pathPrefix: "/api/", count: 1))
            await #expect(throws: TestHTTPClient.Failure.self) {
                try await sim.get("/api/now/table/incident", token: token)
            }
            #expect(try await sim.get("/api/now/table/incident?sysparm_limit=1", token: token).status == 200)
            let log = sim.control.requests(withAccessToken: token)
            #expect(log.map(\.status) == [nil, 200])
        }
    }

    @Test func requestLogPerToken() async throws {
        try await SimulatorFixture.run { sim in
            let abel = try sim.token("abel.tuter")
            let beth = try sim.token("beth.anglin")
            _ = try await sim.get("/api/now/table/incident?sysparm_limit=1", token: abel)
            _ = try await sim.get("/api/now/table/problem?sysparm_limit=2", token: beth)
            _ = try await sim.get("/api/now/ui/user/current_user", token: abel)
            let entries = sim.control.requests(withAccessToken: abel)
            #expect(entries.map(\.path) == ["/api/now/table/incident", "/api/now/ui/user/current_user"])
            #expect(entries.first?.query == "sysparm_limit=1")
            #expect(entries.first?.method == "GET")
            #expect(sim.control.requests(withAccessToken: beth).count == 1)
            sim.control.clearRequestLog()
            #expect(sim.control.requests.isEmpty)
        }
    }
}

@Suite struct LatencyTests {
    @Test func fullPoolAndQueueAnswer429WithoutRateLimitHeaders() async throws {
        let clock = ManualClock(start: SimulatorSeed.epoch)
        let latency = LatencyModel(transaction: .seconds(1), concurrentTransactions: 1, queueLength: 1)
        try await SimulatorFixture.run(clock: clock, latency: latency) { sim in
            let token = try sim.token("admin")
            async let first = sim.get("/api/now/table/sys_user_group?sysparm_limit=1", token: token)
            while sim.control.activeTransactions < 1 || clock.sleeperCount < 1 {
                try await Task.sleep(for: .milliseconds(1))
            }
            async let second = sim.get("/api/now/table/sys_user_group?sysparm_limit=1", token: token)
            while sim.control.queuedTransactions < 1 { try await Task.sleep(for: .milliseconds(1)) }
            // One running, one queued: a third is turned away at once.
            let third = try await sim.get("/api/now/table/sys_user_group?sysparm_limit=1", token: token)
            #expect(third.status == 429)
            #expect(third.header("Retry-After") == nil)
            #expect(third.header("X-RateLimit-Limit") == nil)
            #expect(try third.json()["status"] == "failure")
            clock.advance(by: .seconds(1))
            #expect(try await first.status == 200)
            while clock.sleeperCount < 1 { try await Task.sleep(for: .milliseconds(1)) }
            clock.advance(by: .seconds(1))
            #expect(try await second.status == 200)
        }
    }

    @Test func roundTripDelaysEveryRequest() async throws {
        let clock = ManualClock(start: SimulatorSeed.epoch)
        try await SimulatorFixture.run(clock: clock, latency: LatencyModel(roundTrip: .milliseconds(80))) { sim in
            async let response = sim.postForm(
                "/oauth_token.do",
                [
                    ("grant_type", "password"), ("client_id", SimulatorFixture.clientID),
                    ("client_secret", SimulatorFixture.clientSecret), ("username", "admin"), ("password", "password"),
                ]
            )
            while clock.sleeperCount < 1 { try await Task.sleep(for: .milliseconds(1)) }
            clock.advance(by: .milliseconds(80))
            #expect(try await response.status == 200)
        }
    }

    @Test func wallClockLatencyIsReal() async throws {
        try await SimulatorFixture.run(
            clock: WallClock(),
            latency: LatencyModel(roundTrip: .milliseconds(30), transaction: .milliseconds(30))
        ) { sim in
            let token = try sim.token("admin")
            let started = ContinuousClock.now
            #expect(try await sim.get("/api/now/table/sys_user_group?sysparm_limit=1", token: token).status == 200)
            #expect(ContinuousClock.now - started >= .milliseconds(60))
        }
    }
}

@Suite struct ControlAPITests {
    @Test func controlOverHTTPWhenEnabled() async throws {
        try await SimulatorFixture.run(controlEndpoints: true) { sim in
            let issued = try await sim.send(
                "POST",
                "/_simulator/tokens",
                token: nil,
                json: ["user": "abel.tuter", "client_id": .string(SimulatorFixture.clientID)]
            )
            #expect(issued.status == 200)
            let token = try #require(try issued.json()["access_token"]?.stringValue)
            #expect(try await sim.get("/api/now/table/incident?sysparm_limit=1", token: token).status == 200)
            let log = try await sim.get(
                "/_simulator/requests?access_token=\(SimulatorFixture.encode(token))",
                token: nil
            ).json()
            #expect(log["requests"]?.arrayValue?.count == 1)
            #expect(
                try await sim.send("POST", "/_simulator/faults", token: nil, json: ["kind": "503", "count": 1]).status
                    == 201
            )
            #expect(try await sim.get("/api/now/table/incident", token: token).status == 503)
            #expect(try await sim.send("POST", "/_simulator/tokens/expire", token: nil, json: [:]).status == 204)
            #expect(try await sim.get("/api/now/table/incident", token: token).status == 401)
            let url = "/oauth_auth.do?response_type=code&client_id=\(SimulatorFixture.clientID)&state=s1"
            let authorized = try await sim.send(
                "POST",
                "/_simulator/authorize",
                token: nil,
                json: ["url": .string(url), "user": "abel.tuter"]
            )
            #expect(
                try authorized.json()["redirect"]?.stringValue?.hasPrefix(SimulatorFixture.redirectURL + "?code=")
                    == true
            )
            #expect(
                try await sim.send(
                    "PUT",
                    "/_simulator/clients/\(SimulatorFixture.clientID)/secret",
                    token: nil,
                    json: ["client_secret": "new"]
                ).status == 204
            )
        }
    }

    @Test func controlIsAnUnknownResourceWhenDisabled() async throws {
        try await SimulatorFixture.run { sim in
            let response = try await sim.send(
                "POST",
                "/_simulator/tokens",
                token: nil,
                json: ["user": "abel.tuter", "client_id": "test-client"]
            )
            #expect(response.status == 400)
            #expect(try response.json() == errorEnvelope("Requested URI does not represent any resource", nil))
        }
    }
}
