import CurlHTTP
import Testing

/// Header names compare with ASCII case folding (`CurlHeader.namesEqual`), without lowercased copies: the same
/// answer as `lowercased() ==` on ASCII names, and only ASCII letters fold.
@Suite struct HeaderNameComparisonTests {
    @Test func everyPairOfPrintableASCIIBytesComparesAsLowercasedCopiesDo() {
        let printable = (32...126).map { String(UnicodeScalar(UInt8($0))) }
        for a in printable {
            for b in printable {
                #expect(CurlHeader.namesEqual(a, b) == (a.lowercased() == b.lowercased()), "\(a) vs \(b)")
                #expect(CurlHeader.namesEqual("X-" + a + "z", "x-" + b + "Z") == (a.lowercased() == b.lowercased()))
            }
        }
    }

    @Test func namesOfEveryLengthAndShape() {
        let names = [
            "Content-Type", "content-type", "CONTENT-TYPE", "Content-Typ", "Content-Type ", "X-Total-Count",
            "x-total-count", "Retry-After", "retry_after", "", "a", "A",
            "a-very-long-header-name-well-past-fifteen-bytes", "A-VERY-LONG-HEADER-NAME-WELL-PAST-FIFTEEN-BYTES",
        ]
        for a in names {
            for b in names {
                #expect(CurlHeader.namesEqual(a, b) == (a.lowercased() == b.lowercased()), "\(a) vs \(b)")
            }
        }
    }

    @Test func onlyASCIILettersFold() {
        // Field names are ASCII tokens: anything else must match byte for byte.
        #expect(!CurlHeader.namesEqual("É", "é"))
        #expect(CurlHeader.namesEqual("é", "é"))
        #expect(!CurlHeader.namesEqual("K", "\u{212A}"))  // the Kelvin sign lowercases to "k", but is not "K"
    }
}
