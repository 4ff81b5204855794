import JSON
import Schema
import Testing

/// Introspection (spec §4): `__schema`, `__type`, `__typename`, every field graphql-js's `getIntrospectionQuery`
/// asks for with all options on (and GraphiQL's default form), checked against graphql-core 3.2.8 — the same
/// answer as its own introspection of the same SDL, and a `build_client_schema` that prints back the same schema.
@Suite struct IntrospectionTests {
    static let kitchenSinkSDL = #"""
        """A schema to exercise introspection."""
        schema { query: Query mutation: Mutation }

        "A URL." scalar Url @specifiedBy(url: "https://example.com/url")

        "Tags a definition."
        directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT
        directive @old(reason: String = "no", level: Int @deprecated(reason: "unused")) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION

        "Fetchable."
        interface Node { "The id." id: ID! }
        interface Resource implements Node { id: ID! url: Url }

        type Page implements Resource & Node @tag(name: "a") @tag(name: "b") {
          id: ID!
          url: Url
          title(
            format: Format = PLAIN
            limit: Int = 10
            ratio: Float = 1.0
            tags: [String!] = ["a"]
            filter: Filter = {kind: ONE, nested: {n: 2}}
            legacy: String @deprecated(reason: "Use `format`.")
          ): String @deprecated(reason: "Use `name`.")
          name: String @tag(name: "n")
        }

