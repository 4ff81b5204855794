import Synchronization

/// The per-request scheduler that decides when ``DataLoader``s dispatch: when every piece of work of the
/// execution is either finished or waiting on a loader — "the executor has nothing else to do".
///
/// Create one per request (before the loaders that use it), pass it in the ``ExecutionRequest``, and build that
/// request's loaders on it:
///
/// ```swift
/// let scheduler = BatchScheduler()
/// let users = DataLoader<String, UserRecord?>(scheduler: scheduler) { ids in
///     try await client.users(ids)   // one upstream call for every id asked for in one round
/// }
/// ```
///
/// ## How idle is detected
///
/// No timers and no yields: the scheduler counts *runnable work units*. A unit is the executor's root task, one
/// of the child tasks it spawns for concurrent fields or list items, or a running batch function. A unit stops
/// counting while it waits for its child units, or while it waits on a loader; it counts again when the last
/// child finishes or its load is answered — the transitions are made under one lock, by whoever causes them,
/// before the waiting task is resumed. When the count reaches zero and keys are queued, a *dispatch round*
/// starts: every loader with queued keys hands them to its batch function at once. Batch functions are units
/// too, so a batch function that loads from another loader (a reference loader feeding the one upstream-read
/// loader) blocks, the count falls to zero again, and the second loader dispatches in the next round.
///
/// Because nothing runnable is ever left uncounted, a round never starts while a resolver could still queue a
/// key (so one level's sibling loads go out together) and never fails to start when everything is blocked (so
/// there is no deadlock and no lost wake-up). Work the scheduler cannot see — a resolver awaiting its own
/// network call — counts as runnable, and simply delays the round until it finishes or blocks.
///
/// A load made from a task that is not a unit of this scheduler (a detached task) cannot take part in the
/// count — the unit waiting for that task still counts as runnable, so waiting for idle could wait forever. Such
/// a load starts a round at once (with whatever else is queued): less batching, never a deadlock.
public final class BatchScheduler: Sendable {
    /// The unit the current task belongs to; inherited by child tasks, so loads made from a resolver's own
    /// `async let` count against the resolver.
    @TaskLocal static var currentUnit: WorkUnit?

    enum Phase {
        case idle
        case running
    }

    struct State {
        var phase = Phase.idle
        var cancelled = false
        /// Runnable units.
        var active = 0
        /// Loaders with queued keys, in the order their first key was queued.
        var pending: [any BatchSource] = []
        /// Jobs of started rounds that the dispatcher has not picked up yet.
        var ready: [BatchJob] = []
        /// The dispatcher, when it waits for a round.
        var dispatcher: CheckedContinuation<[BatchJob]?, Never>?
        /// Every loader created on this scheduler (to fail their waiters on cancellation).
        var loaders: [WeakSource] = []
        var rounds = 0
    }

    struct WeakSource {
        weak var source: (any BatchSource)?
    }

    let state = Mutex(State())

    /// Creates a scheduler for one request.
    public init() {}

    /// How many dispatch rounds have started so far (each dispatches every loader that had keys queued).
    public var dispatchRounds: Int {
        state.withLock { $0.rounds }
    }

    /// Whether an execution is running on this scheduler.
    public var isRunning: Bool {
        state.withLock { $0.phase == .running }
    }

    // MARK: Execution lifecycle (used by the executor)

    /// Starts an execution: returns its root unit, or `nil` if another execution is running on this scheduler.
    func begin() -> WorkUnit? {
        state.withLock { state in
            guard state.phase == .idle else { return nil }
            state.phase = .running
            state.cancelled = false
            state.active = 0
            let root = WorkUnit(scheduler: self, parent: nil)
            state.active += 1
            return root
        }
    }

    /// Ends the execution whose root unit is `root`: stops the dispatcher and fails whatever still waits (only
    /// loads from outside the execution can).
    func end(root: WorkUnit) {
        state.withLock { state in
            Self.adjust(root, &state) { $0.finished = true }
            state.phase = .idle
            state.dispatcher?.resume(returning: nil)
            state.dispatcher = nil
            state.ready = []
            state.pending = []
            Self.failAll(DataLoaderError.executionFinished, &state)
        }
    }

    /// Cancels the execution: every waiting load fails with `CancellationError`, and no round starts any more.
    func cancel() {
        state.withLock { state in
            guard state.phase == .running, !state.cancelled else { return }
            state.cancelled = true
            state.dispatcher?.resume(returning: nil)
            state.dispatcher = nil
            state.ready = []
            state.pending = []
            Self.failAll(CancellationError(), &state)
        }
    }

    private static func failAll(_ error: any Error, _ state: inout State) {
        let sources = state.loaders.compactMap(\.source)
        state.loaders = sources.map { WeakSource(source: $0) }
        for source in sources { source.failAll(error, &state) }
    }

    /// Runs the dispatcher: picks up the jobs of each round and runs them as child tasks, until the execution
    /// ends or is cancelled.
    func runDispatcher() async {
        await withDiscardingTaskGroup { group in
            while let jobs = await nextJobs() {
                for job in jobs {
                    group.addTask {
                        await Self.$currentUnit.withValue(job.unit) { await job.run() }
                        self.finish(job.unit)
                    }
                }
            }
        }
    }

