/// The instance's data: every table's dictionary and rows, numbering counters, and the user facts the access
/// rules need (roles, passwords).
///
/// A value type: the simulator keeps one behind a mutex, so each request sees and changes a consistent state.
struct Database: Sendable {
    private(set) var schemas: [String: TableSchema] = [:]
    private var rows: [String: [Record]] = [:]
    private var positions: [String: [String: Int]] = [:]
    private var children: [String: [String]] = [:]
    private var counters: [String: Int] = [:]
    /// The generator for sys_ids of records created while running (deterministic too, given the same requests).
    var random: SeededRandom
    /// Roles by user sys_id.
    var roles: [String: Set<String>] = [:]
    /// Passwords by user name.
    var passwords: [String: String] = [:]

    init(schemas: [TableSchema], random: SeededRandom) {
        self.random = random
        for schema in schemas {
            self.schemas[schema.name] = schema
            rows[schema.name] = []
            positions[schema.name] = [:]
        }
        for schema in schemas {
            var ancestor = schema.parent
            while let parent = ancestor {
                children[parent, default: []].append(schema.name)
                ancestor = self.schemas[parent]?.parent
            }
        }
    }

    /// The dictionary of `table`, if the instance has that table.
    func schema(_ table: String) -> TableSchema? { schemas[table] }

    /// `table` and every table that extends it: where its rows live.
    func concreteTables(of table: String) -> [String] {
        [table] + (children[table] ?? [])
    }

    /// The rows of `table`, including those of tables that extend it, in insertion order per table.
    func records(in table: String) -> [Record] {
        let tables = concreteTables(of: table)
        if tables.count == 1 { return rows[table] ?? [] }
        return tables.flatMap { rows[$0] ?? [] }
    }

    /// The row of `table` (or a table extending it) with `sysID`, and the table it lives in.
    func record(in table: String, sysID: String) -> (table: String, record: Record)? {
        for concrete in concreteTables(of: table) {
            if let position = positions[concrete]?[sysID], let record = rows[concrete]?[position] {
                return (concrete, record)
            }
        }
        return nil
    }

    /// The display value of a row of `table`: the value of the table's display field.
    func displayValue(of record: Record, in table: String) -> String {
        guard let schema = schemas[table] else { return record.sysID }
        return record[schema.displayField]
    }

    /// The display value of the row `sysID` of `table`, `""` when there is none.
    func displayValue(table: String, sysID: String) -> String {
        guard !sysID.isEmpty, let found = record(in: table, sysID: sysID) else { return "" }
        return displayValue(of: found.record, in: found.table)
    }

    /// Adds `record` to `table` (a concrete table); its sys_id must be set and unused.
    mutating func insert(_ record: Record, into table: String) {
        let id = record.sysID
        positions[table, default: [:]][id] = rows[table, default: []].count
        rows[table, default: []].append(record)
        if let prefix = schemas[table]?.numberPrefix, let number = Int(record["number"].dropFirst(prefix.count)) {
            counters[prefix] = max(counters[prefix] ?? 0, number)
        }
    }

    /// Replaces the stored row with the same sys_id in `table` (a concrete table).
    mutating func replace(_ record: Record, in table: String) {
        guard let position = positions[table]?[record.sysID] else { return }
        rows[table]?[position] = record
    }

    /// Removes the row `sysID` from `table` (a concrete table).
    mutating func delete(sysID: String, from table: String) {
        guard let position = positions[table]?[sysID] else { return }
        rows[table]?.remove(at: position)
        var rebuilt: [String: Int] = [:]
        for (index, record) in (rows[table] ?? []).enumerated() { rebuilt[record.sysID] = index }
        positions[table] = rebuilt
    }

    /// The next number for `prefix`, e.g. `INC0010043`: seven digits, as a base instance formats them.
    mutating func nextNumber(prefix: String) -> String {
        let next = (counters[prefix] ?? 0) + 1
        counters[prefix] = next
        let digits = String(next)
        return prefix + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    /// A new sys_id no row uses yet.
    mutating func newSysID() -> String {
        random.sysID()
    }

    /// The user row for `userName`, if any.
    func user(named userName: String) -> Record? {
        (rows["sys_user"] ?? []).first { $0["user_name"] == userName }
    }
}
