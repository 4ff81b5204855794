import JSON
import Synchronization
import Testing

@testable import Resolvers

/// Plays the executor's part for one query level until it lands: runs the level's resolvers concurrently, waits
/// until they have queued `reads` reads (or record lookups), dispatches the loaders once, and collects the values.
/// Reads queued later (by resolvers that were slower to start) are dispatched as they come, so a wrong count
/// shows up as an extra round trip in the test's request log rather than as a hang.
func resolveLevel(
    _ loaders: ServiceNowLoaders,
    waitingFor reads: Int,
    _ resolvers: [@Sendable () async throws -> JSONValue]
) async throws -> [JSONValue] {
    let finished = Counter()
    return try await withThrowingTaskGroup(of: (Int, JSONValue).self) { group in
        for (index, resolver) in resolvers.enumerated() {
            group.addTask {
                defer { finished.increment() }
                return (index, try await resolver())
            }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while loaders.batcher.queuedReads + loaders.records.pendingValues < reads, ContinuousClock.now < deadline {
            await Task.yield()
        }
        await loaders.dispatch()
        while finished.value < resolvers.count, ContinuousClock.now < deadline {
            if loaders.hasPending { await loaders.dispatch() }
            await Task.yield()
        }
        var values = [JSONValue](repeating: .null, count: resolvers.count)
        for try await (index, value) in group { values[index] = value }
        return values
    }
}

/// One resolver that needs one dispatch.
func resolveOne(
    _ loaders: ServiceNowLoaders,
    _ resolver: @escaping @Sendable () async throws -> JSONValue
)
    async throws -> JSONValue
{
    try await resolveLevel(loaders, waitingFor: 1, [resolver])[0]
}

/// A count shared by tasks.
final class Counter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}
