/// A strict, bounded RFC 8259 parser over UTF-8 bytes.
///
/// Hand-written because every request body, variable set and ServiceNow answer passes through it: it must be fast,
/// keep object order, tell integers from doubles, and refuse hostile input (deep nesting, huge texts, invalid
/// UTF-8, lone surrogates) with an error rather than a crash. Recursion depth is bounded by `maxDepth`, so the
/// stack is too.
public struct JSONParser: Sendable {
    /// Limits that bound the work a single text can cause.
    public struct Limits: Sendable, Hashable {
        /// Arrays and objects nested deeper than this are refused.
        public var maxDepth: Int
        /// Texts longer than this many bytes are refused.
        public var maxBytes: Int

        public init(maxDepth: Int = 256, maxBytes: Int = 64 << 20) {
            self.maxDepth = maxDepth
            self.maxBytes = maxBytes
        }

        /// The defaults: 256 levels, 64 MiB.
        public static let `default` = Limits()
    }

    /// The limits this parser enforces.
    public var limits: Limits

    public init(limits: Limits = .default) {
        self.limits = limits
    }

    /// Parses one JSON text.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError>? = bytes.withContiguousStorageIfAvailable { buffer in
            parseResult(buffer)
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { parseResult($0) }.get()
    }

    /// Parses one JSON text.
    public func parse(_ text: String) throws(JSONError) -> JSONValue {
        var text = text
        return try text.withUTF8 { parseResult($0) }.get()
    }

    private func parseResult(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONError> {
        guard buffer.count <= limits.maxBytes else {
            return .failure(
                JSONError(
                    code: .tooLarge,
                    offset: limits.maxBytes,
                    message: "JSON text is larger than \(limits.maxBytes) bytes"
                )
            )
        }
        var reader = Reader(bytes: buffer, maxDepth: limits.maxDepth)
        do throws(JSONError) {
            reader.skipWhitespace()
            let value = try reader.parseValue(depth: 0)
            reader.skipWhitespace()
            if reader.position != buffer.count {
                throw reader.error(.trailingCharacters, "Unexpected data after the JSON value")
            }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }
}

extension JSONValue {
    /// Parses a JSON text with the default limits.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        try JSONParser().parse(bytes)
    }

    /// Parses a JSON text with the default limits.
    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        try JSONParser().parse(text)
    }
}

