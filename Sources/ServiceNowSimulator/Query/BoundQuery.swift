/// An encoded query resolved against one table: unknown fields dropped (the instance ignores invalid parts of
/// a query), dynamic values resolved, paths walked once. Evaluates records and sorts them.
struct BoundQuery: Sendable {
    private enum Predicate: Sendable {
        case compare(FieldPath, QueryOperator, [String])
        case sameAs(FieldPath, FieldPath, negated: Bool)
        case text([String], fields: [String])
    }

    private struct SortKey: Sendable {
        var path: FieldPath
        var descending: Bool
    }

    private var groups: [[[Predicate]]]
    private var sortKeys: [SortKey]
    let table: String

    init(_ query: EncodedQuery, table: String, database: Database, context: QueryContext) {
        self.table = table
        groups = []
        for group in query.groups {
            var terms: [[Predicate]] = []
            for term in group {
                let predicates = term.compactMap {
                    Self.bind($0, table: table, database: database, context: context)
                }
                if !predicates.isEmpty { terms.append(predicates) }
            }
            groups.append(terms)
        }
        sortKeys = query.ordering.compactMap { term in
            FieldPath(term.field, from: table, in: database).map { SortKey(path: $0, descending: term.descending) }
        }
    }

    private static func bind(
        _ condition: QueryCondition,
        table: String,
        database: Database,
        context: QueryContext
    ) -> Predicate? {
        if condition.op == .textQuery {
            guard let schema = database.schema(table) else { return nil }
            let words = condition.value.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                .map(String.init)
            let fields = schema.fields.filter {
                switch $0.type {
                case .string, .html: true
                default: false
                }
            }.map(\.name)
            return .text(words, fields: fields)
        }
        guard let path = FieldPath(condition.field, from: table, in: database) else { return nil }
        switch condition.op {
        case .sameAs, .notSameAs:
            guard let other = FieldPath(condition.value, from: table, in: database) else { return nil }
            return .sameAs(path, other, negated: condition.op == .notSameAs)
        case .dynamic:
            // Only the "Me" option is known here; an unknown dynamic filter is an invalid part, ignored.
            guard condition.value == QueryContext.dynamicMe else { return nil }
            return .compare(path, .equals, [context.userID])
        case .in, .notIn:
            return .compare(
                path,
                condition.op,
                condition.value.split(separator: ",").map { context.resolve(String($0)) }
            )
        case .between, .on, .notOn:
            let parts = condition.value.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
            // ON carries a label first: `Today@<start>@<end>`.
            let bounds = condition.op == .between ? parts : Array(parts.dropFirst())
            guard bounds.count == 2 else { return nil }
            return .compare(path, condition.op, bounds.map { context.resolve($0) })
        case .relativeGreaterThan, .relativeLessThan:
            // `@hour@ago@1`: a moment relative to now, compared with > or <.
            let parts = condition.value.split(separator: "@").map(String.init)
            guard parts.count == 3, let amount = Int64(parts[2]) else { return nil }
            let unit: Int64
            switch parts[0] {
            case "minute": unit = 60
            case "hour": unit = 3600
            case "day": unit = 86_400
            case "week": unit = 604_800
            case "month": unit = 2_592_000
            case "quarter": unit = 7_776_000
            case "year": unit = 31_536_000
            default: return nil
            }
            let sign: Int64 = parts[1] == "ahead" ? 1 : -1
            let moment = context.now.adding(seconds: sign * amount * unit).formatted
            return .compare(path, condition.op == .relativeGreaterThan ? .greaterThan : .lessThan, [moment])
        default:
            var value = context.resolve(condition.value)
            if path.definition.type == .boolean {
                if value == "1" { value = "true" } else if value == "0" { value = "false" }
            }
            return .compare(path, condition.op, [value])
        }
    }

    /// Whether `record` matches: any `^NQ` group whose every term has a matching condition.
    func matches(_ record: Record, database: Database) -> Bool {
        if groups.isEmpty { return true }
        return groups.contains { group in
            group.allSatisfy { term in term.contains { evaluate($0, record, database) } }
        }
    }

