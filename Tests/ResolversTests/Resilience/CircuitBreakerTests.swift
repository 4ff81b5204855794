import JSON
import Testing

@testable import Resolvers

/// The circuit breaker's state machine, without I/O, and the shared breaker around it on a manual clock.
@Suite struct CircuitBreakerStateTests {
    static let origin = ContinuousClock.now
    static func at(_ seconds: Int) -> ContinuousClock.Instant { origin.advanced(by: .seconds(seconds)) }

    static let settings = CircuitBreakerState.Settings(
        failureThreshold: 3,
        openDuration: .seconds(10),
        probeTimeout: .seconds(60)
    )

    @Test func opensAfterConsecutiveFailures() {
        var state = CircuitBreakerState(settings: Self.settings)
        state.record(.down, probe: false, now: Self.at(0))
        state.record(.down, probe: false, now: Self.at(0))
        #expect(state.mode == .closed(failures: 2))
        // An answer resets the count; an outcome that says nothing does not.
        state.record(.up, probe: false, now: Self.at(0))
        #expect(state.mode == .closed(failures: 0))
        state.record(.down, probe: false, now: Self.at(1))
        state.record(.unknown, probe: false, now: Self.at(1))
        state.record(.down, probe: false, now: Self.at(1))
        #expect(state.mode == .closed(failures: 2))
        state.record(.down, probe: false, now: Self.at(2))
        #expect(state.mode == .open(until: Self.at(12)))
    }

    /// What the instance's users do to it (401, 403, 404, 400, 429) or a broken script (500) never opens it.
    @Test(arguments: [
        AttemptOutcome.answered(status: 401), .answered(status: 403), .answered(status: 404), .answered(status: 400),
        .rateLimited(retryAfter: .seconds(60)), .serverError(status: 500), .otherFailure,
    ])
    func userAndRecordErrorsNeverOpenIt(_ outcome: AttemptOutcome) {
        var state = CircuitBreakerState(settings: Self.settings)
        for second in 0..<100 { state.record(outcome.health, probe: false, now: Self.at(second)) }
        #expect(state.mode == .closed(failures: 0))
    }

    @Test(arguments: [
        AttemptOutcome.couldNotConnect, .connectionClosed, .timedOut, .notTheAPI, .serverError(status: 502),
        .serverError(status: 503), .serverError(status: 504),
    ])
    func signsOfADeadInstanceOpenIt(_ outcome: AttemptOutcome) {
        var state = CircuitBreakerState(settings: Self.settings)
        for _ in 0..<3 { state.record(outcome.health, probe: false, now: Self.at(0)) }
        #expect(state.mode == .open(until: Self.at(10)))
    }

    @Test func openRefusesThenLetsOneProbeThrough() {
        var state = CircuitBreakerState(settings: Self.settings)
        for _ in 0..<3 { state.record(.down, probe: false, now: Self.at(0)) }
        #expect(state.permission(now: Self.at(4)) == .refused(retryIn: .seconds(6)))
        #expect(state.refusal(now: Self.at(4)) == .seconds(6))
        // Looking does not change anything; asking at the end of the period makes the caller the probe.
        #expect(state.refusal(now: Self.at(10)) == nil)
        #expect(state.mode == .open(until: Self.at(10)))
        #expect(state.permission(now: Self.at(10)) == .allowed(probe: true))
        #expect(state.mode == .halfOpen(probeSince: Self.at(10)))
        // Everyone else waits for the probe.
        #expect(state.permission(now: Self.at(11)) == .refused(retryIn: .seconds(1)))
        // A straggler's success says nothing: only the probe decides.
        state.record(.up, probe: false, now: Self.at(11))
        #expect(state.mode == .halfOpen(probeSince: Self.at(10)))
        state.record(.up, probe: true, now: Self.at(12))
        #expect(state.mode == .closed(failures: 0))
        #expect(state.permission(now: Self.at(12)) == .allowed(probe: false))
    }

    @Test func aFailedProbeOpensItAgain() {
        var state = CircuitBreakerState(settings: Self.settings)
        for _ in 0..<3 { state.record(.down, probe: false, now: Self.at(0)) }
        #expect(state.permission(now: Self.at(15)) == .allowed(probe: true))
        state.record(.down, probe: true, now: Self.at(16))
        #expect(state.mode == .open(until: Self.at(26)))
        // Stragglers failing while it is open do not stretch the period.
        state.record(.down, probe: false, now: Self.at(20))
        #expect(state.mode == .open(until: Self.at(26)))
    }

    @Test func aProbeThatSaysNothingOrVanishesFreesTheSlot() {
        var state = CircuitBreakerState(settings: Self.settings)
        for _ in 0..<3 { state.record(.down, probe: false, now: Self.at(0)) }
        #expect(state.permission(now: Self.at(10)) == .allowed(probe: true))
        state.record(.unknown, probe: true, now: Self.at(11))
        #expect(state.mode == .halfOpen(probeSince: nil))
        #expect(state.permission(now: Self.at(11)) == .allowed(probe: true))
        // That probe never reports: after the probe timeout, another may go.
        #expect(state.permission(now: Self.at(70)) == .refused(retryIn: .seconds(1)))
        #expect(state.permission(now: Self.at(71)) == .allowed(probe: true))
    }
}

/// The shared breaker and the registry, on a manual clock.
@Suite struct CircuitBreakerTests {
    @Test func failsFastWithTheTimeToWaitAndReportsTransitions() throws {
        let clock = ManualResilienceClock()
        let recorder = TransitionRecorder()
        let breaker = CircuitBreaker(
            instance: "https://acme.service-now.com",
            settings: .init(failureThreshold: 2, openDuration: .seconds(10)),
            clock: clock,
            observer: recorder
        )
        for _ in 0..<2 { breaker.record(.couldNotConnect, of: try breaker.admit()) }
        clock.advance(by: .milliseconds(500))
        let refusal = #expect(throws: ServiceNowError.self) { _ = try breaker.admit() }
        #expect(refusal?.code == .unavailable)
        #expect(refusal?.message == "ServiceNow is not answering; retrying in 10 s.")
        #expect(refusal?.extensions["retryAfter"] == .int(10))
        #expect(throws: ServiceNowError.self) { try breaker.check() }
        clock.advance(by: .milliseconds(9500))
        try breaker.check()
        let probe = try breaker.admit()
        #expect(probe.probe)
        #expect(throws: ServiceNowError.self) { _ = try breaker.admit() }
        breaker.record(.answered(status: 200), of: probe)
        #expect(breaker.mode == .closed(failures: 0))
        #expect(recorder.all == ["closed->open", "open->half-open", "half-open->closed"])
    }

    @Test func oneBreakerPerInstance() {
        let breakers = CircuitBreakers()
        let one = breakers.breaker(for: "https://acme.service-now.com")
        #expect(breakers.breaker(for: "HTTPS://ACME.service-now.com/") === one)
        #expect(breakers.breaker(for: "https://other.service-now.com") !== one)
        #expect(breakers.all.count == 2)
    }
}