    private func nextJobs() async -> [BatchJob]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[BatchJob]?, Never>) in
                state.withLock { state in
                    if !state.ready.isEmpty {
                        let jobs = state.ready
                        state.ready = []
                        continuation.resume(returning: jobs)
                    } else if state.phase != .running || state.cancelled {
                        continuation.resume(returning: nil)
                    } else {
                        state.dispatcher = continuation
                    }
                }
            }
        } onCancel: {
            cancel()
        }
    }

    // MARK: Units

    /// Runs `body` for `0..<count` concurrently, each in a child task that is a unit of this scheduler, and
    /// returns the results in index order. The calling unit stops counting until the last child finishes.
    func concurrently<Result: Sendable>(
        _ count: Int,
        _ body: @escaping @Sendable (Int) async -> Result
    ) async -> [Result] {
        let parent = unitOfCurrentTask()
        let units = state.withLock { state in
            if let parent { Self.adjust(parent, &state) { $0.runningChildren += count } }
            var units: [WorkUnit] = []
            units.reserveCapacity(count)
            for _ in 0..<count { units.append(WorkUnit(scheduler: self, parent: parent)) }
            state.active += count
            return units
        }
        return await withTaskGroup(of: (Int, Result).self, returning: [Result].self) { group in
            for index in 0..<count {
                let unit = units[index]
                group.addTask {
                    let result = await Self.$currentUnit.withValue(unit) { await body(index) }
                    self.finish(unit)
                    return (index, result)
                }
            }
            var results = [Result?](repeating: nil, count: count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }

    /// The unit of the current task, if it belongs to this scheduler.
    func unitOfCurrentTask() -> WorkUnit? {
        guard let unit = Self.currentUnit, unit.scheduler === self else { return nil }
        return unit
    }

    private func finish(_ unit: WorkUnit) {
        state.withLock { state in
            Self.adjust(unit, &state) { $0.finished = true }
            if let parent = unit.parent { Self.adjust(parent, &state) { $0.runningChildren -= 1 } }
            startRoundIfIdle(&state)
        }
    }

    /// A new unit for a batch job (counted as runnable at once). Call with the lock held.
    func makeJobUnit(_ state: inout State) -> WorkUnit {
        state.active += 1
        return WorkUnit(scheduler: self, parent: nil)
    }

    /// Applies `change` to `unit` and updates the runnable count. Call with the lock held.
    static func adjust(_ unit: WorkUnit, _ state: inout State, _ change: (WorkUnit) -> Void) {
        let before = unit.isRunnable
        change(unit)
        let after = unit.isRunnable
        if before != after { state.active += after ? 1 : -1 }
    }

    /// Registers a loader (for cancellation). Call with the lock held.
    func register(_ source: any BatchSource, _ state: inout State) {
        state.loaders.append(WeakSource(source: source))
    }

    /// Queues `source` for the next round if it is not queued yet. Call with the lock held.
    func markPending(_ source: any BatchSource, _ state: inout State) {
        state.pending.append(source)
    }

    /// Why a load cannot be made now, if it cannot. Call with the lock held.
    func refusal(_ state: State) -> (any Error)? {
        if state.cancelled { return CancellationError() }
        if state.phase != .running { return DataLoaderError.notRunning }
        return nil
    }

    /// Starts a dispatch round if nothing is runnable and keys are queued — or, with `force`, whenever keys are
    /// queued. Call with the lock held.
    func startRoundIfIdle(_ state: inout State, force: Bool = false) {
        guard force || state.active == 0, !state.pending.isEmpty, state.phase == .running, !state.cancelled else {
            return
        }
        let sources = state.pending
        state.pending = []
        var jobs: [BatchJob] = []
        for source in sources { jobs.append(contentsOf: source.takeJobs(&state)) }
        guard !jobs.isEmpty else { return }
        state.rounds += 1
        if let dispatcher = state.dispatcher {
            state.dispatcher = nil
            dispatcher.resume(returning: jobs)
        } else {
            state.ready.append(contentsOf: jobs)
        }
    }
}

/// One piece of work the scheduler counts (see ``BatchScheduler``).
///
/// `@unchecked Sendable`: its counters are only read and written with the owning scheduler's lock held (every
/// access goes through ``BatchScheduler/adjust(_:_:_:)`` or code that holds `state`), and its other properties
/// are immutable.
final class WorkUnit: @unchecked Sendable {
    let scheduler: BatchScheduler
    let parent: WorkUnit?
    var runningChildren = 0
    var waitingLoads = 0
    var finished = false

    init(scheduler: BatchScheduler, parent: WorkUnit?) {
        self.scheduler = scheduler
        self.parent = parent
    }

    var isRunnable: Bool { !finished && runningChildren == 0 && waitingLoads == 0 }
}

/// A batch function call of one round: run by the dispatcher, counted as a unit while it runs.
struct BatchJob: Sendable {
    let unit: WorkUnit
    let run: @Sendable () async -> Void
}

/// What the scheduler needs of a loader; every requirement is called with the scheduler's lock held.
protocol BatchSource: AnyObject, Sendable {
    /// Takes the queued keys as the jobs of a round.
    func takeJobs(_ state: inout BatchScheduler.State) -> [BatchJob]
    /// Fails every waiting load with `error`.
    func failAll(_ error: any Error, _ state: inout BatchScheduler.State)
}
