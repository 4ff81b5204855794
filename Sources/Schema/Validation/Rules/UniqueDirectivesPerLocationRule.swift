/// Directives Are Unique Per Location: a directive that is not repeatable is applied at most once to a node.
/// A type's definition and its extensions count as one location, as do the schema's.
///
/// https://spec.graphql.org/September2025/#sec-Directives-Are-Unique-Per-Location
final class UniqueDirectivesPerLocationRule: RuleVisitor {
    private let context: ValidationContext
    /// Whether each known directive must be unique (is not repeatable).
    private var unique: [String: Bool] = [:]
    private var schemaDirectives: [String: Directive] = [:]
    private var typeDirectives: [String: [String: Directive]] = [:]
    let events: RuleEvents = [
        .operation, .variableDefinition, .field, .fragmentSpread, .inlineFragment, .fragmentDefinition,
        .typeSystemDirectives,
    ]

    init(_ context: ValidationContext) {
        self.context = context
        for directive in context.schema.directives { unique[directive.name] = !directive.isRepeatable }
        for definition in context.document.definitions {
            if case .directive(let directive) = definition { unique[directive.name.value] = !directive.repeatable }
        }
    }

    func enterOperation(_ operation: OperationDefinition) { check(operation.directives) }
    func enterVariableDefinition(_ definition: VariableDefinition) { check(definition.directives) }
    func enterField(_ field: Field) { check(field.directives) }
    func enterFragmentSpread(_ spread: FragmentSpread) { check(spread.directives) }
    func enterInlineFragment(_ fragment: InlineFragment) { check(fragment.directives) }
    func enterFragmentDefinition(_ fragment: FragmentDefinition) { check(fragment.directives) }

    func enterTypeSystemDirectives(_ directives: [Directive], scope: DirectiveScope) {
        switch scope {
        case .schema:
            check(directives, seen: &schemaDirectives)
        case .type(let name):
            var seen = typeDirectives[name] ?? [:]
            check(directives, seen: &seen)
            typeDirectives[name] = seen
        case .node:
            check(directives)
        }
    }

    private func check(_ directives: [Directive]) {
        guard directives.count > 1 else { return }
        var seen: [String: Directive] = [:]
        check(directives, seen: &seen)
    }

    private func check(_ directives: [Directive], seen: inout [String: Directive]) {
        for directive in directives {
            let name = directive.name.value
            guard unique[name] == true else { continue }
            if let first = seen[name] {
                context.report(
                    "The directive \"@\(name)\" can only be used once at this location.",
                    at: [first.location, directive.location]
                )
            } else {
                seen[name] = directive
            }
        }
    }
}
