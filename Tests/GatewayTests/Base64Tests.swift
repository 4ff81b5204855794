import Foundation
import Testing

@testable import Gateway

@Suite struct Base64Tests {
    @Test(
        arguments: [
            ([], "", ""),
            ([0x66], "Zg==", "Zg"),
            ([0x66, 0x6F], "Zm8=", "Zm8"),
            ([0x66, 0x6F, 0x6F], "Zm9v", "Zm9v"),
            ([0xFB, 0xFF, 0xBF], "+/+/", "-_-_"),
        ] as [([UInt8], String, String)]
    )
    func encodesAndDecodesRFC4648Vectors(bytes: [UInt8], standard: String, url: String) {
        #expect(Base64.encode(bytes, alphabet: .standard, padding: .required) == standard)
        #expect(Base64.encode(bytes, alphabet: .url, padding: .forbidden) == url)
        #expect(Base64.decode(standard, alphabet: .standard, padding: .required) == bytes)
        #expect(Base64.decode(url, alphabet: .url, padding: .forbidden) == bytes)
        #expect(Base64.decode(standard, alphabet: .standard, padding: .optional) == bytes)
        #expect(
            Base64.decode(
                url.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/"),
                alphabet: .standard,
                padding: .optional
            ) == bytes
        )
    }

    @Test(arguments: [
        ("Zg=", Base64.Alphabet.standard, Base64.Padding.required),  // short padding
        ("Zg", .standard, .required),  // missing padding
        ("Zg==", .url, .forbidden),  // padding where none is allowed
        ("Zh", .url, .forbidden),  // non-zero spare bits: not canonical
        ("Zm9=", .standard, .required),  // non-zero spare bits
        ("Z", .url, .forbidden),  // a lone character carries no byte
        ("Zm9v\n", .standard, .optional),  // whitespace
        ("Zm 9v", .standard, .optional),
        ("-_-_", .standard, .optional),  // the other alphabet
        ("+/+/", .url, .forbidden),
        ("Zg===", .standard, .optional),
        ("=Zg=", .standard, .optional),
        ("Zé", .url, .forbidden),
    ])
    func refusesNonCanonicalText(text: String, alphabet: Base64.Alphabet, padding: Base64.Padding) {
        #expect(Base64.decode(text, alphabet: alphabet, padding: padding) == nil)
    }

    @Test func roundTripsEveryLength() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let url = Base64.encode(bytes, alphabet: .url, padding: .forbidden)
            #expect(Base64.decode(url, alphabet: .url, padding: .forbidden) == bytes)
            let standard = Base64.encode(bytes, alphabet: .standard, padding: .required)
            #expect(Base64.decode(standard, alphabet: .standard, padding: .required) == bytes)
        }
    }
}
