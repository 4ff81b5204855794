/// Fragment Spread Is Possible: a fragment's type and the type it is spread into have a possible type in
/// common.
///
/// https://spec.graphql.org/September2025/#sec-Fragment-Spread-Is-Possible
final class PossibleFragmentSpreadsRule: RuleVisitor {
    private let context: ValidationContext
    let events: RuleEvents = [.inlineFragment, .fragmentSpread]

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterInlineFragment(_ fragment: InlineFragment) {
        guard let fragmentType = context.type?.namedType, context.schema[fragmentType].isComposite,
            let parentType = context.parentType, !context.schema.doTypesOverlap(fragmentType, parentType)
        else { return }
        context.report(
            "Fragment cannot be spread here as objects of type \"\(parentType.name)\" can never be of type \"\(fragmentType.name)\".",
            at: fragment.location
        )
    }

    func enterFragmentSpread(_ spread: FragmentSpread) {
        let name = spread.name.value
        guard let fragment = context.fragment(named: name),
            let fragmentType = context.schema.reference(named: fragment.typeCondition.name.value),
            context.schema[fragmentType].isComposite,
            let parentType = context.parentType, !context.schema.doTypesOverlap(fragmentType, parentType)
        else { return }
        context.report(
            "Fragment \"\(name)\" cannot be spread here as objects of type \"\(parentType.name)\" can never be of type \"\(fragmentType.name)\".",
            at: spread.location
        )
    }
}
