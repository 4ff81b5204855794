import JSON
import Schema
import ServiceNowSimulator
import Synchronization
import Testing

@testable import Resolvers

/// The resolvers agree with `schema.graphql`: every field they produce exists, every ticket field is produced, and
/// the executor's selection reaches the projection intact.
@Suite struct SchemaAgreementTests {
    /// A record with every field the mapping reads, in `display_value=all` form.
    static func fullRecord(_ kind: TicketKind) -> JSONObject {
        let sysID = "0123456789abcdef0123456789abcdef"
        var record: JSONObject = ["sys_id": ["value": .string(sysID), "display_value": .string(sysID)]]
        for (_, source) in TicketFields.fields(of: kind) {
            switch source {
            case .text(let field), .choice(let field), .integer(let field):
                record[field] = ["value": "1", "display_value": "One"]
            case .boolean(let field):
                record[field] = ["value": "true", "display_value": "true"]
            case .dateTime(let field):
                record[field] = ["value": "2026-05-04 09:12:30", "display_value": "04.05.2026 11:12:30"]
            case .state:
                record["state"] = ["value": "2", "display_value": "In Progress"]
                record["active"] = ["value": "true", "display_value": "true"]
            case .reference(let field, let reference):
                record[field] = ["value": .string(sysID), "display_value": "Name"]
                for walk in reference.dotWalks.map(\.field) {
                    record[field + "." + walk] = ["value": "x", "display_value": "X"]
                }
            }
        }
        return record
    }

    @Test(arguments: TicketKind.allCases)
    func mappedTicketsHaveExactlyTheSchemasFields(_ kind: TicketKind) throws {
        let schema = try Documents.schema()
        let type = try #require(schema.type(named: kind.typeName))
        let mapped = RecordMapper(instanceURL: "https://x.example").ticket(Self.fullRecord(kind), kind: kind)
        let produced = Set(mapped.keys).subtracting(["__typename"])
        let declared = Set(type.fields?.map(\.name) ?? [])
        // Fields with their own resolvers: a request's items are read separately.
        let resolved: Set<String> = kind == .request ? ["items"] : []
        #expect(produced.subtracting(declared).isEmpty, "not in the schema: \(produced.subtracting(declared))")
        #expect(
            declared.subtracting(produced).subtracting(resolved).isEmpty,
            "not produced: \(declared.subtracting(produced))"
        )
        for (name, value) in mapped {
            guard case .object(let object) = value, let typeName = object["__typename"]?.stringValue else { continue }
            let referenced = try #require(schema.type(named: typeName))
            let fields = Set(referenced.fields?.map(\.name) ?? [])
            #expect(Set(object.keys).subtracting(["__typename"]).isSubset(of: fields), "\(name): \(object.keys)")
        }
    }

    @Test func otherMappedObjectsUseTheSchemasFields() throws {
        let schema = try Documents.schema()
        let mapper = RecordMapper(instanceURL: "https://x.example")
        let sysID = "0123456789abcdef0123456789abcdef"
        let objects: [JSONObject?] = [
            mapper.user([
                "sys_id": .string(sysID), "name": "A", "user_name": "a", "email": "e", "title": "t", "department": "d",
            ]),
            mapper.group(["sys_id": .string(sysID), "name": "G", "email": "g"]),
            mapper.knowledgeArticle(fromSearch: [
                "id": .string("kb_knowledge:" + sysID), "number": "KB1", "title": "T", "snippet": "<b>s</b>",
                "score": 1.5,
                "fields": ["text": ["value": "<p>b</p>"], "sys_updated_on": ["value": "2026-05-04 09:12:30"]],
            ]),
            mapper.catalogItem(fromCatalog: [
                "sys_id": .string(sysID), "name": "N", "short_description": "S", "description": "D",
                "category": ["title": "C"], "price": "$1.00", "show_price": true,
                "variables": [
                    [
                        "name": "v", "label": "V", "friendly_type": "select_box", "mandatory": true,
                        "choices": [["value": "a", "label": "A"]],
                    ]
                ],
            ]),
        ]
        for object in objects {
            let object = try #require(object)
            let typeName = try #require(object["__typename"]?.stringValue)
            let fields = Set(try #require(schema.type(named: typeName)).fields?.map(\.name) ?? [])
            #expect(Set(object.keys).subtracting(["__typename"]) == fields, "\(typeName)")
        }
        let variable = try #require(
            mapper.catalogVariables([["name": "v", "label": "V", "friendly_type": "check_box"]]).first
        )
        let variableFields = Set(try #require(schema.type(named: "CatalogVariable")).fields?.map(\.name) ?? [])
        #expect(Set(variable.objectValue?.keys ?? []) == variableFields)
    }

    @Test func theExecutorsSelectionProjectsLikeTheQuerySays() async throws {
        // Capture what the executor hands the incidents resolver for the widget's query.
        let captured = CapturedSelection()
        var resolvers = ResolverMap<Void>()
        resolvers.sync("Query", "viewer") { _, _, _, _ in
            .json([
                "isAdmin": false, "user": .null,
                "serviceNow": ["configured": false, "connected": false, "authorizeUrl": .null, "instanceUrl": .null],
            ])
        }
        resolvers.sync("Query", "widgetSettings") { _, _, _, _ in .json(["showLogo": true]) }
        resolvers.async("Query", "incidents") { _, _, _, info in
            captured.store(SelectionTree(info.selection))
            return .null
        }
        let executor = try Executor(schema: try Documents.schema(), resolvers: resolvers)
        let document = try Parser.parse(try Documents.repositoryFile("examples/widget.graphql"))
        let result = await executor.execute(ExecutionRequest(document: document))
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result["incidents"] == .null)
        let tree = try #require(captured.value)
        let fields = TicketFields.projection(.incident, selection: ServiceNowFields.connectionNodeSelection(tree))
        #expect(
            fields == [
                "sys_id", "number", "short_description", "state", "active", "priority", "sys_updated_on",
                "assigned_to", "assigned_to.email", "assignment_group", "urgency",
            ]
        )
        #expect(tree.fields.contains { $0.name == "totalCount" })
    }
}

/// A selection captured from inside a resolver.
final class CapturedSelection: Sendable {
    private let stored = Mutex<SelectionTree?>(nil)
    var value: SelectionTree? { stored.withLock { $0 } }
    func store(_ tree: SelectionTree) { stored.withLock { $0 = tree } }
}
