/// How an ``LRUCache`` has done so far: the document and plan caches of a ``RequestPipeline``, or the resolvers'
/// cache of built list requests.
public struct LRUCacheStatistics: Sendable, Hashable {
    /// Lookups answered from the cache.
    public var hits: Int
    /// Lookups that found nothing (the caller then built the value).
    public var misses: Int
    /// Entries cached now.
    public var entries: Int
    /// The cost of what is cached now, in the bytes each cache counts (query and variable text for the pipeline's
    /// caches, URLs for the list requests).
    public var bytes: Int

    /// Creates statistics.
    public init(hits: Int, misses: Int, entries: Int, bytes: Int) {
        self.hits = hits
        self.misses = misses
        self.entries = entries
        self.bytes = bytes
    }
}
