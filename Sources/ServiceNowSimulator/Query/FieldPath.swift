/// A field reached from a table, possibly through references (`caller_id.department.name`).
struct FieldPath: Sendable, Hashable {
    /// Each step: the table it starts in and the field read there.
    struct Step: Sendable, Hashable {
        var table: String
        var field: String
    }

    var steps: [Step]
    /// The definition of the last field.
    var definition: FieldDefinition

    /// The path as written.
    var name: String { steps.map(\.field).joined(separator: ".") }

    /// Resolves `path` against `table`: every step but the last must be a reference. Nil when any part is unknown.
    init?(_ path: String, from table: String, in database: Database) {
        var steps: [Step] = []
        var current = table
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var definition: FieldDefinition?
        for (index, part) in parts.enumerated() {
            guard let schema = database.schema(current), let field = schema.field(part) else { return nil }
            steps.append(Step(table: current, field: part))
            if index < parts.count - 1 {
                guard let target = field.type.referencedTable else { return nil }
                current = target
            } else {
                definition = field
            }
        }
        guard let definition else { return nil }
        self.steps = steps
        self.definition = definition
    }

    /// The table of the record the last field is read from.
    var lastTable: String { steps[steps.count - 1].table }

    /// The raw value at the end of the path, `""` when a reference on the way is empty or dangling.
    func value(in record: Record, database: Database) -> String {
        var current = record
        for (index, step) in steps.enumerated() {
            let value = current[step.field]
            if index == steps.count - 1 { return value }
            guard !value.isEmpty, let target = database.schema(step.table)?.field(step.field)?.type.referencedTable,
                let next = database.record(in: target, sysID: value)
            else { return "" }
            current = next.record
        }
        return ""
    }
}
