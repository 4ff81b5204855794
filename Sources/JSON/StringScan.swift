/// Skipping the plain part of a JSON string's bytes eight at a time.
///
/// A string's bytes need attention only at a quote, a backslash or a control character; everything else is copied
/// (serializing) or passed over (parsing). Looking at a 64-bit word at once instead of a byte at a time halves the
/// cost of the long strings a render carries: the Batch API's Base64 bodies, descriptions, work notes.
enum StringScan {
    /// The first position from `start` whose 8-byte word holds a quote, a backslash or a control character, or
    /// where fewer than 8 bytes remain; the bytes before it are plain. `nonASCII` is set when any of them is not
    /// ASCII.
    static func plainPrefixEnd(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        nonASCII: inout Bool
    ) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var position = start
        var seen: UInt64 = 0
        while position + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            let special =
                zeroByteMarks(word ^ 0x2222_2222_2222_2222) | zeroByteMarks(word ^ 0x5C5C_5C5C_5C5C_5C5C)
                | zeroByteMarks(word & 0xE0E0_E0E0_E0E0_E0E0)
            if special != 0 { break }
            seen |= word
            position += 8
        }
        if seen & 0x8080_8080_8080_8080 != 0 { nonASCII = true }
        return position
    }

    /// Nonzero exactly when some byte of `word` is zero (a control character is a byte whose top three bits are
    /// zero, hence the mask `0xE0` above).
    @inline(__always)
    static func zeroByteMarks(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }
}
