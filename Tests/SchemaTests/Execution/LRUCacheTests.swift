import Testing

@testable import Schema

/// The bounded least-recently-used cache behind the document, plan and list-request caches.
@Suite struct LRUCacheTests {
    @Test func theLeastRecentlyUsedGoFirstWhenEntriesRunOut() {
        let cache = LRUCache<Int, String>(maxEntries: 3, maxCost: 1_000)
        for key in 1...3 { cache.insert("v\(key)", for: key, cost: 1) }
        #expect(cache.value(for: 1) == "v1")  // now the most recently used
        cache.insert("v4", for: 4, cost: 1)
        #expect(cache.value(for: 2) == nil)
        #expect(cache.value(for: 1) == "v1")
        #expect(cache.value(for: 3) == "v3")
        #expect(cache.value(for: 4) == "v4")
        #expect(cache.statistics.entries == 3)
    }

    @Test func theCostBoundEvictsAndAnEntryOverTheWholeBudgetIsNotKept() {
        let cache = LRUCache<String, Int>(maxEntries: 100, maxCost: 10)
        cache.insert(1, for: "a", cost: 4)
        cache.insert(2, for: "b", cost: 4)
        cache.insert(3, for: "c", cost: 4)  // 12 > 10: "a" goes
        #expect(cache.value(for: "a") == nil)
        #expect(cache.statistics.bytes == 8)
        cache.insert(4, for: "huge", cost: 11)
        #expect(cache.value(for: "huge") == nil)
        #expect(cache.value(for: "b") == 2 && cache.value(for: "c") == 3)
        // Replacing a value updates its cost.
        cache.insert(5, for: "b", cost: 1)
        #expect(cache.value(for: "b") == 5)
        #expect(cache.statistics.bytes == 5)
    }
}
