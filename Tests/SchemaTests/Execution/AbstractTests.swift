import JSON
import Schema
import Testing

/// graphql-js's abstract-test and union-interface-test: interfaces and unions resolved by `__typename` on the
/// source, by `resolveType` hooks and by `isTypeOf` checks, fragments on abstract types, and the errors for types
/// that cannot be resolved. Expected responses are graphql-core 3.2.8's (messages in graphql-js's wording).
@Suite struct AbstractTests {
    static let unionInterfaceSDL = """
        interface Named { name: String }
        interface Life { progeny: [Life] }
        interface Mammal implements Life { progeny: [Mammal] mother: Mammal father: Mammal }
        type Dog implements Mammal & Life & Named { name: String barks: Boolean progeny: [Dog] mother: Dog father: Dog }
        type Cat implements Mammal & Life & Named { name: String meows: Boolean progeny: [Cat] mother: Cat father: Cat }
        union Pet = Dog | Cat
        type Person implements Named & Mammal & Life { name: String pets: [Pet] friends: [Named] progeny: [Person]
          mother: Person father: Person }
        schema { query: Person }
        """

    static let garfield: JSONValue = [
        "__typename": "Cat", "name": "Garfield", "meows": false,
        "mother": [
            "__typename": "Cat", "name": "Garfield's Mom", "meows": false,
            "progeny": [["__typename": "Cat", "name": "Garfield", "meows": false]],
        ],
    ]
    static let odie: JSONValue = [
        "__typename": "Dog", "name": "Odie", "barks": true,
        "mother": [
            "__typename": "Dog", "name": "Odie's Mom", "barks": true,
            "progeny": [["__typename": "Dog", "name": "Odie", "barks": true]],
        ],
    ]
    static let liz: JSONValue = ["__typename": "Person", "name": "Liz", "pets": [], "friends": []]
    static let john: JSONValue = [
        "__typename": "Person", "name": "John", "pets": [garfield, odie], "friends": [liz, odie],
    ]

    static let unionInterfaceCases: [(String, String)] = [
        (
            "{\n  Named: __type(name: \"Named\") { kind name fields { name } interfaces { name } possibleTypes { name } enumValues { name } inputFields { name } }\n  Mammal: __type(name: \"Mammal\") { kind name fields { name } interfaces { name } possibleTypes { name } enumValues { name } inputFields { name } }\n  Pet: __type(name: \"Pet\") { kind name fields { name } interfaces { name } possibleTypes { name } enumValues { name } inputFields { name } }\n}",
            #"{"data":{"Named":{"kind":"INTERFACE","name":"Named","fields":[{"name":"name"}],"interfaces":[],"possibleTypes":[{"name":"Dog"},{"name":"Cat"},{"name":"Person"}],"enumValues":null,"inputFields":null},"Mammal":{"kind":"INTERFACE","name":"Mammal","fields":[{"name":"progeny"},{"name":"mother"},{"name":"father"}],"interfaces":[{"name":"Life"}],"possibleTypes":[{"name":"Dog"},{"name":"Cat"},{"name":"Person"}],"enumValues":null,"inputFields":null},"Pet":{"kind":"UNION","name":"Pet","fields":null,"interfaces":null,"possibleTypes":[{"name":"Dog"},{"name":"Cat"}],"enumValues":null,"inputFields":null}}}"#
        ),
        (
            "{ __typename name pets { __typename name barks meows } }",
            #"{"data":{"__typename":"Person","name":"John","pets":[{"__typename":"Cat","name":"Garfield","meows":false},{"__typename":"Dog","name":"Odie","barks":true}]}}"#
        ),
        (
            "{ __typename name pets { __typename ... on Dog { name barks } ... on Cat { name meows } } }",
            #"{"data":{"__typename":"Person","name":"John","pets":[{"__typename":"Cat","name":"Garfield","meows":false},{"__typename":"Dog","name":"Odie","barks":true}]}}"#
        ),
        (
            "{ __typename name friends { __typename name barks meows } }",
            #"{"data":{"__typename":"Person","name":"John","friends":[{"__typename":"Person","name":"Liz"},{"__typename":"Dog","name":"Odie","barks":true}]}}"#
        ),
        (
            "{\n  __typename\n  name\n  friends {\n    __typename\n    name\n    ... on Dog { barks }\n    ... on Cat { meows }\n    ... on Mammal { mother { __typename ... on Dog { name barks } ... on Cat { name meows } } }\n  }\n}",
            #"{"data":{"__typename":"Person","name":"John","friends":[{"__typename":"Person","name":"Liz","mother":null},{"__typename":"Dog","name":"Odie","barks":true,"mother":{"__typename":"Dog","name":"Odie's Mom","barks":true}}]}}"#
        ),
        (
            "{ __typename name friends { __typename name ...DogBarks ...CatMeows } } fragment DogBarks on Dog { barks } fragment CatMeows on Cat { meows }",
            #"{"data":{"__typename":"Person","name":"John","friends":[{"__typename":"Person","name":"Liz"},{"__typename":"Dog","name":"Odie","barks":true}]}}"#
        ),
        (
            "{\n  __typename\n  name\n  pets { ...PetFields, ...on Mammal { mother { ...ProgenyFields } } }\n  friends { ...FriendFields }\n}\nfragment PetFields on Pet { __typename ... on Dog { name barks } ... on Cat { name meows } }\nfragment FriendFields on Named { __typename name ... on Dog { barks } ... on Cat { meows } }\nfragment ProgenyFields on Life { progeny { __typename } }",
            #"{"data":{"__typename":"Person","name":"John","pets":[{"__typename":"Cat","name":"Garfield","meows":false,"mother":{"progeny":[{"__typename":"Cat"}]}},{"__typename":"Dog","name":"Odie","barks":true,"mother":{"progeny":[{"__typename":"Dog"}]}}],"friends":[{"__typename":"Person","name":"Liz"},{"__typename":"Dog","name":"Odie","barks":true}]}}"#
        ),
    ]

