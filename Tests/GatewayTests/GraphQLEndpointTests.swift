import CurlHTTP
import Foundation
import JSON
import ServiceNowSimulator
import Testing

@testable import Gateway

/// The gateway-owned fields through the real engine over HTTP: the viewer's connection, the widget settings and
/// the admin's configuration, with the GraphQL-over-HTTP rules applied to real documents.
@Suite struct GraphQLEndpointTests {
    static let viewerQuery =
        "{ viewer { isAdmin serviceNow { configured connected instanceUrl } } widgetSettings { showLogo } }"

    @Test func theViewerSeesTheirConnection() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                let token = harness.token("user-a")
                let before = try await gateway.graphQL(Self.viewerQuery, token: token)
                #expect(before.status == 200)
                #expect(
                    try before.json()
                        == [
                            "data": [
                                "viewer": [
                                    "isAdmin": false,
                                    "serviceNow": ["configured": false, "connected": false, "instanceUrl": nil],
                                ],
                                "widgetSettings": ["showLogo": true],
                            ]
                        ]
                )
                let noLink = try await gateway.graphQL("{ viewer { serviceNow { authorizeUrl } } }", token: token)
                #expect(try noLink.json()["data"]?["viewer"]?["serviceNow"]?["authorizeUrl"] == .null)

                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                // Connect with the link the viewer query hands out, as the widget does.
                let linkResponse = try await gateway.graphQL("{ viewer { serviceNow { authorizeUrl } } }", token: token)
                let link = try #require(
                    try linkResponse.json()["data"]?["viewer"]?["serviceNow"]?["authorizeUrl"]?.stringValue
                )
                let redirect = try simulator.control.approveAuthorization(url: link, asUser: "abel.tuter")
                #expect(try await harness.client.execute(CurlRequest(url: redirect)).status == 200)

                let after = try await gateway.graphQL(Self.viewerQuery, token: token)
                let serviceNow = try #require(try after.json()["data"]?["viewer"]?["serviceNow"])
                #expect(
                    serviceNow == ["configured": true, "connected": true, "instanceUrl": .string(simulator.baseURL)]
                )
                // A connected viewer gets no link: a widget asks on every render, and each link is a store write.
                let connectedLink = try await gateway.graphQL(
                    "{ viewer { serviceNow { authorizeUrl } } }",
                    token: token
                )
                #expect(try connectedLink.json()["data"]?["viewer"]?["serviceNow"]?["authorizeUrl"] == .null)

                let disconnect = try await gateway.graphQL(
                    "mutation { disconnectServiceNow { disconnected } }",
                    token: token
                )
                #expect(try disconnect.json() == ["data": ["disconnectServiceNow": ["disconnected": true]]])
                let gone = try await gateway.graphQL("{ viewer { serviceNow { connected } } }", token: token)
                #expect(try gone.json()["data"]?["viewer"]?["serviceNow"]?["connected"] == false)
            }
        }
    }

    @Test func adminFieldsAreForbiddenToOthers() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway { gateway in
            let token = harness.token("user-a")
            let documents = [
                "{ serviceNowConfiguration { configured } }",
                #"mutation { configureServiceNow(input: {instanceUrl: "https://acme.service-now.com", clientId: "a", clientSecret: "b"}) { disconnectedUsers } }"#,
                "mutation { updateWidgetSettings(input: {showLogo: false}) { showLogo } }",
            ]
            for document in documents {
                let response = try await gateway.graphQL(document, token: token)
                #expect(response.status == 200)
                let body = try response.json()
                #expect(body["data"] == .null, "\(document)")
                #expect(body["errors"]?[0]?["extensions"]?["code"] == "FORBIDDEN", "\(document)")
            }
            #expect(try await gateway.store.serviceNowConfiguration() == nil)
            #expect(try await gateway.store.widgetSettings().showLogo)
        }
    }

    @Test func anAdminConfiguresThroughGraphQL() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway { gateway in
            let admin = harness.token("admin-1", admin: true)
            let mutation = """
                mutation Configure($input: ConfigureServiceNowInput!) {
                  configureServiceNow(input: $input) {
                    configuration { configured instanceUrl clientId clientSecretSet redirectUrl connectedUsers }
                    disconnectedUsers
                  }
                }
                """
            let refused = try await gateway.graphQL(
                mutation,
                variables: [
                    "input": ["instanceUrl": "http://acme.service-now.com", "clientId": "c", "clientSecret": "s"]
                ],
                token: admin
            )
            let error = try #require(try refused.json()["errors"]?[0])
            #expect(error["extensions"]?["code"] == "BAD_USER_INPUT")
            #expect(error["extensions"]?["field"] == "instanceUrl")
            #expect(error["path"] == ["configureServiceNow"])

            let saved = try await gateway.graphQL(
                mutation,
                variables: [
                    "input": [
                        "instanceUrl": "https://Acme.Service-Now.com/", "clientId": "client-1",
                        "clientSecret": "top-secret-value",
                    ]
                ],
                token: admin
            )
            #expect(!saved.text.contains("top-secret-value"))
            #expect(
                try saved.json()
                    == [
                        "data": [
                            "configureServiceNow": [
                                "configuration": [
                                    "configured": true, "instanceUrl": "https://acme.service-now.com",
                                    "clientId": "client-1", "clientSecretSet": true,
                                    "redirectUrl": .string(gateway.baseURL + "/oauth/callback"), "connectedUsers": 0,
                                ],
                                "disconnectedUsers": 0,
                            ]
                        ]
                    ]
            )
            let settings = try await gateway.graphQL(
                "mutation { updateWidgetSettings(input: {showLogo: false}) { showLogo } }",
                token: admin
            )
            #expect(try settings.json() == ["data": ["updateWidgetSettings": ["showLogo": false]]])
            let read = try await gateway.graphQL("{ widgetSettings { showLogo } }", token: harness.token("user-b"))
            #expect(try read.json() == ["data": ["widgetSettings": ["showLogo": false]]])
        }
    }

    @Test func httpRulesWithRealDocuments() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway { gateway in
            let auth = [("Authorization", "Bearer \(harness.token("user-a"))")]
            let mutation = "mutation { disconnectServiceNow { disconnected } }"
            let get = try await gateway.request(
                .get,
                "/graphql?" + FormEncoding.encode([("query", mutation)]),
                headers: auth
            )
            #expect(get.status == 405)
            #expect(get.header("Allow") == "POST")
            // A document with a query and a mutation: GET may run the query, not the mutation.
            let mixed = "query Q { widgetSettings { showLogo } } mutation M { disconnectServiceNow { disconnected } }"
            let query = try await gateway.request(
                .get,
                "/graphql?" + FormEncoding.encode([("query", mixed), ("operationName", "Q")]),
                headers: auth
            )
            #expect(query.status == 200)
            #expect(try query.json() == ["data": ["widgetSettings": ["showLogo": true]]])
            let named = try await gateway.request(
                .get,
                "/graphql?" + FormEncoding.encode([("query", mixed), ("operationName", "M")]),
                headers: auth
            )
            #expect(named.status == 405)

            let syntax = "{ widgetSettings { showLogo }"
            let legacy = try await gateway.graphQL(syntax, token: harness.token("user-a"))
            #expect(legacy.status == 200)
            #expect(try legacy.json()["errors"]?[0]?["extensions"]?["code"] == "GRAPHQL_PARSE_FAILED")
            #expect(try legacy.json()["data"] == nil)
            let modern = try await gateway.graphQL(
                syntax,
                token: harness.token("user-a"),
                accept: "application/graphql-response+json"
            )
            #expect(modern.status == 400)
            #expect(modern.header("Content-Type") == "application/graphql-response+json; charset=utf-8")

            let invalid = try await gateway.graphQL("{ nonexistent }", token: harness.token("user-a"))
            #expect(invalid.status == 200)
            let invalidError = try #require(try invalid.json()["errors"]?[0])
            #expect(invalidError["extensions"]?["code"] == "GRAPHQL_VALIDATION_FAILED")
            #expect(invalidError["message"] == #"Cannot query field "nonexistent" on type "Query"."#)
            let invalidModern = try await gateway.graphQL(
                "{ nonexistent }",
                token: harness.token("user-a"),
                accept: "application/graphql-response+json"
            )
            #expect(invalidModern.status == 400)

            let aliases = "{ " + (1...40).map { "a\($0): widgetSettings { showLogo }" }.joined(separator: " ") + " }"
            let tooComplex = try await gateway.graphQL(aliases, token: harness.token("user-a"))
            #expect(try tooComplex.json()["errors"]?[0]?["extensions"]?["code"] == "QUERY_TOO_COMPLEX")

            let badVariables = try await gateway.graphQL(
                "mutation ($input: UpdateWidgetSettingsInput!) { updateWidgetSettings(input: $input) { showLogo } }",
                variables: ["input": ["showLogo": "yes"]],
                token: harness.token("admin", admin: true),
                accept: "application/graphql-response+json"
            )
            #expect(badVariables.status == 400)
            #expect(try badVariables.json()["errors"]?[0]?["extensions"]?["code"] == "BAD_USER_INPUT")
        }
    }

    @Test func unexpectedFailuresAreHiddenAndLogged() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway { gateway in
            await gateway.store.close()
            let response = try await harness.client.execute(
                CurlRequest(
                    method: .post,
                    url: gateway.baseURL + "/graphql",
                    headers: [
                        CurlHeader(name: "Authorization", value: "Bearer \(harness.token("user-a"))"),
                        CurlHeader(name: "Content-Type", value: "application/json"),
                        CurlHeader(name: "X-Request-Id", value: "req-500"),
                    ],
                    body: Array(#"{"query":"{ widgetSettings { showLogo } }"}"#.utf8)
                )
            )
            #expect(response.status == 200)
            let error = try #require(try response.json()["errors"]?[0])
            #expect(error["extensions"]?["code"] == "INTERNAL_SERVER_ERROR")
            #expect(!response.text.lowercased().contains("sqlite"))
            #expect(!response.text.contains("store"))
            #expect(harness.logs.all.contains { $0.contains("request_id=req-500") && $0.contains("store failed") })
        }
    }

    static let widgetQuery = """
        {
          viewer { user { userName name } serviceNow { connected } }
          incidents(first: 50) { totalCount nodes { number caller { userName } } }
          requests { totalCount }
        }
        """

    @Test func dataAsTheConnectedUser() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                try await gateway.connect("user-b", as: "beth.anglin", simulator: simulator)

                let response = try await gateway.graphQL(Self.widgetQuery, token: harness.token("user-a"))
                #expect(response.status == 200)
                let body = try response.json()
                #expect(body["errors"] == nil)
                let data = try #require(body["data"])
                #expect(data["viewer"]?["user"]?["userName"] == "abel.tuter")
                #expect(data["viewer"]?["serviceNow"]?["connected"] == true)
                let nodes = try #require(data["incidents"]?["nodes"]?.arrayValue)
                #expect(!nodes.isEmpty)
                // Exactly Abel's open incidents (as caller or opener), as the simulator holds them.
                let abel = try #require(
                    simulator.control.records(in: "sys_user").first { $0["user_name"] == "abel.tuter" }
                )
                let open = simulator.control.records(in: "incident").filter {
                    ($0["caller_id"] == abel.sysID || $0["opened_by"] == abel.sysID) && $0["active"] == "true"
                }
                #expect(data["incidents"]?["totalCount"] == .int(open.count))
                #expect(Set(nodes.compactMap { $0["number"]?.stringValue }) == Set(open.map { $0["number"] }))

                // Every ServiceNow call of the request carried Abel's token only.
                let abelToken = try #require(try await gateway.store.tokens(subject: "user-a")).accessToken
                let apiCalls = simulator.control.requests.filter { $0.path.hasPrefix("/api/") }
                #expect(!apiCalls.isEmpty && apiCalls.allSatisfy { $0.accessToken == abelToken })

                // Beth (an agent) sees her own view, with her own token.
                let beth = try await gateway.graphQL(Self.widgetQuery, token: harness.token("user-b"))
                #expect(try beth.json()["data"]?["viewer"]?["user"]?["userName"] == "beth.anglin")

                let metrics = try await gateway.request(.get, "/metrics")
                #expect(
                    metrics.text.contains(#"snowgate_upstream_requests_total{endpoint="batch",outcome="200"}"#)
                        || metrics.text.contains(#"snowgate_upstream_requests_total{endpoint="table",outcome="200"}"#)
                )
            }
        }
    }

    @Test func aUserWhoIsNotConnectedIsAskedToConnect() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                let token = harness.token("user-a")
                let unconfigured = try await gateway.graphQL(Self.widgetQuery, token: token)
                let unconfiguredBody = try unconfigured.json()
                #expect(unconfiguredBody["data"]?["viewer"]?["user"] == .null)
                #expect(unconfiguredBody["data"]?["incidents"] == .null)
                #expect(unconfiguredBody["errors"]?[0]?["extensions"]?["code"] == "SERVICENOW_NOT_CONFIGURED")

                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                let response = try await gateway.graphQL(Self.widgetQuery, token: token)
                let body = try response.json()
                #expect(body["data"]?["viewer"]?["user"] == .null)
                #expect(body["data"]?["viewer"]?["serviceNow"]?["connected"] == false)
                #expect(body["data"]?["incidents"] == .null)
                let errors = try #require(body["errors"]?.arrayValue)
                #expect(errors.count == 2)
                for error in errors {
                    #expect(error["extensions"]?["code"] == "SERVICENOW_AUTH_REQUIRED")
                }
                // One link for the whole request, and it works.
                let link = try #require(errors[0]["extensions"]?["authorizeUrl"]?.stringValue)
                #expect(errors[1]["extensions"]?["authorizeUrl"]?.stringValue == link)
                #expect(!simulator.control.requests.contains { $0.path.hasPrefix("/api/") })
                let redirect = try simulator.control.approveAuthorization(url: link, asUser: "abel.tuter")
                #expect(try await harness.client.execute(CurlRequest(url: redirect)).status == 200)
                let after = try await gateway.graphQL(Self.widgetQuery, token: token)
                #expect(try after.json()["data"]?["viewer"]?["user"]?["userName"] == "abel.tuter")
            }
        }
    }

    @Test func expiredTokensAreRefreshedOnceForAWholeRequest() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                let query =
                    "{ incidents { totalCount } requests { totalCount } problems { totalCount } "
                    + "changeRequests { totalCount } viewer { user { userName } } }"
                let grants = { simulator.control.requests.filter { $0.path == "/oauth_token.do" }.count }
                #expect(grants() == 1)

                // ServiceNow expires the token before the gateway expects: a 401, one refresh, the retry.
                simulator.control.expireAllTokens()
                let afterExpiry = try await gateway.graphQL(query, token: harness.token("user-a"))
                #expect(try afterExpiry.json()["errors"] == nil)
                #expect(grants() == 2)

                // The gateway's clock passes the expiry: refreshed ahead, once, for every field of the request.
                harness.clock.advance(by: 1800)
                let ahead = try await gateway.graphQL(query, token: harness.token("user-a"))
                #expect(try ahead.json()["errors"] == nil)
                #expect(try ahead.json()["data"]?["viewer"]?["user"]?["userName"] == "abel.tuter")
                #expect(grants() == 3)
            }
        }
    }
}
