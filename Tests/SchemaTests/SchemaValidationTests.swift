import Schema
import Testing

/// graphql-js's validateSchema vectors (src/type/__tests__/validation-test), for the cases expressible in SDL.
/// Where graphql-js applied `extendSchema` to a built schema, the extension is appended to the same document
/// here, and the locations point into it.
@Suite struct SchemaValidationTests {
    /// Indents SDL as the JavaScript template literals of the reference tests are, so that lines and columns
    /// match theirs: a leading empty line, six spaces of indentation.
    static func sdl(_ text: String) -> String {
        "\n"
            + text.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(
                separator: "\n"
            )
            + "\n    "
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var sdl: String
        var errors: [(String, [(Int, Int)])]
        var description: String { name }
    }

    static func errors(of sdl: String) -> [GraphQLError] {
        do {
            _ = try GraphQLSchema(sdl: sdl)
            return []
        } catch {
            return error.errors
        }
    }

    static let cases: [Case] = [
        Case(name: "query type is an object", sdl: sdl("type Query {\n  test: String\n}"), errors: []),
        Case(
            name: "schema definition with query root",
            sdl: sdl("schema {\n  query: QueryRoot\n}\n\ntype QueryRoot {\n  test: String\n}"),
            errors: []
        ),
        Case(
            name: "query and mutation objects",
            sdl: sdl("type Query {\n  test: String\n}\n\ntype Mutation {\n  test: String\n}"),
            errors: []
        ),
        Case(
            name: "query and subscription objects by definition",
            sdl: sdl(
                "schema {\n  query: QueryRoot\n  subscription: SubscriptionRoot\n}\n\ntype QueryRoot {\n  test: String\n}\n\ntype SubscriptionRoot {\n  test: String\n}"
            ),
            errors: []
        ),
        Case(
            name: "no query type",
            sdl: sdl("type Mutation {\n  test: String\n}"),
            errors: [("Query root type must be provided.", [])]
        ),
        Case(
            name: "no query type in the schema definition",
            sdl: sdl("schema {\n  mutation: MutationRoot\n}\n\ntype MutationRoot {\n  test: String\n}"),
            errors: [("Query root type must be provided.", [(2, 7)])]
        ),
        Case(
            name: "query root is an input object",
            sdl: sdl("input Query {\n  test: String\n}"),
            errors: [("Query root type must be Object type, it cannot be Query.", [(2, 7)])]
        ),
        Case(
            name: "query root by definition is an input object",
            sdl: sdl("schema {\n  query: SomeInputObject\n}\n\ninput SomeInputObject {\n  test: String\n}"),
            errors: [("Query root type must be Object type, it cannot be SomeInputObject.", [(3, 16)])]
        ),
        Case(
            name: "mutation root is an input object",
            sdl: sdl("type Query {\n  field: String\n}\n\ninput Mutation {\n  test: String\n}"),
            errors: [("Mutation root type must be Object type if provided, it cannot be Mutation.", [(6, 7)])]
        ),
        Case(
            name: "mutation root by definition is an input object",
            sdl: sdl(
                "schema {\n  query: Query\n  mutation: SomeInputObject\n}\n\ntype Query {\n  field: String\n}\n\ninput SomeInputObject {\n  test: String\n}"
            ),
            errors: [("Mutation root type must be Object type if provided, it cannot be SomeInputObject.", [(4, 19)])]
        ),
        Case(
            name: "subscription root is an input object",
            sdl: sdl("type Query {\n  field: String\n}\n\ninput Subscription {\n  test: String\n}"),
            errors: [("Subscription root type must be Object type if provided, it cannot be Subscription.", [(6, 7)])]
        ),
        Case(
            name: "subscription root by definition is an input object",
            sdl: sdl(
                "schema {\n  query: Query\n  subscription: SomeInputObject\n}\n\ntype Query {\n  field: String\n}\n\ninput SomeInputObject {\n  test: String\n}"
            ),
            errors: [
                ("Subscription root type must be Object type if provided, it cannot be SomeInputObject.", [(4, 23)])
            ]
        ),
        Case(
            name: "root types from schema extensions",
            sdl: "input SomeInputObject { test: String }\nextend schema { query: SomeInputObject }\n"
                + "extend schema { mutation: SomeInputObject }\nextend schema { subscription: SomeInputObject }",
            errors: [
                ("Query root type must be Object type, it cannot be SomeInputObject.", [(2, 24)]),
                ("Mutation root type must be Object type if provided, it cannot be SomeInputObject.", [(3, 27)]),
                ("Subscription root type must be Object type if provided, it cannot be SomeInputObject.", [(4, 31)]),
            ]
        ),
        Case(
            name: "root types must all be different (spec §3.3.1)",
            sdl: "schema { query: Query mutation: Query }\ntype Query { a: Int }",
            errors: [
                (
                    "All root types must be different, \"Query\" type is used as query and mutation root types.",
                    [(1, 17), (1, 33)]
                )
            ]
        ),
        Case(
            name: "object with fields",
            sdl: sdl("type Query {\n  field: SomeObject\n}\n\ntype SomeObject {\n  field: String\n}"),
            errors: []
        ),
        Case(
            name: "object without fields",
            sdl: sdl("type Query {\n  test: IncompleteObject\n}\n\ntype IncompleteObject"),
            errors: [("Type IncompleteObject must define one or more fields.", [(6, 7)])]
        ),
        Case(
            name: "field and argument names starting with __",
            sdl: "type Query { __bad: String, f(__arg: Int): Int }",
            errors: [
                ("Name \"__bad\" must not begin with \"__\", which is reserved by GraphQL introspection.", [(1, 14)]),
                ("Name \"__arg\" must not begin with \"__\", which is reserved by GraphQL introspection.", [(1, 31)]),
            ]
        ),
        Case(
            name: "type and enum value names starting with __",
            sdl: "type Query { a: __Bad }\nenum __Bad { __VALUE }",
            errors: [
                ("Name \"__Bad\" must not begin with \"__\", which is reserved by GraphQL introspection.", [(2, 6)]),
                ("Name \"__VALUE\" must not begin with \"__\", which is reserved by GraphQL introspection.", [(2, 14)]),
            ]
        ),
        Case(
            name: "union with members",
            sdl: sdl(
                "type Query {\n  test: GoodUnion\n}\n\ntype TypeA {\n  field: String\n}\n\ntype TypeB {\n  field: String\n}\n\nunion GoodUnion =\n  | TypeA\n  | TypeB"
            ),
            errors: []
        ),
        Case(
            name: "union without members, extended with a directive",
            sdl: sdl(
                "type Query {\n  test: BadUnion\n}\n\nunion BadUnion\n\ndirective @test on UNION\n\nextend union BadUnion @test"
            ),
            errors: [("Union type BadUnion must define one or more member types.", [(6, 7), (10, 7)])]
        ),
        Case(
            name: "union with a duplicated member",
            sdl: sdl(
                "type Query {\n  test: BadUnion\n}\n\ntype TypeA {\n  field: String\n}\n\ntype TypeB {\n  field: String\n}\n\nunion BadUnion =\n  | TypeA\n  | TypeB\n  | TypeA\n\nextend union BadUnion = TypeB"
            ),
            errors: [
                ("Union type BadUnion can only include type TypeA once.", [(15, 11), (17, 11)]),
                ("Union type BadUnion can only include type TypeB once.", [(16, 11), (19, 31)]),
            ]
        ),
        Case(
            name: "union with non-object members",
            sdl: sdl(
                "type Query {\n  test: BadUnion\n}\n\ntype TypeA {\n  field: String\n}\n\ntype TypeB {\n  field: String\n}\n\nunion BadUnion =\n  | TypeA\n  | String\n  | TypeB\n\nextend union BadUnion = Int"
            ),
            errors: [
                ("Union type BadUnion can only include Object types, it cannot include String.", [(16, 11)]),
                ("Union type BadUnion can only include Object types, it cannot include Int.", [(19, 31)]),
            ]
        ),
        Case(
            name: "input object with fields",
            sdl: sdl(
                "type Query {\n  field(arg: SomeInputObject): String\n}\n\ninput SomeInputObject {\n  field: String\n}"
            ),
            errors: []
        ),
        Case(
            name: "input object without fields, extended with a directive",
            sdl: sdl(
                "type Query {\n  field(arg: SomeInputObject): String\n}\n\ninput SomeInputObject\n\ndirective @test on INPUT_OBJECT\n\nextend input SomeInputObject @test"
            ),
            errors: [("Input Object type SomeInputObject must define one or more fields.", [(6, 7), (10, 7)])]
        ),
        Case(
            name: "breakable circular input references",
            sdl: sdl(
                "type Query {\n  field(arg: SomeInputObject): String\n}\n\ninput SomeInputObject {\n  self: SomeInputObject\n  arrayOfSelf: [SomeInputObject]\n  nonNullArrayOfSelf: [SomeInputObject]!\n  nonNullArrayOfNonNullSelf: [SomeInputObject!]!\n  intermediateSelf: AnotherInputObject\n}\n\ninput AnotherInputObject {\n  parent: SomeInputObject\n}"
            ),
            errors: []
        ),
        Case(
            name: "non-breakable circular input reference",
            sdl: sdl(
                "type Query {\n  field(arg: SomeInputObject): String\n}\n\ninput SomeInputObject {\n  nonNullSelf: SomeInputObject!\n}"
            ),
            errors: [
                (
                    "Cannot reference Input Object \"SomeInputObject\" within itself through a series of non-null fields: \"nonNullSelf\".",
                    [(7, 9)]
                )
            ]
        ),
        Case(
            name: "non-breakable circular input references across types",
            sdl: sdl(
                "type Query {\n  field(arg: SomeInputObject): String\n}\n\ninput SomeInputObject {\n  startLoop: AnotherInputObject!\n}\n\ninput AnotherInputObject {\n  nextInLoop: YetAnotherInputObject!\n}\n\ninput YetAnotherInputObject {\n  closeLoop: SomeInputObject!\n}"
            ),
            errors: [
                (
                    "Cannot reference Input Object \"SomeInputObject\" within itself through a series of non-null fields: \"startLoop.nextInLoop.closeLoop\".",
                    [(7, 9), (11, 9), (15, 9)]
                )
            ]
        ),
        Case(
            name: "several non-breakable circular input references",
            sdl: sdl(
                "type Query {\n  field(arg: SomeInputObject): String\n}\n\ninput SomeInputObject {\n  startLoop: AnotherInputObject!\n}\n\ninput AnotherInputObject {\n  closeLoop: SomeInputObject!\n  startSecondLoop: YetAnotherInputObject!\n}\n\ninput YetAnotherInputObject {\n  closeSecondLoop: AnotherInputObject!\n  nonNullSelf: YetAnotherInputObject!\n}"
            ),
            errors: [
                (
                    "Cannot reference Input Object \"SomeInputObject\" within itself through a series of non-null fields: \"startLoop.closeLoop\".",
                    [(7, 9), (11, 9)]
                ),
                (
                    "Cannot reference Input Object \"AnotherInputObject\" within itself through a series of non-null fields: \"startSecondLoop.closeSecondLoop\".",
                    [(12, 9), (16, 9)]
                ),
                (
                    "Cannot reference Input Object \"YetAnotherInputObject\" within itself through a series of non-null fields: \"nonNullSelf\".",
                    [(17, 9)]
                ),
            ]
        ),
        Case(
            name: "input object fields of output types",
            sdl: sdl(
                "type Query {\n  field(arg: SomeInputObject): String\n}\n\ntype SomeObject {\n  field: String\n}\n\nunion SomeUnion = SomeObject\n\ninput SomeInputObject {\n  badObject: SomeObject\n  badUnion: SomeUnion\n  goodInputObject: SomeInputObject\n}"
            ),
            errors: [
                ("The type of SomeInputObject.badObject must be Input Type but got: SomeObject.", [(13, 20)]),
                ("The type of SomeInputObject.badUnion must be Input Type but got: SomeUnion.", [(14, 19)]),
            ]
        ),
        Case(
            name: "deprecated required input field",
            sdl: sdl(
                "type Query {\n  field(arg: SomeInputObject): String\n}\n\ninput SomeInputObject {\n  badField: String! @deprecated\n  optionalField: String @deprecated\n  anotherOptionalField: String! = \"\" @deprecated\n}"
            ),
            errors: [("Required input field SomeInputObject.badField cannot be deprecated.", [(7, 27), (7, 19)])]
        ),
        Case(
            name: "enum without values, extended with a directive",
            sdl: sdl(
                "type Query {\n  field: SomeEnum\n}\n\nenum SomeEnum\n\ndirective @test on ENUM\n\nextend enum SomeEnum @test"
            ),
            errors: [("Enum type SomeEnum must define one or more values.", [(6, 7), (10, 7)])]
        ),
        Case(
            name: "object field of an input type",
            sdl: sdl("type Query {\n  field: [SomeInputObject]\n}\n\ninput SomeInputObject {\n  field: String\n}"),
            errors: [("The type of Query.field must be Output Type but got: [SomeInputObject].", [(3, 16)])]
        ),
        Case(
            name: "object implementing a non-interface",
            sdl: sdl(
                "type Query {\n  test: BadObject\n}\n\ninput SomeInputObject {\n  field: String\n}\n\ntype BadObject implements SomeInputObject {\n  field: String\n}"
            ),
            errors: [
                ("Type BadObject must only implement Interface types, it cannot implement SomeInputObject.", [(10, 33)])
            ]
        ),
        Case(
            name: "object implementing an interface twice",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ninterface AnotherInterface {\n  field: String\n}\n\ntype AnotherObject implements AnotherInterface & AnotherInterface {\n  field: String\n}"
            ),
            errors: [("Type AnotherObject can only implement AnotherInterface once.", [(10, 37), (10, 56)])]
        ),
        Case(
            name: "object implementing an interface twice through an extension",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ninterface AnotherInterface {\n  field: String\n}\n\ntype AnotherObject implements AnotherInterface {\n  field: String\n}\nextend type AnotherObject implements AnotherInterface"
            ),
            errors: [("Type AnotherObject can only implement AnotherInterface once.", [(10, 37), (13, 44)])]
        ),
        Case(
            name: "extended interface field missing from the object",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ninterface AnotherInterface {\n  field: String\n}\n\ntype AnotherObject implements AnotherInterface {\n  field: String\n}\nextend interface AnotherInterface {\n  newField: String\n}\nextend type AnotherObject {\n  differentNewField: String\n}"
            ),
            errors: [
                (
                    "Interface field AnotherInterface.newField expected but AnotherObject does not provide it.",
                    [(14, 9), (10, 7), (16, 7)]
                )
            ]
        ),
        Case(
            name: "interface field of an input type",
            sdl: sdl(
                "type Query {\n  test: SomeInterface\n}\n\ninterface SomeInterface {\n  field: SomeInputObject\n}\n\ninput SomeInputObject {\n  foo: String\n}\n\ntype SomeObject implements SomeInterface {\n  field: SomeInputObject\n}"
            ),
            errors: [
                ("The type of SomeInterface.field must be Output Type but got: SomeInputObject.", [(7, 16)]),
                ("The type of SomeObject.field must be Output Type but got: SomeInputObject.", [(15, 16)]),
            ]
        ),
        Case(
            name: "interface without implementations",
            sdl: sdl("type Query {\n  test: SomeInterface\n}\n\ninterface SomeInterface {\n  foo: String\n}"),
            errors: []
        ),
        Case(
            name: "deprecated required arguments",
            sdl: sdl(
                "directive @BadDirective(\n  badArg: String! @deprecated\n  optionalArg: String @deprecated\n  anotherOptionalArg: String! = \"\" @deprecated\n) on FIELD\n\ntype Query {\n  test(\n    badArg: String! @deprecated\n    optionalArg: String @deprecated\n    anotherOptionalArg: String! = \"\" @deprecated\n  ): String\n}"
            ),
            errors: [
                ("Required argument @BadDirective(badArg:) cannot be deprecated.", [(3, 25), (3, 17)]),
                ("Required argument Query.test(badArg:) cannot be deprecated.", [(10, 27), (10, 19)]),
            ]
        ),
        Case(
            name: "argument of an output type",
            sdl: sdl("type Query {\n  test(arg: SomeObject): String\n}\n\ntype SomeObject {\n  foo: String\n}"),
            errors: [("The type of Query.test(arg:) must be Input Type but got: SomeObject.", [(3, 19)])]
        ),
        Case(
            name: "input field of an output type",
            sdl: sdl(
                "type Query {\n  test(arg: SomeInputObject): String\n}\n\ninput SomeInputObject {\n  foo: SomeObject\n}\n\ntype SomeObject {\n  bar: String\n}"
            ),
            errors: [("The type of SomeInputObject.foo must be Input Type but got: SomeObject.", [(7, 14)])]
        ),
        Case(
            name: "object implementing an interface with extra fields and optional arguments",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ninterface AnotherInterface {\n  field(input: String): String\n}\n\ntype AnotherObject implements AnotherInterface {\n  field(input: String, anotherInput: String): String\n  anotherField: String\n}"
            ),
            errors: []
        ),
        Case(
            name: "object missing an interface field",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ninterface AnotherInterface {\n  field(input: String): String\n}\n\ntype AnotherObject implements AnotherInterface {\n  anotherField: String\n}"
            ),
            errors: [
                (
                    "Interface field AnotherInterface.field expected but AnotherObject does not provide it.",
                    [(7, 9), (10, 7)]
                )
            ]
        ),
        Case(
            name: "object with an incorrectly typed interface field",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ninterface AnotherInterface {\n  field(input: String): String\n}\n\ntype AnotherObject implements AnotherInterface {\n  field(input: String): Int\n}"
            ),
            errors: [
                (
                    "Interface field AnotherInterface.field expects type String but AnotherObject.field is type Int.",
                    [(7, 31), (11, 31)]
                )
            ]
        ),
        Case(
            name: "object with a differently typed interface field",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ntype A { foo: String }\ntype B { foo: String }\n\ninterface AnotherInterface {\n  field: A\n}\n\ntype AnotherObject implements AnotherInterface {\n  field: B\n}"
            ),
            errors: [
                (
                    "Interface field AnotherInterface.field expects type A but AnotherObject.field is type B.",
                    [(10, 16), (14, 16)]
                )
            ]
        ),
        Case(
            name: "covariant interface fields (interface and union)",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ntype SomeObject {\n  field: String\n}\n\nunion SomeUnionType = SomeObject\n\ninterface AnotherInterface {\n  field: AnotherInterface\n  other: SomeUnionType\n}\n\ntype AnotherObject implements AnotherInterface {\n  field: AnotherObject\n  other: SomeObject\n}"
            ),
            errors: []
        ),
        Case(
            name: "object missing an interface argument",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ninterface AnotherInterface {\n  field(input: String): String\n}\n\ntype AnotherObject implements AnotherInterface {\n  field: String\n}"
            ),
            errors: [
                (
                    "Interface field argument AnotherInterface.field(input:) expected but AnotherObject.field does not provide it.",
                    [(7, 15), (11, 9)]
                )
            ]
        ),
        Case(
            name: "object with an incorrectly typed field and argument",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ninterface AnotherInterface {\n  field(input: String): String\n}\n\ntype AnotherObject implements AnotherInterface {\n  field(input: Int): Int\n}"
            ),
            errors: [
                (
                    "Interface field AnotherInterface.field expects type String but AnotherObject.field is type Int.",
                    [(7, 31), (11, 28)]
                ),
                (
                    "Interface field argument AnotherInterface.field(input:) expects type String but AnotherObject.field(input:) is type Int.",
                    [(7, 22), (11, 22)]
                ),
            ]
        ),
        Case(
            name: "object field with an additional required argument",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ninterface AnotherInterface {\n  field(baseArg: String): String\n}\n\ntype AnotherObject implements AnotherInterface {\n  field(\n    baseArg: String,\n    requiredArg: String!\n    optionalArg1: String,\n    optionalArg2: String = \"\",\n  ): String\n}"
            ),
            errors: [
                (
                    "Object field AnotherObject.field includes required argument requiredArg that is missing from the Interface field AnotherInterface.field.",
                    [(13, 11), (7, 9)]
                )
            ]
        ),
        Case(
            name: "wrapped interface field types",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ninterface AnotherInterface {\n  field: [String]!\n  nullable: String\n}\n\ntype AnotherObject implements AnotherInterface {\n  field: [String]!\n  nullable: String!\n}"
            ),
            errors: []
        ),
        Case(
            name: "list versus non-list and nullable versus non-null interface fields",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ninterface AnotherInterface {\n  a: [String]\n  b: String\n  c: String!\n}\n\ntype AnotherObject implements AnotherInterface {\n  a: String\n  b: [String]\n  c: String\n}"
            ),
            errors: [
                (
                    "Interface field AnotherInterface.a expects type [String] but AnotherObject.a is type String.",
                    [(7, 12), (13, 12)]
                ),
                (
                    "Interface field AnotherInterface.b expects type String but AnotherObject.b is type [String].",
                    [(8, 12), (14, 12)]
                ),
                (
                    "Interface field AnotherInterface.c expects type String! but AnotherObject.c is type String.",
                    [(9, 12), (15, 12)]
                ),
            ]
        ),
        Case(
            name: "object missing a transitive interface",
            sdl: sdl(
                "type Query {\n  test: AnotherObject\n}\n\ninterface SuperInterface {\n  field: String!\n}\n\ninterface AnotherInterface implements SuperInterface {\n  field: String!\n}\n\ntype AnotherObject implements AnotherInterface {\n  field: String!\n}"
            ),
            errors: [
                (
                    "Type AnotherObject must implement SuperInterface because it is implemented by AnotherInterface.",
                    [(10, 45), (14, 37)]
                )
            ]
        ),
        Case(
            name: "interface implementing interfaces",
            sdl: sdl(
                "type Query {\n  test: ChildInterface\n}\n\ninterface ParentInterface {\n  field(input: String): String\n}\n\ninterface ChildInterface implements ParentInterface {\n  field(input: String, anotherInput: String): String\n  anotherField: String\n}"
            ),
            errors: []
        ),
        Case(
            name: "interface implementing a non-interface",
            sdl: sdl(
                "type Query {\n  field: String\n}\n\ninput SomeInputObject {\n  field: String\n}\n\ninterface BadInterface implements SomeInputObject {\n  field: String\n}"
            ),
            errors: [
                (
                    "Type BadInterface must only implement Interface types, it cannot implement SomeInputObject.",
                    [(10, 41)]
                )
            ]
        ),
        Case(
            name: "interface missing a transitive interface",
            sdl: sdl(
                "type Query {\n  test: ChildInterface\n}\n\ninterface SuperInterface {\n  field: String!\n}\n\ninterface ParentInterface implements SuperInterface {\n  field: String!\n}\n\ninterface ChildInterface implements ParentInterface {\n  field: String!\n}"
            ),
            errors: [
                (
                    "Type ChildInterface must implement SuperInterface because it is implemented by ParentInterface.",
                    [(10, 44), (14, 43)]
                )
            ]
        ),
        Case(
            name: "self-implementing interface",
            sdl: sdl(
                "type Query {\n  test: FooInterface\n}\n\ninterface FooInterface implements FooInterface {\n  field: String\n}"
            ),
            errors: [
                ("Type FooInterface cannot implement itself because it would create a circular reference.", [(6, 41)])
            ]
        ),
        Case(
            name: "circular interface implementations",
            sdl: sdl(
                "type Query {\n  test: FooInterface\n}\n\ninterface FooInterface implements BarInterface {\n  field: String\n}\n\ninterface BarInterface implements FooInterface {\n  field: String\n}"
            ),
            errors: [
                (
                    "Type FooInterface cannot implement BarInterface because it would create a circular reference.",
                    [(10, 41), (6, 41)]
                ),
                (
                    "Type BarInterface cannot implement FooInterface because it would create a circular reference.",
                    [(6, 41), (10, 41)]
                ),
            ]
        ),
        Case(
            name: "OneOf input fields must be nullable and without defaults",
            sdl: "type Query { f(a: A): Int }\ninput A @oneOf { ok: Int, bad: Int!, defaulted: Int = 1 }",
            errors: [
                ("OneOf input field A.bad must be nullable.", [(2, 32)]),
                ("OneOf input field A.defaulted cannot have a default value.", [(2, 38)]),
            ]
        ),
        Case(
            name: "several errors are all reported",
            sdl: "type SomeType",
            errors: [
                ("Query root type must be provided.", []),
                ("Type SomeType must define one or more fields.", [(1, 1)]),
            ]
        ),
    ]

    @Test(arguments: cases)
    func validates(_ testCase: Case) {
        let errors = Self.errors(of: testCase.sdl)
        #expect(errors.map(\.message) == testCase.errors.map(\.0))
        for (error, expected) in zip(errors, testCase.errors) {
            #expect(
                error.locations == expected.1.map { SourceLocation(line: $0.0, column: $0.1) },
                "\(error.message)"
            )
        }
    }

    @Test func schemaErrorListsEveryProblem() {
        do {
            _ = try GraphQLSchema(sdl: "type SomeType")
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description
                    == "Query root type must be provided.\n\nType SomeType must define one or more fields. (schema.graphql:1:1)"
            )
        }
    }
}
