/// Executable Definitions: a document sent for execution holds only operations and fragments.
///
/// https://spec.graphql.org/September2025/#sec-Executable-Definitions
final class ExecutableDefinitionsRule: RuleVisitor {
    private let context: ValidationContext
    let events: RuleEvents = .document

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterDocument(_ document: Document) {
        for definition in document.definitions where !definition.isExecutable {
            let name: String
            switch definition {
            case .schema, .schemaExtension: name = "schema"
            case .type(let type): name = "\"\(type.name.value)\""
            case .typeExtension(let type): name = "\"\(type.name.value)\""
            case .directive(let directive): name = "\"\(directive.name.value)\""
            case .operation, .fragment: continue
            }
            context.report("The \(name) definition is not executable.", at: definition.location)
        }
    }
}
