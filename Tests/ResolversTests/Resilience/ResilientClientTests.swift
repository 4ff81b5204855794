import CurlHTTP
import JSON
import ServiceNowSimulator
import Synchronization
import Testing

@testable import Resolvers

/// Retries and the circuit breaker through the real client against the simulator's fault injection, on a manual
/// clock (no test waits for a backoff): what is sent again, how often, and what the caller finally sees.
@Suite struct ResilientClientTests {
    static let incidents = ServiceNowAPI.list(TableQuery(table: "incident", fields: ["number"], limit: 1, count: false))
    static let problems = ServiceNowAPI.list(TableQuery(table: "problem", fields: ["number"], limit: 1, count: false))
    static let changes = ServiceNowAPI.list(
        TableQuery(table: "change_request", fields: ["number"], limit: 1, count: false)
    )

    /// A client acting as `user` on a manual clock, with `breaker` when given.
    static func client(
        _ setup: SimulatorSetup,
        _ user: String = "beth.anglin",
        clock: ManualResilienceClock,
        policy: RetryPolicy = RetryPolicy(),
        // Long budget and timeouts (the budget runs on the manual clock, the timeouts on the wall clock): a dropped
        // connection must be seen as dropped, not as a timeout, even on a starved 2-core CI machine.
        budget: Duration = .seconds(120),
        breaker: CircuitBreaker? = nil,
        credentials: TestCredentials? = nil,
        instanceURL: String? = nil,
        observer: (any UpstreamCallObserver)? = nil
    ) throws -> ServiceNowClient {
        try ServiceNowClient(
            instanceURL: instanceURL ?? setup.baseURL,
            http: setup.http,
            credentials: try credentials ?? setup.credentials(user),
            options: ServiceNowClient.Options(timeout: .seconds(90), batchTimeout: .seconds(90)),
            resilience: UpstreamResilience(
                retry: policy,
                budget: budget,
                breaker: breaker,
                clock: clock,
                random: { 0.5 }
            ),
            observer: observer
        )
    }

    /// The statuses the simulator answered on `path` (nil for a dropped connection), in order.
    static func statuses(_ setup: SimulatorSetup, path: String) -> [Int?] {
        setup.control.requests.filter { $0.path == path }.map(\.status)
    }

