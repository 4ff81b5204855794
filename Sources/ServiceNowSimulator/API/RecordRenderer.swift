import JSON

/// `sysparm_display_value`: which of a field's two faces the Table API shows (§2.4).
enum DisplayMode: Sendable {
    /// `false` (the default): stored values.
    case value
    /// `true`: display values only.
    case display
    /// `all`: both, as `{display_value, value}` objects.
    case all

    init(parameter: String?) {
        switch parameter?.lowercased() {
        case "true": self = .display
        case "all": self = .all
        default: self = .value
        }
    }
}

/// Turns stored rows into Table API JSON in the exact shapes of §2.4: every value a string, references as
/// `{link, value}` / `{display_value, link}` / `{display_value, value, link}` (links dropped with
/// `sysparm_exclude_reference_link`), empty references as `""`.
struct RecordRenderer: Sendable {
    var mode: DisplayMode
    var excludeReferenceLink: Bool
    /// The fields to render (`sysparm_fields`, dot-walks allowed); nil for every field of the table.
    var fields: [String]?
    /// `http://host:port`, for reference links.
    var baseURL: String
    /// The caller's time zone, for display values of dates.
    var timeZone: String

    init(request: APIRequest, baseURL: String, caller: Caller) {
        mode = DisplayMode(parameter: request.parameter("sysparm_display_value"))
        excludeReferenceLink = request.flag("sysparm_exclude_reference_link")
        fields = request.parameter("sysparm_fields").flatMap { text -> [String]? in
            let names = text.split(separator: ",").map { String($0.trimmingSpaces()) }.filter { !$0.isEmpty }
            return names.isEmpty ? nil : names
        }
        self.baseURL = baseURL
        timeZone = caller.timeZone
    }

    /// The JSON object for `record` read through `table` (fields unknown to `table` are left out).
    func render(_ record: Record, table: String, database: Database) -> JSONObject {
        var object = JSONObject()
        if let fields {
            for name in fields {
                guard let path = FieldPath(name, from: table, in: database) else { continue }
                object[name] = renderValue(
                    path.value(in: record, database: database),
                    definition: path.definition,
                    database: database
                )
            }
        } else if let schema = database.schema(table) {
            for definition in schema.fields {
                object.appendUnchecked(
                    definition.name,
                    renderValue(record[definition.name], definition: definition, database: database)
                )
            }
        }
        return object
    }

    /// One field's JSON in the current mode.
    func renderValue(_ raw: String, definition: FieldDefinition, database: Database) -> JSONValue {
        // Journal fields read as empty through the Table API; their history lives in sys_journal_field (§2.7).
        let value = definition.type == .journal ? "" : raw
        if let target = definition.type.referencedTable {
            guard !value.isEmpty else {
                return mode == .all ? ["display_value": "", "value": ""] : ""
            }
            let display = database.displayValue(table: target, sysID: value)
            let link = JSONValue.string("\(baseURL)/api/now/table/\(target)/\(value)")
            switch mode {
            case .value:
                return excludeReferenceLink ? .string(value) : ["link": link, "value": .string(value)]
            case .display:
                return excludeReferenceLink ? .string(display) : ["display_value": .string(display), "link": link]
            case .all:
                var object: JSONObject = ["display_value": .string(display), "value": .string(value)]
                if !excludeReferenceLink { object["link"] = link }
                return .object(object)
            }
        }
        switch mode {
        case .value: return .string(value)
        case .display: return .string(displayValue(value, definition: definition, database: database))
        case .all:
            return [
                "display_value": .string(displayValue(value, definition: definition, database: database)),
                "value": .string(value),
            ]
        }
    }

    /// The display face of a non-reference value: choice labels, local dates, grouped numbers, list names.
    func displayValue(_ value: String, definition: FieldDefinition, database: Database) -> String {
        if value.isEmpty { return "" }
        if let label = definition.choiceLabel(for: value) { return label }
        switch definition.type {
        case .dateTime: return TimeZoneDisplay.local(value, timeZone: timeZone)
        case .integer: return Self.grouped(value)
        case .decimal:
            guard let number = Double(value) else { return value }
            let cents = Int((number * 100).rounded())
            let fraction = String(abs(cents) % 100)
            return "$" + Self.grouped(String(cents / 100)) + "." + (fraction.count == 1 ? "0" + fraction : fraction)
        case .list(let table):
            return value.split(separator: ",").map { database.displayValue(table: table, sysID: String($0)) }
                .joined(separator: ", ")
        default: return value
        }
    }

    /// `1234567` as `1,234,567`, as the instance's display values group digits.
    static func grouped(_ digits: String) -> String {
        guard let number = Int(digits), abs(number) >= 1000 else { return digits }
        var text = String(abs(number))
        var groups: [Substring] = []
        while text.count > 3 {
            groups.insert(Substring(text.suffix(3)), at: 0)
            text.removeLast(3)
        }
        groups.insert(Substring(text), at: 0)
        return (number < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}

extension RecordRenderer {
    /// A renderer for display values outside the Table API (UTC dates, no fields chosen).
    static let plain = RecordRenderer(
        mode: .display,
        excludeReferenceLink: true,
        fields: nil,
        baseURL: "",
        timeZone: "UTC"
    )

    init(mode: DisplayMode, excludeReferenceLink: Bool, fields: [String]?, baseURL: String, timeZone: String) {
        self.mode = mode
        self.excludeReferenceLink = excludeReferenceLink
        self.fields = fields
        self.baseURL = baseURL
        self.timeZone = timeZone
    }
}
