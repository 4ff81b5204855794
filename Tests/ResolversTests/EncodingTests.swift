import Testing

@testable import Resolvers
@testable import ServiceNowSimulator

/// Base64 and percent-encoding write straight into their results' storage (a table and whole quads, a counted
/// buffer): each is checked here against the plain byte-at-a-time definition, on seeded random input and on every
/// kind of broken input.
@Suite struct EncodingTests {
    /// RFC 4648 decoding, one byte at a time, as the definition reads.
    static func referenceDecode(_ text: String, url: Bool) -> [UInt8]? {
        let alphabet = Array(
            (url
                ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").utf8
        )
        var output: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for byte in text.utf8 {
            if !url, byte == 13 || byte == 10 || byte == 32 { continue }
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0, let value = alphabet.firstIndex(of: byte) else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return bits < 6 && padding <= 2 ? output : nil
    }

    @Test func base64DecodingMatchesTheDefinitionOnRandomAndBrokenInput() {
        var random = SeededRandom(seed: 20_261_129)
        let specials: [Character] = ["=", "\r", "\n", " ", "-", "_", "+", "/", "!", "é", "\u{0}"]
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let standard = Resolvers.Base64.encode(bytes)
            let url = Resolvers.Base64.encodeURL(bytes)
            #expect(Resolvers.Base64.decode(standard) == bytes)
            #expect(Resolvers.Base64.decodeURL(url) == bytes)
            // Damage: one special character inserted somewhere, or one character dropped.
            for text in [standard, url] {
                var damaged = Array(text)
                if !damaged.isEmpty, Bool.random(using: &random) {
                    damaged.remove(at: Int.random(in: 0..<damaged.count, using: &random))
                } else {
                    damaged.insert(
                        specials.randomElement(using: &random)!,
                        at: Int.random(in: 0...damaged.count, using: &random)
                    )
                }
                let broken = String(damaged)
                #expect(Resolvers.Base64.decode(broken) == Self.referenceDecode(broken, url: false), "\(broken)")
                #expect(Resolvers.Base64.decodeURL(broken) == Self.referenceDecode(broken, url: true), "\(broken)")
            }
        }
        // MIME line breaks inside quads and padding in the middle.
        #expect(Resolvers.Base64.decode("aGVs\r\nbG8=") == Array("hello".utf8))
        #expect(Resolvers.Base64.decode("aG\nVsbG8=") == Array("hello".utf8))
        #expect(Resolvers.Base64.decode("aGVs=bG8=") == nil)
        #expect(Resolvers.Base64.decode("aGVsbG8===") == nil)
    }

    /// RFC 3986 percent-encoding of everything outside the unreserved set, one byte at a time.
    static func referenceEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }

    @Test func percentEncodingMatchesTheDefinition() {
        var random = SeededRandom(seed: 3986)
        let pieces = [
            "a", "Z", "0", "-", ".", "_", "~", " ", "^", "=", "&", "+", ",", "%", "é", "€", "😀", "\u{0}", "/",
        ]
        for _ in 0..<300 {
            let name = (0..<Int.random(in: 0..<12, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined()
            let value = (0..<Int.random(in: 0..<40, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined()
            #expect(PercentEncoding.encode(value) == Self.referenceEncode(value))
            let items = [(name: name, value: value), (name: "sysparm_fields", value: "number,short_description")]
            #expect(
                PercentEncoding.query(items)
                    == items.map { Self.referenceEncode($0.name) + "=" + Self.referenceEncode($0.value) }
                    .joined(separator: "&")
            )
        }
        #expect(PercentEncoding.query([]) == "")
        #expect(PercentEncoding.query([(name: "a", value: "")]) == "a=")
        #expect(PercentEncoding.encode("a b^c") == "a%20b%5Ec")
    }

    @Test func equalRequestsHashAlikeAndDifferentOnesAreNotEqual() {
        let first = UpstreamRequest(path: "/api/now/table/incident", query: [(name: "sysparm_limit", value: "5")])
        let same = UpstreamRequest(path: "/api/now/table/incident", query: [(name: "sysparm_limit", value: "5")])
        #expect(first == same)
        #expect(first.hashValue == same.hashValue)
        #expect(Set([first, same]).count == 1)
        let others = [
            UpstreamRequest(path: "/api/now/table/incident", query: [(name: "sysparm_limit", value: "6")]),
            UpstreamRequest(
                method: "POST",
                path: "/api/now/table/incident",
                query: [(name: "sysparm_limit", value: "5")]
            ),
            UpstreamRequest(
                method: "POST",
                path: "/api/now/table/incident",
                query: [(name: "sysparm_limit", value: "5")],
                body: [1]
            ),
        ]
        for other in others { #expect(other != first) }
        #expect(Set(others + [first, same]).count == 4)
    }
}
