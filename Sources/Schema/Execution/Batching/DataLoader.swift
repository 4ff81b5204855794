import Synchronization

/// A per-request batch loader: keys asked for while the executor has other work are collected, and handed to the
/// batch function together once it has nothing else to do (see ``BatchScheduler``), so N sibling lookups become
/// one upstream call.
///
/// ```swift
/// let scheduler = BatchScheduler()
/// let users = DataLoader<String, UserRecord?>(scheduler: scheduler) { sysIDs in
///     let found = try await client.users(sysIDs)               // one call for the whole round
///     return sysIDs.map { .success(found[$0]) }                 // one result per key, in order
/// }
/// // in a resolver:
/// let user = try await context.users.load(incident.assignedToID)
/// ```
///
/// - Identical keys asked for within a request are loaded once; results (values and per-key errors) are cached
///   for the loader's lifetime, which should be one request. An error thrown by the batch function as a whole
///   fails every key of that call and is not cached.
/// - A batch function may load from other loaders (a reference loader turning keys into reads of one
///   upstream-read loader): those keys are dispatched in the next round. Prefer ``loadMany(_:)`` there over many
///   concurrent ``load(_:)`` calls, so that all keys are queued before the batch function waits.
/// - Loads are only possible while an execution runs on the loader's scheduler; if it is cancelled, waiting
///   loads throw `CancellationError`. Load from the resolver's own task or its child tasks (`async let`, task
///   groups, `Task {}`): a load from a detached task cannot be counted, and is dispatched at once.
public final class DataLoader<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// Loads the values of `keys` (distinct, in the order they were first asked for); returns exactly one result
    /// per key, in the same order.
    public typealias BatchFunction = @Sendable (_ keys: [Key]) async throws -> [Result<Value, any Error>]

    /// The scheduler that decides when this loader dispatches.
    public let scheduler: BatchScheduler
    private let batch: BatchFunction
    private let maxBatchSize: Int
    private let cachesResults: Bool
    private let storage = Storage()

    /// The loader's state. `@unchecked Sendable`: it is only touched with the scheduler's lock held (every access
    /// is inside `scheduler.state.withLock`).
    private final class Storage: @unchecked Sendable {
        var cache: [Key: Result<Value, any Error>] = [:]
        var queue: [Key] = []
        var waiters: [Key: [Waiter]] = [:]
        var isPending = false
        var batchCalls = 0
    }

    private enum Waiter {
        case single(CheckedContinuation<Result<Value, any Error>, Never>, WorkUnit?)
        case many(ManyWaiter, Int)
    }

    /// The waiter of a ``loadMany(_:)`` call. `@unchecked Sendable` for the same reason as `Storage`.
    private final class ManyWaiter: @unchecked Sendable {
        var results: [Result<Value, any Error>?]
        var remaining: Int
        let continuation: CheckedContinuation<[Result<Value, any Error>], Never>
        let unit: WorkUnit?

        init(count: Int, continuation: CheckedContinuation<[Result<Value, any Error>], Never>, unit: WorkUnit?) {
            results = Array(repeating: nil, count: count)
            remaining = count
            self.continuation = continuation
            self.unit = unit
        }
    }

    /// Creates a loader on `scheduler`.
    ///
    /// - Parameters:
    ///   - scheduler: The request's scheduler.
    ///   - maxBatchSize: The most keys per batch function call; a round with more keys makes several calls
    ///     (all in that round). `nil` for no limit.
    ///   - cachesResults: Whether results are kept for later loads of the same key (within the request). Keys
    ///     asked for again while a call is in flight always share that call.
    ///   - batch: The batch function.
    public init(
        scheduler: BatchScheduler,
        maxBatchSize: Int? = nil,
        cachesResults: Bool = true,
        batch: @escaping BatchFunction
    ) {
        self.scheduler = scheduler
        self.maxBatchSize = max(1, maxBatchSize ?? Int.max)
        self.cachesResults = cachesResults
        self.batch = batch
        scheduler.state.withLock { state in scheduler.register(self, &state) }
    }

    /// Loads the value of `key`: at once if it is cached, otherwise with the next dispatch round.
    ///
    /// - Throws: The key's error from the batch function, the batch function's own error, `CancellationError`
    ///   when the execution is cancelled, or ``DataLoaderError`` when no execution is running.
    public func load(_ key: Key) async throws -> Value {
        if cachesResults, let cached = scheduler.state.withLock({ _ in storage.cache[key] }) {
            return try cached.get()
        }
        let unit = scheduler.unitOfCurrentTask()
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<Value, any Error>, Never>) in
            scheduler.state.withLock { state in
                if let refusal = scheduler.refusal(state) {
                    continuation.resume(returning: .failure(refusal))
                    return
                }
                if cachesResults, let cached = storage.cache[key] {
                    continuation.resume(returning: cached)
                    return
                }
                enqueue(key, .single(continuation, unit), &state)
                if let unit {
                    BatchScheduler.adjust(unit, &state) { $0.waitingLoads += 1 }
                    scheduler.startRoundIfIdle(&state)
                } else {
                    scheduler.startRoundIfIdle(&state, force: true)
                }
            }
        }
        return try result.get()
    }

    /// Loads the values of `keys` with one wait, returning each key's result in order (a failed key does not fail
    /// the others).
    public func loadMany(_ keys: [Key]) async -> [Result<Value, any Error>] {
        if keys.isEmpty { return [] }
        let unit = scheduler.unitOfCurrentTask()
        return await withCheckedContinuation { (continuation: CheckedContinuation<[Result<Value, any Error>], Never>) in
            scheduler.state.withLock { state in
                if let refusal = scheduler.refusal(state) {
                    continuation.resume(returning: keys.map { _ in .failure(refusal) })
                    return
                }
                let waiter = ManyWaiter(count: keys.count, continuation: continuation, unit: unit)
                for (position, key) in keys.enumerated() {
                    if cachesResults, let cached = storage.cache[key] {
                        waiter.results[position] = cached
                        waiter.remaining -= 1
                    } else {
                        enqueue(key, .many(waiter, position), &state)
                    }
                }
                if waiter.remaining == 0 {
                    continuation.resume(returning: waiter.results.compactMap { $0 })
                } else if let unit {
                    BatchScheduler.adjust(unit, &state) { $0.waitingLoads += 1 }
                    scheduler.startRoundIfIdle(&state)
                } else {
                    scheduler.startRoundIfIdle(&state, force: true)
                }
            }
        }
    }

    /// Puts `value` in the cache for `key`, unless a result is cached already (graphql-js DataLoader `prime`).
    public func prime(_ key: Key, _ value: Value) {
        scheduler.state.withLock { _ in
            if storage.cache[key] == nil { storage.cache[key] = .success(value) }
        }
    }

    /// Forgets the cached result of `key` (after a mutation changed it, say).
    public func clear(_ key: Key) {
        scheduler.state.withLock { _ in _ = storage.cache.removeValue(forKey: key) }
    }

    /// Forgets every cached result.
    public func clearAll() {
        scheduler.state.withLock { _ in storage.cache.removeAll() }
    }

    /// How many times the batch function has been called.
    public var batchCallCount: Int {
        scheduler.state.withLock { _ in storage.batchCalls }
    }

    // MARK: Internals (lock held)

    private func enqueue(_ key: Key, _ waiter: Waiter, _ state: inout BatchScheduler.State) {
        // One hashed access either way (each is a generic dictionary operation here, metadata lookups included): a
        // key already queued or in flight shares that call; a new one also joins the queue.
        let keysWaiting = storage.waiters.count
        storage.waiters[key, default: []].append(waiter)
        guard storage.waiters.count > keysWaiting else { return }
        storage.queue.append(key)
        if !storage.isPending {
            storage.isPending = true
            scheduler.markPending(self, &state)
        }
    }

    private func deliver(_ key: Key, _ result: Result<Value, any Error>, _ state: inout BatchScheduler.State) {
        guard let waiters = storage.waiters.removeValue(forKey: key) else { return }
        for waiter in waiters {
            switch waiter {
            case .single(let continuation, let unit):
                if let unit { BatchScheduler.adjust(unit, &state) { $0.waitingLoads -= 1 } }
                continuation.resume(returning: result)
            case .many(let many, let position):
                many.results[position] = result
                many.remaining -= 1
                if many.remaining == 0 {
                    if let unit = many.unit { BatchScheduler.adjust(unit, &state) { $0.waitingLoads -= 1 } }
                    many.continuation.resume(returning: many.results.compactMap { $0 })
                }
            }
        }
    }

    private func run(_ keys: [Key]) async {
        var results: [Result<Value, any Error>]
        var cacheable = true
        do {
            results = try await batch(keys)
            if results.count != keys.count {
                let error = DataLoaderError.wrongResultCount(expected: keys.count, got: results.count)
                results = keys.map { _ in .failure(error) }
                cacheable = false
            }
        } catch {
            results = keys.map { _ in .failure(error) }
            cacheable = false
        }
        scheduler.state.withLock { state in
            // By index: `zip` over the generic arrays looked up its iterator's metadata for every key.
            for index in keys.indices {
                if cachesResults, cacheable { storage.cache[keys[index]] = results[index] }
                deliver(keys[index], results[index], &state)
            }
        }
    }
}

