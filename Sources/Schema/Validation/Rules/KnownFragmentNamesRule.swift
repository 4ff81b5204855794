/// Fragment Spread Target Defined: every spread names a fragment the document defines.
///
/// https://spec.graphql.org/September2025/#sec-Fragment-Spread-Target-Defined
final class KnownFragmentNamesRule: RuleVisitor {
    private let context: ValidationContext
    let events: RuleEvents = .fragmentSpread

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterFragmentSpread(_ spread: FragmentSpread) {
        if context.fragment(named: spread.name.value) == nil {
            context.report("Unknown fragment \"\(spread.name.value)\".", at: spread.name.location)
        }
    }
}
