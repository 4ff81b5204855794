import CurlHTTP
import Foundation
import JSON
import ServiceNowSimulator
import Testing

@testable import Gateway

/// The administrators' tools through GraphQL over HTTP, against the simulator: the audit log, the connected users
/// (paged) and disconnecting one user; none of it for non-admins, and no answer ever holds a secret or a token.
@Suite struct AdminToolsTests {
    static let adminQuery = """
        query Admin($first: Int, $after: String) {
          auditLog(first: 10) { id at actor action details }
          connectedUsers(first: $first, after: $after) {
            totalCount
            nodes { subject connectedAt updatedAt }
            pageInfo { hasNextPage endCursor }
          }
        }
        """

    @Test func anAdminSeesTheLogAndTheUsersAndDisconnectsOne() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway async throws in
                gateway.registerClient(at: simulator)
                let admin = harness.token("admin-1", admin: true)
                let configure = try await gateway.graphQL(
                    """
                    mutation C($input: ConfigureServiceNowInput!) {
                      configureServiceNow(input: $input) { configuration { configured } }
                    }
                    """,
                    variables: [
                        "input": [
                            "instanceUrl": .string(simulator.baseURL), "clientId": .string(GatewayHarness.clientID),
                            "clientSecret": .string(harness.clientSecret),
                        ]
                    ],
                    token: admin
                )
                #expect(try configure.json()["errors"] == nil)
                for (subject, login) in [("user-a", "abel.tuter"), ("user-b", "beth.anglin")] {
                    #expect(try await gateway.connect(subject, as: login, simulator: simulator).status == 200)
                }
                let tokens = [
                    try #require(try await gateway.store.tokens(subject: "user-a")),
                    try #require(try await gateway.store.tokens(subject: "user-b")),
                ]
                var responses: [CurlResponse] = [configure]

                let firstPage = try await gateway.graphQL(Self.adminQuery, variables: ["first": 1], token: admin)
                responses.append(firstPage)
                let body = try firstPage.json()
                #expect(body["errors"] == nil)
                let entries = try #require(body["data"]?["auditLog"]?.arrayValue)
                let configured = try #require(entries.first { $0["action"] == "configureServiceNow" })
                #expect(configured["actor"] == "admin-1")
                let details = try #require(configured["details"]?.stringValue)
                #expect(
                    details.contains(simulator.baseURL.replacingOccurrences(of: "/", with: "\\/"))
                        || details.contains(simulator.baseURL)
                )
                let users = try #require(body["data"]?["connectedUsers"])
                #expect(users["totalCount"] == 2)
                #expect(users["nodes"]?.arrayValue?.count == 1)
                #expect(users["pageInfo"]?["hasNextPage"] == true)
                let cursor = try #require(users["pageInfo"]?["endCursor"]?.stringValue)
                let secondPage = try await gateway.graphQL(
                    Self.adminQuery,
                    variables: ["first": 1, "after": .string(cursor)],
                    token: admin
                )
                responses.append(secondPage)
                let secondUsers = try #require(try secondPage.json()["data"]?["connectedUsers"])
                #expect(secondUsers["pageInfo"]?["hasNextPage"] == false)
                let subjects = [users, secondUsers].compactMap { $0["nodes"]?[0]?["subject"]?.stringValue }
                #expect(Set(subjects) == ["user-a", "user-b"])

                // Not for users.
                let forbidden = try await gateway.graphQL(Self.adminQuery, token: harness.token("user-a"))
                #expect(try forbidden.json()["errors"]?[0]?["extensions"]?["code"] == "FORBIDDEN")
                #expect(try forbidden.json()["data"] == .null)
                let notAllowed = try await gateway.graphQL(
                    #"mutation { disconnectUser(subject: "user-b") { disconnected } }"#,
                    token: harness.token("user-a")
                )
                #expect(try notAllowed.json()["errors"]?[0]?["extensions"]?["code"] == "FORBIDDEN")
                #expect(try await gateway.store.tokens(subject: "user-b") != nil)

                let disconnect = try await gateway.graphQL(
                    #"mutation { disconnectUser(subject: "user-a") { disconnected } }"#,
                    token: admin
                )
                responses.append(disconnect)
                #expect(try disconnect.json() == ["data": ["disconnectUser": ["disconnected": true]]])
                let again = try await gateway.graphQL(
                    #"mutation { disconnectUser(subject: "user-a") { disconnected } }"#,
                    token: admin
                )
                #expect(try again.json() == ["data": ["disconnectUser": ["disconnected": false]]])
                #expect(try await gateway.store.tokens(subject: "user-a") == nil)
                #expect(try await gateway.store.tokens(subject: "user-b") != nil)
                // Revoked at ServiceNow too: the old access token no longer works there; user-b's still does.
                let revoked = try await OAuthFlowTests.serviceNowUser(
                    tokens[0].accessToken,
                    at: simulator,
                    client: harness.client
                )
                #expect(revoked.status == 401)
                let kept = try await OAuthFlowTests.serviceNowUser(
                    tokens[1].accessToken,
                    at: simulator,
                    client: harness.client
                )
                #expect(kept.status == 200)
                let viewer = try await gateway.graphQL(
                    "{ viewer { serviceNow { connected } } }",
                    token: harness.token("user-a")
                )
                #expect(try viewer.json()["data"]?["viewer"]?["serviceNow"]?["connected"] == false)

                let after = try await gateway.graphQL(Self.adminQuery, token: admin)
                responses.append(after)
                let latest = try #require(try after.json()["data"]?["auditLog"]?[0])
                #expect(latest["action"] == "disconnectUser")
                #expect(latest["actor"] == "admin-1")
                #expect(latest["details"]?.stringValue?.contains("user-a") == true)
                #expect(try after.json()["data"]?["connectedUsers"]?["totalCount"] == 1)

                // No answer holds the client secret or a user's tokens.
                var secrets = [harness.clientSecret]
                for token in tokens {
                    secrets.append(token.accessToken)
                    if let refresh = token.refreshToken { secrets.append(refresh) }
                }
                for response in responses {
                    for secret in secrets {
                        #expect(
                            !response.text.contains(secret),
                            "a secret of \(secret.count) characters is in a response"
                        )
                    }
                }
                // Nor the log.
                for secret in secrets {
                    #expect(!harness.logs.text.contains(secret), "a secret of \(secret.count) characters is in the log")
                }
            }
        }
    }

    @Test func badPagingArgumentsAreClearErrors() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway { gateway async throws in
            let admin = harness.token("admin-1", admin: true)
            let tooMany = try await gateway.graphQL("{ auditLog(first: 1000) { id } }", token: admin)
            let error = try #require(try tooMany.json()["errors"]?[0])
            #expect(error["extensions"]?["code"] == "BAD_USER_INPUT")
            #expect(error["extensions"]?["field"] == "first")
            let badCursor = try await gateway.graphQL(
                #"{ connectedUsers(after: "not-a-cursor") { totalCount } }"#,
                token: admin
            )
            #expect(try badCursor.json()["errors"]?[0]?["extensions"]?["code"] == "BAD_USER_INPUT")
        }
    }
}
