import JSON
import Testing

@Suite struct JSONParserTests {
    /// Texts every conforming parser accepts (after nst/JSONTestSuite's y_ cases), with the value they denote.
    static let accepted: [(String, JSONValue)] = [
        ("null", .null), ("true", true), ("false", false), (" 0 ", 0), ("-0", 0), ("1", 1), ("-12", -12),
        ("1.5", 1.5), ("-0.0", .double(-0.0)), ("1e3", 1000.0), ("1E+3", 1000.0), ("1e-2", 0.01),
        ("123456789012345678901234567890", .double(123_456_789_012_345_678_901_234_567_890.0)),
        ("9223372036854775807", .int(Int.max)), ("-9223372036854775808", .int(Int.min)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808.0)),
        (#""""#, ""), (#""abc""#, "abc"), (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{c}\n\r\t"),
        (#""\u00e9""#, "é"), (#""\uD83D\uDE00""#, "😀"), ("\"😀 日本\"", "😀 日本"), (#""\u0000""#, "\u{0}"),
        ("[]", []), ("[1,[2,[3]]]", [1, [2, [3]]]), ("{}", [:]),
        (#"{"a":1,"b":[true,null]}"#, ["a": 1, "b": [true, nil]]),
        (" \t\r\n[ 1 , 2 ] \n", [1, 2]),
    ]

    @Test(arguments: accepted)
    func accepts(text: String, expected: JSONValue) throws {
        let value = try JSONValue.parse(text)
        #expect(value == expected)
    }

    /// Texts every conforming parser refuses (after JSONTestSuite's n_ cases), with the code we give.
    static let refused: [(String, JSONError.Code)] = [
        ("", .unexpectedEnd), (" ", .unexpectedEnd), ("[", .unexpectedEnd), ("[1,]", .unexpectedCharacter),
        ("[,1]", .unexpectedCharacter), ("{\"a\":1,}", .unexpectedCharacter), ("{\"a\" 1}", .unexpectedCharacter),
        ("{a:1}", .unexpectedCharacter), ("{'a':1}", .unexpectedCharacter), ("[1 2]", .unexpectedCharacter),
        ("01", .trailingCharacters), ("1.", .invalidNumber), (".5", .unexpectedCharacter), ("-", .invalidNumber),
        ("+1", .unexpectedCharacter), ("1e", .invalidNumber), ("NaN", .unexpectedCharacter),
        ("Infinity", .unexpectedCharacter), ("tru", .unexpectedEnd), ("nul", .unexpectedEnd),
        ("truth", .unexpectedCharacter),
        ("\"abc", .unexpectedEnd), ("\"\\x\"", .invalidString), ("\"\\u12\"", .invalidString),
        ("\"\\uD800\"", .invalidString), ("\"\\uDC00\"", .invalidString), ("\"\\uD800\\u0041\"", .invalidString),
        ("\"a\u{1}b\"", .invalidString), ("\"line\nbreak\"", .invalidString), ("[1] x", .trailingCharacters),
        ("{} {}", .trailingCharacters),
    ]

    @Test(arguments: refused)
    func refuses(text: String, code: JSONError.Code) {
        #expect {
            _ = try JSONValue.parse(text)
        } throws: { error in
            (error as? JSONError)?.code == code
        }
    }

    @Test func refusesInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONError.self) { _ = try JSONValue.parse(bytes) }
        let escaped: [UInt8] = [0x22, 0x5C, 0x6E, 0xFF, 0x22]
        #expect(throws: JSONError.self) { _ = try JSONValue.parse(escaped) }
        // After ASCII (the unvalidated fast path must notice the one byte that is not ASCII).
        for invalid: [UInt8] in [[0x22, 0x61, 0x62, 0x80, 0x22], [0x22, 0x61, 0xFF, 0x22], [0x22, 0x61, 0xC3, 0x22]] {
            #expect(throws: JSONError.self) { _ = try JSONValue.parse(invalid) }
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect {
            _ = try JSONValue.parse(text)
        } throws: { error in
            (error as? JSONError)?.code == .tooDeep
        }
        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(throws: JSONError.self) { _ = try JSONValue.parse(objects) }
    }

    @Test func depthLimitIsConfigurable() throws {
        let parser = JSONParser(limits: .init(maxDepth: 3))
        _ = try parser.parse("[[[1]]]")
        #expect(throws: JSONError.self) { _ = try parser.parse("[[[[1]]]]") }
    }

