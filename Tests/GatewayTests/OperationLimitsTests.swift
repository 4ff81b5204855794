import CurlHTTP
import Foundation
import JSON
import ServiceNowSimulator
import Testing

@testable import Gateway

/// The operation limits of `SecuritySettings.operations` over real HTTP, with the real engine: each refused document
/// gets its own clear error before any resolver runs, and a document just within the limits is answered.
@Suite struct OperationLimitsTests {
    /// The `extensions.limit` values of a response's `QUERY_TOO_COMPLEX` errors.
    static func exceededLimits(_ response: CurlResponse) throws -> [String] {
        let errors = try response.json()["errors"]?.arrayValue ?? []
        return errors.compactMap { error in
            guard error["extensions"]?["code"] == "QUERY_TOO_COMPLEX" else { return nil }
            return error["extensions"]?["limit"]?.stringValue
        }
    }

    @Test func depthAliasesAndRootFieldsAreRefusedBeforeExecution() async throws {
        let harness = try GatewayHarness()
        var security = SecuritySettings()
        security.operations.maxDepth = 2
        security.operations.maxAliases = 2
        security.operations.maxRootFields = 3
        try await harness.withGateway(security: security) { gateway async throws in
            let token = harness.token("user-a")
            let within = try await gateway.graphQL(
                "{ widgetSettings { showLogo } viewer { isAdmin } a: widgetSettings { showLogo } }",
                token: token
            )
            #expect(
                try within.json()
                    == [
                        "data": [
                            "widgetSettings": ["showLogo": true], "viewer": ["isAdmin": false],
                            "a": ["showLogo": true],
                        ]
                    ]
            )

            let refused: [(document: String, limit: String)] = [
                ("{ viewer { serviceNow { configured } } }", "depth"),
                (
                    "{ a: widgetSettings { showLogo } b: widgetSettings { showLogo } c: widgetSettings { showLogo } }",
                    "aliases"
                ),
                (
                    "{ widgetSettings { showLogo } viewer { isAdmin } a: widgetSettings { showLogo } b: viewer { isAdmin } }",
                    "rootFields"
                ),
            ]
            for (document, limit) in refused {
                let response = try await gateway.graphQL(document, token: token)
                #expect(response.status == 200, "\(limit)")
                #expect(try response.json()["data"] == nil, "\(limit)")
                #expect(try Self.exceededLimits(response) == [limit], "\(document)")
                // Under the modern media type a request error is a 400.
                let modern = try await gateway.graphQL(
                    document,
                    token: token,
                    accept: "application/graphql-response+json"
                )
                #expect(modern.status == 400, "\(limit)")
            }
        }
    }

    @Test func theCostIsPricedWithTheRequestsVariables() async throws {
        let harness = try GatewayHarness()
        var security = SecuritySettings()
        security.operations.maxCost = 50
        try await harness.withGateway(security: security) { gateway async throws in
            let admin = harness.token("admin-1", admin: true)
            let document = "query Users($n: Int) { connectedUsers(first: $n) { totalCount nodes { subject name } } }"
            let small = try await gateway.graphQL(document, variables: ["n": 5], token: admin)
            #expect(try small.json() == ["data": ["connectedUsers": ["totalCount": 0, "nodes": []]]])

            // The same document (validated once, cached) asks for 100 rows: refused before anything runs.
            let large = try await gateway.graphQL(document, variables: ["n": 100], token: admin)
            #expect(large.status == 200)
            let body = try large.json()
            #expect(body["data"] == nil)
            let error = try #require(body["errors"]?[0])
            #expect(error["extensions"]?["code"] == "QUERY_TOO_COMPLEX")
            #expect(error["extensions"]?["limit"] == "cost")
            #expect(error["extensions"]?["max"] == 50)
            let actual = try #require(error["extensions"]?["actual"]?.intValue)
            #expect(actual > 50)
        }
    }

    @Test func theParserBoundsRefuseHugeDocuments() async throws {
        let harness = try GatewayHarness()
        var security = SecuritySettings()
        security.operations.maxDocumentBytes = 1024
        security.operations.maxTokens = 100
        try await harness.withGateway(security: security) { gateway async throws in
            let token = harness.token("user-a")
            let long = "{ widgetSettings { showLogo } } # " + String(repeating: "x", count: 2000)
            let tooLong = try await gateway.graphQL(long, token: token)
            let lengthError = try #require(try tooLong.json()["errors"]?[0])
            #expect(lengthError["extensions"]?["code"] == "GRAPHQL_PARSE_FAILED")
            #expect(lengthError["message"]?.stringValue?.contains("larger than 1024 bytes") == true)

            let many = "{ widgetSettings { " + String(repeating: "showLogo ", count: 100) + "} }"
            let tooMany = try await gateway.graphQL(many, token: token)
            let tokenError = try #require(try tooMany.json()["errors"]?[0])
            #expect(tokenError["extensions"]?["code"] == "GRAPHQL_PARSE_FAILED")
            #expect(tokenError["message"]?.stringValue?.contains("more than 100 tokens") == true)

            let fits = "{ widgetSettings { " + String(repeating: "showLogo ", count: 20) + "} }"
            #expect(
                try await gateway.graphQL(fits, token: token).json() == ["data": ["widgetSettings": ["showLogo": true]]]
            )
        }
    }

    @Test func introspectionAndSuggestionsCanBeKeptFromNonAdmins() async throws {
        let harness = try GatewayHarness()
        var security = SecuritySettings()
        security.operations.introspection = .admins
        security.operations.suggestions = .admins
        try await harness.withGateway(security: security) { gateway async throws in
            let introspection = "{ __schema { queryType { name } } }"
            let user = try await gateway.graphQL(introspection, token: harness.token("user-a"))
            #expect(try user.json()["data"] == nil)
            #expect(try user.json()["errors"]?[0]?["extensions"]?["code"] == "GRAPHQL_VALIDATION_FAILED")
            let admin = try await gateway.graphQL(introspection, token: harness.token("admin-1", admin: true))
            #expect(try admin.json() == ["data": ["__schema": ["queryType": ["name": "Query"]]]])

            let typo = "{ widgetSetting { showLogo } }"
            let userTypo = try await gateway.graphQL(typo, token: harness.token("user-a"))
            let userMessage = try #require(try userTypo.json()["errors"]?[0]?["message"]?.stringValue)
            #expect(!userMessage.contains("Did you mean"))
            let adminTypo = try await gateway.graphQL(typo, token: harness.token("admin-1", admin: true))
            let adminMessage = try #require(try adminTypo.json()["errors"]?[0]?["message"]?.stringValue)
            #expect(adminMessage.contains("Did you mean \"widgetSettings\"?"))

            // The SDL tells as much as introspection: not served while introspection is restricted.
            #expect(try await gateway.request(.get, "/schema.graphql").status == 404)
        }
        try await harness.withGateway { gateway async throws in
            #expect(try await gateway.request(.get, "/schema.graphql").status == 200)
        }
    }

    @Test func aRequestHasABudgetOfServiceNowCalls() async throws {
        let harness = try GatewayHarness()
        let query =
            // Mutations run one after the other: each is a call of its own (reads would share one Batch call).
            #"mutation { a: createIncident(input: {shortDescription: "Printer on fire"}) { incident { number } } "#
            + #"b: createIncident(input: {shortDescription: "Printer still on fire"}) { incident { number } } }"#
        try await harness.withSimulator { simulator in
            let apiCalls = { simulator.control.requests.filter { $0.path.hasPrefix("/api/") }.count }
            // Unlimited: how many calls the query takes.
            let needed = try await harness.withGateway { gateway async throws in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                let before = apiCalls()
                let response = try await gateway.graphQL(query, token: harness.token("user-a"))
                #expect(try response.json()["errors"] == nil)
                return apiCalls() - before
            }
            try #require(needed >= 2, "the query takes \(needed) calls")

            var security = SecuritySettings()
            security.operations.maxUpstreamCalls = needed - 1
            try await harness.withGateway(security: security) { gateway async throws in
                gateway.registerClient(at: simulator)
                let before = apiCalls()
                let response = try await gateway.graphQL(query, token: harness.token("user-a"))
                #expect(response.status == 200)
                let body = try response.json()
                let errors = try #require(body["errors"]?.arrayValue)
                // The first mutation ran; the second was refused before anything was sent (its payload is non-null,
                // so `data` is null as the spec wants).
                let refused = try #require(errors.first { $0["extensions"]?["code"] == "UPSTREAM_BUDGET_EXCEEDED" })
                #expect(refused["path"] == ["b"])
                #expect(refused["extensions"]?["max"] == .int(needed - 1))
                #expect(apiCalls() - before <= needed - 1)
            }
        }
    }

    @Test func aSlowRequestIsStoppedAtTheExecutionTimeout() async throws {
        let harness = try GatewayHarness()
        var security = SecuritySettings()
        // Generous against a loaded CI machine (2 cores, every suite in parallel): the quick request below must fit
        // in it, the slowed one must clearly not.
        security.operations.executionTimeout = .milliseconds(1500)
        // Every ServiceNow API call takes 6 s (OAuth is not slowed); the simulator runs on the real clock.
        let slow = SimulatorConfiguration(latency: LatencyModel(transaction: .seconds(6)))
        try await ServiceNowSimulator.withRunning(slow) { simulator in
            try await harness.withGateway(security: security) { gateway async throws in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                let started = ContinuousClock.now
                let response = try await gateway.graphQL("{ incidents { totalCount } }", token: harness.token("user-a"))
                let elapsed = ContinuousClock.now - started
                #expect(response.status == 200)
                let body = try response.json()
                #expect(body["data"] == .null)
                let error = try #require(body["errors"]?[0])
                #expect(error["extensions"]?["code"] == "EXECUTION_TIMEOUT")
                #expect(error["message"]?.stringValue?.contains("1.5 seconds") == true)
                #expect(elapsed < .milliseconds(5500), "the request waited for ServiceNow: \(elapsed)")
                // The gateway is still fine: a request without ServiceNow is answered.
                let quick = try await gateway.graphQL("{ widgetSettings { showLogo } }", token: harness.token("user-a"))
                #expect(try quick.json() == ["data": ["widgetSettings": ["showLogo": true]]])
            }
        }
    }
}