extension DataLoader: BatchSource {
    func takeJobs(_ state: inout BatchScheduler.State) -> [BatchJob] {
        storage.isPending = false
        let keys = storage.queue
        storage.queue = []
        var jobs: [BatchJob] = []
        var start = 0
        while start < keys.count {
            let end = keys.count - start > maxBatchSize ? start + maxBatchSize : keys.count
            let chunk = Array(keys[start..<end])
            storage.batchCalls += 1
            jobs.append(BatchJob(unit: scheduler.makeJobUnit(&state)) { await self.run(chunk) })
            start = end
        }
        return jobs
    }

    func failAll(_ error: any Error, _ state: inout BatchScheduler.State) {
        storage.queue = []
        storage.isPending = false
        for key in Array(storage.waiters.keys) { deliver(key, .failure(error), &state) }
    }
}

/// Why a ``DataLoader`` could not load.
public struct DataLoaderError: Error, Sendable, Hashable, CustomStringConvertible {
    enum Code: Hashable {
        case notRunning
        case executionFinished
        case wrongResultCount
    }

    let code: Code
    /// What went wrong.
    public let message: String

    /// No execution is running on the loader's scheduler (loaders only load during an execution).
    public static let notRunning = DataLoaderError(
        code: .notRunning,
        message: "The DataLoader's scheduler has no running execution."
    )

    /// The execution ended while the load was waiting (it came from outside the execution).
    public static let executionFinished = DataLoaderError(
        code: .executionFinished,
        message: "The execution ended before the DataLoader dispatched."
    )

    /// The batch function returned a different number of results than it was given keys.
    public static func wrongResultCount(expected: Int, got: Int) -> DataLoaderError {
        DataLoaderError(
            code: .wrongResultCount,
            message: "The DataLoader's batch function returned \(got) results for \(expected) keys."
        )
    }

    /// The message.
    public var description: String { message }
}