    @Test func aReadIsRetriedAfter5xxWithJitteredBackoff() async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(.serviceUnavailable(pathPrefix: "/api/now/table/incident", count: 2))
            let clock = ManualResilienceClock()
            let page = try await Self.client(setup, clock: clock).list(
                TableQuery(table: "incident", fields: ["number"], limit: 1, count: false)
            )
            #expect(page.records.count == 1)
            #expect(Self.statuses(setup, path: "/api/now/table/incident") == [503, 503, 200])
            // Full jitter at 0.5: half of 100 ms, then half of 200 ms.
            #expect(clock.sleeps == [.milliseconds(50), .milliseconds(100)])
        }
    }

    @Test(arguments: [Fault.internalServerError(), .serviceUnavailable(), .droppedConnection()])
    func retriesAreBounded(_ fault: Fault) async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(fault)
            let clock = ManualResilienceClock()
            let error = await #expect(throws: ServiceNowError.self) {
                _ = try await Self.client(setup, clock: clock).perform(Self.incidents)
            }
            #expect(error?.code == .unavailable)
            #expect(setup.control.requests.count == 3)
            #expect(clock.sleeps.count == 2)
        }
    }

    @Test func aDroppedConnectionIsRetried() async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(.droppedConnection(count: 1))
            let response = try await Self.client(setup, clock: ManualResilienceClock()).perform(Self.incidents)
            #expect(response.status == 200)
            #expect(Self.statuses(setup, path: "/api/now/table/incident") == [nil, 200])
        }
    }

    @Test func aShortRetryAfterIsWaitedFor() async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(.rateLimited(retryAfterSeconds: 2, count: 1))
            let clock = ManualResilienceClock()
            let response = try await Self.client(setup, clock: clock).perform(Self.incidents)
            #expect(response.status == 200)
            #expect(Self.statuses(setup, path: "/api/now/table/incident") == [429, 200])
            #expect(clock.sleeps == [.milliseconds(2050)])
        }
    }

    @Test func aLongRetryAfterFailsFastWithRetryAfter() async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(.rateLimited(retryAfterSeconds: 60))
            let clock = ManualResilienceClock()
            let error = await #expect(throws: ServiceNowError.self) {
                _ = try await Self.client(setup, clock: clock).perform(Self.incidents)
            }
            #expect(error?.code == .rateLimited)
            #expect(error?.extensions["retryAfter"] == .int(60))
            #expect(setup.control.requests.count == 1)
            #expect(clock.sleeps.isEmpty)
        }
    }

    @Test func aRetryAfterBeyondTheBudgetFailsFast() async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(.rateLimited(retryAfterSeconds: 3))
            let clock = ManualResilienceClock()
            let client = try Self.client(setup, clock: clock, budget: .seconds(3))
            let error = await #expect(throws: ServiceNowError.self) { _ = try await client.perform(Self.incidents) }
            #expect(error?.code == .rateLimited)
            #expect(error?.extensions["retryAfter"] == .int(3))
            #expect(setup.control.requests.count == 1)
        }
    }

    @Test func aHibernatingInstanceIsNotAskedAgain() async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(.hibernating())
            let error = await #expect(throws: ServiceNowError.self) {
                _ = try await Self.client(setup, clock: ManualResilienceClock()).perform(Self.incidents)
            }
            #expect(error?.message.contains("hibernating") == true)
            #expect(setup.control.requests.count == 1)
        }
    }

    /// A create may have happened before a 5xx or a dropped connection: it is never sent twice.
    @Test(arguments: [
        Fault.serviceUnavailable(count: 1), .droppedConnection(count: 1), .rateLimited(retryAfterSeconds: 1, count: 1),
    ])
    func writesAreNotRetriedOnceTheyMayHaveArrived(_ fault: Fault) async throws {
        try await SimulatorSetup.run { setup in
            let abel = try setup.userID("abel.tuter")
            let client = try Self.client(setup, "abel.tuter", clock: ManualResilienceClock())
            // A read first, so that a kept-alive connection is there to be reused: libcurl silently sends a request
            // again on a fresh connection when a reused one closes without an answer, and must not do so for a write.
            _ = try await client.perform(Self.incidents)
            setup.control.clearRequestLog()
            setup.control.inject(fault)
            await #expect(throws: ServiceNowError.self) {
                _ = try await client.create(
                    table: "incident",
                    values: ["short_description": "Once only", "caller_id": .string(abel)]
                )
            }
            #expect(setup.control.requests.filter { $0.method == "POST" }.count == 1)
            #expect(!setup.control.records(in: "incident").contains { $0["short_description"] == "Once only" })
        }
    }

    /// A refused connection provably never reached ServiceNow: even a write is sent again.
    @Test func writesAreRetriedWhenNoConnectionWasMade() async throws {
        try await SimulatorSetup.run { setup in
            let recorder = ClientObservationTests.Recorder()
            let clock = ManualResilienceClock()
            // Port 9 (discard) on loopback: nothing listens there in the test environment.
            let client = try Self.client(
                setup,
                "abel.tuter",
                clock: clock,
                instanceURL: "http://127.0.0.1:9",
                observer: recorder
            )
            let error = await #expect(throws: ServiceNowError.self) {
                _ = try await client.create(table: "incident", values: ["short_description": "x"])
            }
            #expect(error?.code == .unavailable)
            #expect(
                recorder.calls.withLock { $0.map(\.1) } == ["couldNotConnect", "couldNotConnect", "couldNotConnect"]
            )
            #expect(clock.sleeps.count == 2)
        }
    }

    // MARK: Batch calls

    /// Only the items that failed are sent again, together, in a Batch call of their own.
    @Test func failedBatchItemsAloneAreSentAgain() async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(.serviceUnavailable(pathPrefix: "/api/now/table/problem", count: 1))
            setup.control.inject(.internalServerError(pathPrefix: "/api/now/table/change_request", count: 1))
            let clock = ManualResilienceClock()
            let outcomes = try await Self.client(setup, clock: clock).batch([
                Self.incidents, Self.problems, Self.changes,
            ])
            for outcome in outcomes { #expect(throws: Never.self) { try outcome.get() } }
            let log = setup.control.requests
            #expect(log.map(\.path) == ["/api/now/v1/batch", "/api/now/v1/batch"])
            #expect(log.first?.batchItems.count == 3)
            #expect(log.last?.batchItems.map(\.url) == [Self.problems.relativeURL, Self.changes.relativeURL])
            #expect(clock.sleeps == [.milliseconds(50)])
        }
    }

    /// A list that keeps failing fails after its retries; the others have their data.
    @Test func aFailingItemDoesNotBlankTheOthers() async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(.serviceUnavailable(pathPrefix: "/api/now/table/problem"))
            let clock = ManualResilienceClock()
            let breaker = CircuitBreaker(
                instance: setup.baseURL,
                settings: CircuitBreakerState.Settings(failureThreshold: 2),
                clock: clock
            )
            let outcomes = try await Self.client(setup, clock: clock, breaker: breaker).batch([
                Self.incidents, Self.problems, Self.changes,
            ])
            #expect(throws: Never.self) { try outcomes[0].get() }
            #expect(throws: Never.self) { try outcomes[2].get() }
            guard case .failure(let error) = outcomes[1] else {
                Issue.record("the failing list must fail")
                return
            }
            #expect(error.code == .unavailable)
            // The batch, then the one item alone twice: three attempts in all.
            #expect(
                setup.control.requests.map(\.path) == [
                    "/api/now/v1/batch", "/api/now/table/problem", "/api/now/table/problem",
                ]
            )
            // The instance answered all along: one broken list does not open the breaker for everyone.
            #expect(breaker.mode == .closed(failures: 0))
        }
    }

    @Test func aFailedBatchCallIsRetriedWhole() async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(.droppedConnection(pathPrefix: "/api/now/v1/batch", count: 1))
            let outcomes = try await Self.client(setup, clock: ManualResilienceClock()).batch([
                Self.incidents, Self.problems,
            ])
            for outcome in outcomes { #expect(throws: Never.self) { try outcome.get() } }
            #expect(setup.control.requests.map(\.status) == [nil, 200])
            #expect(setup.control.requests.map(\.batchItems.count) == [2, 2])
        }
    }

    @Test func aBatchItemRateLimitedForLongFailsFast() async throws {
        try await SimulatorSetup.run { setup in
            setup.control.inject(.rateLimited(retryAfterSeconds: 120, pathPrefix: "/api/now/table/problem"))
            let outcomes = try await Self.client(setup, clock: ManualResilienceClock()).batch([
                Self.incidents, Self.problems,
            ])
            guard case .failure(let error) = outcomes[1] else {
                Issue.record("the rate-limited item must fail")
                return
            }
            #expect(error.code == .rateLimited)
            #expect(error.extensions["retryAfter"] == .int(120))
            #expect(throws: Never.self) { try outcomes[0].get() }
            #expect(setup.control.requests.count == 1)
        }
    }

    // MARK: The circuit breaker

    @Test func aDeadInstanceOpensTheBreakerWhichFailsFastAndRecovers() async throws {
        try await SimulatorSetup.run { setup in
            let clock = ManualResilienceClock()
            let recorder = TransitionRecorder()
            let breaker = CircuitBreaker(
                instance: setup.baseURL,
                settings: .init(failureThreshold: 3, openDuration: .seconds(30)),
                clock: clock,
                observer: recorder
            )
            setup.control.inject(.droppedConnection())
            // One read: three attempts, three failures: open.
            await #expect(throws: ServiceNowError.self) {
                _ = try await Self.client(setup, clock: clock, breaker: breaker).perform(Self.incidents)
            }
            #expect(setup.control.requests.count == 3)
            #expect(recorder.all == ["closed->open"])
            // Every user now fails at once, without a call and without asking for a token.
            let credentials = try setup.credentials("abel.tuter")
            let error = await #expect(throws: ServiceNowError.self) {
                _ = try await Self.client(setup, clock: clock, breaker: breaker, credentials: credentials)
                    .perform(Self.incidents)
            }
            #expect(error?.code == .unavailable)
            #expect(error?.message.hasPrefix("ServiceNow is not answering; retrying in") == true)
            #expect(setup.control.requests.count == 3)
            #expect(credentials.allTokens.isEmpty)
            // The instance is back; after the cool-down one probe closes the circuit.
            setup.control.clearFaults()
            clock.advance(by: .seconds(30))
            let response = try await Self.client(setup, clock: clock, breaker: breaker).perform(Self.incidents)
            #expect(response.status == 200)
            #expect(breaker.mode == .closed(failures: 0))
            #expect(recorder.all == ["closed->open", "open->half-open", "half-open->closed"])
        }
    }

    @Test func oneUsersAuthAndAccessErrorsNeverOpenIt() async throws {
        try await SimulatorSetup.run { setup in
            let clock = ManualResilienceClock()
            let breaker = CircuitBreaker(instance: setup.baseURL, settings: .init(failureThreshold: 2), clock: clock)
            for _ in 0..<5 {
                // 401, a refresh, 401 again: the user must connect again.
                let credentials = try setup.credentials("abel.tuter")
                setup.control.revoke(token: try credentials.currentToken())
                credentials.refreshOverride.withLock { $0 = "not-a-token" }
                let client = try Self.client(setup, clock: clock, breaker: breaker, credentials: credentials)
                let unauthorized = await #expect(throws: ServiceNowError.self) {
                    _ = try await client.perform(Self.incidents)
                }
                #expect(unauthorized?.code == .authRequired)
                // 403: an end user may not create problems.
                let denied = await #expect(throws: ServiceNowError.self) {
                    _ = try await Self.client(setup, "abel.tuter", clock: clock, breaker: breaker)
                        .create(table: "problem", values: ["short_description": "x"])
                }
                #expect(denied?.code == .accessDenied)
            }
            #expect(breaker.mode == .closed(failures: 0))
            let response = try await Self.client(setup, clock: clock, breaker: breaker).perform(Self.incidents)
            #expect(response.status == 200)
        }
    }
}
