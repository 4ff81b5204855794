/// Leaf Field Selections: fields of scalar or enum type have no selection set; all others have one.
///
/// https://spec.graphql.org/September2025/#sec-Leaf-Field-Selections
final class ScalarLeafsRule: RuleVisitor {
    private let context: ValidationContext
    let events: RuleEvents = .field

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterField(_ field: Field) {
        guard let type = context.type else { return }
        let name = field.name.value
        if context.schema[type].isLeaf {
            if let selectionSet = field.selectionSet {
                context.report(
                    "Field \"\(name)\" must not have a selection since type \"\(type)\" has no subfields.",
                    at: selectionSet.location
                )
            }
        } else if field.selectionSet == nil {
            context.report(
                "Field \"\(name)\" of type \"\(type)\" must have a selection of subfields. Did you mean \"\(name) { ... }\"?",
                at: field.location
            )
        }
    }
}
