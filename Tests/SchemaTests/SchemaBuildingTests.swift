import JSON
import Schema
import Testing

/// Building schemas from SDL: graphql-js's buildASTSchema behaviour and the SDL rules it asserts, with
/// messages in graphql-js's wording (checked against graphql-core 3.2.8, which quotes with `'`).
@Suite struct SchemaBuildingTests {
    static func schema(_ sdl: String, scalars: [String: any ScalarCoercion] = [:]) throws -> GraphQLSchema {
        try GraphQLSchema(sdl: sdl, scalars: scalars)
    }

    static func errors(_ sdl: String, scalars: [String: any ScalarCoercion] = [:]) -> [GraphQLError] {
        do {
            _ = try GraphQLSchema(sdl: sdl, scalars: scalars)
            return []
        } catch {
            return error.errors
        }
    }

    static let sdlErrors: [(String, [(String, [(Int, Int)])])] = [
        ("type Query { a: Strin }", [("Unknown type \"Strin\". Did you mean \"String\"?", [(1, 17)])]),
        (
            "type Query { a: Foo, b: [Bar!] }",
            [("Unknown type \"Foo\".", [(1, 17)]), ("Unknown type \"Bar\".", [(1, 26)])]
        ),
        (
            "type Query { a: Int }\ntype Query { b: Int }",
            [("There can be only one type named \"Query\".", [(1, 6), (2, 6)])]
        ),
        (
            "type Query { a: Int }\ndirective @x on FIELD\ndirective @x on FIELD",
            [("There can be only one directive named \"@x\".", [(2, 12), (3, 12)])]
        ),
        ("type Query { a: Int, a: String }", [("Field \"Query.a\" can only be defined once.", [(1, 14), (1, 22)])]),
        (
            "type Query { a: Int }\nextend type Query { a: String }",
            [("Field \"Query.a\" can only be defined once.", [(1, 14), (2, 21)])]
        ),
        (
            "type Query { a(x: Int, x: Int): Int }",
            [("Argument \"Query.a(x:)\" can only be defined once.", [(1, 16), (1, 24)])]
        ),
        (
            "type Query { a: E }\nenum E { A B A }",
            [("Enum value \"E.A\" can only be defined once.", [(2, 10), (2, 14)])]
        ),
        (
            "type Query { a(i: I): Int }\ninput I { a: Int, a: Int }",
            [("Field \"I.a\" can only be defined once.", [(2, 11), (2, 19)])]
        ),
        (
            "schema { query: Query }\nschema { query: Query }\ntype Query { a: Int }",
            [
                ("Must provide only one schema definition.", [(2, 1)]),
                ("There can be only one query type in schema.", [(1, 10), (2, 10)]),
            ]
        ),
        (
            "schema { query: Query query: Query }\ntype Query { a: Int }",
            [("There can be only one query type in schema.", [(1, 10), (1, 23)])]
        ),
        ("type Query { a: Int @unknown }", [("Unknown directive \"@unknown\".", [(1, 21)])]),
        (
            "type Query { a: Int @skip(if: true) }",
            [("Directive \"@skip\" may not be used on FIELD_DEFINITION.", [(1, 21)])]
        ),
        (
            "type Query { a: Int @deprecated @deprecated }",
            [("The directive \"@deprecated\" can only be used once at this location.", [(1, 21), (1, 33)])]
        ),
        (
            "type Query { a: Int @deprecated(because: \"x\") }",
            [("Unknown argument \"because\" on directive \"@deprecated\".", [(1, 33)])]
        ),
        (
            "type Query { a: Int @deprecated(reasn: \"x\") }",
            [("Unknown argument \"reasn\" on directive \"@deprecated\". Did you mean \"reason\"?", [(1, 33)])]
        ),
        (
            "directive @req(a: Int!) on FIELD_DEFINITION\ntype Query { a: Int @req }",
            [("Directive \"@req\" argument \"a\" of type \"Int!\" is required, but it was not provided.", [(2, 21)])]
        ),
        (
            "type Query { a: Int }\nextend type Foo { b: Int }",
            [("Cannot extend type \"Foo\" because it is not defined.", [(2, 13)])]
        ),
        (
            "type Query { a: Int }\nextend interface Query { b: Int }",
            [("Cannot extend non-interface type \"Query\".", [(1, 1), (2, 1)])]
        ),
        (
            "type Query { a: Int }\nextend scalar Qury @deprecated",
            [
                ("Cannot extend type \"Qury\" because it is not defined. Did you mean \"Query\"?", [(2, 15)]),
                ("Directive \"@deprecated\" may not be used on SCALAR.", [(2, 20)]),
            ]
        ),
        (
            "directive @d(a: Int, a: Int) on FIELD\ntype Query { a: Int }",
            [("Argument \"@d(a:)\" can only be defined once.", [(1, 14), (1, 22)])]
        ),
        (
            "type Query { a: Int @deprecated(reason: \"a\", reason: \"b\") }",
            [("There can be only one argument named \"reason\".", [(1, 33), (1, 46)])]
        ),
        (
            "scalar S @specifiedBy(url: \"u\") @specifiedBy(url: \"v\")\ntype Query { a: S }",
            [("The directive \"@specifiedBy\" can only be used once at this location.", [(1, 10), (1, 33)])]
        ),
        (
            "scalar S @specifiedBy(url: \"u\")\nextend scalar S @specifiedBy(url: \"v\")\ntype Query { a: S }",
            [("The directive \"@specifiedBy\" can only be used once at this location.", [(1, 10), (2, 17)])]
        ),
        (
            "type Query { a: Int } type Query2 @deprecated { a: Int }",
            [("Directive \"@deprecated\" may not be used on OBJECT.", [(1, 35)])]
        ),
        (
            "type Query { a: Int }\nunion U = Query\nextend union U = Quer",
            [("Unknown type \"Quer\". Did you mean \"Query\"?", [(3, 18)])]
        ),
        (
            "type Query { a: Int }\nquery { a }",
            [
                (
                    "A schema document must contain only type system definitions and extensions, not operations or fragments.",
                    [(2, 1)]
                )
            ]
        ),
        ("type Query { a: Int", [("Syntax Error: Expected Name, found <EOF>.", [(1, 20)])]),
        // Values are checked against their types (graphql-js checks directive arguments while building; default
        // values it leaves unchecked, we do not).
        (
            "type Query { a: Int @deprecated(reason: 1) }",
            [
                (
                    "Argument \"@deprecated(reason:)\" has invalid value 1: String cannot represent a non string value: 1",
                    [(1, 41)]
                )
            ]
        ),
        (
            "type Query { a(x: Int = \"abc\"): Int }",
            [
                (
                    "Argument \"Query.a(x:)\" has invalid default value \"abc\": Int cannot represent non-integer value: \"abc\"",
                    [(1, 25)]
                )
            ]
        ),
        (
            "type Query { a(x: I = {}): Int }\ninput I { b: Int! }",
            [
                (
                    "Argument \"Query.a(x:)\" has invalid default value {}: Field \"I.b\" of required type \"Int!\" was not provided.",
                    [(1, 23)]
                )
            ]
        ),
        (
            "type Query { a(x: A): Int }\ninput A { b: B = {} }\ninput B { a: A = {} }",
            [
                (
                    "Input field \"A.b\" has invalid default value {}: Default values of \"B\" refer to each other in a cycle.",
                    [(2, 18)]
                ),
                (
                    "Input field \"B.a\" has invalid default value {}: Default values of \"A\" refer to each other in a cycle.",
                    [(3, 18)]
                ),
            ]
        ),
        (
            "type Query { a(x: E = B): Int }\nenum E { A }",
            [
                (
                    "Argument \"Query.a(x:)\" has invalid default value B: Value \"B\" does not exist in \"E\" enum.",
                    [(1, 23)]
                )
            ]
        ),
    ]

