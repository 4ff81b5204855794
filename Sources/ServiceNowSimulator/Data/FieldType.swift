/// The dictionary type of a field: decides how values compare, sort and display.
public enum FieldType: Sendable, Hashable {
    /// Free text (`string`).
    case string
    /// HTML text (knowledge article bodies); searched by the text query with tags stripped.
    case html
    /// A journal field (`comments`, `work_notes`): writes add a `sys_journal_field` entry, reads give `""`.
    case journal
    /// A whole number, compared numerically.
    case integer
    /// A decimal or price, compared numerically.
    case decimal
    /// `"true"` or `"false"`.
    case boolean
    /// A UTC date and time, `YYYY-MM-DD HH:MM:SS`.
    case dateTime
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// A 32-hex sys_id of a record in the named table.
    case reference(table: String)
    /// A comma-separated list of sys_ids in the named table (`watch_list`).
    case list(table: String)
    /// A 32-hex sys_id of the record itself.
    case sysID

    /// Whether values compare as numbers.
    var isNumeric: Bool {
        switch self {
        case .integer, .decimal: true
        default: false
        }
    }

    /// The referenced table, for reference fields.
    var referencedTable: String? {
        if case .reference(let table) = self { return table }
        return nil
    }

    /// The name the KM API's `fields` objects and the dictionary use.
    var internalTypeName: String {
        switch self {
        case .string: "string"
        case .html: "html"
        case .journal: "journal_input"
        case .integer: "integer"
        case .decimal: "decimal"
        case .boolean: "boolean"
        case .dateTime: "glide_date_time"
        case .date: "glide_date"
        case .reference: "reference"
        case .list: "glide_list"
        case .sysID: "GUID"
        }
    }
}

/// One entry of a field's choice list: the stored value and the label shown for it.
public struct Choice: Sendable, Hashable {
    /// The stored value (`"2"`).
    public var value: String
    /// The label (`"In Progress"`).
    public var label: String

    /// A choice of `value` shown as `label`.
    public init(_ value: String, _ label: String) {
        self.value = value
        self.label = label
    }
}
