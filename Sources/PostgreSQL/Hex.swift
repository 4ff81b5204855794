/// The `bytea` hex format (`\x` followed by two lower-case hex digits per byte), both ways.
///
/// The server sends `bytea` in hex format by default (`bytea_output = hex`, since PostgreSQL 9.0) and accepts it
/// as input; the connection sets `bytea_output` explicitly so a server configured otherwise cannot change it.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `\x` followed by the bytes in hex.
    static func byteaLiteral(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        output.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of a `bytea` in hex format, or `nil` if the text is not one.
    static func decodeBytea(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x"), text.count % 2 == 0
        else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity((text.count - 2) / 2)
        var index = 2
        while index < text.count {
            guard let high = value(of: text[index]), let low = value(of: text[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