    @Test(arguments: sdlErrors)
    func reportsSDLError(_ sdl: String, _ expected: [(String, [(Int, Int)])]) {
        let errors = Self.errors(sdl)
        #expect(errors.map(\.message) == expected.map(\.0))
        for (error, (_, locations)) in zip(errors, expected) {
            #expect(error.locations == locations.map { SourceLocation(line: $0.0, column: $0.1) }, "\(error.message)")
        }
    }

    @Test func coercionsMustMatchDeclaredScalars() {
        #expect(
            Self.errors("type Query { a: Int }", scalars: ["DateTime": DateTimeCoercion()]).map(\.message) == [
                "A coercion is registered for \"DateTime\", but the schema declares no scalar of that name."
            ]
        )
        #expect(
            Self.errors("type Query { a: Int }", scalars: ["Int": IntCoercion()]).map(\.message) == [
                "The built-in scalar \"Int\" cannot be given another coercion."
            ]
        )
    }

    // MARK: What a built schema holds

    static let kitchen = """
        "The schema."
        schema { query: Root, mutation: Mutation }

        "A thing."
        type Root implements Node & Named {
          "Its id."
          id: ID!
          name(upper: Boolean = false): String @deprecated
          old: String @deprecated(reason: "Use `name`.")
          search(filter: Filter = {text: "x"}, first: Int = 10, kinds: [Kind] = ALPHA): [Result!]!
          when: DateTime
        }

        type Mutation { noop: Boolean }

        interface Node { id: ID! }
        interface Named implements Node { id: ID!, name: String }
        union Result = Root | Other
        type Other implements Node { id: ID! }
        extend union Result = Third
        type Third { x: Int }

        enum Kind { ALPHA, BETA @deprecated, GAMMA }
        extend enum Kind { DELTA }

        input Filter { text: String, limit: Int = 5, nested: Nested = {flag: true} }
        input Nested { flag: Boolean! }
        input Choice @oneOf { a: Int, b: String }
        extend input Filter { choice: Choice }

        scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time")

        directive @tag(name: String!) repeatable on OBJECT | FIELD_DEFINITION
        extend type Root @tag(name: "a") @tag(name: "b") { extra: Float }
        """

    @Test func buildsTypesFieldsAndArguments() throws {
        let schema = try Self.schema(Self.kitchen, scalars: ["DateTime": DateTimeCoercion()])
        #expect(schema.description == "The schema.")
        #expect(schema.queryType?.name == "Root")
        #expect(schema.mutationType?.name == "Mutation")
        #expect(schema.subscriptionType == nil)

        let root = try #require(schema.objectType(named: "Root"))
        #expect(root.description == "A thing.")
        #expect(root.fields.map(\.name) == ["id", "name", "old", "search", "when", "extra"])
        #expect(root.interfaces.map(\.name) == ["Node", "Named"])
        #expect(root.field(named: "id")?.description == "Its id.")
        #expect(root.field(named: "id")?.type.description == "ID!")
        #expect(root.field(named: "name")?.deprecationReason == "No longer supported")
        #expect(root.field(named: "old")?.deprecationReason == "Use `name`.")
        #expect(root.field(named: "id")?.isDeprecated == false)
        #expect(root.appliedDirectives.map(\.name.value) == ["tag", "tag"])

        let search = try #require(root.field(named: "search"))
        #expect(search.type.description == "[Result!]!")
        #expect(schema[search.type].kind == .union)
        let filter = try #require(search.argument(named: "filter"))
        #expect(filter.defaultValue?.description == "{text: \"x\"}")
        // Defaults are coerced with the defaults of the fields left out filled in.
        #expect(filter.coercedDefaultValue == ["text": "x", "limit": 5, "nested": ["flag": true]])
        #expect(search.argument(named: "first")?.coercedDefaultValue == 10)
        // A single value stands for a list of one.
        #expect(search.argument(named: "kinds")?.coercedDefaultValue == ["ALPHA"])
        #expect(root.field(named: "name")?.argument(named: "upper")?.coercedDefaultValue == false)

        guard case .enumType(let kind)? = schema.type(named: "Kind") else { throw Failure("Kind is not an enum") }
        #expect(kind.values.map(\.name) == ["ALPHA", "BETA", "GAMMA", "DELTA"])
        #expect(kind.value(named: "BETA")?.isDeprecated == true)

        guard case .inputObject(let filterType)? = schema.type(named: "Filter") else { throw Failure("Filter") }
        #expect(filterType.fields.map(\.name) == ["text", "limit", "nested", "choice"])
        #expect(!filterType.isOneOf)
        guard case .inputObject(let choice)? = schema.type(named: "Choice") else { throw Failure("Choice") }
        #expect(choice.isOneOf)

        guard case .scalar(let dateTime)? = schema.type(named: "DateTime") else { throw Failure("DateTime") }
        #expect(dateTime.specifiedByURL == DateTimeCoercion.specifiedByURL)
        #expect(try dateTime.coercion.parseValue("2026-05-04T11:12:30+02:00") == "2026-05-04T09:12:30Z")

        guard case .union(let result)? = schema.type(named: "Result") else { throw Failure("Result") }
        #expect(result.members.map(\.name) == ["Root", "Other", "Third"])
    }

    @Test func includesBuiltInsAsGraphQLJSDoes() throws {
        let schema = try Self.schema(Self.kitchen, scalars: ["DateTime": DateTimeCoercion()])
        let names = schema.types.map(\.name)
        // The SDL's types in order, then the built-in scalars in use, then introspection.
        #expect(
            names == [
                "Root", "Mutation", "Node", "Named", "Result", "Other", "Third", "Kind", "Filter", "Nested", "Choice",
                "DateTime", "Int", "Float", "String", "Boolean", "ID", "__Schema", "__Type", "__TypeKind", "__Field",
                "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation",
            ]
        )
        let minimal = try Self.schema("type Query { a: Int }")
        #expect(minimal.type(named: "Float") == nil)
        #expect(minimal.type(named: "ID") == nil)
        #expect(minimal.type(named: "String") != nil && minimal.type(named: "Boolean") != nil)
        #expect(minimal.directives.map(\.name) == ["include", "skip", "deprecated", "specifiedBy", "oneOf"])
        #expect(
            minimal.directive(named: "deprecated")?.argument(named: "reason")?.coercedDefaultValue
                == "No longer supported"
        )
        #expect(minimal.directive(named: "skip")?.locations == [.field, .fragmentSpread, .inlineFragment])
        #expect(minimal.directive(named: "skip")?.isBuiltIn == true)

        let withCustom = try Self.schema(Self.kitchen, scalars: ["DateTime": DateTimeCoercion()])
        #expect(withCustom.directives.map(\.name) == ["tag", "include", "skip", "deprecated", "specifiedBy", "oneOf"])
        #expect(withCustom.directive(named: "tag")?.isRepeatable == true)

        guard case .object(let typeType)? = minimal.type(named: "__Type") else { throw Failure("__Type") }
        #expect(
            typeType.fields.map(\.name) == [
                "kind", "name", "description", "specifiedByURL", "fields", "interfaces", "possibleTypes", "enumValues",
                "inputFields", "ofType", "isOneOf",
            ]
        )
        #expect(minimal.type(named: "__Type")?.isIntrospectionType == true)
    }

    @Test func redefiningABuiltInDirectiveReplacesIt() throws {
        let schema = try Self.schema("directive @skip(if: Boolean!, why: String) on FIELD\ntype Query { a: Int }")
        #expect(schema.directives.map(\.name) == ["skip", "include", "deprecated", "specifiedBy", "oneOf"])
        #expect(schema.directive(named: "skip")?.arguments.map(\.name) == ["if", "why"])
        #expect(schema.directive(named: "skip")?.isBuiltIn == false)
    }

    @Test func defaultRootTypesAndExtensions() throws {
        let byName = try Self.schema("type Query { a: Int }\ntype Mutation { b: Int }\ntype Subscription { c: Int }")
        #expect(byName.queryType?.name == "Query")
        #expect(byName.mutationType?.name == "Mutation")
        #expect(byName.subscriptionType?.name == "Subscription")

        let explicit = try Self.schema("schema { query: Q }\ntype Q { a: Int }\ntype Mutation { b: Int }")
        #expect(explicit.queryType?.name == "Q")
        #expect(explicit.mutationType == nil)

        let extended = try Self.schema(
            "schema { query: Q }\ntype Q { a: Int }\ntype M { b: Int }\nextend schema { mutation: M }"
        )
        #expect(extended.mutationType?.name == "M")
    }

    @Test func answersAbstractTypeQuestions() throws {
        let schema = try Self.schema(Self.kitchen, scalars: ["DateTime": DateTimeCoercion()])
        let ref = { (name: String) throws -> NamedTypeReference in try #require(schema.reference(named: name)) }
        let node = try ref("Node")
        let named = try ref("Named")
        let root = try ref("Root")
        let other = try ref("Other")
        let third = try ref("Third")
        let result = try ref("Result")

        #expect(schema.possibleTypes(of: node).map(\.name) == ["Root", "Other"])
        #expect(schema.possibleTypes(of: result).map(\.name) == ["Root", "Other", "Third"])
        #expect(schema.implementations(of: node).objects.map(\.name) == ["Root", "Other"])
        #expect(schema.implementations(of: node).interfaces.map(\.name) == ["Named"])
        #expect(schema.isSubType(named, of: node))
        #expect(schema.isSubType(root, of: named))
        #expect(!schema.isSubType(other, of: named))
        #expect(schema.isPossibleType(third, of: result))
        #expect(!schema.isPossibleType(named, of: node))

        #expect(schema.doTypesOverlap(node, result))
        #expect(schema.doTypesOverlap(result, third))
        #expect(!schema.doTypesOverlap(named, third))
        #expect(!schema.doTypesOverlap(root, other))

        #expect(schema.isTypeSubType(.nonNull(.named(root)), of: .named(node)))
        #expect(schema.isTypeSubType(.list(.nonNull(.named(root))), of: .list(.named(result))))
        #expect(!schema.isTypeSubType(.named(root), of: .nonNull(.named(node))))
        #expect(!schema.isTypeSubType(.list(.named(root)), of: .named(node)))
        #expect(!schema.isTypeSubType(.named(node), of: .named(root)))
    }

    @Test func resolvesMetaFieldsAndTypeReferences() throws {
        let schema = try Self.schema(Self.kitchen, scalars: ["DateTime": DateTimeCoercion()])
        let root = try #require(schema.reference(named: "Root"))
        let other = try #require(schema.reference(named: "Other"))
        let result = try #require(schema.reference(named: "Result"))
        let filter = try #require(schema.reference(named: "Filter"))
        #expect(schema.fieldDefinition(in: root, named: "__schema")?.type.description == "__Schema!")
        #expect(schema.fieldDefinition(in: root, named: "__type")?.arguments.map(\.name) == ["name"])
        #expect(schema.fieldDefinition(in: other, named: "__schema") == nil)
        #expect(schema.fieldDefinition(in: result, named: "__typename")?.type.description == "String!")
        #expect(schema.fieldDefinition(in: filter, named: "__typename") == nil)
        #expect(schema.fieldDefinition(in: root, named: "search")?.name == "search")
        #expect(schema.fieldDefinition(in: result, named: "search") == nil)

        #expect(schema.type(from: try Parser.parseType("[Filter!]")) == .list(.nonNull(.named(filter))))
        #expect(schema.type(from: try Parser.parseType("Unknown")) == nil)
    }

    @Test func keepsLocationsForErrorsInTheSDL() throws {
        let schema = try Self.schema("type Query {\n  a: Int\n}")
        let field = try #require(schema.queryType?.field(named: "a"))
        let location = try #require(field.definition?.location)
        #expect(schema.source?.location(at: location.start) == SourceLocation(line: 2, column: 3))
        #expect(schema.type(named: "Int").flatMap(\.definitionLocation) == nil)
    }
}
