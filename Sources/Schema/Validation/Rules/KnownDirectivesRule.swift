/// Directives Are Defined, and Directives Are In Valid Locations: every directive is defined (by the schema or
/// by a directive definition in the document) and allowed where it is applied.
///
/// https://spec.graphql.org/September2025/#sec-Directives-Are-Defined
/// https://spec.graphql.org/September2025/#sec-Directives-Are-In-Valid-Locations
final class KnownDirectivesRule: RuleVisitor {
    private let context: ValidationContext
    private var locations: [String: Set<String>] = [:]
    let events: RuleEvents = .directive

    init(_ context: ValidationContext) {
        self.context = context
        for directive in context.schema.directives {
            locations[directive.name] = Set(directive.locations.map(\.rawValue))
        }
        for definition in context.document.definitions {
            if case .directive(let directive) = definition {
                locations[directive.name.value] = Set(directive.locations.map(\.value))
            }
        }
    }

    func enterDirective(_ directive: Directive) {
        let name = directive.name.value
        guard let allowed = locations[name] else {
            context.report("Unknown directive \"@\(name)\".", at: directive.location)
            return
        }
        let location = context.directiveLocation.rawValue
        if !allowed.contains(location) {
            context.report("Directive \"@\(name)\" may not be used on \(location).", at: directive.location)
        }
    }
}
