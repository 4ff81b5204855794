import Schema
import Testing

/// The validator as a whole: all rules together, the error limit, and the options the gateway switches.
@Suite struct ValidatorTests {
    static var schema: GraphQLSchema { ValidationVectors.harnessSchema }

    static func errors(
        _ text: String,
        options: ValidationOptions = ValidationOptions(limits: .unlimited)
    ) throws
        -> [String]
    {
        try Validator.validate(schema: schema, document: Parser.parse(text), options: options).map(\.message)
    }

    @Test func aValidDocumentHasNoErrors() throws {
        let text = """
            query Q($id: ID, $dog: Boolean = true) {
              human(id: $id) { name pets { ... on Dog { barks @include(if: $dog) } } }
              catOrDog { ...Names }
            }
            fragment Names on CatOrDog { ... on Cat { name } ... on Dog { name(surname: true) } }
            """
        #expect(try Self.errors(text).isEmpty)
    }

    @Test func errorsComeInDocumentOrderThenRuleOrder() throws {
        let text = """
            { dog { unknown name(surname: 1) } }
            fragment Unused on Dog { name }
            """
        #expect(
            try Self.errors(text) == [
                "Cannot query field \"unknown\" on type \"Dog\".",
                "Boolean cannot represent a non boolean value: 1",
                "Fragment \"Unused\" is never used.",
            ]
        )
    }

    // MARK: The error limit (graphql-js validation-test)

    static let threeUnknownFields = "{ firstUnknownField secondUnknownField thirdUnknownField }"

    static func unknownField(_ name: String) -> String { "Cannot query field \"\(name)\" on type \"QueryRoot\"." }

    @Test func errorsUpToTheLimitAreReportedInFull() throws {
        let errors = try Self.errors(
            Self.threeUnknownFields,
            options: ValidationOptions(maxErrors: 3, limits: .unlimited)
        )
        #expect(errors == ["firstUnknownField", "secondUnknownField", "thirdUnknownField"].map(Self.unknownField))
    }

    @Test func validationAbortsPastTheLimit() throws {
        let errors = try Self.errors(
            Self.threeUnknownFields,
            options: ValidationOptions(maxErrors: 2, limits: .unlimited)
        )
        #expect(
            errors == [
                Self.unknownField("firstUnknownField"), Self.unknownField("secondUnknownField"),
                "Too many validation errors, error limit reached. Validation aborted.",
            ]
        )
    }

    @Test func theLimitIsAHundredByDefault() throws {
        let text = "{" + (0..<120).map { "unknownField\($0)" }.joined(separator: " ") + "}"
        let errors = try Self.errors(text)
        #expect(errors.count == 101)
        #expect(errors.first == Self.unknownField("unknownField0"))
        #expect(errors.dropLast().last == Self.unknownField("unknownField99"))
        #expect(errors.last == "Too many validation errors, error limit reached. Validation aborted.")
        #expect(try Self.errors(text, options: ValidationOptions(maxErrors: nil, limits: .unlimited)).count == 120)
    }

    // MARK: Suggestions off

    @Test func noMessageSuggestsANameWhenSuggestionsAreOff() throws {
        let text = """
            query ($a: Strin) {
              dog { nam doesKnowCommand(dogComand: SIT) }
              catOrDog { name }
              complicatedArgs {
                enumArgField(enumArg: BROWNN)
                complexArgField(complexArg: { requiredField: true, intFeld: 1 })
              }
              x: dog { name(surnam: true) }
            }
            """
        let on = try Self.errors(text)
        let off = try Self.errors(text, options: ValidationOptions(suggestions: false, limits: .unlimited))
        #expect(on.count == off.count)
        #expect(on.filter { $0.contains("Did you mean") }.count == 7, "\(on)")
        #expect(
            off == [
                "Unknown type \"Strin\".",
                "Cannot query field \"nam\" on type \"Dog\".",
                "Unknown argument \"dogComand\" on field \"Dog.doesKnowCommand\".",
                "Cannot query field \"name\" on type \"CatOrDog\".",
                "Value \"BROWNN\" does not exist in \"FurColor\" enum.",
                "Field \"intFeld\" is not defined by type \"ComplexInput\".",
                "Unknown argument \"surnam\" on field \"Dog.name\".",
                "Variable \"$a\" is never used.",
            ]
        )
    }

    // MARK: Introspection off

    @Test func introspectionCanBeTurnedOff() throws {
        let text = "{ __typename __schema { queryType { name } } __type(name: \"Dog\") { name } dog { __typename } }"
        #expect(try Self.errors(text).isEmpty)
        let off = try Self.errors(text, options: ValidationOptions(allowsIntrospection: false, limits: .unlimited))
        #expect(
            off == [
                "GraphQL introspection has been disabled, but the requested query contained the field \"__schema\".",
                "GraphQL introspection has been disabled, but the requested query contained the field \"queryType\".",
                "GraphQL introspection has been disabled, but the requested query contained the field \"__type\".",
            ]
        )
    }

    // MARK: September 2025

    @Test func descriptionsOnExecutableDefinitionsAreValid() throws {
        let text = """
            "Finds a dog."
            query Q("The surname flag." $s: Boolean) { dog { ...N } }
            "The name."
            fragment N on Dog { name(surname: $s) }
            """
        #expect(try Self.errors(text).isEmpty)
    }

    @Test func operationsTheSchemaDoesNotSupportAreInvalid() throws {
        #expect(
            try Self.errors("mutation { dog { name } }") == [
                "The mutation operation is not supported by the schema."
            ]
        )
    }

    @Test func aDocumentBuiltWithoutLocationsIsValidatedToo() throws {
        let document = try Parser.parse(
            "{ dog { name name: nickname } ...F } fragment F on QueryRoot { dog { name } }",
            options: ParseOptions(noLocation: true)
        )
        let errors = Validator.validate(
            schema: Self.schema,
            document: document,
            options: ValidationOptions(limits: .unlimited)
        )
        // As graphql-core gives them for the same document parsed without locations.
        #expect(
            errors.map(\.message) == [
                "Fields \"dog\" conflict because subfields \"name\" conflict because \"nickname\" and \"name\" are "
                    + "different fields. Use different aliases on the fields to fetch both if this was intentional.",
                "Fields \"name\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases "
                    + "on the fields to fetch both if this was intentional.",
            ]
        )
        #expect(errors.allSatisfy { $0.locations.isEmpty })
    }
}
