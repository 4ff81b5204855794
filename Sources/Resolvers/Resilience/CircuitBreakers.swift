import Synchronization

/// The process's circuit breakers, one per ServiceNow instance URL, so that every user of an instance shares one.
///
/// The gateway keeps one of these for its lifetime; a reconfiguration to another instance gets a fresh breaker,
/// and breakers of instances no longer used are dropped when the table grows (they are tiny, and only an
/// administrator's saves add instances).
public final class CircuitBreakers: Sendable {
    /// The settings of every breaker.
    public let settings: CircuitBreakerState.Settings
    private let clock: any ResilienceClock
    private let observer: (any CircuitBreakerObserver)?
    private let breakers = Mutex<[String: CircuitBreaker]>([:])
    private static let maxInstances = 16

    /// Breakers with `settings` on `clock`, reporting transitions to `observer`.
    public init(
        settings: CircuitBreakerState.Settings = .init(),
        clock: any ResilienceClock = SystemResilienceClock(),
        observer: (any CircuitBreakerObserver)? = nil
    ) {
        self.settings = settings
        self.clock = clock
        self.observer = observer
    }

    /// The breaker of `instanceURL` (compared without case and trailing slashes), made on first use.
    public func breaker(for instanceURL: String) -> CircuitBreaker {
        var key = instanceURL.lowercased()
        while key.hasSuffix("/") { key.removeLast() }
        return breakers.withLock { breakers in
            if let known = breakers[key] { return known }
            if breakers.count >= Self.maxInstances {
                breakers = breakers.filter { if case .closed = $0.value.mode { false } else { true } }
            }
            let breaker = CircuitBreaker(instance: key, settings: settings, clock: clock, observer: observer)
            breakers[key] = breaker
            return breaker
        }
    }

    /// The breakers made so far, by instance URL.
    public var all: [String: CircuitBreaker] { breakers.withLock { $0 } }
}
