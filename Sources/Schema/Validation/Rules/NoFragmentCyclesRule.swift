/// Fragment Spreads Must Not Form Cycles: no fragment spreads itself, directly or through other fragments.
///
/// Each fragment is explored once, depth first in graphql-js's order, so each cycle is reported once, at the
/// spreads that form it.
///
/// https://spec.graphql.org/September2025/#sec-Fragment-Spreads-Must-Not-Form-Cycles
final class NoFragmentCyclesRule: RuleVisitor {
    private let context: ValidationContext
    private var visited: Set<String> = []
    private var spreadPath: [FragmentSpread] = []
    private var spreadPathIndexByName: [String: Int] = [:]
    let events: RuleEvents = .fragmentDefinition

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterFragmentDefinition(_ fragment: FragmentDefinition) {
        detectCycles(from: fragment)
    }

    private func detectCycles(from fragment: FragmentDefinition) {
        let name = fragment.name.value
        guard visited.insert(name).inserted else { return }
        let spreads = context.fragmentSpreads(in: fragment.selectionSet)
        if spreads.isEmpty { return }
        spreadPathIndexByName[name] = spreadPath.count
        for spread in spreads {
            let spreadName = spread.name.value
            let cycleIndex = spreadPathIndexByName[spreadName]
            spreadPath.append(spread)
            if let cycleIndex {
                let cyclePath = spreadPath[cycleIndex...]
                let via = cyclePath.dropLast().map { "\"\($0.name.value)\"" }.joined(separator: ", ")
                context.report(
                    "Cannot spread fragment \"\(spreadName)\" within itself" + (via.isEmpty ? "." : " via \(via)."),
                    at: cyclePath.map(\.location)
                )
            } else if let target = context.fragment(named: spreadName) {
                detectCycles(from: target)
            }
            spreadPath.removeLast()
        }
        spreadPathIndexByName[name] = nil
    }
}
