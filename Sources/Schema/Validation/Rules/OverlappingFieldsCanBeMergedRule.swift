/// Field Selection Merging: fields that share a response name in a selection set (fragments included) can be
/// merged — the same field with the same arguments unless their parents can never be the same object, and
/// types that do not conflict — and so can their sub-selections.
///
/// This is graphql-js's algorithm (compare the fields "within" each selection set once, then "between" it and
/// the fragments it spreads, memoizing compared fragment pairs), so conflicts, their order and their locations
/// are graphql-js's. What graphql-js does not have is protection against wide selections, where comparing every
/// pair of same-named fields is quadratic (5,000 copies of `a` are 12.5 million comparisons):
///
/// - Fields are grouped into classes of structurally identical fields (same parent type, alias, name,
///   arguments, directives and sub-selections, whatever their location). Once two classes are found not to
///   conflict, every other pair from the same two classes is skipped: comparing identical structures gives
///   the same verdict, and a pair that found no conflict leaves the memo of fragment pairs as a repeat would.
///   A row of comparisons whose field is in a class already compared cleanly against the same columns is
///   skipped whole, so identical fields cost one comparison.
/// - Conflicts stop being collected once enough are found to exhaust ``ValidationOptions/maxErrors``: graphql-js
///   would report the same first ones and abort.
///
/// https://spec.graphql.org/September2025/#sec-Field-Selection-Merging
final class OverlappingFieldsCanBeMergedRule: RuleVisitor {
    private let context: ValidationContext
    private let schema: GraphQLSchema
    let events: RuleEvents = .selectionSet

    /// Fragment pairs already compared, and whether only as mutually exclusive (graphql-js `PairSet`).
    private var comparedFragmentPairs: [FragmentPair: Bool] = [:]
    /// The fields and spread fragment names of each selection set, computed once (graphql-js keys this by node;
    /// a selection set's byte range is its identity here).
    private var fieldsCache: [LocationKey: FieldsAndFragments] = [:]
    /// Classes of structurally identical fields, and the pairs of classes known not to conflict.
    private var classes = FieldClasses()
    private var cleanClassPairs: Set<ClassPair> = []
    /// Conflicts found so far in this run, to stop a hostile document from making millions of them.
    private var conflictsFound = 0
    private static let conflictLimit = 10_000
    private var overwhelmed = false

    /// Groups of fields at least this big are compared class by class.
    private static let classThreshold = 4

    init(_ context: ValidationContext) {
        self.context = context
        self.schema = context.schema
    }

    func enterSelectionSet(_ selectionSet: SelectionSet) {
        if overwhelmed { return }
        // Collect only as many conflicts as can still be reported; one more makes validation abort.
        let budget = context.options.maxErrors.map { max(0, $0 - context.errors.count) + 1 }
        let conflicts = ConflictList(limit: budget)
        findConflictsWithinSelectionSet(context.parentType, selectionSet, into: conflicts)
        for conflict in conflicts.items {
            context.report(
                "Fields \"\(conflict.responseName)\" conflict because \(conflict.reason.message). "
                    + "Use different aliases on the fields to fetch both if this was intentional.",
                at: conflict.fields1 + conflict.fields2
            )
        }
        if overwhelmed {
            // Far more conflicts than any error limit; graphql-js would have given up long before.
            context.reportTooManyErrors()
        }
    }

    // MARK: Collecting fields

    /// The fields of a selection set by response name (inline fragments included) and the fragments it spreads.
    private func fieldsAndFragmentNames(
        _ parentType: NamedTypeReference?,
        _ selectionSet: SelectionSet
    )
        -> FieldsAndFragments
    {
        let key = LocationKey(selectionSet.location)
        if let key, let cached = fieldsCache[key] { return cached }
        let result = FieldsAndFragments(fieldMap: FieldMap(), fragmentNames: [])
        var seenFragments: Set<String> = []
        collectFields(parentType, selectionSet, into: result, seenFragments: &seenFragments)
        if let key { fieldsCache[key] = result }
        return result
    }

