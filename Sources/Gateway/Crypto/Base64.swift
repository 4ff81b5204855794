/// Strict base64 and base64url, as JWTs (RFC 7515 §2) and the data key need them.
///
/// Decoding accepts only canonical text: characters of the one alphabet, no whitespace, padding exactly as the
/// caller allows, and zero bits where the last character has bits to spare. Anything else is `nil`, never a
/// partial result, so two different texts never decode to the same bytes and junk never slips through.
enum Base64 {
    /// Which of the two RFC 4648 alphabets.
    enum Alphabet {
        /// `+` and `/` (RFC 4648 §4).
        case standard
        /// `-` and `_` (RFC 4648 §5).
        case url
    }

    /// Whether `=` padding is written, or accepted.
    enum Padding {
        /// Written on encode; on decode the text must be padded to a multiple of 4.
        case required
        /// Never written; on decode a `=` is refused.
        case forbidden
        /// Written on encode; on decode either padded or unpadded text is accepted.
        case optional
    }

    private static let standardCharacters = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8
    )
    private static let urlCharacters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let padding = UInt8(ascii: "=")

    private static func decodingTable(_ characters: [UInt8]) -> [UInt8] {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in characters.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }

    private static let standardTable = decodingTable(standardCharacters)
    private static let urlTable = decodingTable(urlCharacters)

    /// Encodes bytes.
    static func encode(_ bytes: some Collection<UInt8>, alphabet: Alphabet, padding: Padding) -> String {
        let characters = alphabet == .standard ? standardCharacters : urlCharacters
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity((input.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= input.count {
            let value = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            output.append(characters[Int(value >> 18 & 0x3F)])
            output.append(characters[Int(value >> 12 & 0x3F)])
            output.append(characters[Int(value >> 6 & 0x3F)])
            output.append(characters[Int(value & 0x3F)])
            index += 3
        }
        let remaining = input.count - index
        if remaining > 0 {
            var value = UInt32(input[index]) << 16
            if remaining == 2 { value |= UInt32(input[index + 1]) << 8 }
            output.append(characters[Int(value >> 18 & 0x3F)])
            output.append(characters[Int(value >> 12 & 0x3F)])
            if remaining == 2 { output.append(characters[Int(value >> 6 & 0x3F)]) }
            if padding != .forbidden {
                output.append(contentsOf: repeatElement(Self.padding, count: 3 - remaining))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes canonical text, or returns `nil`.
    static func decode(_ text: some StringProtocol, alphabet: Alphabet, padding: Padding) -> [UInt8]? {
        decode(utf8: text.utf8, alphabet: alphabet, padding: padding)
    }

    /// Decodes canonical text given as UTF-8 bytes, or returns `nil`.
    static func decode(utf8 text: some Collection<UInt8>, alphabet: Alphabet, padding: Padding) -> [UInt8]? {
        let table = alphabet == .standard ? standardTable : urlTable
        var characters = Array(text)
        var padCount = 0
        while characters.last == Self.padding {
            characters.removeLast()
            padCount += 1
        }
        switch padding {
        case .forbidden:
            guard padCount == 0 else { return nil }
        case .required:
            guard (characters.count + padCount) % 4 == 0, padCount == (4 - characters.count % 4) % 4 else {
                return nil
            }
        case .optional:
            guard padCount == 0 || padCount == (4 - characters.count % 4) % 4 else { return nil }
        }
        // One leftover character carries only 6 bits: no byte can end there.
        guard characters.count % 4 != 1 else { return nil }

        var output: [UInt8] = []
        output.reserveCapacity(characters.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for character in characters {
            let value = table[Int(character)]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // The spare bits of the last character must be zero, or several texts would mean the same bytes.
        guard accumulator == 0 else { return nil }
        return output
    }
}
