/// Percent-encoding of URL query components and path segments (RFC 3986), without Foundation.
enum PercentEncoding {
    /// `text` with every byte outside the unreserved set (`A-Z a-z 0-9 - . _ ~`) written as `%XX`.
    ///
    /// Stricter than needed on purpose: `^`, `=`, `&`, `+`, `,` and `%` in an encoded query or a search text are
    /// always escaped, so no value can end a parameter early or be read as another one.
    static func encode(_ text: String) -> String {
        var text = text
        return text.withUTF8 { source in
            String(unsafeUninitializedCapacity: encodedCount(source)) { write(source, to: $0, at: 0) }
        }
    }

    /// `name=value&…` with both sides encoded.
    ///
    /// Written straight into the result's storage: a table list's query (its `sysparm_fields` alone is hundreds of
    /// bytes) built by appending bytes one at a time and joining the pieces was 5% of a cold render's instructions.
    static func query(_ items: [(name: String, value: String)]) -> String {
        var items = items
        var length = max(items.count - 1, 0) + items.count
        for index in items.indices {
            length += items[index].name.withUTF8(encodedCount) + items[index].value.withUTF8(encodedCount)
        }
        return String(unsafeUninitializedCapacity: length) { output in
            var written = 0
            for index in items.indices {
                if index > 0 {
                    output[written] = UInt8(ascii: "&")
                    written += 1
                }
                written = items[index].name.withUTF8 { write($0, to: output, at: written) }
                output[written] = UInt8(ascii: "=")
                written += 1
                written = items[index].value.withUTF8 { write($0, to: output, at: written) }
            }
            return written
        }
    }

    /// How many bytes `source` takes encoded.
    private static func encodedCount(_ source: UnsafeBufferPointer<UInt8>) -> Int {
        var count = source.count
        for byte in source where !isUnreserved(byte) { count += 2 }
        return count
    }

    /// Writes `source` encoded into `output` from `start`, which has room for it; returns the position after it.
    private static func write(
        _ source: UnsafeBufferPointer<UInt8>,
        to output: UnsafeMutableBufferPointer<UInt8>,
        at start: Int
    )
        -> Int
    {
        var position = start
        for byte in source {
            if isUnreserved(byte) {
                output[position] = byte
                position += 1
            } else {
                output[position] = UInt8(ascii: "%")
                output[position + 1] = hexDigit(byte >> 4)
                output[position + 2] = hexDigit(byte & 15)
                position += 3
            }
        }
        return position
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
