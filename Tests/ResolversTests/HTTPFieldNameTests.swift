import JSON
import Testing

@testable import Resolvers
@testable import ServiceNowSimulator

/// Header names compare with ASCII case folding, without making lowercased copies.
@Suite struct HTTPFieldNameTests {
    @Test func asciiNamesCompareAsLowercasedCopiesDo() {
        let names = [
            "Content-Type", "content-type", "CONTENT-TYPE", "Content-Typ", "Content-Type ", "X-Total-Count",
            "x-total-count", "Retry-After", "retry_after", "", "a", "A", "@", "`", "[", "{", "Z", "z",
            "a-very-long-header-name-well-past-fifteen-bytes", "A-VERY-LONG-HEADER-NAME-WELL-PAST-FIFTEEN-BYTES",
        ]
        for a in names {
            for b in names {
                #expect(HTTPFieldName.equal(a, b) == (a.lowercased() == b.lowercased()), "\(a) vs \(b)")
            }
        }
        // Seeded random ASCII names, half of them the other's case flipped at random positions.
        var random = SeededRandom(seed: 20_261_130)
        for _ in 0..<2_000 {
            let length = Int(random.next() % 24)
            let a = String(decoding: (0..<length).map { _ in UInt8(32 + random.next() % 95) }, as: UTF8.self)
            var b = Array(a.utf8)
            if random.next() % 2 == 0 {
                for index in b.indices where random.next() % 3 == 0 && (65...90).contains(b[index] & ~0x20) {
                    b[index] ^= 0x20
                }
            } else if !b.isEmpty {
                b[Int(random.next() % UInt64(b.count))] = UInt8(32 + random.next() % 95)
            }
            let other = String(decoding: b, as: UTF8.self)
            #expect(HTTPFieldName.equal(a, other) == (a.lowercased() == other.lowercased()), "\(a) vs \(other)")
        }
    }

    @Test func onlyASCIILettersFold() {
        // Field names are ASCII tokens: anything else must match byte for byte.
        #expect(!HTTPFieldName.equal("É", "é"))
        #expect(HTTPFieldName.equal("é", "é"))
        #expect(!HTTPFieldName.equal("K", "\u{212A}"))  // the Kelvin sign lowercases to "k", but is not "K"
    }

    @Test func valuesAreFoundByNameInOrder() {
        let fields = [("Content-Type", "a"), ("X-Total-Count", "7"), ("content-type", "b")]
        #expect(HTTPFieldName.value(of: "CONTENT-TYPE", in: fields) == "a")
        #expect(HTTPFieldName.value(of: "x-total-count", in: fields) == "7")
        #expect(HTTPFieldName.value(of: "Link", in: fields) == nil)
        let response = UpstreamResponse(
            status: 200,
            body: .null,
            headers: [.init(name: "x-total-COUNT", value: " 12 ")]
        )
        #expect(response.totalCount == 12)
    }
}
