/// The simulator's source of time: what "now" is for record dates and token expiry, and how the latency model
/// waits.
///
/// Tests inject a `ManualClock` so token expiry and latency are driven by `advance(by:)` rather than by sleeping;
/// `snowgate simulator` uses `WallClock`.
public protocol SimulatorClock: Sendable {
    /// The current time.
    var now: UTCTime { get }

    /// Suspends for `duration` of this clock's time; throws `CancellationError` if the task is cancelled.
    func sleep(for duration: Duration) async throws
}
