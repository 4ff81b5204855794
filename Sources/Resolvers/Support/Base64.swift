/// Base64 (RFC 4648) in both alphabets, without Foundation: the Batch API carries every body as standard Base64,
/// and global IDs and cursors are base64url without padding so they survive URLs and JSON unescaped.
enum Base64 {
    private static let standardAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let urlAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Standard Base64 with `=` padding.
    static func encode(_ bytes: some Collection<UInt8>) -> String {
        encode(bytes, alphabet: standardAlphabet, padding: true)
    }

    /// base64url without padding.
    static func encodeURL(_ bytes: some Collection<UInt8>) -> String {
        encode(bytes, alphabet: urlAlphabet, padding: false)
    }

    private static func encode(_ input: some Collection<UInt8>, alphabet: [UInt8], padding: Bool) -> String {
        let bytes = Array(input)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
            output.append(alphabet[Int(chunk & 63)])
            index += 3
        }
        let remaining = bytes.count - index
        if remaining == 1 {
            let chunk = UInt32(bytes[index]) << 16
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            if padding { output.append(contentsOf: [61, 61]) }
        } else if remaining == 2 {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
            if padding { output.append(61) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes standard Base64 (padding optional, CR/LF/space ignored, as MIME writers insert them); nil when the
    /// text is not Base64.
    static func decode(_ text: String) -> [UInt8]? {
        decode(text, url: false)
    }

    /// Decodes base64url (padding optional); nil when the text is not base64url.
    static func decodeURL(_ text: String) -> [UInt8]? {
        decode(text, url: true)
    }

    private static func decode(_ text: String, url: Bool) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode($0, table: url ? urlSextets : standardSextets) }
    }

    /// A sextet's value for each byte; `invalid` for a byte of neither alphabet, `skipped` for CR, LF and space
    /// (standard alphabet only), `padding` for `=`.
    private static let invalid: UInt8 = 0xFF
    private static let skipped: UInt8 = 0xFE
    private static let padding: UInt8 = 0xFD
    private static let standardSextets = sextets(url: false)
    private static let urlSextets = sextets(url: true)

    private static func sextets(url: Bool) -> [UInt8] {
        (0...255).map { byte in
            let byte = UInt8(byte)
            if byte == 61 { return padding }
            if !url, byte == 13 || byte == 10 || byte == 32 { return skipped }
            return sextet(byte, url: url) ?? invalid
        }
    }

    /// The Batch API carries every answer's body in Base64: decoded through a table, four characters at a time
    /// where no byte is special (its bodies are one line), instead of a `switch` per byte and an append per output
    /// byte, which was 5% of a cold render's instructions.
    private static func decode(_ source: UnsafeBufferPointer<UInt8>, table: [UInt8]) -> [UInt8]? {
        table.withUnsafeBufferPointer { table in
            var failed = false
            let output = [UInt8](unsafeUninitializedCapacity: source.count / 4 * 3 + 3) { output, count in
                var written = 0
                var index = 0
                var accumulator: UInt32 = 0
                var bits = 0
                var paddingSeen = 0
                // Whole quads of plain sextets while no sextet is pending.
                while index + 4 <= source.count {
                    let a = table[Int(source[index])]
                    let b = table[Int(source[index + 1])]
                    let c = table[Int(source[index + 2])]
                    let d = table[Int(source[index + 3])]
                    guard a | b | c | d < 64 else { break }
                    let quad = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    output[written] = UInt8(truncatingIfNeeded: quad >> 16)
                    output[written + 1] = UInt8(truncatingIfNeeded: quad >> 8)
                    output[written + 2] = UInt8(truncatingIfNeeded: quad)
                    written += 3
                    index += 4
                }
                // The rest one byte at a time: line breaks, padding, the last partial quad.
                while index < source.count {
                    let value = table[Int(source[index])]
                    index += 1
                    if value == skipped { continue }
                    if value == padding {
                        paddingSeen += 1
                        continue
                    }
                    // Data after padding is not Base64.
                    guard paddingSeen == 0, value < 64 else {
                        failed = true
                        break
                    }
                    accumulator = accumulator << 6 | UInt32(value)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        output[written] = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                        written += 1
                    }
                }
                // A single leftover sextet cannot encode a byte; more than two padding characters never occur.
                if bits >= 6 || paddingSeen > 2 { failed = true }
                count = written
            }
            return failed ? nil : output
        }
    }

    private static func sextet(_ byte: UInt8, url: Bool) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+") where !url: return 62
        case UInt8(ascii: "/") where !url: return 63
        case UInt8(ascii: "-") where url: return 62
        case UInt8(ascii: "_") where url: return 63
        default: return nil
        }
    }
}
