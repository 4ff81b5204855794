import CurlHTTP
import JSON
import Schema
import ServiceNowSimulator
import Synchronization
import Testing

@testable import Resolvers

/// The client against the simulator over real HTTP: Table API reads and writes, the error mapping for every
/// fault, and the one refresh and retry after a 401.
@Suite struct ServiceNowClientTests {
    static let mine = "caller_id=javascript:gs.getUserID()^ORopened_by=javascript:gs.getUserID()^active=true"

    @Test func listsTheUsersOwnIncidentsWithCount() async throws {
        try await SimulatorSetup.run { setup in
            let abel = try setup.userID("abel.tuter")
            let client = try setup.client("abel.tuter")
            let page = try await client.list(
                TableQuery(
                    table: "incident",
                    query: Self.mine + "^ORDERBYnumber",
                    fields: ["sys_id", "number", "state", "caller_id", "assigned_to.email"],
                    limit: 100,
                    count: true
                )
            )
            let expected = setup.seed.rows("incident").filter {
                ($0["caller_id"] == abel || $0["opened_by"] == abel) && $0["active"] == "true"
            }
            #expect(!expected.isEmpty)
            #expect(page.totalCount == expected.count)
            #expect(page.records.count == expected.count)
            #expect(
                Set(page.records.compactMap { $0["number"]?["value"]?.stringValue })
                    == Set(expected.compactMap { $0["number"] })
            )
            // display_value=all: every field is an object with both faces, references without links.
            let first = try #require(page.records.first)
            #expect(first["state"]?["display_value"]?.stringValue?.isEmpty == false)
            #expect(first["caller_id"]?["link"] == nil)
            #expect(first["assigned_to.email"] != nil)
        }
    }

    @Test func noCountLeavesTheTotalOut() async throws {
        try await SimulatorSetup.run { setup in
            let client = try setup.client("beth.anglin")
            let page = try await client.list(TableQuery(table: "incident", limit: 2, count: false))
            #expect(page.records.count == 2)
            #expect(page.totalCount == nil)
        }
    }

    @Test func readsARecordAndMapsHiddenOnesToNotFound() async throws {
        try await SimulatorSetup.run { setup in
            let abel = try setup.userID("abel.tuter")
            let rows = setup.seed.rows("incident")
            let own = try #require(rows.first { $0["caller_id"] == abel })
            let other = try #require(rows.first { $0["caller_id"] != abel && $0["opened_by"] != abel })
            let client = try setup.client("abel.tuter")
            let record = try await client.record(table: "incident", sysID: own["sys_id"] ?? "", fields: ["number"])
            #expect(record["number"]?["value"]?.stringValue == own["number"])
            let error = await #expect(throws: ServiceNowError.self) {
                _ = try await client.record(table: "incident", sysID: other["sys_id"] ?? "")
            }
            #expect(error?.code == .notFound)
        }
    }

    @Test func createsARecordAndReturnsIt() async throws {
        try await SimulatorSetup.run { setup in
            let abel = try setup.userID("abel.tuter")
            let client = try setup.client("abel.tuter")
            let record = try await client.create(
                table: "incident",
                values: ["short_description": "Printer on fire", "caller_id": .string(abel), "urgency": "1"],
                fields: ["sys_id", "number", "caller_id", "urgency"]
            )
            let number = try #require(record["number"]?["value"]?.stringValue)
            #expect(number.hasPrefix("INC"))
            #expect(record["caller_id"]?["value"]?.stringValue == abel)
            #expect(record["urgency"]?["display_value"]?.stringValue == "1 - High")
            let stored = setup.control.records(in: "incident").first { $0["number"] == number }
            #expect(stored?["caller_id"] == abel)
            #expect(stored?["short_description"] == "Printer on fire")
        }
    }

    @Test func insertDeniedByAnACLIsAccessDenied() async throws {
        try await SimulatorSetup.run { setup in
            let client = try setup.client("abel.tuter")
            let error = await #expect(throws: ServiceNowError.self) {
                _ = try await client.create(table: "problem", values: ["short_description": "x"])
            }
            #expect(error?.code == .accessDenied)
            #expect(error?.message.contains("Operation Failed") == true)
        }
    }

    static let unavailableFaults: [Fault] = [
        .internalServerError(), .serviceUnavailable(), .hibernating(), .droppedConnection(),
        Fault(.serverError(status: 502, message: "Bad Gateway")),
    ]

    @Test(arguments: unavailableFaults)
    func faultsAreUnavailable(_ fault: Fault) async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(fault)
            let client = try setup.client("abel.tuter")
            let error = await #expect(throws: ServiceNowError.self) {
                _ = try await client.list(TableQuery(table: "incident", limit: 1, count: false))
            }
            #expect(error?.code == .unavailable)
            if case .hibernating = fault.kind {
                #expect(error?.message.contains("hibernating") == true)
            }
        }
    }

    @Test func rateLimitCarriesRetryAfter() async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(.rateLimited(retryAfterSeconds: 17))
            let client = try setup.client("abel.tuter")
            let error = await #expect(throws: ServiceNowError.self) {
                _ = try await client.list(TableQuery(table: "incident", limit: 1, count: false))
            }
            #expect(error?.code == .rateLimited)
            #expect(error?.extensions["retryAfter"] == .int(17))
        }
    }

    @Test func unreachableInstanceIsUnavailable() async throws {
        try await SimulatorSetup.run { setup in
            let credentials = try setup.credentials("abel.tuter")
            // Port 9 (discard) on loopback: nothing listens there in the test environment.
            let client = try ServiceNowClient(
                instanceURL: "http://127.0.0.1:9",
                http: setup.http,
                credentials: credentials
            )
            let error = await #expect(throws: ServiceNowError.self) {
                _ = try await client.list(TableQuery(table: "incident", limit: 1, count: false))
            }
            #expect(error?.code == .unavailable)
        }
    }

    @Test func a401RefreshesOnceAndRetries() async throws {
        try await SimulatorSetup.run { setup in
            let credentials = try setup.credentials("abel.tuter")
            let stale = try credentials.currentToken()
            setup.control.revoke(token: stale)
            let client = try ServiceNowClient(instanceURL: setup.baseURL, http: setup.http, credentials: credentials)
            let page = try await client.list(
                TableQuery(table: "sys_user", query: "user_name=abel.tuter", limit: 1, count: false)
            )
            #expect(page.records.count == 1)
            #expect(credentials.refreshes == 1)
            let fresh = try credentials.currentToken()
            #expect(fresh != stale)
            #expect(setup.control.requests(withAccessToken: stale).map(\.status) == [401])
            #expect(setup.control.requests(withAccessToken: fresh).map(\.status) == [200])
        }
    }

    @Test func aSecond401MeansConnectAgain() async throws {
        try await SimulatorSetup.run { setup in
            let credentials = try setup.credentials("abel.tuter")
            let stale = try credentials.currentToken()
            setup.control.revoke(token: stale)
            credentials.refreshOverride.withLock { $0 = "not-a-token" }
            let client = try ServiceNowClient(
                instanceURL: setup.baseURL,
                http: setup.http,
                credentials: credentials,
                authorizationRequired: { .authRequired(authorizeURL: "https://gateway.example/connect") }
            )
            let error = await #expect(throws: ServiceNowError.self) {
                _ = try await client.list(TableQuery(table: "incident", limit: 1, count: false))
            }
            #expect(error?.code == .authRequired)
            #expect(error?.extensions["authorizeUrl"] == "https://gateway.example/connect")
            #expect(credentials.refreshes == 1)
            #expect(setup.control.requests(withAccessToken: stale).count == 1)
            #expect(setup.control.requests(withAccessToken: "not-a-token").count == 1)
        }
    }

    @Test func refusesAnInstanceURLThatIsNotAnOrigin() throws {
        #expect(ServiceNowClient.origin("https://acme.service-now.com/") == "https://acme.service-now.com")
        #expect(ServiceNowClient.origin("http://127.0.0.1:8081") == "http://127.0.0.1:8081")
        #expect(ServiceNowClient.origin("ftp://acme") == nil)
        #expect(ServiceNowClient.origin("https://acme.service-now.com/api") == nil)
        #expect(ServiceNowClient.origin("https://user@acme.service-now.com") == nil)
        #expect(ServiceNowClient.origin("https://acme.service-now.com?x=1") == nil)
        #expect(ServiceNowClient.origin("https://") == nil)
    }
}

