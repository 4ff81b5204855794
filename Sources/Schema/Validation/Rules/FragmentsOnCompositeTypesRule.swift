/// Fragments On Composite Types: a fragment's type condition names an object, interface or union type.
///
/// https://spec.graphql.org/September2025/#sec-Fragments-On-Composite-Types
final class FragmentsOnCompositeTypesRule: RuleVisitor {
    private let context: ValidationContext
    let events: RuleEvents = [.inlineFragment, .fragmentDefinition]

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterInlineFragment(_ fragment: InlineFragment) {
        guard let condition = fragment.typeCondition, let type = context.schema.type(named: condition.name.value),
            !type.isComposite
        else { return }
        context.report(
            "Fragment cannot condition on non composite type \"\(condition.name.value)\".",
            at: condition.location
        )
    }

    func enterFragmentDefinition(_ fragment: FragmentDefinition) {
        let condition = fragment.typeCondition
        guard let type = context.schema.type(named: condition.name.value), !type.isComposite else { return }
        context.report(
            "Fragment \"\(fragment.name.value)\" cannot condition on non composite type \"\(condition.name.value)\".",
            at: condition.location
        )
    }
}
