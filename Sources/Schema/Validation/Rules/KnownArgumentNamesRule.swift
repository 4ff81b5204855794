/// Argument Names: every argument given to a field or a directive is defined by it.
///
/// https://spec.graphql.org/September2025/#sec-Argument-Names
final class KnownArgumentNamesRule: RuleVisitor {
    private let context: ValidationContext
    /// Argument names of each known directive, the document's directive definitions overriding the schema's.
    private var directiveArguments: [String: [String]] = [:]
    let events: RuleEvents = [.directive, .argument]

    init(_ context: ValidationContext) {
        self.context = context
        for directive in context.schema.directives {
            directiveArguments[directive.name] = directive.arguments.map(\.name)
        }
        for definition in context.document.definitions {
            if case .directive(let directive) = definition {
                directiveArguments[directive.name.value] = directive.arguments.map(\.name.value)
            }
        }
    }

    func enterDirective(_ directive: Directive) {
        let name = directive.name.value
        guard let known = directiveArguments[name] else { return }
        for argument in directive.arguments where !known.contains(argument.name.value) {
            let hint = context.didYouMean(argument.name.value, among: known)
            context.report(
                "Unknown argument \"\(argument.name.value)\" on directive \"@\(name)\"." + hint,
                at: argument.location
            )
        }
    }

    func enterArgument(_ argument: Argument) {
        // Directive arguments were checked with their directive.
        guard !context.isInDirective, context.argument == nil, let field = context.fieldDefinition,
            let parent = context.parentType
        else { return }
        let hint = context.didYouMean(argument.name.value, among: field.arguments.map(\.name))
        context.report(
            "Unknown argument \"\(argument.name.value)\" on field \"\(parent.name).\(field.name)\"." + hint,
            at: argument.location
        )
    }
}
