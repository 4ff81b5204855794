import JSON
import Synchronization

/// Execution plans kept across requests: the result of CollectFields and argument coercion for one prepared
/// document, one operation and one set of coerced variables, on one executor.
///
/// A plan depends on nothing else (spec §6.3.2: `@skip`/`@include` and field arguments read only the document and
/// the variables; the resolver positions come from the executor), so two requests with the same key execute the
/// same plan and only their resolvers' results differ. Plans hold no resolved values and nothing of a request's
/// context, which is why sharing them between users shares no data. They are built lazily, as execution reaches
/// each object type, and completed plans are reused from then on: a widget sending the same query on every render
/// stops re-collecting its fields and re-coercing its arguments per request.
///
/// Variables are compared exactly (member order, `1` vs `1.0`), never loosely as JSON equality does, so a plan is
/// only reused where the coerced values are the same bits. Large variable sets are not cached, and the cache is
/// bounded in entries and in cost (query text plus variables), like the document cache it sits beside.
final class ExecutionPlanCache: Sendable {
    /// Identifies an executor (its resolver table): plans refer to resolvers by position in it.
    final class Owner: Sendable {
        init() {}
    }

    /// Identifies one prepared document while any plan of it is cached (the entry keeps it alive, so its
    /// `ObjectIdentifier` cannot be reused by another document meanwhile), and keeps the values callers derive
    /// from it per operation and variables (``PreparedDocument/memoized(_:operationName:variables:_:)``).
    final class DocumentToken: Sendable {
        /// The bytes of the document's query text: the cost of its entries.
        let cost: Int
        private let memo = Mutex<[MemoKey: any Sendable]>([:])

        /// The most derived values kept per document; beyond it the memo starts over (a document is usually sent
        /// with a handful of variable sets, so this is only reached by one sent with many).
        static let maxMemoEntries = 32

        private struct MemoKey: Hashable {
            let name: String
            let operationName: String?
            let variables: JSONObject?

            static func == (lhs: MemoKey, rhs: MemoKey) -> Bool {
                guard lhs.name == rhs.name, lhs.operationName == rhs.operationName else { return false }
                switch (lhs.variables, rhs.variables) {
                case (nil, nil): return true
                case (let left?, let right?): return ExecutionPlanCache.identical(left, right)
                default: return false
                }
            }

            func hash(into hasher: inout Hasher) {
                hasher.combine(name)
                hasher.combine(operationName)
                hasher.combine(variables)
            }
        }

        init(cost: Int) {
            self.cost = cost
        }

        func memoized<Value: Sendable>(
            _ name: String,
            operationName: String?,
            variables: JSONObject?,
            _ compute: () -> Value
        ) -> Value {
            if let variables, ExecutionPlanCache.cost(of: variables) == nil { return compute() }
            let key = MemoKey(name: name, operationName: operationName, variables: variables)
            // Unwrap the lookup before casting: `nil as? Value` succeeds when `Value` is itself optional.
            if let stored = memo.withLock({ $0[key] }), let known = stored as? Value { return known }
            let computed = compute()
            memo.withLock { memo in
                if memo.count >= Self.maxMemoEntries { memo.removeAll() }
                memo[key] = computed
            }
            return computed
        }
    }

    private struct Key: Hashable, Sendable {
        let owner: ObjectIdentifier
        let document: ObjectIdentifier
        let operationName: String?
        let variables: JSONObject

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.owner == rhs.owner && lhs.document == rhs.document && lhs.operationName == rhs.operationName
                && ExecutionPlanCache.identical(lhs.variables, rhs.variables)
        }

        func hash(into hasher: inout Hasher) {
            // JSONObject's own hash is coarser than `identical` (order-independent), which is consistent with it.
            hasher.combine(owner)
            hasher.combine(document)
            hasher.combine(operationName)
            hasher.combine(variables)
        }
    }

    /// A cached plan, with the objects whose identities its key uses kept alive.
    struct Entry: Sendable {
        let owner: Owner
        let document: DocumentToken
        let planner: Planner
        let root: ObjectPlan
    }

    /// Variables with more scalar values than this are not cached (a request sending large inputs is rare and
    /// would make both the key comparison and the memory of the entry grow with them).
    static let maxVariableValues = 64
    /// Variables with more string bytes than this are not cached, for the same reason.
    static let maxVariableBytes = 4096

    private let storage: LRUCache<Key, Entry>

    /// A cache of at most `maxEntries` plans costing at most `maxCost` (query and variable bytes) in all.
    init(maxEntries: Int, maxCost: Int) {
        storage = LRUCache(maxEntries: maxEntries, maxCost: maxCost)
    }

    /// The plan for this executor, document, operation and coerced variables: the cached one, or `build()`'s,
    /// which is cached unless the variables are too large. Two requests missing at once both build; the later
    /// insert replaces the earlier, and each request runs the plan it got, so both are correct.
    func entry(
        owner: Owner,
        document: DocumentToken,
        operationName: String?,
        variables: JSONObject,
        build: () -> (planner: Planner, root: ObjectPlan)
    ) -> Entry {
        guard let variableCost = Self.cost(of: variables) else {
            let built = build()
            return Entry(owner: owner, document: document, planner: built.planner, root: built.root)
        }
        let key = Key(owner: owner.id, document: document.id, operationName: operationName, variables: variables)
        if let cached = storage.value(for: key) { return cached }
        let built = build()
        let entry = Entry(owner: owner, document: document, planner: built.planner, root: built.root)
        storage.insert(entry, for: key, cost: document.cost + variableCost)
        return entry
    }

    /// Hits, misses and current size.
    var statistics: LRUCacheStatistics { storage.statistics }

    /// The string bytes of `variables` (plus one per value), or `nil` when they exceed the bounds above.
    static func cost(of variables: JSONObject) -> Int? {
        var values = 0
        var bytes = 0
        var pending: [JSONValue] = [.object(variables)]
        while let value = pending.popLast() {
            values += 1
            switch value {
            case .string(let string): bytes += string.utf8.count
            case .array(let items): pending.append(contentsOf: items)
            case .object(let object):
                for (key, member) in object {
                    bytes += key.utf8.count
                    pending.append(member)
                }
            case .null, .bool, .int, .double: break
            }
            if values > maxVariableValues || bytes > maxVariableBytes { return nil }
        }
        return values + bytes
    }

    /// Whether two objects have the same members in the same order with identical values.
    static func identical(_ lhs: JSONObject, _ rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for position in lhs.indices {
            guard lhs.keys[position] == rhs.keys[position], identical(lhs.values[position], rhs.values[position]) else {
                return false
            }
        }
        return true
    }

    /// Whether two values are the same case with the same contents: `.int(1)` and `.double(1)` differ, and so do
    /// `0.0` and `-0.0`, because a resolver receiving one or the other may behave differently.
    static func identical(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let left), .bool(let right)): return left == right
        case (.int(let left), .int(let right)): return left == right
        case (.double(let left), .double(let right)): return left.bitPattern == right.bitPattern
        case (.string(let left), .string(let right)): return left == right
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { identical($0, $1) }
        case (.object(let left), .object(let right)): return identical(left, right)
        default: return false
        }
    }
}

extension ExecutionPlanCache.Owner {
    fileprivate var id: ObjectIdentifier { ObjectIdentifier(self) }
}

extension ExecutionPlanCache.DocumentToken {
    fileprivate var id: ObjectIdentifier { ObjectIdentifier(self) }
}
