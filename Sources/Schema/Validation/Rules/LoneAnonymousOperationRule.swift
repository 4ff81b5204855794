/// Lone Anonymous Operation: an operation without a name must be the document's only operation.
///
/// https://spec.graphql.org/September2025/#sec-Lone-Anonymous-Operation
final class LoneAnonymousOperationRule: RuleVisitor {
    private let context: ValidationContext
    private var operationCount = 0
    let events: RuleEvents = [.document, .operation]

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterDocument(_ document: Document) {
        operationCount = document.definitions.reduce(0) { count, definition in
            if case .operation = definition { return count + 1 }
            return count
        }
    }

    func enterOperation(_ operation: OperationDefinition) {
        if operation.name == nil && operationCount > 1 {
            context.report("This anonymous operation must be the only defined operation.", at: operation.location)
        }
    }
}
