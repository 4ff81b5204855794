/// Fragment Spread Type Existence, and more: every type named in the document (type conditions, variable
/// types, and the types of any type-system definitions in it) is defined by the schema or the document.
///
/// https://spec.graphql.org/September2025/#sec-Fragment-Spread-Type-Existence
final class KnownTypeNamesRule: RuleVisitor {
    private let context: ValidationContext
    private let definedTypes: Set<String>
    private let typeNames: [String]
    let events: RuleEvents = .namedType

    /// The built-in scalars and introspection types, which SDL may name even when the schema lacks them.
    private static let standardTypeNames =
        BuiltInScalars.names + [
            "__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field", "__InputValue", "__EnumValue",
            "__TypeKind",
        ]

    init(_ context: ValidationContext) {
        self.context = context
        var defined: [String] = []
        for definition in context.document.definitions {
            if case .type(let type) = definition { defined.append(type.name.value) }
        }
        definedTypes = Set(defined)
        typeNames = context.schema.types.map(\.name) + defined
    }

    func enterNamedType(_ type: NamedType) {
        let name = type.name.value
        guard context.schema.reference(named: name) == nil, !definedTypes.contains(name) else { return }
        let isSDL = context.isInTypeSystemDefinition
        if isSDL && Self.standardTypeNames.contains(name) { return }
        let hint = context.didYouMean(name, among: isSDL ? Self.standardTypeNames + typeNames : typeNames)
        context.report("Unknown type \"\(name)\"." + hint, at: type.location)
    }
}
