/// What other threads hand to the transfer loop, and the client's lifecycle: a value-type state machine kept under
/// one `Mutex` in ``LoopShared``.
///
/// Every method returns the action the caller must take (wake the loop, fail a job, resume a shutdown waiter), so the
/// ordering rules are in one place and are tested without threads or libcurl:
/// - jobs arrive only while running; once shutdown began they are rejected, so nothing can slip past the loop's
///   final drain;
/// - a batch hands out jobs before cancellations, and the loop starts a batch's jobs before it applies its
///   cancellations, so a cancellation is never applied before the job it cancels is known;
/// - the loop is woken once per batch however many jobs arrive in between (`curl_multi_wakeup` is a syscall).
struct LoopInbox<Job, Waiter> {
    /// The client's lifecycle as far as the loop is concerned.
    enum Lifecycle: Equatable {
        case running
        /// Shutdown requested; the loop has not yet drained and stopped.
        case stopping
        /// The loop has stopped; the multi handle is gone and must never be woken again.
        case stopped
    }

    /// Whether the caller must call `curl_multi_wakeup`.
    enum WakeAction: Equatable {
        case wakeLoop
        case none
    }

    /// What to do with a submitted job.
    enum SubmitAction {
        case wakeLoop
        case none
        /// The client is shutting down or stopped: fail the job with ``CurlError/Code/shutdown``.
        case reject(Job)
    }

    /// What to do for a shutdown request.
    enum ShutdownAction {
        case wakeLoop
        case none
        /// The loop already stopped: resume this waiter now.
        case resume(Waiter)
    }

    /// One drain of the inbox by the loop.
    struct Batch {
        var jobs: [Job]
        var cancellations: [UInt64]
        /// Stop after this batch: fail `jobs` and every transfer in flight with ``CurlError/Code/shutdown``.
        var stop: Bool
    }

    private(set) var lifecycle: Lifecycle = .running
    private var jobs: [Job] = []
    private var cancellations: [UInt64] = []
    private var waiters: [Waiter] = []
    private var wakeupRequested = false

    /// Queues a job for the loop.
    mutating func submit(_ job: Job) -> SubmitAction {
        guard lifecycle == .running else { return .reject(job) }
        jobs.append(job)
        return requestWakeup() == .wakeLoop ? .wakeLoop : .none
    }

    /// Queues the cancellation of a transfer (known to the loop or not yet: unknown ids are ignored there).
    mutating func cancel(_ id: UInt64) -> WakeAction {
        // While stopping, every transfer is about to fail with `.shutdown` anyway.
        guard lifecycle == .running else { return .none }
        cancellations.append(id)
        return requestWakeup()
    }

    /// Asks the loop to stop; `waiter` (if any) is resumed once it has.
    mutating func shutdown(waiter: Waiter?) -> ShutdownAction {
        switch lifecycle {
        case .running:
            lifecycle = .stopping
            if let waiter { waiters.append(waiter) }
            return requestWakeup() == .wakeLoop ? .wakeLoop : .none
        case .stopping:
            if let waiter { waiters.append(waiter) }
            return .none
        case .stopped:
            if let waiter { return .resume(waiter) }
            return .none
        }
    }

    /// Takes everything queued; called by the loop once per iteration.
    mutating func drain() -> Batch {
        wakeupRequested = false
        let batch = Batch(jobs: jobs, cancellations: cancellations, stop: lifecycle != .running)
        if !jobs.isEmpty { jobs = [] }
        if !cancellations.isEmpty { cancellations = [] }
        return batch
    }

    /// Records that the loop stopped; returns the shutdown waiters to resume. After this nobody may wake the loop.
    mutating func markStopped() -> [Waiter] {
        lifecycle = .stopped
        let stopped = waiters
        waiters = []
        return stopped
    }

    private mutating func requestWakeup() -> WakeAction {
        if wakeupRequested { return .none }
        wakeupRequested = true
        return .wakeLoop
    }
}
