/// graphql-js's recommended rule against introspection queries that nest the introspection lists (`fields`,
/// `interfaces`, `possibleTypes`, `inputFields`) three deep, which cost a server exponentially much to answer
/// while no real client needs them (graphql-js 16.10 `MaxIntrospectionDepthRule`).
///
/// Fragments are followed; graphql-js re-explores a fragment at every spread, which this rule does too but
/// remembers each fragment's verdict per depth, so shared fragments cannot make it exponential.
final class MaxIntrospectionDepthRule: RuleVisitor {
    private static let maxListDepth = 3

    private let context: ValidationContext
    private var visitedFragments: Set<String> = []
    /// Fragments known not to reach the limit from a given depth.
    private var shallowFragments: Set<FragmentDepth> = []
    /// Above zero while inside a field already reported (graphql-js skips its children).
    private var skipDepth = 0
    let events: RuleEvents = .field

    private struct FragmentDepth: Hashable {
        let name: String
        let depth: Int
    }

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterField(_ field: Field) {
        if skipDepth > 0 {
            skipDepth += 1
            return
        }
        let name = field.name.value
        guard name == "__schema" || name == "__type", exceedsDepth(field.selectionSet, depth: 0) else { return }
        context.report("Maximum introspection depth exceeded", at: field.location)
        skipDepth = 1
    }

    func leaveField(_ field: Field) {
        if skipDepth > 0 { skipDepth -= 1 }
    }

    private func exceedsDepth(_ selectionSet: SelectionSet?, depth: Int) -> Bool {
        guard let selectionSet else { return false }
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                var fieldDepth = depth
                switch field.name.value {
                case "fields", "interfaces", "possibleTypes", "inputFields":
                    fieldDepth += 1
                    if fieldDepth >= Self.maxListDepth { return true }
                default:
                    break
                }
                if exceedsDepth(field.selectionSet, depth: fieldDepth) { return true }
            case .inlineFragment(let fragment):
                if exceedsDepth(fragment.selectionSet, depth: depth) { return true }
            case .fragmentSpread(let spread):
                let name = spread.name.value
                let key = FragmentDepth(name: name, depth: depth)
                guard !visitedFragments.contains(name), !shallowFragments.contains(key),
                    let fragment = context.fragment(named: name)
                else { continue }
                visitedFragments.insert(name)
                let exceeds = exceedsDepth(fragment.selectionSet, depth: depth)
                visitedFragments.remove(name)
                if exceeds { return true }
                shallowFragments.insert(key)
            }
        }
        return false
    }
}
