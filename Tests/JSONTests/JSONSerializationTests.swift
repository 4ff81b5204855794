import JSON
import Testing

@Suite struct JSONSerializationTests {
    static let cases: [(JSONValue, String)] = [
        (JSONValue.null, "null"), (true, "true"), (false, "false"), (0, "0"), (-42, "-42"),
        (.int(Int.min), "-9223372036854775808"), (.int(Int.max), "9223372036854775807"), (1.5, "1.5"),
        (2.0, "2"), (-0.25, "-0.25"), (1e300, "1e+300"), (.double(.nan), "null"), (.double(.infinity), "null"),
        ("plain", "\"plain\""), ("q\"b\\s/", #""q\"b\\s/""#), ("\n\r\t\u{8}\u{c}", #""\n\r\t\b\f""#),
        ("\u{0}\u{1f}", #""\u0000\u001f""#), ("é😀", "\"é😀\""), ([], "[]"), ([:], "{}"),
        ([1, "a", [nil]], #"[1,"a",[null]]"#), (["b": 1, "a": [true]], #"{"b":1,"a":[true]}"#),
    ]

    @Test(arguments: cases)
    func serializes(value: JSONValue, expected: String) {
        #expect(value.serializedString() == expected)
    }

    @Test func roundTripsThroughTheParser() throws {
        let value: JSONValue = [
            "data": ["incidents": ["nodes": [["number": "INC0010042", "priority": 3, "score": 14.869, "x": nil]]]],
            "errors": [["message": "Ünïcödé \"quoted\"\n", "path": ["a", 0, "b"]]],
        ]
        #expect(try JSONValue.parse(value.serialized()) == value)
    }

    @Test func prettyStringSortsKeys() {
        let value: JSONValue = ["b": [1, 2], "a": [:]]
        #expect(value.prettyString() == "{\n  \"a\": {},\n  \"b\": [\n    1,\n    2\n  ]\n}")
    }

    @Test func objectEqualityIgnoresOrderButSerializationKeepsIt() {
        let first: JSONObject = ["a": 1, "b": 2]
        let second: JSONObject = ["b": 2, "a": 1]
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(JSONValue.object(first).serializedString() != JSONValue.object(second).serializedString())
    }

    @Test func largeObjectsLookUpThroughTheirIndex() {
        var object = JSONObject()
        for number in 0..<100 { object["k\(number)"] = .int(number) }
        #expect(object["k73"] == 73)
        object["k73"] = nil
        #expect(object["k73"] == nil)
        #expect(object["k74"] == 74)
        #expect(object.count == 99)
        #expect(object.keys.first == "k0")
    }
}