/// Metrics and users who must connect first.
@Suite struct ClientObservationTests {
    final class Recorder: UpstreamCallObserver {
        let calls = Mutex<[(String, String)]>([])
        func recordUpstreamCall(endpoint: String, outcome: String, duration: Duration) {
            calls.withLock { $0.append((endpoint, outcome)) }
        }
    }

    /// Credentials of a user who has not connected: every ask is refused with a new authorize link.
    final class RefusingCredentials: UserCredentials {
        let asks = Mutex(0)
        var subject: String { "nobody" }
        func accessToken() async throws(ServiceNowError) -> String {
            let count = asks.withLock {
                $0 += 1
                return $0
            }
            throw .authRequired(authorizeURL: "https://gw.example/connect/\(count)")
        }
        func refreshedAccessToken(after rejectedToken: String) async throws(ServiceNowError) -> String {
            try await accessToken()
        }
    }

    @Test func everyCallIsObserved() async throws {
        try await SimulatorSetup.run { setup in
            let recorder = Recorder()
            setup.control.inject(.rateLimited(pathPrefix: "/api/sn_km_api", count: 1))
            let client = try ServiceNowClient(
                instanceURL: setup.baseURL,
                http: setup.http,
                credentials: try setup.credentials("abel.tuter"),
                observer: recorder
            )
            _ = try await client.list(TableQuery(table: "incident", limit: 1, count: false))
            _ = await client.batch([
                ServiceNowAPI.list(TableQuery(table: "incident", limit: 1, count: false)),
                ServiceNowAPI.catalogItems(search: nil, limit: 1, offset: 0),
            ])
            _ = try? await client.searchKnowledge(text: "vpn", limit: 1)
            let calls = recorder.calls.withLock { $0 }
            #expect(calls.map(\.0) == ["table", "batch", "knowledge"])
            #expect(calls.map(\.1) == ["200", "200", "429"])
        }
    }

    @Test func aUserWhoMustConnectIsAskedOncePerRequest() async throws {
        try await SimulatorSetup.run { setup in
            let credentials = RefusingCredentials()
            let session = try ServiceNowSession(
                instanceURL: setup.baseURL,
                http: setup.http,
                credentials: credentials
            )
            let result = try await Harness.run(
                .connected(session),
                "{ viewer { user { name } } incidents { totalCount } requests { totalCount } }"
            )
            // Not connected: the viewer has no ServiceNow user (no error), every list says where to connect.
            #expect(result["viewer", "user"] == .null)
            #expect(result["incidents"] == .null)
            #expect(result.errorCodes == ["SERVICENOW_AUTH_REQUIRED", "SERVICENOW_AUTH_REQUIRED"])
            #expect(result.errors.allSatisfy { $0.extensions?["authorizeUrl"] == "https://gw.example/connect/1" })
            // Later calls of the same request (another level, a mutation) do not ask the token store again.
            await #expect(throws: ServiceNowError.self) {
                _ = try await session.client.list(TableQuery(table: "incident", limit: 1, count: false))
            }
            #expect(credentials.asks.withLock { $0 } == 1)
            #expect(setup.control.requests.isEmpty)
        }
    }
}
