public import JSON
import Synchronization

/// Loads records by the value of one field (`sys_id`, `number`, a reference such as `request`), collecting the
/// values asked for until it is flushed and then asking for all of them with one `<field>IN<v1,v2,…>` read per
/// table, field and projection, chunked to stay under ServiceNow's URL limits (§10).
///
/// It does not send anything itself: ``flush()`` turns the collected keys into reads of the request's
/// ``UpstreamBatcher``, so that they travel in the same round trip as every other read of the level.
public final class RecordLoader: Sendable {
    /// How many values one read may list: 150 sys_ids are about 5 KB of URL (§10).
    public static let maxValuesPerRead = 150

    /// Which records: the reads that can be merged into one `IN` query.
    public struct Group: Sendable, Hashable {
        /// The table.
        public var table: String
        /// The field whose value is looked up.
        public var field: String
        /// `sysparm_fields` (the key field is added).
        public var fields: [String]
        /// Sort terms appended to the query, e.g. `ORDERBYnumber`.
        public var order: [String]
        /// At most how many rows one value can have (1 for a unique field such as `sys_id`); bounds the page size.
        public var rowsPerValue: Int

        /// A group of lookups.
        public init(table: String, field: String, fields: [String], order: [String] = [], rowsPerValue: Int = 1) {
            self.table = table
            self.field = field
            self.fields = fields
            self.order = order
            self.rowsPerValue = rowsPerValue
        }
    }

    /// The records found for one value, in ServiceNow's order.
    public typealias Outcome = Result<[JSONObject], ServiceNowError>

    private struct Key: Hashable {
        var group: Group
        var value: String
    }

    private struct State {
        var groups: [Group] = []
        var pending: [Group: [String]] = [:]
        var waiters: [Key: [CheckedContinuation<Outcome, Never>]] = [:]
        var answered: [Key: Outcome] = [:]
    }

    private let batcher: UpstreamBatcher
    private let state = Mutex(State())

    /// A loader that reads through `batcher`.
    public init(batcher: UpstreamBatcher) {
        self.batcher = batcher
    }

    /// Whether values are waiting for ``flush()``.
    public var hasPending: Bool {
        state.withLock { !$0.pending.isEmpty }
    }

    /// How many distinct values wait for ``flush()``.
    public var pendingValues: Int {
        state.withLock { $0.pending.values.reduce(0) { $0 + $1.count } }
    }

    /// The records of `group` whose field equals `value` (empty when none is visible), once the loader has been
    /// flushed and the batcher dispatched.
    public func load(_ group: Group, value: String) async throws(ServiceNowError) -> [JSONObject] {
        let key = Key(group: group, value: value)
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            let answered = state.withLock { state -> Outcome? in
                if let outcome = state.answered[key] { return outcome }
                if state.waiters[key] != nil {
                    state.waiters[key]?.append(continuation)
                    return nil
                }
                state.waiters[key] = [continuation]
                if state.pending[group] == nil {
                    state.groups.append(group)
                    state.pending[group] = []
                }
                state.pending[group]?.append(value)
                return nil
            }
            if let answered { continuation.resume(returning: answered) }
        }
        return try outcome.get()
    }

    /// Turns the collected values into batcher reads (one per group and chunk).
    public func flush() {
        let work = state.withLock { state -> [(Group, [String])] in
            let work = state.groups.compactMap { group in state.pending[group].map { (group, $0) } }
            state.groups.removeAll()
            state.pending.removeAll()
            return work
        }
        for (group, values) in work {
            var fields = group.fields
            if !fields.contains(group.field) { fields.append(group.field) }
            var start = 0
            while start < values.count {
                let chunk = Array(values[start..<min(values.count, start + Self.maxValuesPerRead)])
                start += chunk.count
                var query = EncodedQuery()
                query.and(EncodedQuery.Condition(group.field, in: chunk))
                for term in group.order { query.and(trusted: term) }
                let request = ServiceNowAPI.list(
                    TableQuery(
                        table: group.table,
                        query: query.description,
                        fields: fields,
                        limit: min(10_000, max(1, chunk.count * group.rowsPerValue)),
                        count: false
                    )
                )
                batcher.enqueue(request) { [self] outcome in
                    self.deliver(outcome, group: group, values: chunk)
                }
            }
        }
    }

    private func deliver(_ outcome: UpstreamBatcher.Outcome, group: Group, values: [String]) {
        var results: [String: Outcome] = [:]
        switch outcome.flatMap({ response in
            Result { () throws(ServiceNowError) in try ServiceNowAPI.tablePage(response) }
        }) {
        case .success(let page):
            var rows: [String: [JSONObject]] = [:]
            for record in page.records {
                guard let value = RecordMapper.faces(record[group.field])?.value else { continue }
                rows[value, default: []].append(record)
            }
            for value in values { results[value] = .success(rows[value] ?? []) }
        case .failure(let error):
            for value in values { results[value] = .failure(error) }
        }
        var ready: [(CheckedContinuation<Outcome, Never>, Outcome)] = []
        state.withLock { state in
            for (value, result) in results {
                let key = Key(group: group, value: value)
                state.answered[key] = result
                for waiter in state.waiters.removeValue(forKey: key) ?? [] { ready.append((waiter, result)) }
            }
        }
        for (waiter, result) in ready { waiter.resume(returning: result) }
    }

    /// Forgets every answered lookup, after a write changed ServiceNow.
    public func invalidate() {
        state.withLock { $0.answered.removeAll() }
    }
}
