import JSON
import Schema
import Testing

/// Operation limits and the cost model: each limit's error, the gateway defaults against real documents (the
/// widget's render, the full introspection query), and how list sizes are priced.
@Suite struct OperationLimitsTests {
    static func fixture(_ path: String) throws -> String {
        let directory = String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/") ?? #filePath.endIndex))
        return try readTextFile(directory + "/../" + path)
    }

    static let gatewaySchema: GraphQLSchema = {
        do {
            return try GraphQLSchema(sdl: fixture("../../schema.graphql"), scalars: ["DateTime": DateTimeCoercion()])
        } catch {
            fatalError("\(error)")
        }
    }()

    static let testSchema: GraphQLSchema = {
        do {
            return try GraphQLSchema(
                sdl: """
                    directive @tag(name: String) repeatable on FIELD
                    type Query {
                      item: Item
                      items(first: Int = 5, last: Int, after: String): [Item!]!
                      page(first: Int = 20): ItemPage!
                      search(limit: Int): [Item]
                      expensive: Int
                    }
                    type Item { id: ID! name: String tags: [String!]! children(first: Int): [Item!]! parent: Item }
                    type ItemPage { nodes: [Item!]! total: Int! info: Info }
                    type Info { hasNext: Boolean }
                    """
            )
        } catch {
            fatalError("\(error)")
        }
    }()

    static func errors(
        _ text: String,
        limits: OperationLimits,
        schema: GraphQLSchema = testSchema
    ) throws -> [GraphQLError] {
        try Validator.validate(schema: schema, document: Parser.parse(text), options: ValidationOptions(limits: limits))
    }

