import Schema

/// The validation step of the request pipeline (spec §5).
///
/// The validation rules are built in the `Schema` module's `Validation/` folder, which is not part of this build
/// yet; until it is, this step accepts every document that parses, and the executor reports what it cannot run
/// (an unknown field, a missing argument) as errors of the response. Wiring the validator in is this one function.
enum GraphQLValidation {
    @Sendable static func validate(
        _ document: Document,
        _ schema: GraphQLSchema,
        _ options: GatewayValidationOptions
    ) -> [GraphQLError] {
        []
    }
}
