import JSON
import Synchronization

/// The Aggregate API, `GET /api/now/stats/{table}` (§9): counts (as strings), averages, minimums, maximums and
/// sums, optionally grouped, over the rows the caller may read.
struct AggregateAPI: Sendable {
    let instance: Instance

    func handle(_ request: APIRequest, caller: Caller, table: String) -> APIResponse {
        let context = QueryContext(userID: caller.userID, userName: caller.userName, now: instance.clock.now)
        func list(_ name: String) -> [String] {
            (request.parameter(name) ?? "").split(separator: ",").map { String($0.trimmingSpaces()) }.filter {
                !$0.isEmpty
            }
        }
        let groupBy = list("sysparm_group_by")
        let aggregates = [
            ("avg", list("sysparm_avg_fields")), ("min", list("sysparm_min_fields")),
            ("max", list("sysparm_max_fields")), ("sum", list("sysparm_sum_fields")),
        ]
        let count = request.flag("sysparm_count")
        let mode = DisplayMode(parameter: request.parameter("sysparm_display_value"))
        return instance.database.withLock { database -> APIResponse in
            guard database.schema(table) != nil else { return .error(400, "Invalid table \(table)", detail: nil) }
            // [OBS] Knowledge tables refuse aggregate queries from users without a role.
            if table.hasPrefix("kb_"), !caller.isAgent {
                return .error(403, "Insufficient rights to query records", detail: nil)
            }
            let query = QueryParser.parse(request.parameter("sysparm_query") ?? "")
            let bound = BoundQuery(query, table: table, database: database, context: context)
            let rows = database.records(in: table).filter { record in
                let concrete =
                    AccessPolicy.taskTables.contains(table) && !record["sys_class_name"].isEmpty
                    ? record["sys_class_name"] : table
                return bound.matches(record, database: database)
                    && AccessPolicy.canRead(record, in: concrete, caller: caller, database: database)
            }
            func stats(_ rows: [Record]) -> JSONValue {
                var object = JSONObject()
                if count { object["count"] = .string(String(rows.count)) }
                for (kind, fields) in aggregates where !fields.isEmpty {
                    var values = JSONObject()
                    for field in fields {
                        guard let path = FieldPath(field, from: table, in: database) else { continue }
                        let raw = rows.map { path.value(in: $0, database: database) }.filter { !$0.isEmpty }
                        let numbers = raw.compactMap(Double.init)
                        switch kind {
                        case "avg":
                            values[field] = .string(
                                numbers.isEmpty ? "" : Self.fixed(numbers.reduce(0, +) / Double(numbers.count), 4)
                            )
                        case "sum":
                            values[field] = .string(Self.plain(numbers.reduce(0, +)))
                        case "min":
                            values[field] = .string(
                                raw.min { BoundQuery.order($0, $1, path.definition.type) < 0 } ?? ""
                            )
                        default:
                            values[field] = .string(
                                raw.max { BoundQuery.order($0, $1, path.definition.type) < 0 } ?? ""
                            )
                        }
                    }
                    object[kind] = .object(values)
                }
                return .object(object)
            }
            guard !groupBy.isEmpty else { return .result(["stats": stats(rows)]) }
            let paths = groupBy.compactMap { FieldPath($0, from: table, in: database) }
            var order: [[String]] = []
            var groups: [[String]: [Record]] = [:]
            for row in rows {
                let key = paths.map { $0.value(in: row, database: database) }
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(row)
            }
            let renderer = RecordRenderer(request: request, baseURL: "", caller: caller)
            let result: [JSONValue] = order.map { key in
                let fields: [JSONValue] = zip(paths, key).map { path, value in
                    let display: String
                    if let target = path.definition.type.referencedTable {
                        display = database.displayValue(table: target, sysID: value)
                    } else {
                        display = renderer.displayValue(value, definition: path.definition, database: database)
                    }
                    switch mode {
                    case .value: return ["field": .string(path.name), "value": .string(value)]
                    case .display: return ["field": .string(path.name), "value": .string(display)]
                    case .all:
                        return [
                            "field": .string(path.name), "value": .string(value), "display_value": .string(display),
                        ]
                    }
                }
                return ["stats": stats(groups[key] ?? []), "groupby_fields": .array(fields)]
            }
            return .result(.array(result))
        }
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        var fraction = String(abs(scaled) % Int(scale))
        while fraction.count < digits { fraction = "0" + fraction }
        return (scaled < 0 && whole == 0 ? "-" : "") + String(whole) + "." + fraction
    }

    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
