import Synchronization

/// A clock that only moves when told to: tests advance it to expire tokens or to finish simulated latency,
/// without sleeping.
///
/// Sleepers are resumed, in deadline order, when `advance(by:)` or `advance(to:)` passes their deadline.
/// Cancelling a sleeping task resumes it at once with `CancellationError`.
public final class ManualClock: SimulatorClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: UTCTime
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: UTCTime
        var sleepers: [Sleeper] = []
        var nextID: UInt64 = 0
        var cancelled: Set<UInt64> = []
    }

    private let state: Mutex<State>

    /// A clock that reads `start` until advanced.
    public init(start: UTCTime = UTCTime(year: 2026, month: 6, day: 1, hour: 9)) {
        state = Mutex(State(now: start))
    }

    public var now: UTCTime { state.withLock { $0.now } }

    /// The number of tasks currently sleeping on this clock (lets a test wait until work is parked).
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Moves the clock forward by `duration` and wakes every sleeper whose deadline has passed.
    public func advance(by duration: Duration) {
        let woken = state.withLock { state -> [Sleeper] in
            state.now = state.now.adding(duration)
            return Self.takeDue(&state)
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Moves the clock to `time` (never backwards) and wakes every sleeper whose deadline has passed.
    public func advance(to time: UTCTime) {
        let woken = state.withLock { state -> [Sleeper] in
            if time > state.now { state.now = time }
            return Self.takeDue(&state)
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = state.withLock { state -> Result<Void, any Error>? in
                    if state.cancelled.remove(id) != nil { return .failure(CancellationError()) }
                    let deadline = state.now.adding(duration)
                    if deadline <= state.now { return .success(()) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                if let index = state.sleepers.firstIndex(where: { $0.id == id }) {
                    return state.sleepers.remove(at: index)
                }
                // Not parked yet: leave a mark so the continuation fails as soon as it is installed.
                state.cancelled.insert(id)
                return nil
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    private static func takeDue(_ state: inout State) -> [Sleeper] {
        let now = state.now
        let due = state.sleepers.filter { $0.deadline <= now }.sorted { $0.deadline < $1.deadline }
        state.sleepers.removeAll { $0.deadline <= now }
        return due
    }
}
