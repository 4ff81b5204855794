import JSON
import Schema
import Testing

/// graphql-js's lists-test ("Execute: Handles list nullability" and "Accepts any iterable as list value"),
/// each case run with the list given synchronously and returned by an asynchronous resolver. JavaScript's "an
/// `Error` as an item" becomes an item its type cannot serialize, the nearest thing a typed resolver can return.
@Suite struct ListsTests {
    static let nullItem =
        #"{"message":"Cannot return null for non-nullable field Query.listField.","locations":[{"line":1,"column":3}],"path":["listField",1]}"#
    static let nullList =
        #"{"message":"Cannot return null for non-nullable field Query.listField.","locations":[{"line":1,"column":3}],"path":["listField"]}"#
    static let badItem =
        #"{"message":"Int cannot represent non-integer value: \"bad\"","locations":[{"line":1,"column":3}],"path":["listField",1]}"#

    /// (list value, field type, expected response)
    static let cases: [(JSONValue, String, String)] = [
        // Contains values.
        ([1, 2], "[Int]", #"{"data":{"listField":[1,2]}}"#),
        ([1, 2], "[Int]!", #"{"data":{"listField":[1,2]}}"#),
        ([1, 2], "[Int!]", #"{"data":{"listField":[1,2]}}"#),
        ([1, 2], "[Int!]!", #"{"data":{"listField":[1,2]}}"#),
        // Contains null.
        ([1, nil, 2], "[Int]", #"{"data":{"listField":[1,null,2]}}"#),
        ([1, nil, 2], "[Int]!", #"{"data":{"listField":[1,null,2]}}"#),
        ([1, nil, 2], "[Int!]", #"{"errors":[\#(nullItem)],"data":{"listField":null}}"#),
        ([1, nil, 2], "[Int!]!", #"{"errors":[\#(nullItem)],"data":null}"#),
        // Returns null.
        (nil, "[Int]", #"{"data":{"listField":null}}"#),
        (nil, "[Int]!", #"{"errors":[\#(nullList)],"data":null}"#),
        (nil, "[Int!]", #"{"data":{"listField":null}}"#),
        (nil, "[Int!]!", #"{"errors":[\#(nullList)],"data":null}"#),
        // Contains an item that cannot be completed.
        ([1, "bad", 2], "[Int]", #"{"errors":[\#(badItem)],"data":{"listField":[1,null,2]}}"#),
        ([1, "bad", 2], "[Int]!", #"{"errors":[\#(badItem)],"data":{"listField":[1,null,2]}}"#),
        ([1, "bad", 2], "[Int!]", #"{"errors":[\#(badItem)],"data":{"listField":null}}"#),
        ([1, "bad", 2], "[Int!]!", #"{"errors":[\#(badItem)],"data":null}"#),
        // Values of other types are serialized by the item type; a non-list is an error.
        (["one", 2, true], "[String]", #"{"data":{"listField":["one","2","true"]}}"#),
        (
            "Singular", "[String]",
            #"{"errors":[{"message":"Expected Iterable, but did not find one for field \"Query.listField\".","locations":[{"line":1,"column":3}],"path":["listField"]}],"data":{"listField":null}}"#
        ),
        (
            ["a": 1], "[String]",
            #"{"errors":[{"message":"Expected Iterable, but did not find one for field \"Query.listField\".","locations":[{"line":1,"column":3}],"path":["listField"]}],"data":{"listField":null}}"#
        ),
        ([[1, 2], [3]], "[[Int]]", #"{"data":{"listField":[[1,2],[3]]}}"#),
        ([], "[Int!]!", #"{"data":{"listField":[]}}"#),
    ]

    @Test(arguments: cases.indices, [false, true])
    func completesLists(index: Int, asynchronously: Bool) async throws {
        let (value, type, expected) = Self.cases[index]
        var resolvers = ResolverMap<Void>()
        if asynchronously {
            resolvers.async("Query", "listField") { _, _, _, _ in
                await Task.yield()
                return .json(value)
            }
        }
        let result = try await ExecutionHarness.run(
            sdl: "type Query { listField: \(type) }",
            "{ listField }",
            root: ["listField": value],
            resolvers: resolvers
        )
        try expectResponse(result, expected)
    }

    @Test func completesListsOfObjectsWithAsynchronousFields() async throws {
        // Every item waits on the same signal: they can only all finish if they run concurrently.
        let signal = Signal()
        let started = Log<Int>()
        var resolvers = ResolverMap<Void>()
        resolvers.async("Item", "slow") { parent, _, _, _ in
            let id = parent.jsonObject?["id"]?.intValue ?? -1
            started.append(id)
            if started.count == 3 { signal.fire() }
            await signal.wait()
            if id == 1 { throw TestError("item 1 failed") }
            return .int(id * 10)
        }
        let result = try await ExecutionHarness.run(
            sdl: "type Item { id: Int slow: Int! } type Query { items: [Item] }",
            "{ items { id slow } }",
            root: ["items": [["id": 0], ["id": 1], ["id": 2]]],
            resolvers: resolvers
        )
        try expectResponse(
            result,
            #"""
            {"errors":[{"message":"item 1 failed","locations":[{"line":1,"column":14}],"path":["items",1,"slow"]}],
            "data":{"items":[{"id":0,"slow":0},null,{"id":2,"slow":20}]}}
            """#
        )
    }
}
