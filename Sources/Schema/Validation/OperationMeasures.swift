/// The sizes of an operation that ``OperationLimits`` bounds, with fragments expanded. Each fragment is measured
/// once; a fragment spread inside itself (an invalid document) adds nothing more.
struct OperationMeasures {
    private var fragments: [String: FragmentDefinition] = [:]
    private var fragmentDepths: [String: Int] = [:]
    private var fragmentAliases: [String: Int] = [:]
    private var inProgress: Set<String> = []

    init(document: Document) {
        for fragment in document.fragments { fragments[fragment.name.value] = fragment }
    }

    /// The deepest nesting of fields below `selectionSet` (a field with no sub-selection is 1).
    mutating func depth(of selectionSet: SelectionSet) -> Int {
        var deepest = 0
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                deepest = max(deepest, 1 + (field.selectionSet.map { depth(of: $0) } ?? 0))
            case .inlineFragment(let fragment):
                deepest = max(deepest, depth(of: fragment.selectionSet))
            case .fragmentSpread(let spread):
                let name = spread.name.value
                if let known = fragmentDepths[name] {
                    deepest = max(deepest, known)
                    continue
                }
                guard let fragment = fragments[name], !inProgress.contains(name) else { continue }
                inProgress.insert(name)
                let fragmentDepth = depth(of: fragment.selectionSet)
                inProgress.remove(name)
                fragmentDepths[name] = fragmentDepth
                deepest = max(deepest, fragmentDepth)
            }
        }
        return deepest
    }

    /// The aliases below `selectionSet`, a fragment's counted at each spread.
    mutating func aliases(in selectionSet: SelectionSet) -> Int {
        var count = 0
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                if field.alias != nil { count = Saturating.add(count, 1) }
                if let nested = field.selectionSet { count = Saturating.add(count, aliases(in: nested)) }
            case .inlineFragment(let fragment):
                count = Saturating.add(count, aliases(in: fragment.selectionSet))
            case .fragmentSpread(let spread):
                let name = spread.name.value
                if let known = fragmentAliases[name] {
                    count = Saturating.add(count, known)
                    continue
                }
                guard let fragment = fragments[name], !inProgress.contains(name) else { continue }
                inProgress.insert(name)
                let fragmentCount = aliases(in: fragment.selectionSet)
                inProgress.remove(name)
                fragmentAliases[name] = fragmentCount
                count = Saturating.add(count, fragmentCount)
            }
        }
        return count
    }

    /// The distinct response names at the root, through inline fragments and fragment spreads.
    mutating func rootFieldCount(of selectionSet: SelectionSet) -> Int {
        var names: Set<String> = []
        var visited: Set<String> = []
        collectRootFields(selectionSet, into: &names, visited: &visited)
        return names.count
    }

    private func collectRootFields(
        _ selectionSet: SelectionSet,
        into names: inout Set<String>,
        visited: inout Set<String>
    ) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                names.insert(field.responseKey)
            case .inlineFragment(let fragment):
                collectRootFields(fragment.selectionSet, into: &names, visited: &visited)
            case .fragmentSpread(let spread):
                guard visited.insert(spread.name.value).inserted, let fragment = fragments[spread.name.value] else {
                    continue
                }
                collectRootFields(fragment.selectionSet, into: &names, visited: &visited)
            }
        }
    }

    /// The most directives on one node of the operation or of a fragment it spreads, and where.
    func mostDirectives(in operation: OperationDefinition) -> (count: Int, location: Location) {
        var most = (count: operation.directives.count, location: operation.location)
        for definition in operation.variableDefinitions where definition.directives.count > most.count {
            most = (definition.directives.count, definition.location)
        }
        var visited: Set<String> = []
        var setsToVisit = [operation.selectionSet]
        while let selectionSet = setsToVisit.popLast() {
            for selection in selectionSet.selections {
                if selection.directives.count > most.count { most = (selection.directives.count, selection.location) }
                switch selection {
                case .field(let field):
                    if let nested = field.selectionSet { setsToVisit.append(nested) }
                case .inlineFragment(let fragment):
                    setsToVisit.append(fragment.selectionSet)
                case .fragmentSpread(let spread):
                    guard visited.insert(spread.name.value).inserted, let fragment = fragments[spread.name.value] else {
                        continue
                    }
                    if fragment.directives.count > most.count { most = (fragment.directives.count, fragment.location) }
                    setsToVisit.append(fragment.selectionSet)
                }
            }
        }
        return most
    }
}
