import Synchronization

/// Requests already built, by what they were built from: a bounded memo of a pure function.
///
/// A widget's lists are the same Table API queries render after render, and for every user (the viewer appears in
/// them as `javascript:gs.getUserID()`, which the instance resolves per token). Building one percent-encodes a few
/// hundred bytes of URL and hashes it, about 36 k instructions: a seventh of a render answered from the read cache.
/// The memo hashes and compares the query's parts instead, a fifth of that. What it returns depends only on the key,
/// so sharing it between users shares nothing of theirs. Hostile variety (distinct searches) cannot grow it: at
/// ``limit`` entries it starts over.
final class RequestMemo<Key: Hashable & Sendable>: Sendable {
    /// The most entries kept.
    let limit: Int
    private let entries = Mutex<[Key: UpstreamRequest]>([:])

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// The request for `key`, built by `build` the first time (outside the lock: two callers may both build it).
    func request(for key: Key, build: (Key) -> UpstreamRequest) -> UpstreamRequest {
        if let known = entries.withLock({ $0[key] }) { return known }
        let built = build(key)
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = built
        }
        return built
    }

    /// How many entries are kept (for tests).
    var count: Int { entries.withLock { $0.count } }
}
