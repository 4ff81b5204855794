import Synchronization

/// Coalesces concurrent calls for one key into one execution: the first caller runs the work, callers that arrive
/// while it runs wait for its result instead of starting their own.
///
/// Used for token refreshes, so that the twenty resolvers of one request that all see an expired token cause one
/// refresh grant, not twenty queued ones. Nothing is cached: a caller that arrives after the work finished starts a
/// new one. No task is stored: the leader runs the work in its own task.
final class SingleFlight<Key: Hashable & Sendable, Value: Sendable, Failure: Error>: Sendable {
    private typealias Waiter = CheckedContinuation<Role, Never>

    private enum Role: Sendable {
        case leader
        case follower(Result<Value, Failure>)
    }

    private let waiters = Mutex<[Key: [Waiter]]>([:])

    init() {}

    /// Runs `work` for `key`, or waits for the run already in flight for it and returns its result.
    func run(_ key: Key, _ work: () async -> Result<Value, Failure>) async -> Result<Value, Failure> {
        let role = await withCheckedContinuation { (continuation: Waiter) in
            let isLeader = waiters.withLock { waiters -> Bool in
                if waiters[key] == nil {
                    waiters[key] = []
                    return true
                }
                waiters[key, default: []].append(continuation)
                return false
            }
            if isLeader { continuation.resume(returning: .leader) }
        }
        switch role {
        case .follower(let result):
            return result
        case .leader:
            let result = await work()
            let followers = waiters.withLock { waiters in waiters.removeValue(forKey: key) ?? [] }
            for follower in followers { follower.resume(returning: .follower(result)) }
            return result
        }
    }

    /// How many callers wait on the flight for `key` (for tests).
    func followerCount(_ key: Key) -> Int {
        waiters.withLock { $0[key]?.count ?? 0 }
    }
}
