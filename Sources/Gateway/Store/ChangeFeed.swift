import Synchronization

/// Fans store changes out to every `changes()` stream of one process.
///
/// Streams buffer without bound: a change is a few bytes, consumers only drop cache entries, and a dropped
/// change would leave a cache serving what the store no longer holds. A stream ends when its consumer stops
/// iterating or when the feed finishes (the store closed).
final class ChangeFeed: Sendable {
    private struct State {
        var continuations: [UInt64: AsyncStream<StoreChange>.Continuation] = [:]
        var nextID: UInt64 = 0
        var isFinished = false
    }

    private let state = Mutex(State())

    init() {}

    /// A new stream of every change published from now on.
    func subscribe() -> AsyncStream<StoreChange> {
        let (stream, continuation) = AsyncStream<StoreChange>.makeStream(bufferingPolicy: .unbounded)
        let id = state.withLock { state -> UInt64? in
            guard !state.isFinished else { return nil }
            state.nextID += 1
            state.continuations[state.nextID] = continuation
            return state.nextID
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    /// Delivers `change` to every stream.
    func publish(_ change: StoreChange) {
        let continuations = state.withLock { Array($0.continuations.values) }
        for continuation in continuations { continuation.yield(change) }
    }

    /// Ends every stream; later subscriptions end at once.
    func finish() {
        let continuations = state.withLock { state -> [AsyncStream<StoreChange>.Continuation] in
            state.isFinished = true
            defer { state.continuations = [:] }
            return Array(state.continuations.values)
        }
        for continuation in continuations { continuation.finish() }
    }

    /// How many streams are open (for tests).
    var subscriberCount: Int { state.withLock { $0.continuations.count } }
}
