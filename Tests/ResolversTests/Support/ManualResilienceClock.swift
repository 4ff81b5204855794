import Synchronization

@testable import Resolvers

/// A ``ResilienceClock`` that never waits: `sleep` moves its time forward at once and remembers how long it was
/// asked to wait, so tests see every backoff without spending it.
final class ManualResilienceClock: ResilienceClock {
    private let origin = ContinuousClock.now
    private let state = Mutex<(offset: Duration, sleeps: [Duration])>((.zero, []))

    var now: ContinuousClock.Instant { origin.advanced(by: state.withLock { $0.offset }) }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.offset += duration
            $0.sleeps.append(duration)
        }
        await Task.yield()
    }

    /// Moves time forward.
    func advance(by duration: Duration) {
        state.withLock { $0.offset += duration }
    }

    /// Every wait asked for, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// The instant `offset` after the clock's origin.
    func instant(_ offset: Duration) -> ContinuousClock.Instant { origin.advanced(by: offset) }
}

/// Records circuit-breaker transitions.
final class TransitionRecorder: CircuitBreakerObserver {
    let transitions = Mutex<[String]>([])

    func circuitBreaker(instance: String, changedFrom old: String, to new: String) {
        transitions.withLock { $0.append("\(old)->\(new)") }
    }

    var all: [String] { transitions.withLock { $0 } }
}