        enum Format { PLAIN HTML @deprecated MARKDOWN @deprecated(reason: "Gone.") }
        input Filter { kind: Kind = TWO nested: Nested old: String @deprecated(reason: "x") id: ID = 5 list: [Int] = 3 }
        input Nested { n: Int = 1 s: String = "x\"y\n" }
        enum Kind { "The first." ONE TWO }
        input Choice @oneOf { a: String b: Int }
        union Thing = Page | Other
        type Other { x(y: Int @deprecated(reason: "z")): String choice(c: Choice): String }
        type Query { node(id: ID!): Node things: [Thing!]! page: Page other: Other }
        type Mutation { do(x: Boolean = true): Boolean }
        """#

    static func introspect(_ schema: GraphQLSchema, fixture: String) async throws -> ExecutionResult {
        let query = try readTextFile(repositoryPath("Tests/SchemaTests/Fixtures/" + fixture))
        return try await ExecutionHarness.run(schema, query)
    }

    static func gatewaySchemaSDL() throws -> String {
        try readTextFile(repositoryPath("schema.graphql"))
    }

    /// Compares our introspection with graphql-core's and checks the client schema it builds prints back to the
    /// SDL's own schema. Prints "OK" when all agree.
    static let oracle = #"""
        import json, difflib
        from graphql import (build_schema, graphql_sync, get_introspection_query, build_client_schema,
            print_schema)
        sdl = open("schema.graphql").read()
        ours = json.load(open("ours.json"))
        schema = build_schema(sdl)
        reference = graphql_sync(schema, get_introspection_query(True, True, True, True, True, True))
        assert not reference.errors, reference.errors
        problems = []
        if "errors" in ours:
            problems.append("errors: %r" % ours["errors"])
        def normalized(data):
            data = json.loads(json.dumps(data))
            data["__schema"]["types"].sort(key=lambda t: t["name"])
            data["__schema"]["directives"].sort(key=lambda d: d["name"])
            # The one known difference: @oneOf's description is graphql-js 16.9's ("Indicates exactly one field
            # must be supplied…"); graphql-core 3.2.8 words it differently. Neither affects a client schema.
            for directive in data["__schema"]["directives"]:
                if directive["name"] == "oneOf":
                    directive["description"] = None
            return data
        a, b = normalized(ours["data"]), normalized(reference.data)
        for key in ("description", "queryType", "mutationType", "subscriptionType"):
            if a["__schema"][key] != b["__schema"][key]:
                problems.append("%s: %r != %r" % (key, a["__schema"][key], b["__schema"][key]))
        for kind in ("types", "directives"):
            ours_by_name = {t["name"]: t for t in a["__schema"][kind]}
            theirs_by_name = {t["name"]: t for t in b["__schema"][kind]}
            if set(ours_by_name) != set(theirs_by_name):
                problems.append("%s differ: %r" % (kind, set(ours_by_name) ^ set(theirs_by_name)))
            for name in sorted(set(ours_by_name) & set(theirs_by_name)):
                if ours_by_name[name] != theirs_by_name[name]:
                    problems.append("%s %s:\n  ours   %s\n  theirs %s" % (kind, name,
                        json.dumps(ours_by_name[name], sort_keys=True), json.dumps(theirs_by_name[name], sort_keys=True)))
        rebuilt = print_schema(build_client_schema(ours["data"]))
        original = print_schema(schema)
        if rebuilt != original:
            problems.append("".join(difflib.unified_diff(original.splitlines(True), rebuilt.splitlines(True))))
        print("\n".join(problems) if problems else "OK")
        """#

    @Test(arguments: ["gateway", "kitchen sink"])
    func matchesGraphQLCoreAndRoundTrips(schemaName: String) async throws {
        let sdl = schemaName == "gateway" ? try Self.gatewaySchemaSDL() : Self.kitchenSinkSDL
        let schema = try GraphQLSchema(
            sdl: sdl,
            scalars: schemaName == "gateway" ? ["DateTime": DateTimeCoercion()] : [:]
        )
        let result = try await Self.introspect(schema, fixture: "introspection-query-all-options.graphql")
        #expect(result.errors.isEmpty)
        let (output, status) = try runPython(
            Self.oracle,
            files: ["schema.graphql": sdl, "ours.json": result.jsonValue.serializedString()]
        )
        #expect(status == 0, "python3 with graphql-core 3.2.8 is needed (make test-deps): \(output)")
        #expect(output == "OK\n")
    }

    @Test func answersGraphiQLsDefaultIntrospectionQuery() async throws {
        let schema = try GraphQLSchema(sdl: try Self.gatewaySchemaSDL(), scalars: ["DateTime": DateTimeCoercion()])
        let result = try await Self.introspect(schema, fixture: "introspection-query.graphql")
        #expect(result.errors.isEmpty)
        let types = try #require(result.data?["__schema"]?["types"]?.arrayValue)
        let incident = try #require(types.first { $0["name"] == "Incident" })
        #expect(incident["kind"] == "OBJECT")
        #expect(incident["interfaces"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Ticket", "Node"])
        #expect(
            incident["fields"]?[0]?["type"] == [
                "kind": "NON_NULL", "name": nil, "ofType": ["kind": "SCALAR", "name": "ID", "ofType": nil],
            ]
        )
        #expect(result.data?["__schema"]?["queryType"] == ["name": "Query"])
        // Without the options, none of their fields are asked for.
        #expect(incident["specifiedByURL"] == nil)
        #expect(incident["isOneOf"] == nil)
    }

    @Test func describesTypesFieldsAndDefaults() async throws {
        let schema = try GraphQLSchema(sdl: Self.kitchenSinkSDL)
        let result = try await ExecutionHarness.run(
            schema,
            """
            {
              page: __type(name: "Page") {
                fields { name args { name defaultValue } }
                all: fields(includeDeprecated: true) { name isDeprecated deprecationReason
                  args(includeDeprecated: true) { name defaultValue isDeprecated } }
              }
              format: __type(name: "Format") { enumValues { name } all: enumValues(includeDeprecated: true) { name deprecationReason } }
              filter: __type(name: "Filter") { isOneOf inputFields { name defaultValue } }
              choice: __type(name: "Choice") { isOneOf }
              url: __type(name: "Url") { kind specifiedByURL isOneOf }
              missing: __type(name: "Missing") { name }
              __schema { description directives { name isRepeatable locations } }
            }
            """
        )
        try expectResponse(
            result,
            #"""
            {"data":{
            "page":{"fields":[{"name":"id","args":[]},{"name":"url","args":[]},{"name":"name","args":[]}],
            "all":[{"name":"id","isDeprecated":false,"deprecationReason":null,"args":[]},
            {"name":"url","isDeprecated":false,"deprecationReason":null,"args":[]},
            {"name":"title","isDeprecated":true,"deprecationReason":"Use `name`.","args":[
            {"name":"format","defaultValue":"PLAIN","isDeprecated":false},
            {"name":"limit","defaultValue":"10","isDeprecated":false},
            {"name":"ratio","defaultValue":"1","isDeprecated":false},
            {"name":"tags","defaultValue":"[\"a\"]","isDeprecated":false},
            {"name":"filter","defaultValue":"{kind: ONE, nested: {n: 2, s: \"x\\\"y\\n\"}, id: 5, list: [3]}","isDeprecated":false},
            {"name":"legacy","defaultValue":null,"isDeprecated":true}]},
            {"name":"name","isDeprecated":false,"deprecationReason":null,"args":[]}]},
            "format":{"enumValues":[{"name":"PLAIN"}],
            "all":[{"name":"PLAIN","deprecationReason":null},{"name":"HTML","deprecationReason":"No longer supported"},
            {"name":"MARKDOWN","deprecationReason":"Gone."}]},
            "filter":{"isOneOf":false,"inputFields":[{"name":"kind","defaultValue":"TWO"},{"name":"nested","defaultValue":null},
            {"name":"id","defaultValue":"5"},{"name":"list","defaultValue":"[3]"}]},
            "choice":{"isOneOf":true},
            "url":{"kind":"SCALAR","specifiedByURL":"https://example.com/url","isOneOf":null},
            "missing":null,
            "__schema":{"description":"A schema to exercise introspection.","directives":[
            {"name":"tag","isRepeatable":true,"locations":["FIELD_DEFINITION","OBJECT"]},
            {"name":"old","isRepeatable":false,"locations":["ARGUMENT_DEFINITION","INPUT_FIELD_DEFINITION"]},
            {"name":"include","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"]},
            {"name":"skip","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"]},
            {"name":"deprecated","isRepeatable":false,"locations":["FIELD_DEFINITION","ARGUMENT_DEFINITION","INPUT_FIELD_DEFINITION","ENUM_VALUE"]},
            {"name":"specifiedBy","isRepeatable":false,"locations":["SCALAR"]},
            {"name":"oneOf","isRepeatable":false,"locations":["INPUT_OBJECT"]}]}}}
            """#
        )
    }

    @Test func describesWrappedTypes() async throws {
        let schema = try GraphQLSchema(sdl: Self.kitchenSinkSDL)
        let result = try await ExecutionHarness.run(
            schema,
            #"{ __type(name: "Query") { fields { name type { kind name ofType { kind name ofType { kind name ofType { name } } } } } } }"#
        )
        try expectResponse(
            result,
            #"""
            {"data":{"__type":{"fields":[
            {"name":"node","type":{"kind":"INTERFACE","name":"Node","ofType":null}},
            {"name":"things","type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"LIST","name":null,"ofType":{"kind":"NON_NULL","name":null,"ofType":{"name":"Thing"}}}}},
            {"name":"page","type":{"kind":"OBJECT","name":"Page","ofType":null}},
            {"name":"other","type":{"kind":"OBJECT","name":"Other","ofType":null}}]}}}
            """#
        )
    }

    @Test func introspectsTheIntrospectionTypes() async throws {
        let schema = try GraphQLSchema(sdl: "type Query { a: String }")
        let result = try await ExecutionHarness.run(
            schema,
            #"{ __type(name: "__TypeKind") { kind enumValues { name } } __schema { types { name } } }"#
        )
        #expect(result.errors.isEmpty)
        #expect(
            result.data?["__type"]?["enumValues"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
                == ["SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM", "INPUT_OBJECT", "LIST", "NON_NULL"]
        )
        let names = result.data?["__schema"]?["types"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.contains("__Directive") && names.contains("String") && names.contains("Boolean"))
    }
}
