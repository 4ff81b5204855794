import Testing

@testable import Gateway

/// Request IDs and OAuth states: the right alphabet and length, and no repeats.
@Suite struct RandomTextTests {
    @Test(arguments: [1, 7, 8, 12, 16, 32])
    func hexHasTwoDigitsPerByte(byteCount: Int) {
        let text = RandomText.hex(byteCount: byteCount)
        #expect(text.utf8.count == byteCount * 2)
        #expect(text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
    }

    @Test func hexValuesDoNotRepeat() {
        let values = (0..<1000).map { _ in RandomText.hex(byteCount: 16) }
        #expect(Set(values).count == values.count)
        // Each eight-byte draw is used once: the two halves of a 16-byte value are not the same draw.
        #expect(values.allSatisfy { $0.prefix(16) != $0.suffix(16) })
    }

    @Test func alphanumericHasTheAskedLength() {
        let text = RandomText.alphanumeric(count: 43)
        #expect(RandomText.isAlphanumeric(text, lengths: 43...43))
    }
}