    @Test(arguments: unionInterfaceCases.indices)
    func executesUnionAndInterfaceTypes(index: Int) async throws {
        let (query, expected) = Self.unionInterfaceCases[index]
        try expectResponse(
            try await ExecutionHarness.run(sdl: Self.unionInterfaceSDL, query, root: Self.john),
            expected
        )
    }

    static let petsInterfaceSDL = """
        type Query { pets: [Pet] pet: Pet }
        interface Pet { name: String }
        type Cat implements Pet { name: String meows: Boolean }
        type Dog implements Pet { name: String woofs: Boolean }
        """
    static let petsUnionSDL = """
        type Query { pets: [Pet] }
        union Pet = Cat | Dog
        type Cat { name: String meows: Boolean }
        type Dog { name: String woofs: Boolean }
        """
    static let pets: JSONValue = [
        "pets": [
            ["__typename": "Dog", "name": "Odie", "woofs": true],
            ["__typename": "Cat", "name": "Garfield", "meows": false],
        ]
    ]

    @Test func usesTypenameOnTheSourceObject() async throws {
        try expectResponse(
            try await ExecutionHarness.run(
                sdl: Self.petsInterfaceSDL,
                "{ pets { name ... on Dog { woofs } ... on Cat { meows } } }",
                root: Self.pets
            ),
            #"{"data":{"pets":[{"name":"Odie","woofs":true},{"name":"Garfield","meows":false}]}}"#
        )
        try expectResponse(
            try await ExecutionHarness.run(
                sdl: Self.petsUnionSDL,
                "{ pets { __typename ... on Dog { name woofs } ... on Cat { name meows } } }",
                root: Self.pets
            ),
            #"{"data":{"pets":[{"__typename":"Dog","name":"Odie","woofs":true},{"__typename":"Cat","name":"Garfield","meows":false}]}}"#
        )
    }

    static let unresolvableCases: [(JSONValue, String)] = [
        (
            nil,
            #"{"errors":[{"message":"Abstract type \"Pet\" must resolve to an Object type at runtime for field \"Query.pet\". Either the \"Pet\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.","locations":[{"line":2,"column":3}],"path":["pet"]}],"data":{"pet":null}}"#
        ),
        (
            "Human",
            #"{"errors":[{"message":"Abstract type \"Pet\" was resolved to a type \"Human\" that does not exist inside the schema.","locations":[{"line":2,"column":3}],"path":["pet"]}],"data":{"pet":null}}"#
        ),
        (
            "String",
            #"{"errors":[{"message":"Abstract type \"Pet\" was resolved to a non-object type \"String\".","locations":[{"line":2,"column":3}],"path":["pet"]}],"data":{"pet":null}}"#
        ),
        (
            "__Schema",
            #"{"errors":[{"message":"Runtime Object type \"__Schema\" is not a possible type for \"Pet\".","locations":[{"line":2,"column":3}],"path":["pet"]}],"data":{"pet":null}}"#
        ),
    ]

    @Test(arguments: unresolvableCases.indices)
    func reportsTypesThatCannotBeResolved(index: Int) async throws {
        let (typename, expected) = Self.unresolvableCases[index]
        let result = try await ExecutionHarness.run(
            sdl: Self.petsInterfaceSDL,
            "{\n  pet {\n    name\n  }\n}",
            root: ["pet": ["__typename": typename]]
        )
        try expectResponse(result, expected)
    }

    static let dogsAndCats: ResolvedValue = .list([
        .object(ClosureSource(["name": { _ in "Odie" }, "woofs": { _ in true }, "kind": { _ in "dog" }])),
        .object(ClosureSource(["name": { _ in "Garfield" }, "meows": { _ in false }, "kind": { _ in "cat" }])),
    ])

    static func petResolvers(_ configure: (inout ResolverMap<Void>) -> Void) -> ResolverMap<Void> {
        var resolvers = ResolverMap<Void>()
        resolvers.async("Query", "pets") { _, _, _, _ in dogsAndCats }
        configure(&resolvers)
        return resolvers
    }

    static func kind(_ value: ResolvedValue) -> String? {
        try? value.as(ClosureSource.self)?.resolveField("kind", arguments: [:]).jsonValue?.stringValue
    }

