/// Single Root Field: a subscription selects exactly one root field, and not an introspection field.
///
/// The root fields are collected as execution would (fragments expanded, `@skip`/`@include` with literal
/// conditions applied, no variable values). A condition given by a variable cannot be known here; graphql-js
/// throws in that case, this rule counts the field.
///
/// https://spec.graphql.org/September2025/#sec-Single-Root-Field
final class SingleFieldSubscriptionsRule: RuleVisitor {
    private let context: ValidationContext
    let events: RuleEvents = .operation

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterOperation(_ operation: OperationDefinition) {
        guard operation.operation == .subscription, let root = context.schema.subscriptionType else { return }
        var keys: [String] = []
        var fields: [String: [Field]] = [:]
        var visited: Set<String> = []
        collectFields(
            operation.selectionSet,
            runtimeType: root.reference,
            keys: &keys,
            fields: &fields,
            visited: &visited
        )
        let name = operation.name?.value
        if keys.count > 1 {
            let extra = keys.dropFirst().flatMap { fields[$0] ?? [] }
            context.report(
                name.map { "Subscription \"\($0)\" must select only one top level field." }
                    ?? "Anonymous Subscription must select only one top level field.",
                at: extra.map(\.location)
            )
        }
        for key in keys {
            guard let nodes = fields[key], let first = nodes.first, first.name.value.hasPrefix("__") else { continue }
            context.report(
                name.map { "Subscription \"\($0)\" must not select an introspection top level field." }
                    ?? "Anonymous Subscription must not select an introspection top level field.",
                at: nodes.map(\.location)
            )
        }
    }

    /// graphql-js `collectFields` with no variable values.
    private func collectFields(
        _ selectionSet: SelectionSet,
        runtimeType: NamedTypeReference,
        keys: inout [String],
        fields: inout [String: [Field]],
        visited: inout Set<String>
    ) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                guard Self.isIncluded(field.directives) else { continue }
                let key = field.responseKey
                if fields[key] == nil {
                    keys.append(key)
                    fields[key] = [field]
                } else {
                    fields[key]?.append(field)
                }
            case .inlineFragment(let fragment):
                guard Self.isIncluded(fragment.directives),
                    conditionMatches(fragment.typeCondition, runtimeType)
                else { continue }
                collectFields(
                    fragment.selectionSet,
                    runtimeType: runtimeType,
                    keys: &keys,
                    fields: &fields,
                    visited: &visited
                )
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visited.contains(name), Self.isIncluded(spread.directives) else { continue }
                visited.insert(name)
                guard let fragment = context.fragment(named: name),
                    conditionMatches(fragment.typeCondition, runtimeType)
                else { continue }
                collectFields(
                    fragment.selectionSet,
                    runtimeType: runtimeType,
                    keys: &keys,
                    fields: &fields,
                    visited: &visited
                )
            }
        }
    }

    private func conditionMatches(_ condition: NamedType?, _ runtimeType: NamedTypeReference) -> Bool {
        guard let condition else { return true }
        guard let conditionType = context.schema.reference(named: condition.name.value) else { return false }
        if conditionType == runtimeType { return true }
        return context.schema[conditionType].isAbstract && context.schema.isSubType(runtimeType, of: conditionType)
    }

    /// `@skip(if: true)` excludes, `@include(if: false)` excludes; anything else includes.
    static func isIncluded(_ directives: [Directive]) -> Bool {
        if let skip = directives.first(named: "skip"), case .boolean(let value)? = skip.argument(named: "if")?.value,
            value.value
        {
            return false
        }
        if let include = directives.first(named: "include"),
            case .boolean(let value)? = include.argument(named: "if")?.value, !value.value
        {
            return false
        }
        return true
    }
}
