/// The circuit breaker of one ServiceNow instance as a value-type state machine: it is asked for permission before
/// each call and told each call's health, always with the time, and answers with the decision and any change of
/// state. No clock, lock or I/O of its own: ``CircuitBreaker`` wraps it for sharing.
///
/// - **Closed**: calls go through; ``Settings/failureThreshold`` consecutive "down" outcomes open it. Any answer
///   from the instance ("up") resets the count; outcomes that say nothing ("unknown") leave it.
/// - **Open**: calls are refused at once, without touching the network, until ``Settings/openDuration`` has passed.
/// - **Half-open**: one call (the probe) is let through; the others are refused while it runs. An "up" probe closes
///   the circuit, a "down" one opens it again for another ``Settings/openDuration``, an "unknown" one (cancelled,
///   say) frees the slot for the next probe. A probe that never reports (its task vanished) stops blocking after
///   ``Settings/probeTimeout``.
///
/// Only the probe's outcome counts while the circuit is not closed: calls that started before it opened and end
/// later are stragglers that say nothing new.
public struct CircuitBreakerState: Sendable, Hashable {
    /// When to open and for how long.
    public struct Settings: Sendable, Hashable {
        /// Consecutive "down" outcomes that open the circuit. Default 5.
        public var failureThreshold: Int
        /// How long the circuit stays open before a probe is let through. Default 10 s.
        public var openDuration: Duration
        /// How long a probe may run before another is let through. Default 60 s (longer than any upstream timeout).
        public var probeTimeout: Duration

        /// Settings; the defaults open after five straight failures and probe every ten seconds.
        public init(
            failureThreshold: Int = 5,
            openDuration: Duration = .seconds(10),
            probeTimeout: Duration = .seconds(60)
        ) {
            self.failureThreshold = max(1, failureThreshold)
            self.openDuration = max(.zero, openDuration)
            self.probeTimeout = max(.zero, probeTimeout)
        }
    }

    /// The state.
    public enum Mode: Sendable, Hashable {
        /// Calls go through; `failures` consecutive "down" outcomes so far.
        case closed(failures: Int)
        /// Calls are refused until `until`.
        case open(until: ContinuousClock.Instant)
        /// One probe may run; `probeSince` is when the running one started (nil: none is running).
        case halfOpen(probeSince: ContinuousClock.Instant?)

        /// `closed`, `open` or `half-open`, for logs and metrics.
        public var name: String {
            switch self {
            case .closed: "closed"
            case .open: "open"
            case .halfOpen: "half-open"
            }
        }
    }

    /// The answer to a request for permission.
    public enum Permission: Sendable, Hashable {
        /// Go ahead; `probe` says whether this call is the half-open circuit's probe (its outcome must be reported
        /// with `probe: true`).
        case allowed(probe: Bool)
        /// Refused; the circuit expects to let a call through again in about `retryIn`.
        case refused(retryIn: Duration)
    }

    /// The settings.
    public let settings: Settings
    /// The current state.
    public private(set) var mode: Mode = .closed(failures: 0)

    /// A closed circuit.
    public init(settings: Settings) {
        self.settings = settings
    }

    /// Whether a call may go out at `now`; when it is the first after the open period, it becomes the probe (and the
    /// state turns half-open).
    public mutating func permission(now: ContinuousClock.Instant) -> Permission {
        switch mode {
        case .closed:
            return .allowed(probe: false)
        case .open(let until):
            guard now >= until else { return .refused(retryIn: until - now) }
            mode = .halfOpen(probeSince: now)
            return .allowed(probe: true)
        case .halfOpen:
            // A probe is out; the next chance is when it reports, usually within a second.
            if let retryIn = refusal(now: now) { return .refused(retryIn: retryIn) }
            mode = .halfOpen(probeSince: now)
            return .allowed(probe: true)
        }
    }

    /// How long until a call may go out, if one asked at `now` would be refused; nil if it would be let through.
    /// Changes nothing (asking ``permission(now:)`` may make the caller the probe).
    public func refusal(now: ContinuousClock.Instant) -> Duration? {
        switch mode {
        case .closed: return nil
        case .open(let until): return now >= until ? nil : until - now
        case .halfOpen(let since):
            guard let since, now < since.advanced(by: settings.probeTimeout) else { return nil }
            return .seconds(1)
        }
    }

    /// Takes in the health of a call that ended at `now`; `probe` as ``permission(now:)`` said.
    public mutating func record(_ health: AttemptOutcome.Health, probe: Bool, now: ContinuousClock.Instant) {
        switch mode {
        case .closed(let failures):
            switch health {
            case .up: if failures != 0 { mode = .closed(failures: 0) }
            case .unknown: break
            case .down:
                mode =
                    failures + 1 >= settings.failureThreshold
                    ? .open(until: now.advanced(by: settings.openDuration)) : .closed(failures: failures + 1)
            }
        case .open:
            break
        case .halfOpen:
            guard probe else { return }
            switch health {
            case .up: mode = .closed(failures: 0)
            case .down: mode = .open(until: now.advanced(by: settings.openDuration))
            case .unknown: mode = .halfOpen(probeSince: nil)
            }
        }
    }
}
