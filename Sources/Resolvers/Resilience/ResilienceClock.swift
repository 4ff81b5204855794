/// The time source of retries and the circuit breaker: the current instant, and waiting.
///
/// The gateway uses ``SystemResilienceClock``; tests inject a manual clock whose `sleep` moves its own time forward
/// at once, so a test of a 2 s backoff or a 10 s breaker cool-down never waits.
public protocol ResilienceClock: Sendable {
    /// The current instant.
    var now: ContinuousClock.Instant { get }

    /// Waits `duration`; throws `CancellationError` when the task is cancelled meanwhile.
    func sleep(for duration: Duration) async throws
}

/// The process's monotonic clock and `Task.sleep`.
public struct SystemResilienceClock: ResilienceClock {
    /// The system clock.
    public init() {}

    public var now: ContinuousClock.Instant { ContinuousClock.now }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
