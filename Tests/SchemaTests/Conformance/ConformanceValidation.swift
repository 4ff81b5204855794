import Schema

/// The one place the differential test calls the validator: every rule, unlimited operation limits (graphql-core
/// has none) and graphql-core's default of 100 errors.
func conformanceValidate(_ document: Document, schema: GraphQLSchema) -> [GraphQLError] {
    Validator.validate(
        schema: schema,
        document: document,
        options: ValidationOptions(maxErrors: 100, limits: .unlimited)
    )
}
