import JSON
import Schema
import Synchronization
import Testing

/// The merged selection a resolver sees below its field (``ResolveInfo/selection``), on the gateway's own
/// schema: fragments flattened, `@include` applied, aliases kept apart, arguments coerced, type conditions
/// answered per object type — what the ServiceNow projection builds `sysparm_fields` from.
@Suite struct FieldSelectionTests {
    static func captureSelection(
        of field: String,
        _ query: String,
        variables: JSONObject? = nil
    ) async throws -> FieldSelection {
        let schema = try GraphQLSchema(
            sdl: try readTextFile(repositoryPath("schema.graphql")),
            scalars: ["DateTime": DateTimeCoercion()]
        )
        let captured = Mutex<FieldSelection?>(nil)
        var resolvers = ResolverMap<Void>()
        resolvers.async("Query", field) { _, _, _, info in
            captured.withLock { $0 = info.selection }
            return .null
        }
        let result = try await ExecutionHarness.run(schema, query, resolvers: resolvers, variables: variables)
        #expect(result.errors.isEmpty)
        return try #require(captured.withLock { $0 })
    }

    static let incidentsQuery = """
        query ($first: Int = 5, $withGroup: Boolean = false) {
          incidents(first: $first) {
            totalCount
            nodes { ...TicketRow urgency { label } }
            edges { cursor node { number assignedTo { name } ... on Incident { category { label } } } }
            list: nodes { number }
          }
        }
        fragment TicketRow on Ticket {
          id
          number
          state { label category }
          assignedTo { name email }
          assignmentGroup @include(if: $withGroup) { name }
        }
        """

    @Test func answersWhatIsSelectedBelowAField() async throws {
        let selection = try await Self.captureSelection(of: "incidents", Self.incidentsQuery)
        #expect(selection.possibleTypes.map(\.name) == ["IncidentConnection"])
        #expect(
            selection.fields(on: "IncidentConnection").map(\.responseKey) == ["totalCount", "nodes", "edges", "list"]
        )
        #expect(selection.fieldNames(on: "IncidentConnection") == ["totalCount", "nodes", "edges"])
        // Both `nodes` selections (one aliased) contribute; the skipped group does not.
        #expect(
            selection.selection(at: ["nodes"]).fieldNames(on: "Incident") == [
                "id", "number", "state", "assignedTo", "urgency",
            ]
        )
        #expect(
            selection.fields(at: ["edges", "node"], on: "Incident").map(\.name) == ["number", "assignedTo", "category"]
        )
        #expect(selection.selection(at: ["nodes", "assignedTo"]).fieldNames(on: "User") == ["name", "email"])
        #expect(selection.selection(at: ["nodes", "state"]).fieldNames(on: "TicketState") == ["label", "category"])
        #expect(selection.contains("totalCount", on: "IncidentConnection"))
        #expect(!selection.contains("pageInfo", on: "IncidentConnection"))
        #expect(selection.fields(on: "Problem").isEmpty)
        #expect(selection.selection(at: ["nope"]).isEmpty)
    }

    @Test func appliesVariablesToDirectives() async throws {
        let selection = try await Self.captureSelection(
            of: "incidents",
            Self.incidentsQuery,
            variables: ["withGroup": true]
        )
        #expect(selection.selection(at: ["nodes"]).fieldNames(on: "Incident").contains("assignmentGroup"))
    }

    @Test func answersPerObjectTypeBelowAnInterface() async throws {
        let selection = try await Self.captureSelection(
            of: "ticket",
            """
            {
              ticket(number: "INC0010001") {
                __typename
                number
                ... on Incident { urgency { label } }
                ... on ChangeRequest { risk { label } }
                ... on Node { id }
              }
            }
            """
        )
        #expect(
            selection.possibleTypes.map(\.name) == ["Incident", "Request", "RequestItem", "ChangeRequest", "Problem"]
        )
        #expect(selection.fieldNames(on: "Incident") == ["__typename", "number", "urgency", "id"])
        #expect(selection.fieldNames(on: "ChangeRequest") == ["__typename", "number", "risk", "id"])
        #expect(selection.fieldNames(on: "Problem") == ["__typename", "number", "id"])
        #expect(selection.fields.map(\.responseKey) == ["__typename", "number", "urgency", "id", "risk"])
        #expect(selection.selection(of: "urgency", on: "Incident").fieldNames(on: "Choice") == ["label"])
    }

    @Test func carriesCoercedArgumentsOfSubFields() async throws {
        let schema = try ExecutionHarness.schema(
            """
            enum Order { ASC DESC }
            type Item { name(upper: Boolean = false): String }
            type Page { items(first: Int = 10, order: Order): [Item] }
            type Query { page(size: Int): Page }
            """
        )
        let captured = Mutex<FieldSelection?>(nil)
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Query", "page") { _, _, _, info in
            captured.withLock { $0 = info.selection }
            return .null
        }
        let result = try await ExecutionHarness.run(
            schema,
            "query ($n: Int) { page(size: 2) { items(first: $n, order: DESC) { name(upper: true) plain: name } } }",
            resolvers: resolvers,
            variables: ["n": 3]
        )
        #expect(result.errors.isEmpty)
        let selection = try #require(captured.withLock { $0 })
        let items = try #require(selection.fields(on: "Page").first)
        #expect(items.arguments == ["first": 3, "order": "DESC"])
        #expect(items.selection.fields(on: "Item").map(\.arguments) == [["upper": true], ["upper": false]])
        #expect(
            selection.description
                == "{ items(first: 3, order: \"DESC\") { name(upper: true) plain: name(upper: false) } }"
        )
    }
}
