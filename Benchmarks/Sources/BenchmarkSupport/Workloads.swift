import JSON

/// The inputs both engines work on, made deterministically so every run measures the same thing.
public enum Workloads {
    /// The repository root (the benchmarks read `schema.graphql`, the example widget query and the fixtures).
    public static var repositoryRoot: String {
        var directory = String(#filePath)
        for _ in 0..<4 { directory = String(directory[..<(directory.lastIndex(of: "/") ?? directory.startIndex)]) }
        return directory
    }

    /// A large schema: `typeCount` object types of a dozen fields each (scalars, enums, lists, references,
    /// arguments), interfaces, unions, enums and input objects, and a `Query` reaching all of them.
    public static func largeSchemaSDL(typeCount: Int) -> String {
        var sdl = "schema { query: Query }\n\n"
        sdl += "\"Anything with an identifier.\"\ninterface Node { id: ID! }\n\n"
        sdl += "interface Named { name: String }\n\n"
        for index in 0..<max(4, typeCount / 10) {
            sdl += "\"Enum \(index).\"\nenum Enum\(index) { A\(index) B\(index) C\(index) D\(index) }\n\n"
            sdl += "input Filter\(index) { text: String, limit: Int = 10, kind: Enum\(index), nested: [String!] }\n\n"
        }
        for index in 0..<typeCount {
            let enumIndex = index % max(4, typeCount / 10)
            let next = (index + 1) % typeCount
            let other = (index * 7 + 3) % typeCount
            sdl += """
                "Type \(index): a record with scalar, enum, list and reference fields."
                type Type\(index) implements Node & Named {
                  id: ID!
                  name: String
                  count: Int
                  score: Float
                  active: Boolean!
                  kind: Enum\(enumIndex)
                  tags: [String!]!
                  "The next type."
                  next: Type\(next)
                  related(first: Int = 10, filter: Filter\(enumIndex)): [Type\(other)!]!
                  createdAt: String @deprecated(reason: "Use updatedAt.")
                  updatedAt: String
                  note(format: String = "plain"): String
                }


                """
        }
        for index in stride(from: 0, to: typeCount - 2, by: 3) {
            sdl += "union Union\(index / 3) = Type\(index) | Type\(index + 1) | Type\(index + 2)\n\n"
        }
        sdl += "type Query {\n  node(id: ID!): Node\n"
        for index in 0..<typeCount {
            sdl += "  type\(index)(id: ID): Type\(index)\n  list\(index)(first: Int = 10): [Type\(index)!]!\n"
        }
        sdl += "}\n"
        return sdl
    }

    /// Realistic client documents against ``largeSchemaSDL(typeCount:)``: a named query with variables, two or
    /// three root fields, fragments, nested selections, arguments and directives.
    public static func largeSchemaDocuments(count: Int, typeCount: Int) -> [String] {
        var random = UInt64(0x5EED_BE4C)
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        return (0..<count).map { documentIndex in
            let first = next(typeCount)
            let second = next(typeCount)
            let related = (first * 7 + 3) % typeCount
            let enumIndex = first % max(4, typeCount / 10)
            return """
                query Screen\(documentIndex)($id: ID, $first: Int = 5, $withNote: Boolean = false) {
                  type\(first)(id: $id) {
                    ...Type\(first)Fields
                    next { id name kind }
                    related(first: $first, filter: {text: "x", kind: A\(enumIndex)}) {
                      id
                      name
                      tags
                      note(format: "html") @include(if: $withNote)
                    }
                  }
                  list\(second)(first: 20) {
                    id
                    name
                    count
                    score
                    active
                  }
                  node(id: "\(documentIndex)") {
                    id
                    ... on Named { name }
                    ... on Type\(related) { count }
                  }
                }

                fragment Type\(first)Fields on Type\(first) {
                  id
                  name
                  count
                  active
                  updatedAt
                }

                """
        }
    }

    /// The schema of the list workload: one list of `Item`s with ten scalar fields.
    public static let listSchemaSDL = """
        type Query { items: [Item!]! }
        type Item {
          id: ID!
          name: String!
          count: Int!
          score: Float!
          active: Boolean!
          a: String
          b: String
          c: Int
          d: Float
          e: Boolean
        }
        """

    /// The list workload's query.
    public static let listQuery = "{ items { id name count score active a b c d e } }"

    /// The list workload's data: `count` items.
    public static func listData(count: Int) -> JSONValue {
        .object([
            "items": .array(
                (0..<count).map { index in
                    .object([
                        "id": .string("item-\(index)"), "name": .string("Item \(index)"), "count": .int(index),
                        "score": .double(Double(index) / 4), "active": .bool(index % 2 == 0),
                        "a": .string("alpha"), "b": .null, "c": .int(index * 3), "d": .double(1.5),
                        "e": .bool(false),
                    ])
                }
            )
        ])
    }

    /// Fixed data for the example widget query against `schema.graphql`: five records in each of the four lists.
    public static func widgetData() -> JSONValue {
        func ticket(_ prefix: String, _ index: Int, extra: JSONObject) -> JSONValue {
            var object: JSONObject = [
                "id": .string("\(prefix)-\(index)"), "number": .string("\(prefix)00100\(index)"),
                "shortDescription": .string("Something to do \(index)"),
                "state": .object(["label": "In Progress", "category": "IN_PROGRESS"]),
                "priority": .object(["value": "3", "label": "3 - Moderate"]),
                "updatedAt": .string("2025-05-04T09:12:30Z"), "url": .string("https://example.com/\(prefix)/\(index)"),
                "assignedTo": .object(["name": "Beth Anglin", "email": "beth@example.com"]),
                "assignmentGroup": .object(["name": "Service Desk"]),
            ]
            for (key, value) in extra { object[key] = value }
            return .object(object)
        }
        func connection(_ prefix: String, extra: JSONObject) -> JSONValue {
            .object([
                "totalCount": 42, "pageInfo": .object(["hasNextPage": true, "endCursor": "cursor-5"]),
                "nodes": .array((0..<5).map { ticket(prefix, $0, extra: extra) }),
            ])
        }
        return .object([
            "viewer": .object([
                "isAdmin": false,
                "user": .object(["id": "user-1", "name": "Abel Tuter", "email": "abel@example.com"]),
                "serviceNow": .object([
                    "configured": true, "connected": true, "authorizeUrl": nil,
                    "instanceUrl": "https://example.service-now.com",
                ]),
            ]),
            "widgetSettings": .object(["showLogo": true]),
            "incidents": connection("INC", extra: ["urgency": .object(["label": "2 - High"])]),
            "requests": connection("REQ", extra: ["requestedFor": .object(["name": "Abel Tuter"])]),
            "changeRequests": connection(
                "CHG",
                extra: ["type": .object(["label": "Normal"]), "risk": .object(["label": "Low"])]
            ),
            "problems": connection("PRB", extra: [:]),
        ])
    }

    /// A Table API page of `count` incidents as ServiceNow sends it with `sysparm_display_value=all` (every field a
    /// `{"value", "display_value"}` pair, references with their dot-walked fields beside them): the body the gateway
    /// parses and maps on a cold widget render.
    public static func serviceNowIncidentPage(count: Int) -> [UInt8] {
        func faces(_ value: String, _ display: String? = nil) -> JSONValue {
            .object(["value": .string(value), "display_value": .string(display ?? value)])
        }
        func sysID(_ seed: Int) -> String {
            let hex = Array("0123456789abcdef")
            var state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 | 1
            return String(
                (0..<32).map { _ in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return hex[Int(state >> 60)]
                }
            )
        }
        let states = [("1", "New"), ("2", "In Progress"), ("3", "On Hold"), ("6", "Resolved")]
        let priorities = [("1", "1 - Critical"), ("2", "2 - High"), ("3", "3 - Moderate"), ("4", "4 - Low")]
        var records: [JSONValue] = []
        for index in 0..<count {
            let state = states[index % states.count]
            let priority = priorities[index % priorities.count]
            let record: JSONObject = [
                "sys_id": faces(sysID(index)),
                "number": faces("INC\(String(1_000_000 + index).dropFirst())"),
                "short_description": faces("Email is not syncing on laptop \(index)"),
                "description": faces("Since the update this morning Outlook shows \"Disconnected\" (ticket \(index))."),
                "state": faces(state.0, state.1),
                "active": faces("true"),
                "priority": faces(priority.0, priority.1),
                "urgency": faces("2", "2 - Medium"),
                "impact": faces("2", "2 - Medium"),
                "category": faces("software", "Software"),
                "sys_created_on": faces("2025-05-0\(index % 9 + 1) 09:12:30", "05/0\(index % 9 + 1)/2025 11:12:30"),
                "sys_updated_on": faces("2025-06-0\(index % 9 + 1) 14:45:00", "06/0\(index % 9 + 1)/2025 16:45:00"),
                "resolved_at": faces(""),
                "closed_at": faces(""),
                "assigned_to": faces(sysID(10_000 + index % 17), "Beth Anglin"),
                "assigned_to.name": faces("Beth Anglin"),
                "assigned_to.email": faces("beth.anglin@example.com"),
                "assignment_group": faces(sysID(20_000 + index % 5), "Service Desk"),
                "assignment_group.name": faces("Service Desk"),
                "opened_by": faces(sysID(30_000 + index % 23), "Abel Tuter"),
                "opened_by.name": faces("Abel Tuter"),
                "caller_id": faces(sysID(30_000 + index % 23), "Abel Tuter"),
                "caller_id.name": faces("Abel Tuter"),
            ]
            records.append(.object(record))
        }
        let page: JSONValue = ["result": .array(records)]
        return page.serialized()
    }

    /// A GraphQL-over-HTTP request body for `query`, as the widget POSTs it.
    public static func graphQLRequestBody(query: String) -> [UInt8] {
        let body: JSONValue = ["query": .string(query), "operationName": "Widget", "variables": ["first": 5]]
        return body.serialized()
    }
}
