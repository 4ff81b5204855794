/// Field Selections: every selected field is defined on the type it is selected on.
///
/// The message suggests, as graphql-js does, the types that do have the field when the parent is abstract
/// (most implemented first), else fields with close names.
///
/// https://spec.graphql.org/September2025/#sec-Field-Selections
final class FieldsOnCorrectTypeRule: RuleVisitor {
    private let context: ValidationContext
    let events: RuleEvents = .field

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterField(_ field: Field) {
        guard let parent = context.parentType, context.fieldDefinition == nil else { return }
        let name = field.name.value
        var hint = ""
        if context.suggestions {
            hint = Suggestions.didYouMean(suggestedTypeNames(parent, name), subMessage: "to use an inline fragment on")
            if hint.isEmpty {
                let fieldNames = context.schema[parent].fields?.map(\.name) ?? []
                hint = Suggestions.didYouMean(Suggestions.list(for: name, among: fieldNames))
            }
        }
        context.report("Cannot query field \"\(name)\" on type \"\(parent.name)\"." + hint, at: field.location)
    }

    /// The possible types of an abstract parent that define the field, and their interfaces that do, those used
    /// by more possible types first, then interfaces before the types implementing them, then by name.
    private func suggestedTypeNames(_ parent: NamedTypeReference, _ fieldName: String) -> [String] {
        let schema = context.schema
        guard schema[parent].isAbstract else { return [] }
        var suggested: [NamedTypeReference] = []
        var usageCount: [NamedTypeReference: Int] = [:]
        for possibleType in schema.possibleTypes(of: parent) {
            guard case .object(let object) = schema[possibleType], object.field(named: fieldName) != nil else {
                continue
            }
            if usageCount[possibleType] == nil { suggested.append(possibleType) }
            usageCount[possibleType] = 1
            for interface in object.interfaces {
                guard schema[interface].field(named: fieldName) != nil else { continue }
                if usageCount[interface] == nil { suggested.append(interface) }
                usageCount[interface, default: 0] += 1
            }
        }
        let sorted = SmallSort.sorted(suggested) { typeA, typeB in
            let difference = (usageCount[typeB] ?? 0) - (usageCount[typeA] ?? 0)
            if difference != 0 { return difference }
            if case .interface = schema[typeA], schema.isSubType(typeB, of: typeA) { return -1 }
            if case .interface = schema[typeB], schema.isSubType(typeA, of: typeB) { return 1 }
            if typeA.name == typeB.name { return 0 }
            return Suggestions.naturalLess(typeA.name, typeB.name) ? -1 : 1
        }
        return sorted.map(\.name)
    }
}

/// The sort JavaScript engines and CPython apply to short arrays (TimSort: one natural run, then binary
/// insertion), so that a comparator which is not a total order still gives graphql-js's result.
enum SmallSort {
    /// `elements` sorted by `compare` (negative: the first goes first), stably.
    static func sorted<Element>(_ elements: [Element], by compare: (Element, Element) -> Int) -> [Element] {
        var array = elements
        let count = array.count
        guard count >= 2 else { return array }
        // The leading run: strictly descending (then reversed) or non-descending.
        var runEnd = 2
        let descending = compare(array[1], array[0]) < 0
        while runEnd < count {
            let order = compare(array[runEnd], array[runEnd - 1])
            if descending ? order >= 0 : order < 0 { break }
            runEnd += 1
        }
        if descending { array[0..<runEnd].reverse() }
        for start in runEnd..<count {
            let pivot = array[start]
            var left = 0
            var right = start
            while left < right {
                let middle = left + (right - left) / 2
                if compare(pivot, array[middle]) < 0 { right = middle } else { left = middle + 1 }
            }
            array.remove(at: start)
            array.insert(pivot, at: left)
        }
        return array
    }
}