    static func cost(_ text: String, model: CostModel = .default, variables: JSONObject? = nil) throws -> Int {
        let document = try Parser.parse(text)
        return try #require(
            model.cost(of: document, operationName: nil, schema: testSchema, variableValues: variables)
        )
    }

    // MARK: Gateway defaults against real documents

    @Test func theFullIntrospectionQueryPassesTheDefaults() throws {
        let text = try Self.fixture("Fixtures/introspection-query-all-options.graphql")
        let document = try Parser.parse(text)
        #expect(Validator.validate(schema: Self.gatewaySchema, document: document).isEmpty)
        var measures = OperationLimits.unlimited
        measures.maxDepth = 14
        let errors = Validator.validate(
            schema: Self.gatewaySchema,
            document: document,
            options: ValidationOptions(limits: measures)
        )
        // It is exactly as deep as the default allows.
        #expect(errors.map { $0.extensions?["actual"] } == [.int(15)])
    }

    @Test func theWidgetQueryPassesTheDefaults() throws {
        let text = try Self.fixture("../../examples/widget.graphql")
        let document = try Parser.parse(text)
        #expect(Validator.validate(schema: Self.gatewaySchema, document: document).isEmpty)
        let operation = try #require(document.operations.first)
        let model = CostModel.default
        let staticCost = model.cost(of: operation, in: document, schema: Self.gatewaySchema, variableValues: nil)
        let sentCost = model.cost(of: operation, in: document, schema: Self.gatewaySchema, variableValues: ["first": 5])
        #expect(staticCost > 5_000 && staticCost < OperationLimits.default.maxCost ?? 0, "\(staticCost)")
        #expect(sentCost < 600, "\(sentCost)")
    }

    // MARK: Each limit

    @Test func depth() throws {
        var limits = OperationLimits.unlimited
        limits.maxDepth = 3
        #expect(try Self.errors("{ item { parent { id } } }", limits: limits).isEmpty)
        let errors = try Self.errors(
            "query Deep { item { ...F } }\nfragment F on Item { parent { parent { id } } }",
            limits: limits
        )
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.message == "Operation \"Deep\" is too deep: its selection depth is 4, above the limit of 3.")
        #expect(error.locations.map { [$0.line, $0.column] } == [[1, 1]])
        #expect(
            error.extensions
                == ["code": "QUERY_TOO_COMPLEX", "limit": "depth", "max": .int(3), "actual": .int(4)]
        )
    }

    @Test func aliases() throws {
        var limits = OperationLimits.unlimited
        limits.maxAliases = 2
        #expect(try Self.errors("{ a: item { id } b: item { id } }", limits: limits).isEmpty)
        // The fragment's alias counts at each of its two spreads.
        let errors = try Self.errors(
            "{ a: item { ...F } b: item { ...F } }\nfragment F on Item { n: name }",
            limits: limits
        )
        #expect(errors.map(\.message) == ["The operation has too many aliases: 4, above the limit of 2."])
        #expect(errors.first?.extensions?["limit"] == "aliases")
    }

    @Test func rootFields() throws {
        var limits = OperationLimits.unlimited
        limits.maxRootFields = 2
        // The same response name twice is one field.
        #expect(try Self.errors("{ item { id } item { name } expensive }", limits: limits).isEmpty)
        let errors = try Self.errors("{ item { id } ... on Query { expensive x: expensive } }", limits: limits)
        #expect(errors.map(\.message) == ["The operation selects too many root fields: 3, above the limit of 2."])
        #expect(errors.first?.extensions?["actual"] == .int(3))
    }

    @Test func directivesPerLocation() throws {
        var limits = OperationLimits.unlimited
        limits.maxDirectivesPerLocation = 2
        #expect(try Self.errors("{ item @tag(name: \"a\") @tag(name: \"b\") { id } }", limits: limits).isEmpty)
        let errors = try Self.errors("{\n  item { id @tag @tag @tag }\n}", limits: limits)
        #expect(
            errors.map(\.message) == [
                "The operation applies too many directives at one location: 3, above the limit of 2."
            ]
        )
        #expect(errors.first?.locations.map { [$0.line, $0.column] } == [[2, 10]])
    }

    @Test func cost() throws {
        var limits = OperationLimits.unlimited
        limits.maxCost = 100
        #expect(try Self.errors("{ items(first: 10) { id name } }", limits: limits).isEmpty)
        let errors = try Self.errors("{ items(first: 50) { id name } }", limits: limits)
        #expect(
            errors.map(\.message) == ["The operation is too costly: its estimated cost is 101, above the limit of 100."]
        )
        #expect(errors.first?.extensions?["code"] == "QUERY_TOO_COMPLEX")
        #expect(errors.first?.extensions?["limit"] == "cost")
    }

    @Test func everyExceededLimitIsReportedInOrder() throws {
        let limits = OperationLimits(
            maxDepth: 1,
            maxAliases: 0,
            maxRootFields: 0,
            maxDirectivesPerLocation: 0,
            maxCost: 0
        )
        let errors = try Self.errors("{ a: item @tag { id } }", limits: limits)
        #expect(
            errors.compactMap { $0.extensions?["limit"]?.stringValue } == [
                "depth", "aliases", "rootFields", "directives", "cost",
            ]
        )
    }

    @Test func limitsAreCheckedOnlyOnValidDocuments() throws {
        let errors = try Self.errors("{ item { unknown } }", limits: OperationLimits(maxDepth: 0))
        #expect(errors.map(\.message) == ["Cannot query field \"unknown\" on type \"Item\"."])
    }

    @Test func theCostCanBeCheckedPerRequest() throws {
        let text = "query Q($n: Int) { items(first: $n) { id } }"
        let document = try Parser.parse(text)
        let operation = try #require(document.operations.first)
        let limits = OperationLimits.unlimited
        #expect(
            limits.checkCost(
                of: operation,
                in: document,
                schema: Self.testSchema,
                variableValues: ["n": 3],
                maxCost: 10
            ) == nil
        )
        let error = limits.checkCost(
            of: operation,
            in: document,
            schema: Self.testSchema,
            variableValues: ["n": 30],
            maxCost: 10
        )
        #expect(error?.message == "Operation \"Q\" is too costly: its estimated cost is 31, above the limit of 10.")
        #expect(error?.extensions?["actual"] == .int(31))
    }

    // MARK: Cost model

    @Test func eachFieldCostsOneAndListsMultiplyTheirSelection() throws {
        #expect(try Self.cost("{ item { id name } }") == 3)
        #expect(try Self.cost("{ items(first: 3) { id name } }") == 1 + 3 * 2)
        // `last` and `limit` size lists too; the larger of two sizes counts.
        #expect(try Self.cost("{ items(first: 2, last: 4) { id } }") == 1 + 4)
        #expect(try Self.cost("{ search(limit: 7) { id } }") == 1 + 7)
        // Nested lists multiply.
        #expect(try Self.cost("{ items(first: 2) { children(first: 3) { id } } }") == 1 + 2 * (1 + 3))
        // A leaf list costs its field only.
        #expect(try Self.cost("{ item { tags } }") == 2)
    }

    @Test func sizesFallBackToArgumentDefaultsThenAssumedSizes() throws {
        // `items` has `first: Int = 5`.
        #expect(try Self.cost("{ items { id } }") == 1 + 5)
        // `search(limit:)` has no default: the default list size.
        #expect(try Self.cost("{ search { id } }") == 1 + 10)
        let model = CostModel(listSizes: ["Query.search": 2])
        #expect(try Self.cost("{ search { id } }", model: model) == 1 + 2)
        let small = CostModel(defaultListSize: 3)
        #expect(try Self.cost("{ item { children { id } } }", model: small) == 2 + 3)
    }

    @Test func aPageObjectPassesItsSizeToTheListsInside() throws {
        #expect(
            try Self.cost("{ page(first: 4) { total nodes { id name } info { hasNext } } }") == 1 + 1 + (1 + 4 * 2) + 2
        )
        // Without a size argument, the argument's default (20).
        #expect(try Self.cost("{ page { nodes { id } } }") == 1 + 1 + 20)
    }

    @Test func variablesSizeListsWhenKnownAndAtTheMaximumWhenNot() throws {
        let text = "query Q($n: Int = 4) { items(first: $n) { id } }"
        #expect(try Self.cost(text, variables: ["n": 2]) == 1 + 2)
        // Not sent: the variable's default.
        #expect(try Self.cost(text, variables: [:]) == 1 + 4)
        // Sent as null: the argument's default.
        #expect(try Self.cost(text, variables: ["n": .null]) == 1 + 5)
        // Unknown (the static bound): the largest size a client may ask for.
        #expect(try Self.cost(text) == 1 + 100)
        // Without a maximum, the variable's default.
        #expect(try Self.cost(text, model: CostModel(maxListSize: nil)) == 1 + 4)
    }

    @Test func fieldCostsAreConfigurable() throws {
        let model = CostModel(defaultFieldCost: 2, fieldCosts: ["Query.expensive": 50, "Item.name": 0])
        #expect(try Self.cost("{ expensive item { id name } }", model: model) == 50 + 2 + 2 + 0)
    }

    @Test func fragmentsCountAtEverySpreadAndMetaFieldsAreFree() throws {
        let text = "{ a: item { ...F } b: item { ...F __typename } }\nfragment F on Item { id name }"
        #expect(try Self.cost(text) == 2 * (1 + 2))
        #expect(try Self.cost("{ __schema { types { name } } __type(name: \"Item\") { name } }") == 0)
        let counting = CostModel(countsIntrospection: true)
        #expect(try Self.cost("{ __schema { types { name } } }", model: counting) == 1 + (1 + 10 * 1))
    }

    @Test func hostileSizesSaturate() throws {
        let text = "{ items(first: 2000000000) { children(first: 2000000000) { children(first: 2000000000) { id } } } }"
        #expect(try Self.cost(text) == Int.max)
    }
}
