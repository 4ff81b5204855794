/// The per-request loaders of one user's ServiceNow reads: the ``UpstreamBatcher`` every read goes through and the
/// ``RecordLoader`` that merges lookups by key into `IN` queries.
///
/// ``dispatch()`` is what the executor calls when every outstanding resolver waits on a loader: the record loader
/// is flushed into the batcher first, then the batcher makes its one round trip.
public final class ServiceNowLoaders: Sendable {
    /// The one door for reads.
    public let batcher: UpstreamBatcher
    /// Lookups by sys_id, number or parent reference.
    public let records: RecordLoader

    /// Loaders reading through `client`, and through `cache` when given.
    public init(client: ServiceNowClient, cache: (any UpstreamReadCache)? = nil) {
        batcher = UpstreamBatcher(client: client, cache: cache)
        records = RecordLoader(batcher: batcher)
    }

    /// Whether a dispatch would send anything.
    public var hasPending: Bool {
        records.hasPending || batcher.hasPending
    }

    /// Sends everything collected so far as one round trip and resumes the waiting resolvers.
    public func dispatch() async {
        records.flush()
        await batcher.dispatch()
    }

    /// Forgets what was read, after a write.
    public func invalidate() {
        records.invalidate()
        batcher.invalidate()
    }
}
