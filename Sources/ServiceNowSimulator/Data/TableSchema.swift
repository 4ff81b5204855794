/// A table's dictionary: its fields in display order, what its display value is, and how it numbers records.
public struct TableSchema: Sendable {
    /// The table name (`incident`).
    public let name: String
    /// The label (`Incident`).
    public let label: String
    /// The parent table (`task` for `incident`), if it extends one.
    public let parent: String?
    /// The field whose value is the record's display value (`number` for tasks, `name` for users).
    public let displayField: String
    /// The number prefix (`INC`), for tables that auto-number.
    public let numberPrefix: String?
    /// The fields, in the order records are rendered.
    public let fields: [FieldDefinition]
    private let positions: [String: Int]

    /// A table; `fields` should include the inherited ones, in the order records render them.
    public init(
        name: String,
        label: String,
        parent: String? = nil,
        displayField: String,
        numberPrefix: String? = nil,
        fields: [FieldDefinition]
    ) {
        self.name = name
        self.label = label
        self.parent = parent
        self.displayField = displayField
        self.numberPrefix = numberPrefix
        var unique: [FieldDefinition] = []
        var positions: [String: Int] = [:]
        for field in fields where positions[field.name] == nil {
            positions[field.name] = unique.count
            unique.append(field)
        }
        self.fields = unique
        self.positions = positions
    }

    /// The field named `name`, if the table has it.
    public func field(_ name: String) -> FieldDefinition? {
        positions[name].map { fields[$0] }
    }
}