    private func collectFields(
        _ parentType: NamedTypeReference?,
        _ selectionSet: SelectionSet,
        into result: FieldsAndFragments,
        seenFragments: inout Set<String>
    ) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                // Unlike type information, meta fields (`__typename`, …) have no definition here.
                var definition: GraphQLField?
                if let parentType {
                    switch schema[parentType] {
                    case .object(let object): definition = object.field(named: field.name.value)
                    case .interface(let interface): definition = interface.field(named: field.name.value)
                    default: break
                    }
                }
                result.fieldMap.append(FieldEntry(parentType: parentType, node: field, definition: definition))
            case .fragmentSpread(let spread):
                if seenFragments.insert(spread.name.value).inserted { result.fragmentNames.append(spread.name.value) }
            case .inlineFragment(let fragment):
                var type = parentType
                if let condition = fragment.typeCondition { type = schema.reference(named: condition.name.value) }
                collectFields(type, fragment.selectionSet, into: result, seenFragments: &seenFragments)
            }
        }
    }

    private func referencedFieldsAndFragmentNames(_ fragment: FragmentDefinition) -> FieldsAndFragments {
        if let key = LocationKey(fragment.selectionSet.location), let cached = fieldsCache[key] { return cached }
        return fieldsAndFragmentNames(schema.reference(named: fragment.typeCondition.name.value), fragment.selectionSet)
    }

    // MARK: Finding conflicts

    private func findConflictsWithinSelectionSet(
        _ parentType: NamedTypeReference?,
        _ selectionSet: SelectionSet,
        into conflicts: ConflictList
    ) {
        let collected = fieldsAndFragmentNames(parentType, selectionSet)
        // (A) Conflicts between the fields of this selection set.
        collectConflictsWithin(collected.fieldMap, into: conflicts)
        // (B) Conflicts between these fields and each spread fragment; (C) between the spread fragments.
        let names = collected.fragmentNames
        for (index, name) in names.enumerated() {
            if shouldStop(conflicts) { return }
            collectConflictsBetweenFieldsAndFragment(collected.fieldMap, name, exclusive: false, into: conflicts)
            for other in names[(index + 1)...] {
                if shouldStop(conflicts) { return }
                collectConflictsBetweenFragments(name, other, exclusive: false, into: conflicts)
            }
        }
    }

    private func shouldStop(_ conflicts: ConflictList) -> Bool { overwhelmed || conflicts.isFull }

    private func collectConflictsBetweenFieldsAndFragment(
        _ fieldMap: FieldMap,
        _ fragmentName: String,
        exclusive: Bool,
        into conflicts: ConflictList
    ) {
        guard let fragment = context.fragment(named: fragmentName) else { return }
        let referenced = referencedFieldsAndFragmentNames(fragment)
        // Do not compare a fragment's fields to themselves.
        if fieldMap === referenced.fieldMap { return }
        // (D) The fields against the fragment's fields.
        collectConflictsBetween(fieldMap, referenced.fieldMap, exclusive: exclusive, into: conflicts)
        // (E) The fields against the fragments the fragment spreads.
        for name in referenced.fragmentNames {
            if shouldStop(conflicts) { return }
            let pair = FragmentPair(name, fragmentName)
            if hasCompared(pair, exclusive: exclusive) { continue }
            markCompared(pair, exclusive: exclusive)
            collectConflictsBetweenFieldsAndFragment(fieldMap, name, exclusive: exclusive, into: conflicts)
        }
    }

    private func collectConflictsBetweenFragments(
        _ fragmentName1: String,
        _ fragmentName2: String,
        exclusive: Bool,
        into conflicts: ConflictList
    ) {
        if fragmentName1 == fragmentName2 { return }
        let pair = FragmentPair(fragmentName1, fragmentName2)
        if hasCompared(pair, exclusive: exclusive) { return }
        markCompared(pair, exclusive: exclusive)
        guard let fragment1 = context.fragment(named: fragmentName1),
            let fragment2 = context.fragment(named: fragmentName2)
        else { return }
        let referenced1 = referencedFieldsAndFragmentNames(fragment1)
        let referenced2 = referencedFieldsAndFragmentNames(fragment2)
        // (F) The two fragments' fields.
        collectConflictsBetween(referenced1.fieldMap, referenced2.fieldMap, exclusive: exclusive, into: conflicts)
        // (G) Each fragment against the fragments the other spreads.
        for name in referenced2.fragmentNames {
            if shouldStop(conflicts) { return }
            collectConflictsBetweenFragments(fragmentName1, name, exclusive: exclusive, into: conflicts)
        }
        for name in referenced1.fragmentNames {
            if shouldStop(conflicts) { return }
            collectConflictsBetweenFragments(name, fragmentName2, exclusive: exclusive, into: conflicts)
        }
    }

    private func findConflictsBetweenSubSelectionSets(
        _ parentType1: NamedTypeReference?,
        _ selectionSet1: SelectionSet,
        _ parentType2: NamedTypeReference?,
        _ selectionSet2: SelectionSet,
        exclusive: Bool
    ) -> [Conflict] {
        let conflicts = ConflictList(limit: nil)
        let collected1 = fieldsAndFragmentNames(parentType1, selectionSet1)
        let collected2 = fieldsAndFragmentNames(parentType2, selectionSet2)
        // (H) The two sets of fields.
        collectConflictsBetween(collected1.fieldMap, collected2.fieldMap, exclusive: exclusive, into: conflicts)
        // (I) Each set of fields against the fragments the other spreads.
        for name in collected2.fragmentNames {
            if overwhelmed { break }
            collectConflictsBetweenFieldsAndFragment(collected1.fieldMap, name, exclusive: exclusive, into: conflicts)
        }
        for name in collected1.fragmentNames {
            if overwhelmed { break }
            collectConflictsBetweenFieldsAndFragment(collected2.fieldMap, name, exclusive: exclusive, into: conflicts)
        }
        // (J) The fragments each spreads against each other.
        for name1 in collected1.fragmentNames {
            for name2 in collected2.fragmentNames {
                if overwhelmed { break }
                collectConflictsBetweenFragments(name1, name2, exclusive: exclusive, into: conflicts)
            }
        }
        return conflicts.items
    }

    /// Every pair of fields of the same response name within one field map (never mutually exclusive).
    private func collectConflictsWithin(_ fieldMap: FieldMap, into conflicts: ConflictList) {
        for responseName in fieldMap.responseNames {
            guard let fields = fieldMap.fields[responseName], fields.count > 1 else { continue }
            if fields.count < Self.classThreshold {
                for i in 0..<fields.count {
                    for j in (i + 1)..<fields.count {
                        if shouldStop(conflicts) { return }
                        compare(fields[i], fields[j], responseName, exclusive: false, into: conflicts)
                    }
                }
                continue
            }
            let fieldClasses = fields.map { classes.classID(of: $0) }
            var cleanRows: Set<Int> = []
            for i in 0..<fields.count {
                // A row of a class whose earlier row found nothing compares the same classes again.
                if cleanRows.contains(fieldClasses[i]) { continue }
                var rowIsClean = true
                for j in (i + 1)..<fields.count {
                    if shouldStop(conflicts) { return }
                    let pair = ClassPair(fieldClasses[i], fieldClasses[j], exclusive: false)
                    if cleanClassPairs.contains(pair) { continue }
                    if !compare(fields[i], fields[j], responseName, exclusive: false, into: conflicts) {
                        cleanClassPairs.insert(pair)
                    } else {
                        rowIsClean = false
                    }
                }
                if rowIsClean { cleanRows.insert(fieldClasses[i]) }
            }
        }
    }

    /// Every pair of fields of the same response name, one from each field map.
    private func collectConflictsBetween(
        _ fieldMap1: FieldMap,
        _ fieldMap2: FieldMap,
        exclusive: Bool,
        into conflicts: ConflictList
    ) {
        for responseName in fieldMap1.responseNames {
            guard let fields1 = fieldMap1.fields[responseName], let fields2 = fieldMap2.fields[responseName] else {
                continue
            }
            if fields1.count * fields2.count < Self.classThreshold * Self.classThreshold {
                for field1 in fields1 {
                    for field2 in fields2 {
                        if shouldStop(conflicts) { return }
                        compare(field1, field2, responseName, exclusive: exclusive, into: conflicts)
                    }
                }
                continue
            }
            let classes2 = fields2.map { classes.classID(of: $0) }
            var cleanRows: Set<Int> = []
            for field1 in fields1 {
                let class1 = classes.classID(of: field1)
                if cleanRows.contains(class1) { continue }
                var rowIsClean = true
                for (index, field2) in fields2.enumerated() {
                    if shouldStop(conflicts) { return }
                    let pair = ClassPair(class1, classes2[index], exclusive: exclusive)
                    if cleanClassPairs.contains(pair) { continue }
                    if !compare(field1, field2, responseName, exclusive: exclusive, into: conflicts) {
                        cleanClassPairs.insert(pair)
                    } else {
                        rowIsClean = false
                    }
                }
                if rowIsClean { cleanRows.insert(class1) }
            }
        }
    }

    /// Compares two fields and records their conflict, if any; returns whether there was one.
    @discardableResult
    private func compare(
        _ field1: FieldEntry,
        _ field2: FieldEntry,
        _ responseName: String,
        exclusive: Bool,
        into conflicts: ConflictList
    ) -> Bool {
        guard let conflict = findConflict(field1, field2, responseName, parentsAreExclusive: exclusive) else {
            return false
        }
        conflictsFound += 1
        if conflictsFound > Self.conflictLimit { overwhelmed = true }
        conflicts.append(conflict)
        return true
    }

    /// Whether two fields of the same response name conflict, their sub-selections included.
    private func findConflict(
        _ field1: FieldEntry,
        _ field2: FieldEntry,
        _ responseName: String,
        parentsAreExclusive: Bool
    ) -> Conflict? {
        // Fields on two different object types can never apply to the same object, so they may differ in
        // name and arguments; interfaces and unions might overlap (if not now, in a later schema).
        var exclusive = parentsAreExclusive
        if !exclusive, let parent1 = field1.parentType, let parent2 = field2.parentType, parent1 != parent2,
            case .object = schema[parent1], case .object = schema[parent2]
        {
            exclusive = true
        }
        let node1 = field1.node
        let node2 = field2.node
        if !exclusive {
            if node1.name.value != node2.name.value {
                return Conflict(
                    responseName: responseName,
                    reason: .message("\"\(node1.name.value)\" and \"\(node2.name.value)\" are different fields"),
                    fields1: [node1.location],
                    fields2: [node2.location]
                )
            }
            if !Self.sameArguments(node1.arguments, node2.arguments) {
                return Conflict(
                    responseName: responseName,
                    reason: .message("they have differing arguments"),
                    fields1: [node1.location],
                    fields2: [node2.location]
                )
            }
        }
        let type1 = field1.definition?.type
        let type2 = field2.definition?.type
        if let type1, let type2, typesConflict(type1, type2) {
            return Conflict(
                responseName: responseName,
                reason: .message("they return conflicting types \"\(type1)\" and \"\(type2)\""),
                fields1: [node1.location],
                fields2: [node2.location]
            )
        }
        guard let selectionSet1 = node1.selectionSet, let selectionSet2 = node2.selectionSet else { return nil }
        let subConflicts = findConflictsBetweenSubSelectionSets(
            type1?.namedType,
            selectionSet1,
            type2?.namedType,
            selectionSet2,
            exclusive: exclusive
        )
        guard !subConflicts.isEmpty else { return nil }
        return Conflict(
            responseName: responseName,
            reason: .subfields(subConflicts.map { ($0.responseName, $0.reason) }),
            fields1: [node1.location] + subConflicts.flatMap(\.fields1),
            fields2: [node2.location] + subConflicts.flatMap(\.fields2)
        )
    }

    /// Two types conflict when their list and non-null wrappers differ, or when either is a leaf and they are
    /// not the same type; composite types are compared field by field instead.
    private func typesConflict(_ type1: GraphQLType, _ type2: GraphQLType) -> Bool {
        switch (type1, type2) {
        case (.list(let item1), .list(let item2)): return typesConflict(item1, item2)
        case (.list, _), (_, .list): return true
        case (.nonNull(let inner1), .nonNull(let inner2)): return typesConflict(inner1, inner2)
        case (.nonNull, _), (_, .nonNull): return true
        case (.named(let named1), .named(let named2)):
            if schema[named1].isLeaf || schema[named2].isLeaf { return named1 != named2 }
            return false
        }
    }

    /// Whether two argument lists give the same values to the same names (object fields in any order).
    static func sameArguments(_ arguments1: [Argument], _ arguments2: [Argument]) -> Bool {
        if arguments1.isEmpty { return arguments2.isEmpty }
        if arguments1.count != arguments2.count { return false }
        return arguments1.allSatisfy { argument1 in
            guard let argument2 = arguments2.first(where: { $0.name.value == argument1.name.value }) else {
                return false
            }
            return stringify(argument1.value) == stringify(argument2.value)
        }
    }

    /// A value printed with its object fields sorted by name (graphql-js `print(sortValueNode(value))`).
    static func stringify(_ value: Value) -> String {
        switch value {
        case .list(let list):
            return "[" + list.values.map(stringify).joined(separator: ", ") + "]"
        case .object(let object):
            let fields = object.fields.sorted { Suggestions.naturalLess($0.name.value, $1.name.value) }
            return "{" + fields.map { $0.name.value + ": " + stringify($0.value) }.joined(separator: ", ") + "}"
        default:
            return Printer.print(value)
        }
    }

    // MARK: Compared fragment pairs

    private func hasCompared(_ pair: FragmentPair, exclusive: Bool) -> Bool {
        guard let comparedAsExclusive = comparedFragmentPairs[pair] else { return false }
        // A pair compared as not exclusive covers the exclusive case too, not the other way round.
        return exclusive || !comparedAsExclusive
    }

    private func markCompared(_ pair: FragmentPair, exclusive: Bool) {
        comparedFragmentPairs[pair] = exclusive
    }
}

