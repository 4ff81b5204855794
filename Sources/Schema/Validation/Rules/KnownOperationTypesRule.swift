/// Operation Type Existence: the schema must have a root type for each operation's type (new in the
/// September 2025 edition; graphql-js 17 `KnownOperationTypesRule`, graphql-js 16 has no such rule).
///
/// https://spec.graphql.org/September2025/#sec-Operation-Type-Existence
final class KnownOperationTypesRule: RuleVisitor {
    private let context: ValidationContext
    let events: RuleEvents = .operation

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterOperation(_ operation: OperationDefinition) {
        if context.schema.rootType(for: operation.operation) == nil {
            context.report(
                "The \(operation.operation) operation is not supported by the schema.",
                at: operation.location
            )
        }
    }
}
