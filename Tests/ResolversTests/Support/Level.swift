import JSON
import Testing

@testable import Resolvers

/// Plays the executor's part for one query level until it lands: runs the level's resolvers concurrently, waits
/// until they have queued `reads` reads (or record lookups), dispatches the loaders once, and collects the values.
func resolveLevel(
    _ loaders: ServiceNowLoaders,
    waitingFor reads: Int,
    _ resolvers: [@Sendable () async throws -> JSONValue]
) async throws -> [JSONValue] {
    try await withThrowingTaskGroup(of: (Int, JSONValue).self) { group in
        for (index, resolver) in resolvers.enumerated() {
            group.addTask { (index, try await resolver()) }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while loaders.batcher.queuedReads + loaders.records.pendingValues < reads, ContinuousClock.now < deadline {
            await Task.yield()
        }
        await loaders.dispatch()
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
