public import Schema

extension SelectionTree {
    /// The executor's merged selection (fragments flattened, `@skip`/`@include` applied) as a selection tree: each
    /// field tagged with the concrete object type it is selected on, so that projections per type read it exactly.
    public init(_ selection: FieldSelection) {
        var fields: [Field] = []
        for type in selection.possibleTypes {
            for field in selection.fields(on: type.name) where field.name != "__typename" {
                fields.append(Field(field.name, on: type.name, SelectionTree(field.selection)))
            }
        }
        self.init(fields)
    }
}
