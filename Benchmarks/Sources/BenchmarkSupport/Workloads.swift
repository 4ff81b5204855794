import JSON

/// The inputs both engines work on, made deterministically so every run measures the same thing.
public enum Workloads {
    /// The repository root (the benchmarks read `schema.graphql`, the example widget query and the fixtures).
    public static var repositoryRoot: String {
        var directory = String(#filePath)
        for _ in 0..<5 { directory = String(directory[..<(directory.lastIndex(of: "/") ?? directory.startIndex)]) }
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
}