// MARK: - Supporting types

/// A field as collected from a selection set: the type it is selected on, the node, and its definition.
private struct FieldEntry {
    let parentType: NamedTypeReference?
    let node: Field
    let definition: GraphQLField?
}

/// Fields by response name, in the order response names first appear (a class: graphql-js compares field maps
/// by identity).
private final class FieldMap {
    var responseNames: [String] = []
    var fields: [String: [FieldEntry]] = [:]

    func append(_ entry: FieldEntry) {
        let name = entry.node.responseKey
        if fields[name] == nil {
            responseNames.append(name)
            fields[name] = [entry]
        } else {
            fields[name]?.append(entry)
        }
    }
}

/// A selection set's fields and the names of the fragments it spreads, in order, each once.
private final class FieldsAndFragments {
    let fieldMap: FieldMap
    var fragmentNames: [String]

    init(fieldMap: FieldMap, fragmentNames: [String]) {
        self.fieldMap = fieldMap
        self.fragmentNames = fragmentNames
    }
}

/// Why two fields conflict: a sentence, or the conflicts of their sub-fields.
private indirect enum ConflictReason {
    case message(String)
    case subfields([(String, ConflictReason)])

    var message: String {
        switch self {
        case .message(let text):
            return text
        case .subfields(let reasons):
            return reasons.map { name, reason in "subfields \"\(name)\" conflict because \(reason.message)" }
                .joined(separator: " and ")
        }
    }
}

