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

    /// The selection tree of `selection`, built once per execution plan (``FieldSelection/memoized(_:_:)``): a
    /// widget's list resolvers then build their ServiceNow projection's input once, not on every render. The tree
    /// depends only on the selection, so sharing it between the requests of one plan is exact.
    public static func memoized(_ selection: FieldSelection) -> SelectionTree {
        selection.memoized("Resolvers.SelectionTree") { SelectionTree($0) }
    }
}
