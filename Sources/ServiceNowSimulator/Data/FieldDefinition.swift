/// A column of a table's dictionary: its name, label, type and choices.
public struct FieldDefinition: Sendable, Hashable {
    /// The column name (`caller_id`).
    public var name: String
    /// The label (`Caller`).
    public var label: String
    /// The type.
    public var type: FieldType
    /// The choice list; empty for fields without one. A field with choices displays the label of its value.
    public var choices: [Choice]

    /// A field; the label defaults to the name with underscores as spaces and the first letter capitalised, as
    /// the dictionary does for fields without an explicit label.
    public init(_ name: String, _ type: FieldType = .string, label: String? = nil, choices: [Choice] = []) {
        self.name = name
        self.type = type
        self.choices = choices
        self.label = label ?? Self.defaultLabel(for: name)
    }

    /// The label of `value` in the choice list, if it is listed.
    func choiceLabel(for value: String) -> String? {
        choices.first { $0.value == value }?.label
    }

    static func defaultLabel(for name: String) -> String {
        var words = name.split(separator: "_").map(String.init)
        if words.first == "u" || words.first == "sys" { words = Array(words.dropFirst()) }
        let text = words.joined(separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
