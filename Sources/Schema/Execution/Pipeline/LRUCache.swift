public import Synchronization

/// A least-recently-used cache bounded both in entries and in total cost (bytes: of the query texts for the document
/// and plan caches, of the URLs for the resolvers' built list requests), so a client sending large distinct inputs
/// cannot make it hold much memory.
///
/// One lock around a dictionary and an array-backed doubly linked list: a hit is a hash lookup and two link
/// updates.
///
/// Lookups and insertions are `@inlinable` (their storage `@usableFromInline`) so that a client in another module
/// gets them specialized for its own key and value: unspecialized, `Resolvers`' cache of built list requests spent
/// 43 k instructions per widget render on generic dictionary operations and metadata lookups, specialized 21 k.
public final class LRUCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    @usableFromInline
    struct Entry {
        @usableFromInline var key: Key
        @usableFromInline var value: Value
        @usableFromInline var cost: Int
        @usableFromInline var newer: Int
        @usableFromInline var older: Int

        @inlinable
        init(key: Key, value: Value, cost: Int, newer: Int, older: Int) {
            self.key = key
            self.value = value
            self.cost = cost
            self.newer = newer
            self.older = older
        }
    }

    @usableFromInline
    struct Storage {
        @usableFromInline var entries: [Entry] = []
        @usableFromInline var positions: [Key: Int] = [:]
        @usableFromInline var free: [Int] = []
        /// The most recently used entry, or -1.
        @usableFromInline var newest = -1
        /// The least recently used entry, or -1.
        @usableFromInline var oldest = -1
        @usableFromInline var totalCost = 0
        @usableFromInline var hits = 0
        @usableFromInline var misses = 0

        @usableFromInline
        init() {}

        @inlinable
        mutating func unlink(_ position: Int) {
            let entry = entries[position]
            if entry.newer >= 0 { entries[entry.newer].older = entry.older } else { newest = entry.older }
            if entry.older >= 0 { entries[entry.older].newer = entry.newer } else { oldest = entry.newer }
        }

        @inlinable
        mutating func linkNewest(_ position: Int) {
            entries[position].newer = -1
            entries[position].older = newest
            if newest >= 0 { entries[newest].newer = position }
            newest = position
            if oldest < 0 { oldest = position }
        }

        @inlinable
        mutating func evictOldest() {
            let position = oldest
            guard position >= 0 else { return }
            unlink(position)
            positions.removeValue(forKey: entries[position].key)
            totalCost -= entries[position].cost
            free.append(position)
        }
    }

    /// The most entries kept.
    public let maxEntries: Int
    /// The most total cost kept.
    public let maxCost: Int
    @usableFromInline let storage = Mutex(Storage())

    /// An empty cache with these bounds.
    public init(maxEntries: Int, maxCost: Int) {
        self.maxEntries = max(0, maxEntries)
        self.maxCost = max(0, maxCost)
    }

    /// The cached value for `key`, which becomes the most recently used.
    @inlinable
    public func value(for key: Key) -> Value? {
        storage.withLock { storage in
            guard let position = storage.positions[key] else {
                storage.misses += 1
                return nil
            }
            storage.hits += 1
            if storage.newest != position {
                storage.unlink(position)
                storage.linkNewest(position)
            }
            return storage.entries[position].value
        }
    }

    /// Caches `value` for `key` as the most recently used, evicting the least recently used entries beyond the
    /// bounds; a value costing more than the whole budget is not cached.
    @inlinable
    public func insert(_ value: Value, for key: Key, cost: Int) {
        guard maxEntries > 0, cost <= maxCost else { return }
        storage.withLock { storage in
            if let position = storage.positions[key] {
                storage.totalCost += cost - storage.entries[position].cost
                storage.entries[position].value = value
                storage.entries[position].cost = cost
                storage.unlink(position)
                storage.linkNewest(position)
            } else {
                while storage.positions.count >= maxEntries || storage.totalCost + cost > maxCost,
                    storage.oldest >= 0
                {
                    storage.evictOldest()
                }
                let entry = Entry(key: key, value: value, cost: cost, newer: -1, older: -1)
                let position: Int
                if let reused = storage.free.popLast() {
                    storage.entries[reused] = entry
                    position = reused
                } else {
                    storage.entries.append(entry)
                    position = storage.entries.count - 1
                }
                storage.positions[key] = position
                storage.totalCost += cost
                storage.linkNewest(position)
            }
        }
    }

    /// Hits, misses and current size.
    public var statistics: LRUCacheStatistics {
        storage.withLock { storage in
            LRUCacheStatistics(
                hits: storage.hits,
                misses: storage.misses,
                entries: storage.positions.count,
                bytes: storage.totalCost
            )
        }
    }
}
