import JSON
import Synchronization

/// Told when a circuit breaker changes state, for logs and metrics (the gateway's metrics and logger conform).
public protocol CircuitBreakerObserver: Sendable {
    /// The breaker of `instance` went from `old` to `new` (`closed`, `open`, `half-open`).
    func circuitBreaker(instance: String, changedFrom old: String, to new: String)
}

/// The circuit breaker of one ServiceNow instance, shared by every user and request of the process: when the
/// instance stops answering, calls fail at once with `SERVICENOW_UNAVAILABLE` instead of each waiting for a timeout,
/// and one probe at a time finds out when it is back. The rules are ``CircuitBreakerState``'s.
///
/// A ``ServiceNowClient`` asks ``admit()`` before every attempt and reports the attempt with
/// ``record(_:of:)``. Only outcomes that show the instance as a whole is down count (see
/// ``AttemptOutcome/health``): a 401 or 403 is one user's business and never opens it.
public final class CircuitBreaker: Sendable {
    /// The instance URL.
    public let instance: String
    private let state: Mutex<CircuitBreakerState>
    private let clock: any ResilienceClock
    private let observer: (any CircuitBreakerObserver)?

    /// Permission for one call, to hand back with its outcome.
    public struct Admission: Sendable, Hashable {
        /// Whether the call is the half-open circuit's probe.
        public var probe: Bool
    }

    /// A closed breaker for `instance`.
    public init(
        instance: String,
        settings: CircuitBreakerState.Settings = .init(),
        clock: any ResilienceClock = SystemResilienceClock(),
        observer: (any CircuitBreakerObserver)? = nil
    ) {
        self.instance = instance
        self.state = Mutex(CircuitBreakerState(settings: settings))
        self.clock = clock
        self.observer = observer
    }

    /// The current state.
    public var mode: CircuitBreakerState.Mode { state.withLock { $0.mode } }

    /// The settings.
    public var settings: CircuitBreakerState.Settings { state.withLock { $0.settings } }

    /// Permission for one call, or `SERVICENOW_UNAVAILABLE` ("ServiceNow is not answering; retrying in N s", with
    /// `retryAfter`) while the circuit is open.
    public func admit() throws(ServiceNowError) -> Admission {
        let now = clock.now
        let (permission, old, new) = state.withLock { state in
            let old = state.mode
            let permission = state.permission(now: now)
            return (permission, old, state.mode)
        }
        report(old, new)
        switch permission {
        case .allowed(let probe):
            return Admission(probe: probe)
        case .refused(let retryIn):
            throw Self.refusal(retryIn: retryIn)
        }
    }

    /// Throws what ``admit()`` would while the circuit refuses calls, without taking a permission (nor the probe).
    /// A client checks this before it does anything costly for a call, such as refreshing a token.
    public func check() throws(ServiceNowError) {
        let now = clock.now
        if let retryIn = state.withLock({ $0.refusal(now: now) }) { throw Self.refusal(retryIn: retryIn) }
    }

    /// Takes in the outcome of a call that ``admit()`` let through.
    public func record(_ outcome: AttemptOutcome, of admission: Admission) {
        let now = clock.now
        let (old, new) = state.withLock { state in
            let old = state.mode
            state.record(outcome.health, probe: admission.probe, now: now)
            return (old, state.mode)
        }
        report(old, new)
    }

    /// The error of a refused call.
    static func refusal(retryIn: Duration) -> ServiceNowError {
        let (whole, fraction) = retryIn.components
        let seconds = max(1, Int(whole) + (fraction > 0 ? 1 : 0))
        return ServiceNowError(
            .unavailable,
            "ServiceNow is not answering; retrying in \(seconds) s.",
            extensions: ["retryAfter": .int(seconds)]
        )
    }

    private func report(_ old: CircuitBreakerState.Mode, _ new: CircuitBreakerState.Mode) {
        // Every transition changes the name: open is only reopened from half-open.
        guard old.name != new.name else { return }
        observer?.circuitBreaker(instance: instance, changedFrom: old.name, to: new.name)
    }
}
