import Synchronization

/// The background half of stale-while-revalidate: a bounded queue of refresh jobs and a fixed number of workers
/// that run them, inside ``run()`` — a structured task its owner runs for the life of the process (the gateway runs
/// it beside its HTTP server). No job outlives `run()`, and nothing here starts a task of its own.
///
/// A job that cannot be queued (the queue is full, or the refresher has stopped) is abandoned at once, so whoever
/// waits on it hears so; the stale answer it would have replaced ages out after its grace window.
public final class ReadCacheRefresher: Sendable {
    /// One refresh: `run` does it, `abandon` is called instead when it will not run.
    struct Job: Sendable {
        let run: @Sendable () async -> Void
        let abandon: @Sendable () -> Void
    }

    private enum Phase {
        /// `run()` has not started: jobs queue up (bounded) until it does.
        case waiting
        case running
        /// `run()` ended: no job is accepted any more.
        case stopped
    }

    private struct State {
        var phase = Phase.waiting
        var queue: [Job] = []
        var queueStart = 0
        var idleWorkers: [CheckedContinuation<Job?, Never>] = []
        var busy = 0
        var idleWaiters: [CheckedContinuation<Void, Never>] = []

        var queued: Int { queue.count - queueStart }

        mutating func dequeue() -> Job? {
            guard queueStart < queue.count else { return nil }
            let job = queue[queueStart]
            queueStart += 1
            // Compact now and then, so the array does not grow without bound.
            if queueStart > 64, queueStart * 2 > queue.count {
                queue.removeFirst(queueStart)
                queueStart = 0
            }
            return job
        }
    }

    /// How many refreshes run at once.
    public let maxConcurrent: Int
    /// How many refreshes may wait; more are abandoned.
    public let maxQueued: Int
    private let state = Mutex(State())

    /// A refresher running at most `maxConcurrent` refreshes at once, with at most `maxQueued` waiting.
    public init(maxConcurrent: Int = 4, maxQueued: Int = 1024) {
        self.maxConcurrent = max(1, maxConcurrent)
        self.maxQueued = max(0, maxQueued)
    }

    /// Runs queued and future refreshes until the task is cancelled; then abandons what is still queued and
    /// returns once the running refreshes (cancelled with it) have ended. Call it once.
    public func run() async {
        let started = state.withLock { state -> Bool in
            guard case .waiting = state.phase else { return false }
            state.phase = .running
            return true
        }
        guard started else { return }
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                for _ in 0..<maxConcurrent {
                    group.addTask {
                        while let job = await self.nextJob() {
                            await job.run()
                            self.finished()
                        }
                    }
                }
            }
        } onCancel: {
            self.stop()
        }
        stop()
    }

    /// Queues `job`; abandons it instead when the queue is full or the refresher has stopped. Returns whether it was
    /// queued.
    @discardableResult
    func submit(_ job: Job) -> Bool {
        enum Decision {
            case handOver(CheckedContinuation<Job?, Never>)
            case queued
            case refused
        }
        let decision = state.withLock { state -> Decision in
            switch state.phase {
            case .stopped:
                return .refused
            case .running where !state.idleWorkers.isEmpty:
                state.busy += 1
                return .handOver(state.idleWorkers.removeLast())
            case .waiting, .running:
                guard state.queued < maxQueued else { return .refused }
                state.queue.append(job)
                return .queued
            }
        }
        switch decision {
        case .handOver(let worker):
            worker.resume(returning: job)
            return true
        case .queued:
            return true
        case .refused:
            job.abandon()
            return false
        }
    }

    /// Returns when no refresh is queued or running (at once if none is). For tests and orderly shutdown.
    public func waitUntilIdle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state -> Bool in
                if state.busy == 0, state.queued == 0 { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    /// How many refreshes wait in the queue (for metrics and tests).
    public var queuedCount: Int { state.withLock { $0.queued } }

    // MARK: Workers

    /// The next job for a worker, waiting for one; nil once the refresher stops.
    private func nextJob() async -> Job? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Job?, Never>) in
            enum Next {
                case job(Job)
                case stop
                case wait
            }
            let next = state.withLock { state -> Next in
                if case .stopped = state.phase { return .stop }
                if let job = state.dequeue() {
                    state.busy += 1
                    return .job(job)
                }
                state.idleWorkers.append(continuation)
                return .wait
            }
            switch next {
            case .job(let job): continuation.resume(returning: job)
            case .stop: continuation.resume(returning: nil)
            case .wait: break
            }
        }
    }

    private func finished() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.busy -= 1
            guard state.busy == 0, state.queued == 0 else { return [] }
            defer { state.idleWaiters.removeAll() }
            return state.idleWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Stops accepting jobs, wakes the idle workers so they end, and abandons what is queued.
    private func stop() {
        let (workers, abandoned, waiters) = state.withLock {
            state -> ([CheckedContinuation<Job?, Never>], [Job], [CheckedContinuation<Void, Never>]) in
            state.phase = .stopped
            let workers = state.idleWorkers
            state.idleWorkers.removeAll()
            var abandoned: [Job] = []
            while let job = state.dequeue() { abandoned.append(job) }
            let waiters = state.busy == 0 ? state.idleWaiters : []
            if state.busy == 0 { state.idleWaiters.removeAll() }
            return (workers, abandoned, waiters)
        }
        for worker in workers { worker.resume(returning: nil) }
        for job in abandoned { job.abandon() }
        for waiter in waiters { waiter.resume() }
    }
}