/// The cursor over one text. A struct with unsafe pointers: it lives only inside `parseResult`'s buffer scope.
private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0
    /// The members of the objects being parsed, innermost last: an object's members are gathered here and copied
    /// once into arrays of the exact size (appending to the object's own arrays regrew them five times for a
    /// record of twenty fields), with a cheap fingerprint per key so a repeated key is found by comparing integers.
    var memberKeys: [String] = []
    var memberValues: [JSONValue] = []
    var memberFingerprints: [UInt64] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    func error(_ code: JSONError.Code, _ message: String) -> JSONError {
        JSONError(code: code, offset: position, message: message)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard position < bytes.count else { throw error(.unexpectedEnd, "Unexpected end of JSON text") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw error(.unexpectedCharacter, "Unexpected character \(describe(bytes[position]))")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error(.unexpectedEnd, "Unexpected end of JSON text") }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[position + offset] != start[offset] {
            throw error(.unexpectedCharacter, "Invalid literal, expected \(literal)")
        }
        position += count
    }

    mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maxDepth else { throw error(.tooDeep, "JSON nested deeper than \(maxDepth) levels") }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(JSONObject())
        }
        let base = memberKeys.count
        var index: [String: Int]?
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw error(.unexpectedEnd, "Unexpected end of JSON text") }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw error(.unexpectedCharacter, "Expected a string key, found \(describe(bytes[position]))")
            }
            var key = try parseString()
            // Past the threshold the dictionary finds repeats and the fingerprints are no longer read.
            let fingerprint = index == nil ? key.withUTF8(Self.fingerprint) : 0
            skipWhitespace()
            guard position < bytes.count else { throw error(.unexpectedEnd, "Unexpected end of JSON text") }
            guard bytes[position] == UInt8(ascii: ":") else {
                throw error(.unexpectedCharacter, "Expected ':', found \(describe(bytes[position]))")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            // A repeated key keeps its first position and takes the last value, as JSON.parse does. Past
            // `JSONObject.indexThreshold` members a dictionary finds it, so a hostile object of a million keys costs
            // a million lookups, not half a trillion comparisons.
            var repeated: Int?
            if index != nil {
                repeated = index?[key].map { base + $0 }
            } else {
                for member in base..<memberKeys.count
                where memberFingerprints[member] == fingerprint && memberKeys[member] == key {
                    repeated = member
                    break
                }
            }
            if let repeated {
                memberValues[repeated] = value
            } else {
                if index != nil {
                    index?[key] = memberKeys.count - base
                } else if memberKeys.count - base == JSONObject.indexThreshold {
                    var built = [String: Int](minimumCapacity: JSONObject.indexThreshold * 4)
                    for member in base..<memberKeys.count { built[memberKeys[member]] = member - base }
                    built[key] = memberKeys.count - base
                    index = built
                }
                memberKeys.append(key)
                memberValues.append(value)
                memberFingerprints.append(fingerprint)
            }
            skipWhitespace()
            guard position < bytes.count else { throw error(.unexpectedEnd, "Unexpected end of JSON text") }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                let object = JSONObject(
                    uniqueKeys: Array(memberKeys[base...]),
                    values: Array(memberValues[base...]),
                    index: index
                )
                memberKeys.removeSubrange(base...)
                memberValues.removeSubrange(base...)
                memberFingerprints.removeSubrange(base...)
                return .object(object)
            default: throw error(.unexpectedCharacter, "Expected ',' or '}', found \(describe(bytes[position]))")
            }
        }
    }

    /// FNV-1a of a key's UTF-8: equal keys have equal fingerprints, so a repeated key is looked for by comparing
    /// integers, and strings only where the fingerprints match.
    static func fingerprint(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maxDepth else { throw error(.tooDeep, "JSON nested deeper than \(maxDepth) levels") }
        position += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(array)
        }
        while true {
            skipWhitespace()
            array.append(try parseValue(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw error(.unexpectedEnd, "Unexpected end of JSON text") }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(array)
            default: throw error(.unexpectedCharacter, "Expected ',' or ']', found \(describe(bytes[position]))")
            }
        }
    }

    mutating func parseString() throws(JSONError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes — validate the UTF-8 slice once and make the String from it directly. Most strings
        // of a ServiceNow answer are ASCII: those need no validation at all (`String(validating:)` is generic and
        // costs a metadata lookup per call, which showed in the render profile).
        var nonASCII = false
        position = StringScan.plainPrefixEnd(bytes, from: position, nonASCII: &nonASCII)
        var asciiBits: UInt8 = nonASCII ? 0x80 : 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                if asciiBits < 0x80 {
                    position += 1
                    return String(decoding: slice, as: UTF8.self)
                }
                guard let string = String(validating: slice, as: UTF8.self) else {
                    position = start
                    throw error(.invalidString, "Invalid UTF-8 in string")
                }
                position += 1
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error(.invalidString, "Unescaped control character in string") }
            asciiBits |= byte
            position += 1
        }
        guard position < bytes.count else { throw error(.unexpectedEnd, "Unterminated string") }
        var scratch: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                guard let string = String(validating: scratch, as: UTF8.self) else {
                    throw error(.invalidString, "Invalid UTF-8 in string")
                }
                return string
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { throw error(.unexpectedEnd, "Unterminated string") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scratch.append(0x22)
                case UInt8(ascii: "\\"): scratch.append(0x5C)
                case UInt8(ascii: "/"): scratch.append(0x2F)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"): appendScalar(try parseUnicodeEscape(), to: &scratch)
                default:
                    position -= 1
                    throw error(.invalidString, "Invalid escape \\\(describe(escape))")
                }
            default:
                if byte < 0x20 { throw error(.invalidString, "Unescaped control character in string") }
                // The plain bytes up to the next quote, backslash or control character, copied as one run: a
                // GraphQL query sent as JSON has an escaped newline every line, so most of its bytes come here.
                var ignored = false
                var end = StringScan.plainPrefixEnd(bytes, from: position + 1, nonASCII: &ignored)
                while end < bytes.count {
                    let next = bytes[end]
                    if next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") || next < 0x20 { break }
                    end += 1
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<end]))
                position = end
            }
        }
        throw error(.unexpectedEnd, "Unterminated string")
    }

    /// Reads the hex digits after `\u`, and a following low surrogate escape when the first is a high surrogate.
    mutating func parseUnicodeEscape() throws(JSONError) -> Unicode.Scalar {
        let first = try parseHex4()
        if (0xD800...0xDBFF).contains(first) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else { throw error(.invalidString, "Unpaired surrogate in \\u escape") }
            position += 2
            let second = try parseHex4()
            guard (0xDC00...0xDFFF).contains(second) else {
                throw error(.invalidString, "Unpaired surrogate in \\u escape")
            }
            let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            guard let scalar = Unicode.Scalar(combined) else {
                throw error(.invalidString, "Invalid \\u escape")
            }
            return scalar
        }
        guard let scalar = Unicode.Scalar(first) else {
            throw error(.invalidString, "Unpaired surrogate in \\u escape")
        }
        return scalar
    }

    mutating func parseHex4() throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.count else { throw error(.unexpectedEnd, "Unterminated \\u escape") }
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error(.invalidString, "Invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    func appendScalar(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
        for unit in UTF8.encode(scalar).unsafelyUnwrapped { buffer.append(unit) }
    }

    mutating func parseNumber() throws(JSONError) -> JSONValue {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count else { throw error(.invalidNumber, "Invalid number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else if isDigit(bytes[position]) {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        } else {
            throw error(.invalidNumber, "Invalid number")
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw error(.invalidNumber, "Invalid number: expected a digit after '.'")
            }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw error(.invalidNumber, "Invalid number: expected a digit in the exponent")
            }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
        if isInteger, let value = parseInteger(slice) { return .int(value) }
        // Only ASCII digits, signs, '.' and exponents reach here, so decoding cannot fail.
        let text = String(decoding: slice, as: UTF8.self)
        guard let value = Double(text) else { throw error(.invalidNumber, "Invalid number") }
        return .double(value)
    }

    /// Parses an integer literal, or nil if it does not fit in `Int` (the caller then falls back to `Double`).
    func parseInteger(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let negative = digits[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var value = 0
        while index < digits.count {
            let digit = Int(digits[index] - UInt8(ascii: "0"))
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) =
                negative ? multiplied.subtractingReportingOverflow(digit) : multiplied.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = added
            index += 1
        }
        return value
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }
}