    private func evaluate(_ predicate: Predicate, _ record: Record, _ database: Database) -> Bool {
        switch predicate {
        case .text(let words, let fields):
            if words.isEmpty { return true }
            let haystack = fields.map { HTMLText.plain(record[$0]).lowercased() }.joined(separator: " ")
            return words.allSatisfy { haystack.contains($0) }
        case .sameAs(let left, let right, let negated):
            let equal = left.value(in: record, database: database) == right.value(in: record, database: database)
            return equal != negated
        case .compare(let path, let op, let operands):
            let raw = path.value(in: record, database: database)
            return Self.compare(raw, op, operands, path: path, database: database)
        }
    }

    private static func compare(
        _ raw: String,
        _ op: QueryOperator,
        _ operands: [String],
        path: FieldPath,
        database: Database
    ) -> Bool {
        let type = path.definition.type
        let operand = operands.first ?? ""
        // Text operators on a reference look at what a person sees: the referenced record's display value.
        func text() -> String {
            if let target = type.referencedTable {
                return database.displayValue(table: target, sysID: raw).lowercased()
            }
            return raw.lowercased()
        }
        switch op {
        case .equals: return equal(raw, operand, type)
        case .notEquals: return !equal(raw, operand, type)
        case .like, .likeStar: return text().contains(operand.lowercased())
        case .notLike, .notLikeStar: return !text().contains(operand.lowercased())
        case .startsWith: return text().hasPrefix(operand.lowercased())
        case .endsWith, .endsWithPercent: return text().hasSuffix(operand.lowercased())
        case .in:
            if case .list = type { return !Set(raw.split(separator: ",").map(String.init)).isDisjoint(with: operands) }
            return operands.contains { equal(raw, $0, type) }
        case .notIn: return !operands.contains { equal(raw, $0, type) }
        case .isEmpty, .emptyString: return raw.isEmpty
        case .isNotEmpty: return !raw.isEmpty
        case .anything: return true
        case .lessThan: return !raw.isEmpty && order(raw, operand, type) < 0
        case .lessThanOrEqual: return !raw.isEmpty && order(raw, operand, type) <= 0
        case .greaterThan: return !raw.isEmpty && order(raw, operand, type) > 0
        case .greaterThanOrEqual: return !raw.isEmpty && order(raw, operand, type) >= 0
        case .between, .on:
            guard operands.count == 2, !raw.isEmpty else { return false }
            return order(raw, operands[0], type) >= 0 && order(raw, operands[1], type) <= 0
        case .notOn:
            guard operands.count == 2 else { return false }
            return raw.isEmpty || order(raw, operands[0], type) < 0 || order(raw, operands[1], type) > 0
        case .sameAs, .notSameAs, .dynamic, .textQuery, .relativeGreaterThan, .relativeLessThan:
            return false
        }
    }

    private static func equal(_ raw: String, _ operand: String, _ type: FieldType) -> Bool {
        if type.isNumeric, let left = Double(raw), let right = Double(operand) { return left == right }
        return raw == operand
    }

    /// Compares numerically for numeric fields, else as text (dates in the wire format sort as text).
    static func order(_ left: String, _ right: String, _ type: FieldType) -> Int {
        if type.isNumeric {
            let l = Double(left) ?? -Double.infinity
            let r = Double(right) ?? -Double.infinity
            return l < r ? -1 : (l > r ? 1 : 0)
        }
        return left < right ? -1 : (left > right ? 1 : 0)
    }

    /// Sorts by the `ORDERBY` keys; ties keep their stored order.
    func sorted(_ records: [Record], database: Database) -> [Record] {
        guard !sortKeys.isEmpty else { return records }
        let keyed = records.enumerated().map { index, record in
            (
                index, record,
                sortKeys.map { key -> String in
                    let raw = key.path.value(in: record, database: database)
                    if let target = key.path.definition.type.referencedTable {
                        return database.displayValue(table: target, sysID: raw).lowercased()
                    }
                    return key.path.definition.type.isNumeric ? raw : raw.lowercased()
                }
            )
        }
        return keyed.sorted { a, b in
            for (position, key) in sortKeys.enumerated() {
                let type: FieldType =
                    key.path.definition.type.referencedTable == nil ? key.path.definition.type : .string
                let result = Self.order(a.2[position], b.2[position], type)
                if result != 0 { return key.descending ? result > 0 : result < 0 }
            }
            return a.0 < b.0
        }.map(\.1)
    }
}