    @Test func usesIsTypeOfToResolveInterfacesAndUnions() async throws {
        let resolvers = Self.petResolvers { resolvers in
            resolvers.isTypeOf("Dog") { value, _, _ in Self.kind(value) == "dog" }
            resolvers.isTypeOf("Cat") { value, _, _ in Self.kind(value) == "cat" }
        }
        for sdl in [Self.petsInterfaceSDL, Self.petsUnionSDL] {
            let result = try await ExecutionHarness.run(
                try ExecutionHarness.schema(sdl),
                "{ pets { ... on Dog { name woofs } ... on Cat { name meows } } }",
                resolvers: resolvers
            )
            try expectResponse(
                result,
                #"{"data":{"pets":[{"name":"Odie","woofs":true},{"name":"Garfield","meows":false}]}}"#
            )
        }
    }

    @Test func reportsIsTypeOfErrors() async throws {
        // Dog is checked first (it is defined first), and its check throws for both pets.
        let resolvers = Self.petResolvers { resolvers in
            resolvers.isTypeOf("Dog") { _, _, _ in throw TestError("We are testing this error") }
            resolvers.isTypeOf("Cat") { value, _, _ in Self.kind(value) == "cat" }
        }
        let result = try await ExecutionHarness.run(
            try ExecutionHarness.schema(
                """
                type Query { pets: [Pet] }
                interface Pet { name: String }
                type Dog implements Pet { name: String woofs: Boolean }
                type Cat implements Pet { name: String meows: Boolean }
                """
            ),
            "{\n  pets {\n    name\n    ... on Dog { woofs }\n    ... on Cat { meows }\n  }\n}",
            resolvers: resolvers
        )
        try expectResponse(
            result,
            #"""
            {"errors":[
            {"message":"We are testing this error","locations":[{"line":2,"column":3}],"path":["pets",0]},
            {"message":"We are testing this error","locations":[{"line":2,"column":3}],"path":["pets",1]}],
            "data":{"pets":[null,null]}}
            """#
        )
    }

    @Test func reportsWhenNoIsTypeOfMatches() async throws {
        let resolvers = Self.petResolvers { resolvers in
            resolvers.isTypeOf("Dog") { value, _, _ in Self.kind(value) == "dog" }
        }
        let result = try await ExecutionHarness.run(
            try ExecutionHarness.schema(Self.petsInterfaceSDL),
            "{\n  pets {\n    name\n  }\n}",
            resolvers: resolvers
        )
        try expectResponse(
            result,
            #"""
            {"errors":[{"message":"Abstract type \"Pet\" must resolve to an Object type at runtime for field \"Query.pets\". Either the \"Pet\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.",
            "locations":[{"line":2,"column":3}],"path":["pets",1]}],"data":{"pets":[{"name":"Odie"},null]}}
            """#
        )
    }

    @Test func usesResolveTypeHooksAndReportsTheirErrors() async throws {
        let named = Self.petResolvers { resolvers in
            resolvers.resolveType("Pet") { value, _, _ in Self.kind(value) == "dog" ? "Dog" : "Cat" }
        }
        try expectResponse(
            try await ExecutionHarness.run(
                try ExecutionHarness.schema(Self.petsUnionSDL),
                "{ pets { __typename ... on Dog { name woofs } ... on Cat { name meows } } }",
                resolvers: named
            ),
            #"{"data":{"pets":[{"__typename":"Dog","name":"Odie","woofs":true},{"__typename":"Cat","name":"Garfield","meows":false}]}}"#
        )
        let throwing = Self.petResolvers { resolvers in
            resolvers.resolveType("Pet") { _, _, _ in throw TestError("We are testing this error") }
        }
        try expectResponse(
            try await ExecutionHarness.run(
                try ExecutionHarness.schema(Self.petsUnionSDL),
                "{\n  pets {\n    __typename\n  }\n}",
                resolvers: throwing
            ),
            #"""
            {"errors":[
            {"message":"We are testing this error","locations":[{"line":2,"column":3}],"path":["pets",0]},
            {"message":"We are testing this error","locations":[{"line":2,"column":3}],"path":["pets",1]}],
            "data":{"pets":[null,null]}}
            """#
        )
    }

    @Test func asksFieldSourcesForTheirTypeName() async throws {
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Query", "pets") { _, _, _, _ in
            .list([
                .object(ClosureSource(typeName: "Dog", ["name": { _ in "Odie" }, "woofs": { _ in true }])),
                .object(ClosureSource(typeName: "Cat", ["name": { _ in "Garfield" }, "meows": { _ in false }])),
            ])
        }
        let result = try await ExecutionHarness.run(
            try ExecutionHarness.schema(Self.petsInterfaceSDL),
            "{ pets { __typename name ... on Dog { woofs } ... on Cat { meows } } }",
            resolvers: resolvers
        )
        try expectResponse(
            result,
            #"{"data":{"pets":[{"__typename":"Dog","name":"Odie","woofs":true},{"__typename":"Cat","name":"Garfield","meows":false}]}}"#
        )
    }
}
