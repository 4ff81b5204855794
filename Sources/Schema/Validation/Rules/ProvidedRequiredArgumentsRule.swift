/// Required Arguments: every argument of non-null type without a default is given, on fields and on
/// directives.
///
/// Checked when leaving the field or directive, as graphql-js does, so errors deeper inside come first.
///
/// https://spec.graphql.org/September2025/#sec-Required-Arguments
final class ProvidedRequiredArgumentsRule: RuleVisitor {
    private let context: ValidationContext
    /// The required arguments of each known directive (name and type as printed), the document's directive
    /// definitions overriding the schema's.
    private var requiredDirectiveArguments: [String: [(name: String, type: String)]] = [:]
    let events: RuleEvents = [.field, .directive]

    init(_ context: ValidationContext) {
        self.context = context
        for directive in context.schema.directives {
            requiredDirectiveArguments[directive.name] = directive.arguments.filter(\.isRequired).map {
                ($0.name, $0.type.description)
            }
        }
        for definition in context.document.definitions {
            guard case .directive(let directive) = definition else { continue }
            requiredDirectiveArguments[directive.name.value] = directive.arguments.compactMap { argument in
                guard case .nonNull = argument.type, argument.defaultValue == nil else { return nil }
                return (argument.name.value, argument.type.description)
            }
        }
    }

    func leaveField(_ field: Field) {
        guard let definition = context.fieldDefinition else { return }
        for argument in definition.arguments where argument.isRequired {
            guard field.argument(named: argument.name) == nil else { continue }
            context.report(
                "Field \"\(definition.name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                at: field.location
            )
        }
    }

    func leaveDirective(_ directive: Directive) {
        let name = directive.name.value
        guard let required = requiredDirectiveArguments[name] else { return }
        for argument in required where directive.argument(named: argument.name) == nil {
            context.report(
                "Directive \"@\(name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                at: directive.location
            )
        }
    }
}