/// Two sets of fields that cannot be merged, with the locations of the fields involved on each side.
private struct Conflict {
    let responseName: String
    let reason: ConflictReason
    let fields1: [Location]
    let fields2: [Location]
}

/// Conflicts in the order found; with a limit, full once it holds that many.
private final class ConflictList {
    let limit: Int?
    private(set) var items: [Conflict] = []

    init(limit: Int?) {
        self.limit = limit
    }

    var isFull: Bool { limit.map { items.count >= $0 } ?? false }

    func append(_ conflict: Conflict) { items.append(conflict) }
}

/// An unordered pair of fragment names.
private struct FragmentPair: Hashable {
    let first: String
    let second: String

    init(_ a: String, _ b: String) {
        // graphql-js orders the pair by UTF-16 comparison; names are ASCII, where it equals byte order.
        if a < b {
            first = a
            second = b
        } else {
            first = b
            second = a
        }
    }
}

/// An ordered pair of field classes, compared with or without mutually exclusive parents.
private struct ClassPair: Hashable {
    let first: Int
    let second: Int
    let exclusive: Bool

    init(_ first: Int, _ second: Int, exclusive: Bool) {
        self.first = first
        self.second = second
        self.exclusive = exclusive
    }
}

/// Interns fields by structure: two fields get the same class when they have the same parent type, alias,
/// name, arguments, directives and (recursively) sub-selections, wherever they are in the document.
private struct FieldClasses {
    private var shapeIDs: [FieldShape: Int] = [:]
    private var classIDs: [FieldClassKey: Int] = [:]
    private var byLocation: [LocationKey: Int] = [:]

