/// Optional: no field whose type is an introspection type may be selected (graphql-js
/// `NoSchemaIntrospectionCustomRule`), so `__schema`, `__type` and everything below them are refused while
/// `__typename` stays allowed. The gateway turns it on for users who may not introspect.
final class NoSchemaIntrospectionRule: RuleVisitor {
    private let context: ValidationContext
    let events: RuleEvents = .field

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterField(_ field: Field) {
        guard let type = context.type, context.schema[type].isIntrospectionType else { return }
        context.report(
            "GraphQL introspection has been disabled, but the requested query contained the field \"\(field.name.value)\".",
            at: field.location
        )
    }
}
