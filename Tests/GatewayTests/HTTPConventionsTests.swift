import CurlHTTP
import Foundation
import JSON
import Testing

@testable import Gateway

/// The GraphQL-over-HTTP rules and the other endpoints, over a real loopback port with libcurl; GraphQL execution
/// is the echo double, so these tests are about the transport alone.
@Suite struct HTTPConventionsTests {
    @Test func postWithJSONGetsJSON() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
            let response = try await gateway.graphQL(
                "query Q($n: Int) { a }",
                variables: ["n": 1],
                token: harness.token("alice")
            )
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            let echo = try #require(try response.json()["data"]?["echo"])
            #expect(echo["subject"] == "alice")
            #expect(echo["variables"] == ["n": 1])
            #expect(echo["isAdmin"] == false)
        }
    }

    @Test func contentNegotiation() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
            let token = harness.token("alice")
            let modern = try await gateway.graphQL("{ a }", token: token, accept: "application/graphql-response+json")
            #expect(modern.status == 200)
            #expect(modern.header("Content-Type") == "application/graphql-response+json; charset=utf-8")

            // A request error: 400 under graphql-response+json, 200 under application/json.
            let invalidModern = try await gateway.graphQL(
                "invalid",
                token: token,
                accept: "application/graphql-response+json"
            )
            #expect(invalidModern.status == 400)
            #expect(try invalidModern.json()["errors"]?[0]?["message"] == "Syntax Error: invalid")
            let invalidLegacy = try await gateway.graphQL("invalid", token: token, accept: "application/json")
            #expect(invalidLegacy.status == 200)
            #expect(invalidLegacy.header("Content-Type") == "application/json; charset=utf-8")

            let unacceptable = try await gateway.graphQL("{ a }", token: token, accept: "text/html")
            #expect(unacceptable.status == 406)
            #expect(try unacceptable.json()["errors"]?[0]?["extensions"]?["code"] == "NOT_ACCEPTABLE")
        }
    }

    @Test func wrongContentTypeIs415() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
            for contentType in ["text/plain", "application/graphql", "application/x-www-form-urlencoded", nil] {
                var headers = [("Authorization", "Bearer \(harness.token("alice"))")]
                if let contentType { headers.append(("Content-Type", contentType)) }
                let response = try await gateway.request(
                    .post,
                    "/graphql",
                    headers: headers,
                    body: Array(#"{"query":"{ a }"}"#.utf8)
                )
                #expect(response.status == 415, "Content-Type \(contentType ?? "none")")
                #expect(try response.json()["errors"]?[0]?["extensions"]?["code"] == "UNSUPPORTED_MEDIA_TYPE")
            }
        }
    }

    @Test func malformedRequestsAre400WithAGraphQLShapedBody() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
            let headers = [
                ("Authorization", "Bearer \(harness.token("alice"))"), ("Content-Type", "application/json"),
            ]
            for body in ["{not json", "{}", #"{"query": 7}"#, #"{"query":"{ a }","variables":[1]}"#] {
                for accept in ["application/json", "application/graphql-response+json"] {
                    let response = try await gateway.request(
                        .post,
                        "/graphql",
                        headers: headers + [("Accept", accept)],
                        body: Array(body.utf8)
                    )
                    #expect(response.status == 400, "\(body) as \(accept)")
                    let error = try #require(try response.json()["errors"]?[0])
                    #expect(error["extensions"]?["code"] == "BAD_REQUEST")
                    #expect(error["message"]?.stringValue?.isEmpty == false)
                }
            }
        }
    }

    @Test func oversizedBodiesAre413() async throws {
        let harness = try GatewayHarness()
        var limits = GatewayConfiguration.Limits()
        limits.maxBodyBytes = 4096
        try await harness.withGateway(graphQL: EchoGraphQLService(), limits: limits) { gateway in
            let big = #"{"query":"{ a }","variables":{"x":""# + String(repeating: "x", count: 8000) + #""}}"#
            let response = try await gateway.request(
                .post,
                "/graphql",
                headers: [
                    ("Authorization", "Bearer \(harness.token("alice"))"), ("Content-Type", "application/json"),
                ],
                body: Array(big.utf8)
            )
            #expect(response.status == 413)
            #expect(try response.json()["errors"]?[0]?["extensions"]?["code"] == "PAYLOAD_TOO_LARGE")

            // Just under the limit is fine.
            let fits = #"{"query":"{ a }","variables":{"x":""# + String(repeating: "x", count: 3000) + #""}}"#
            let ok = try await gateway.request(
                .post,
                "/graphql",
                headers: [
                    ("Authorization", "Bearer \(harness.token("alice"))"), ("Content-Type", "application/json"),
                ],
                body: Array(fits.utf8)
            )
            #expect(ok.status == 200)
        }
    }

    @Test func aStreamedBodyIsCutOffAtTheLimit() async throws {
        let harness = try GatewayHarness()
        var limits = GatewayConfiguration.Limits()
        limits.maxBodyBytes = 4096
        try await harness.withGateway(graphQL: EchoGraphQLService(), limits: limits) { gateway in
            let port = try #require(gateway.server.address.port)
            let head =
                "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer \(harness.token("alice"))\r\nTransfer-Encoding: chunked\r\n\r\n"
            // 64 chunks of 1 KiB: 16 times the limit, without any Content-Length to refuse it up front.
            let chunks =
                [Array(#"{"query":"{ a }","variables":{"x":""#.utf8)]
                + Array(repeating: [UInt8](repeating: UInt8(ascii: "x"), count: 1024), count: 64)
            let exchange = try await Task.detached {
                try RawHTTP.sendChunked(port: port, head: head, chunks: chunks)
            }.value
            #expect(exchange.response.hasPrefix("HTTP/1.1 413"), "\(exchange)")
            #expect(exchange.response.contains("PAYLOAD_TOO_LARGE"))
        }
    }

    @Test func getRunsQueriesAndRefusesMutationsWith405() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
            let auth = [("Authorization", "Bearer \(harness.token("alice"))")]
            let query = FormEncoding.encode([
                ("query", "query Q($n: Int) { a }"), ("variables", #"{"n":2}"#), ("operationName", "Q"),
            ])
            let get = try await gateway.request(.get, "/graphql?" + query, headers: auth)
            #expect(get.status == 200)
            let echo = try #require(try get.json()["data"]?["echo"])
            #expect(echo["variables"] == ["n": 2])
            #expect(echo["operationName"] == "Q")

            let mutation = try await gateway.request(
                .get,
                "/graphql?" + FormEncoding.encode([("query", "mutation { disconnectServiceNow { disconnected } }")]),
                headers: auth
            )
            #expect(mutation.status == 405)
            #expect(mutation.header("Allow") == "POST")
            #expect(try mutation.json()["errors"]?[0]?["extensions"]?["code"] == "METHOD_NOT_ALLOWED")

            let badVariables = try await gateway.request(
                .get,
                "/graphql?" + FormEncoding.encode([("query", "{ a }"), ("variables", "{nope")]),
                headers: auth
            )
            #expect(badVariables.status == 400)

            let noQuery = try await gateway.request(.get, "/graphql", headers: auth)
            #expect(noQuery.status == 400)

            let put = try await gateway.request(.put, "/graphql", headers: auth, body: [])
            #expect(put.status == 405)
            #expect(put.header("Allow") == "GET, POST")
        }
    }

    /// Every kind of bad identity gets the same 401 body, and the reason never reaches the client.
    @Test func unauthenticatedRequestsGet401() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
            let other = try JWTSigner(secret: "another-secret-that-is-long-enough-000000")
            let expired = harness.signer.sign(
                subject: "alice",
                issuedAt: harness.clock.now().addingTimeInterval(-7200),
                expiresAt: harness.clock.now().addingTimeInterval(-3600)
            )
            let none = harness.signer.sign(header: ["alg": "none"], claims: ["sub": "alice", "exp": 9_999_999_999])
            let cases: [String?] = [
                nil, "Basic dXNlcjpwYXNz", "Bearer", "Bearer not-a-jwt",
                "Bearer "
                    + other.sign(
                        subject: "alice",
                        issuedAt: harness.clock.now(),
                        expiresAt: harness.clock.now().addingTimeInterval(60)
                    ),
                "Bearer " + expired, "Bearer " + none,
            ]
            for authorization in cases {
                var headers = [("Content-Type", "application/json")]
                if let authorization { headers.append(("Authorization", authorization)) }
                let response = try await gateway.request(
                    .post,
                    "/graphql",
                    headers: headers,
                    body: Array(#"{"query":"{ a }"}"#.utf8)
                )
                #expect(response.status == 401)
                #expect(response.header("WWW-Authenticate") == "Bearer")
                let body = try response.json()
                #expect(
                    body
                        == [
                            "errors": [
                                [
                                    "message": .string(AuthenticationError.publicMessage),
                                    "extensions": ["code": "UNAUTHENTICATED"],
                                ]
                            ]
                        ]
                )
            }
        }
    }

    @Test func requestIDsAreEchoedOrMade() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
            let given = try await gateway.request(.get, "/healthz", headers: [("X-Request-Id", "abc-123.x:y_z")])
            #expect(given.header("X-Request-Id") == "abc-123.x:y_z")
            let made = try await gateway.request(.get, "/healthz")
            let id = try #require(made.header("X-Request-Id"))
            #expect(id.count == 32 && id.allSatisfy(\.isHexDigit))
            // An unsafe id (a forged log line) is replaced.
            let unsafe = try await gateway.request(.get, "/healthz", headers: [("X-Request-Id", "a b\" c")])
            #expect(unsafe.header("X-Request-Id") != "a b\" c")
            #expect(unsafe.header("X-Request-Id")?.count == 32)

            // The executor sees the same id, and every log line of the request carries it.
            let echoed = try await harness.client.execute(
                CurlRequest(
                    method: .post,
                    url: gateway.baseURL + "/graphql",
                    headers: [
                        CurlHeader(name: "Authorization", value: "Bearer \(harness.token("alice"))"),
                        CurlHeader(name: "Content-Type", value: "application/json"),
                        CurlHeader(name: "X-Request-Id", value: "trace-42"),
                    ],
                    body: Array(#"{"query":"{ a }"}"#.utf8)
                )
            )
            #expect(try echoed.json()["data"]?["echo"]?["requestId"] == "trace-42")
            #expect(harness.logs.all.contains { $0.contains("HTTP request") && $0.contains("request_id=trace-42") })
        }
    }

    @Test func healthReadinessSchemaMetricsAndNotFound() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
            let health = try await gateway.request(.get, "/healthz")
            #expect(health.status == 200)
            #expect(try health.json() == ["status": "ok"])
            #expect(health.header("X-Content-Type-Options") == "nosniff")

            let ready = try await gateway.request(.get, "/readyz")
            #expect(ready.status == 200)
            #expect(try ready.json() == ["status": "ready", "serviceNowConfigured": false])

            let schema = try await gateway.request(.get, "/schema.graphql")
            #expect(schema.status == 200)
            let repositorySchema = try String(contentsOfFile: Self.repositoryFile("schema.graphql"), encoding: .utf8)
            #expect(schema.text == repositorySchema)

            _ = try await gateway.graphQL("{ a }", token: harness.token("alice"))
            _ = try await gateway.graphQL("{ a }", token: nil)
            let metrics = try await gateway.request(.get, "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(
                metrics.text.contains(#"snowgate_http_requests_total{route="/graphql",method="POST",status="200"} 1"#)
            )
            #expect(
                metrics.text.contains(#"snowgate_http_requests_total{route="/graphql",method="POST",status="401"} 1"#)
            )
            #expect(
                metrics.text.contains(#"snowgate_http_requests_total{route="/healthz",method="GET",status="200"} 1"#)
            )
            #expect(metrics.text.contains("snowgate_http_request_duration_seconds_bucket"))

            let missing = try await gateway.request(.get, "/nope")
            #expect(missing.status == 404)
            #expect(try missing.json()["errors"]?[0]?["extensions"]?["code"] == "NOT_FOUND")
            let post = try await gateway.request(.post, "/healthz", body: [])
            #expect(post.status == 405)
            #expect(post.header("Allow") == "GET")
        }
    }

    @Test func readinessFailsWhenTheStoreIsGone() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
            await gateway.store.close()
            let ready = try await gateway.request(.get, "/readyz")
            #expect(ready.status == 503)
            #expect(try ready.json()["status"] == "unavailable")
            #expect(try await gateway.request(.get, "/healthz").status == 200)
        }
    }

    @Test func gracefulShutdownLetsRequestsInFlightFinish() async throws {
        let harness = try GatewayHarness()
        let started = AsyncGate()
        let gate = AsyncGate()
        try await harness.withGateway(graphQL: GatedGraphQLService(started: started, gate: gate)) { gateway in
            async let response = gateway.graphQL("{ a }", token: harness.token("alice"))
            await started.wait()
            await gateway.shutdown()
            gate.open()
            let finished = try await response
            #expect(finished.status == 200)
            #expect(try finished.json() == ["data": ["finished": true]])
        }
    }

    /// The path of a file at the repository's root, from this file's place in it.
    static func repositoryFile(_ name: String, from file: String = #filePath) -> String {
        URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(name).path
    }
}