    mutating func classID(of entry: FieldEntry) -> Int {
        let key = FieldClassKey(parentType: entry.parentType?.index ?? -1, shape: shapeID(of: entry.node))
        if let id = classIDs[key] { return id }
        let id = classIDs.count
        classIDs[key] = id
        return id
    }

    private mutating func shapeID(of field: Field) -> Int {
        let location = LocationKey(field.location)
        if let location, let id = byLocation[location] { return id }
        let shape = FieldShape(
            alias: field.alias?.value,
            name: field.name.value,
            arguments: field.arguments.map { $0.name.value + ":" + Printer.print($0.value) },
            directives: field.directives.map(Self.directiveText),
            selections: field.selectionSet.map { selectionShapes($0) }
        )
        let id: Int
        if let existing = shapeIDs[shape] {
            id = existing
        } else {
            id = shapeIDs.count
            shapeIDs[shape] = id
        }
        if let location { byLocation[location] = id }
        return id
    }

    private mutating func selectionShapes(_ selectionSet: SelectionSet) -> [SelectionShape] {
        selectionSet.selections.map { selection in
            switch selection {
            case .field(let field):
                return .field(shapeID(of: field))
            case .fragmentSpread(let spread):
                return .spread(spread.name.value, spread.directives.map(Self.directiveText))
            case .inlineFragment(let fragment):
                return .inline(
                    fragment.typeCondition?.name.value,
                    fragment.directives.map(Self.directiveText),
                    selectionShapes(fragment.selectionSet)
                )
            }
        }
    }

    private static func directiveText(_ directive: Directive) -> String {
        "@" + directive.name.value + "("
            + directive.arguments.map { $0.name.value + ":" + Printer.print($0.value) }.joined(separator: ",") + ")"
    }
}

private struct FieldClassKey: Hashable {
    let parentType: Int
    let shape: Int
}

private struct FieldShape: Hashable {
    let alias: String?
    let name: String
    let arguments: [String]
    let directives: [String]
    let selections: [SelectionShape]?
}

private indirect enum SelectionShape: Hashable {
    case field(Int)
    case spread(String, [String])
    case inline(String?, [String], [SelectionShape])
}