    @Test func sizeLimitIsEnforced() {
        let parser = JSONParser(limits: .init(maxBytes: 10))
        #expect {
            _ = try parser.parse("\"0123456789\"")
        } throws: { error in
            (error as? JSONError)?.code == .tooLarge
        }
    }

    @Test func errorsCarryTheOffset() {
        #expect {
            _ = try JSONValue.parse("[1, 2, x]")
        } throws: { error in
            (error as? JSONError)?.offset == 7
        }
    }

    @Test func objectsKeepOrderAndLastDuplicateWins() throws {
        let value = try JSONValue.parse(#"{"z":1,"a":2,"m":3,"a":4}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["z", "a", "m"])
        #expect(object["a"] == 4)
        #expect(value.serializedString() == #"{"z":1,"a":4,"m":3}"#)
    }

    @Test func aRepeatedKeyIsFoundHoweverItIsSpelledAndAtAnySize() throws {
        // The parser finds repeats by a fingerprint of the decoded key, so an escaped spelling is the same key.
        let escaped = try #require(try JSONValue.parse(#"{"a":1,"\u0061":2,"b":{"a":3,"a":4}}"#).objectValue)
        #expect(escaped.keys == ["a", "b"])
        #expect(escaped["a"] == 2)
        #expect(escaped["b"]?.objectValue?.keys == ["a"])
        #expect(escaped["b"]?.objectValue?["a"] == 4)
        // Past 16 members a dictionary finds repeats: before the threshold, at it and after it, and in nested
        // objects that come and go in between (each object's members are its own).
        for size in [15, 16, 17, 18, 40] {
            var members = (0..<size).map { #""k\#($0)":\#($0)"# }
            members.insert(#""k0":{"k0":"inner","k1":[{"k1":1}]}"#, at: size / 2)
            members.append(#""k\#(size - 1)":"last""#)
            members.append(#""k3":"again""#)
            let object = try #require(try JSONValue.parse("{" + members.joined(separator: ",") + "}").objectValue)
            #expect(object.keys == (0..<size).map { "k\($0)" })
            #expect(object["k0"]?.objectValue?.keys == ["k0", "k1"])
            #expect(object["k3"] == "again")
            #expect(object["k\(size - 1)"] == "last")
            #expect(object["k\(size / 2 + 1)"] == .int(size / 2 + 1))
            #expect(object.position(of: "k\(size - 2)") == size - 2)
            #expect(object["absent"] == nil)
            var copy = object
            copy["new"] = true
            #expect(copy.count == size + 1 && copy["new"] == true && object["new"] == nil)
        }
    }

    @Test func stringsAreReadRightWhereverTheirSpecialBytesFall() throws {
        // The parser passes over plain bytes eight at a time: put every kind of special byte at every offset of
        // those words, and invalid UTF-8 inside a plain run.
        for offset in 0..<20 {
            let plain = String(repeating: "x", count: offset)
            for (written, meant) in [
                (#"\""#, "\""), (#"\\"#, "\\"), (#"\n"#, "\n"), (#"\u00e9"#, "é"), ("é", "é"), ("😀", "😀"),
            ] {
                let text = #"""# + plain + written + plain + #"""#
                #expect(try JSONValue.parse(text) == .string(plain + meant + plain), "\(text)")
                #expect(JSONValue.string(plain + meant + plain).serializedString().utf8.count > 0)
                #expect(
                    try JSONValue.parse(JSONValue.string(plain + meant + plain).serializedString())
                        == .string(plain + meant + plain)
                )
            }
            #expect(throws: JSONError.self) {
                try JSONValue.parse(Array(#"""#.utf8) + Array(plain.utf8) + [0x0A] + Array(#"""#.utf8))
            }
            var invalid =
                Array(#"""#.utf8) + Array(plain.utf8) + [0xC3, 0x28] + Array(String(repeating: "y", count: 16).utf8)
            invalid += Array(#"""#.utf8)
            #expect(throws: JSONError.self) { try JSONValue.parse(invalid) }
            // A control character must be escaped on the way out, wherever it falls.
            let control = plain + "\u{01}" + plain
            #expect(JSONValue.string(control).serializedString() == #"""# + plain + #"\u0001"# + plain + #"""#)
        }
    }

    @Test func afterAnEscapeTheRestIsReadRightWhereverItsSpecialBytesFall() throws {
        // Once a string has had an escape, the parser copies the plain runs between specials whole: put every
        // kind of special byte at every offset after an escape, several escapes in a row, and broken input there.
        for offset in 0..<20 {
            let plain = String(repeating: "x", count: offset)
            for (written, meant) in [
                (#"\""#, "\""), (#"\\"#, "\\"), (#"\n"#, "\n"), (#"\u00e9"#, "é"), ("é", "é"), ("😀", "😀"),
                (#"\t\/"#, "\t/"), ("", ""),
            ] {
                let text = #""\n"# + plain + written + plain + #"\r"# + plain + #"""#
                #expect(try JSONValue.parse(text) == .string("\n" + plain + meant + plain + "\r" + plain), "\(text)")
            }
            // An unescaped control character, invalid UTF-8, or the end of input after an escape.
            #expect(throws: JSONError.self) {
                try JSONValue.parse(Array(#""\n"#.utf8) + Array(plain.utf8) + [0x0A] + Array(#"""#.utf8))
            }
            #expect(throws: JSONError.self) {
                try JSONValue.parse(
                    Array(#""\n"#.utf8) + Array(plain.utf8) + [0xC3, 0x28] + Array(plain.utf8) + Array(#"""#.utf8)
                )
            }
            #expect(throws: JSONError.self) { try JSONValue.parse(Array(#""\n"#.utf8) + Array(plain.utf8)) }
        }
        // A query as a GraphQL client sends it: a newline escaped on every line.
        let query = (0..<40).map { "  field\($0) { id name }" }.joined(separator: "\n")
        #expect(try JSONValue.parse(JSONValue.string(query).serializedString()) == .string(query))
    }

    @Test func integersAndDoublesStayDistinct() throws {
        #expect(try JSONValue.parse("2") == .int(2))
        #expect(try JSONValue.parse("2.0") == .double(2))
        #expect(try JSONValue.parse("2.0").intValue == 2)
        #expect(try JSONValue.parse("2.5").intValue == nil)
    }
}
