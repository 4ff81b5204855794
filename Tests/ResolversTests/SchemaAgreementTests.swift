import JSON
import Schema
import ServiceNowSimulator
import Testing

@testable import Resolvers

/// The resolvers agree with `schema.graphql`: every field they produce exists, every ticket field is produced, and
/// the reference widget query (`examples/widget.graphql`) costs one round trip.
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
                for walk in reference.dotWalks.values {
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

    @Test func theReferenceWidgetQueryCostsOneRoundTrip() async throws {
        let roots = try Documents.rootFields(try Documents.repositoryFile("examples/widget.graphql"))
        let byName = Dictionary(roots.map { ($0.name, $0.selection) }, uniquingKeysWith: { a, _ in a })
        let viewer = try #require(byName["viewer"]?.field("user", on: "Viewer"))
        let lists: [(TicketKind, SelectionTree)] = [
            (.incident, try #require(byName["incidents"])), (.request, try #require(byName["requests"])),
            (.changeRequest, try #require(byName["changeRequests"])), (.problem, try #require(byName["problems"])),
        ]
        try await SimulatorSetup.run { setup in
            let (context, credentials) = try setup.context("beth.anglin")
            let loaders = try #require(context.loaders)
            var resolvers: [@Sendable () async throws -> JSONValue] = [
                { try await ServiceNowFields.viewerUser(context, selection: viewer) }
            ]
            for (kind, tree) in lists {
                // `$first` defaults to 5 in the document.
                resolvers.append {
                    try await ServiceNowFields.tickets(kind, context, arguments: ["first": 5], selection: tree)
                }
            }
            let values = try await resolveLevel(loaders, waitingFor: 5, resolvers)
            #expect(setup.control.requests(withAccessToken: try credentials.currentToken()).count == 1)
            #expect(values[0]["name"]?.stringValue == "Beth Anglin")
            let incidents = try #require(values[1]["nodes"]?.arrayValue)
            #expect(incidents.count == 5)
            #expect(incidents.allSatisfy { $0["urgency"]?["label"]?.stringValue?.isEmpty == false })
            #expect(incidents.contains { $0["assignedTo"]?["email"]?.stringValue?.contains("@") == true })
            #expect(incidents.contains { $0["assignmentGroup"]?["name"]?.stringValue?.isEmpty == false })
            let batch = try #require(setup.control.requests.first?.batchItems)
            // The assignees' e-mail addresses come by dot-walk in the same read.
            #expect(batch.contains { $0.url.contains("assigned_to.email") })
        }
    }
}
