/// Validates executable documents against a schema (spec §5 "Validation"), then checks operation limits.
///
/// All rules run together in one traversal of the document (graphql-js's parallel visitor), so errors come out
/// in graphql-js's order: by position in the document, and at one position in rule order. Messages and locations
/// are graphql-js 16's. A document is executable when the result is empty.
///
/// ```swift
/// let errors = Validator.validate(schema: schema, document: document)
/// ```
public enum Validator {
    /// Validates `document` against `schema` with every rule of ``ValidationRule/specified`` (plus
    /// ``ValidationRule/noSchemaIntrospection`` when introspection is not allowed), then, when no rule found an
    /// error, checks ``ValidationOptions/limits`` on every operation.
    ///
    /// - Returns: The errors, each with `message` and `locations`; limit errors carry
    ///   `extensions.code: QUERY_TOO_COMPLEX`. Empty when the document is valid.
    public static func validate(
        schema: GraphQLSchema,
        document: Document,
        options: ValidationOptions = .default
    ) -> [GraphQLError] {
        var rules = ValidationRule.specified
        if !options.allowsIntrospection { rules.append(.noSchemaIntrospection) }
        return validate(schema: schema, document: document, rules: rules, options: options)
    }

    /// Validates `document` against `schema` with the given rules only (in ``ValidationRule`` order, whatever
    /// the order given), then checks ``ValidationOptions/limits`` when they found no error.
    public static func validate(
        schema: GraphQLSchema,
        document: Document,
        rules: [ValidationRule],
        options: ValidationOptions = .default
    ) -> [GraphQLError] {
        let context = ValidationContext(schema: schema, document: document, options: options)
        let selected = Set(rules)
        let visitors = ValidationRule.allCases.filter(selected.contains).map { makeVisitor($0, context) }
        ValidationWalker(context: context, rules: visitors).walk(document)
        if !context.errors.isEmpty { return context.errors }
        return options.limits.check(document: document, schema: schema)
    }

    private static func makeVisitor(_ rule: ValidationRule, _ context: ValidationContext) -> any RuleVisitor {
        switch rule {
        case .executableDefinitions: ExecutableDefinitionsRule(context)
        case .knownOperationTypes: KnownOperationTypesRule(context)
        case .uniqueOperationNames: UniqueOperationNamesRule(context)
        case .loneAnonymousOperation: LoneAnonymousOperationRule(context)
        case .singleFieldSubscriptions: SingleFieldSubscriptionsRule(context)
        case .knownTypeNames: KnownTypeNamesRule(context)
        case .fragmentsOnCompositeTypes: FragmentsOnCompositeTypesRule(context)
        case .variablesAreInputTypes: VariablesAreInputTypesRule(context)
        case .scalarLeafs: ScalarLeafsRule(context)
        case .fieldsOnCorrectType: FieldsOnCorrectTypeRule(context)
        case .uniqueFragmentNames: UniqueFragmentNamesRule(context)
        case .knownFragmentNames: KnownFragmentNamesRule(context)
        case .noUnusedFragments: NoUnusedFragmentsRule(context)
        case .possibleFragmentSpreads: PossibleFragmentSpreadsRule(context)
        case .noFragmentCycles: NoFragmentCyclesRule(context)
        case .uniqueVariableNames: UniqueVariableNamesRule(context)
        case .noUndefinedVariables: NoUndefinedVariablesRule(context)
        case .noUnusedVariables: NoUnusedVariablesRule(context)
        case .knownDirectives: KnownDirectivesRule(context)
        case .uniqueDirectivesPerLocation: UniqueDirectivesPerLocationRule(context)
        case .knownArgumentNames: KnownArgumentNamesRule(context)
        case .uniqueArgumentNames: UniqueArgumentNamesRule(context)
        case .valuesOfCorrectType: ValuesOfCorrectTypeRule(context)
        case .providedRequiredArguments: ProvidedRequiredArgumentsRule(context)
        case .variablesInAllowedPosition: VariablesInAllowedPositionRule(context)
        case .overlappingFieldsCanBeMerged: OverlappingFieldsCanBeMergedRule(context)
        case .uniqueInputFieldNames: UniqueInputFieldNamesRule(context)
        case .maxIntrospectionDepth: MaxIntrospectionDepthRule(context)
        case .noSchemaIntrospection: NoSchemaIntrospectionRule(context)
        }
    }
}

/// Validates `document` against `schema` (``Validator/validate(schema:document:options:)``).
public func validate(
    schema: GraphQLSchema,
    document: Document,
    options: ValidationOptions = .default
) -> [GraphQLError] {
    Validator.validate(schema: schema, document: document, options: options)
}
