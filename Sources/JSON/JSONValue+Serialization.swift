extension JSONValue {
    /// Compact JSON as UTF-8 bytes: what goes on the wire.
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        serialize(into: &output)
        return output
    }

    /// Compact JSON text.
    public func serializedString() -> String {
        String(decoding: serialized(), as: UTF8.self)
    }

    /// Appends compact JSON to `output`, so that large responses are written into one growing buffer.
    public func serialize(into output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): JSONValue.appendInteger(value, to: &output)
        case .double(let value): JSONValue.appendDouble(value, to: &output)
        case .string(let value): JSONValue.appendString(value, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                element.serialize(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for position in object.indices {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.appendString(object.keys[position], to: &output)
                output.append(UInt8(ascii: ":"))
                object.values[position].serialize(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Indented JSON text with sorted keys, for people and for stable test fixtures.
    public func prettyString(indent: String = "  ") -> String {
        var output = ""
        writePretty(into: &output, level: 0, indent: indent)
        return output
    }

    private func writePretty(into output: inout String, level: Int, indent: String) {
        let padding = String(repeating: indent, count: level + 1)
        let closing = String(repeating: indent, count: level)
        switch self {
        case .array(let elements) where !elements.isEmpty:
            output += "[\n"
            for (position, element) in elements.enumerated() {
                output += padding
                element.writePretty(into: &output, level: level + 1, indent: indent)
                output += position == elements.count - 1 ? "\n" : ",\n"
            }
            output += closing + "]"
        case .object(let object) where !object.isEmpty:
            output += "{\n"
            let order = object.indices.sorted { object.keys[$0] < object.keys[$1] }
            for (rank, position) in order.enumerated() {
                output += padding + JSONValue.string(object.keys[position]).serializedString() + ": "
                object.values[position].writePretty(into: &output, level: level + 1, indent: indent)
                output += rank == order.count - 1 ? "\n" : ",\n"
            }
            output += closing + "}"
        default:
            output += serializedString()
        }
    }

    static func appendInteger(_ value: Int, to output: inout [UInt8]) {
        if value == 0 {
            output.append(UInt8(ascii: "0"))
            return
        }
        // Digits are produced backwards into a fixed buffer: no String allocation per number.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var magnitude = value.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            if value < 0 { output.append(UInt8(ascii: "-")) }
            for offset in stride(from: count - 1, through: 0, by: -1) { output.append(buffer[offset]) }
        }
    }

    static func appendDouble(_ value: Double, to output: inout [UInt8]) {
        // JSON has no NaN or infinities; JavaScript's JSON.stringify writes null for them, and so do we.
        guard value.isFinite else {
            output.append(contentsOf: "null".utf8)
            return
        }
        if value == value.rounded(.towardZero), abs(value) < 1e15 {
            // Integral values print without ".0", as JavaScript prints them.
            appendInteger(Int(value), to: &output)
            return
        }
        output.append(contentsOf: value.description.utf8)
    }

    static func appendString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            var position = 0
            var nonASCII = false
            while position < bytes.count {
                position = StringScan.plainPrefixEnd(bytes, from: position, nonASCII: &nonASCII)
                guard position < bytes.count else { break }
                let byte = bytes[position]
                position += 1
                let escape: StaticString?
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0..<0x20: escape = nil
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position - 1]))
                if let escape {
                    output.append(
                        contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount)
                    )
                } else {
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: "\\u00".utf8)
                    output.append(hex[Int(byte >> 4)])
                    output.append(hex[Int(byte & 0xF)])
                }
                runStart = position
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
