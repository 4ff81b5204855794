/// Reads the tokens of a ``Source`` one at a time (spec §2.1), skipping ignored tokens (whitespace, line
/// terminators, commas, the byte order mark and comments).
///
/// ``Parser`` drives its own instance of the same scanner over borrowed bytes; this public wrapper is for tools
/// and tests. Error messages and locations follow graphql-js's lexer (`Syntax Error: Unterminated string.` …).
public struct Lexer: Sendable {
    /// The source being read.
    public let source: Source

    /// The token most recently returned by ``advance()`` (the start-of-file token initially).
    public private(set) var token: Token

    private var position = 0

    /// Creates a lexer positioned before the first token.
    public init(source: Source) {
        self.source = source
        self.token = Token(kind: .startOfFile, start: 0, end: 0)
    }

    /// Reads the next token, skipping comments; at the end it returns `<EOF>` tokens.
    public mutating func advance() throws(GraphQLError) -> Token {
        token = try read(includingComments: false)
        return token
    }

    /// Reads the next token, returning comments as ``TokenKind/comment`` tokens instead of skipping them.
    public mutating func advanceIncludingComments() throws(GraphQLError) -> Token {
        token = try read(includingComments: true)
        return token
    }

    /// The token after the current one, without consuming it.
    public func lookahead() throws(GraphQLError) -> Token {
        var copy = self
        return try copy.advance()
    }

    private mutating func read(includingComments: Bool) throws(GraphQLError) -> Token {
        let start = position
        let source = self.source
        let result = source.withUTF8 { bytes -> Result<(Token, Int), GraphQLError> in
            var scanner = Scanner(bytes: bytes, source: source, position: start)
            do throws(SyntaxFailure) {
                let token = try scanner.next(includingComments: includingComments)
                return .success((token, scanner.position))
            } catch {
                return .failure(GraphQLError.syntax(error.message, source: source, offset: error.offset))
            }
        }
        switch result {
        case .success(let (token, end)):
            position = end
            return token
        case .failure(let error):
            throw error
        }
    }
}

/// The scanner behind ``Lexer`` and ``Parser``: it reads tokens from UTF-8 bytes borrowed from a ``Source``.
///
/// The bytes come from a Swift `String`, so they are valid UTF-8 (which is why a lone surrogate, an error in
/// graphql-js, cannot occur here). Everything outside string literals is ASCII in a valid document, so the
/// scanner dispatches on single bytes and only decodes a scalar to name an unexpected character.
struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: Source
    /// The offset of the next byte to read.
    var position: Int

    init(bytes: UnsafeBufferPointer<UInt8>, source: Source, position: Int = 0) {
        self.bytes = bytes
        self.source = source
        self.position = position
    }

    /// The byte at `offset`, or -1 past the end (so comparisons with ASCII codes need no bounds checks).
    @inline(__always)
    func byte(_ offset: Int) -> Int {
        offset < bytes.count ? Int(bytes[offset]) : -1
    }

    /// Reads the next token; the `<EOF>` token once the input is exhausted.
    mutating func next(includingComments: Bool = false) throws(SyntaxFailure) -> Token {
        let count = bytes.count
        while position < count {
            let code = bytes[position]
            switch code {
            case 0x09, 0x20, 0x2C, 0x0A, 0x0D:  // tab, space, comma, LF, CR
                position += 1
                continue
            case 0xEF where byte(position + 1) == 0xBB && byte(position + 2) == 0xBF:  // U+FEFF, the BOM
                position += 3
                continue
            case 0x23:  // #
                let token = readComment()
                if includingComments { return token }
                continue
            case 0x21: return punctuator(.bang)
            case 0x24: return punctuator(.dollar)
            case 0x26: return punctuator(.ampersand)
            case 0x28: return punctuator(.parenLeft)
            case 0x29: return punctuator(.parenRight)
            case 0x2E:  // .
                if byte(position + 1) == 0x2E && byte(position + 2) == 0x2E {
                    let start = position
                    position += 3
                    return Token(kind: .spread, start: start, end: position)
                }
            case 0x3A: return punctuator(.colon)
            case 0x3D: return punctuator(.equals)
            case 0x40: return punctuator(.at)
            case 0x5B: return punctuator(.bracketLeft)
            case 0x5D: return punctuator(.bracketRight)
            case 0x7B: return punctuator(.braceLeft)
            case 0x7C: return punctuator(.pipe)
            case 0x7D: return punctuator(.braceRight)
            case 0x22:  // "
                if byte(position + 1) == 0x22 && byte(position + 2) == 0x22 {
                    return try readBlockString()
                }
                return try readString()
            case 0x2D, 0x30...0x39:  // - and digits
                return try readNumber()
            case 0x41...0x5A, 0x61...0x7A, 0x5F:  // letters and _
                return readName()
            default:
                break
            }
            if code == 0x27 {
                throw error(
                    "Unexpected single quote character ('), did you mean to use a double quote (\")?",
                    at: position
                )
            }
            throw error("Unexpected character: \(describeCharacter(at: position)).", at: position)
        }
        return Token(kind: .endOfFile, start: count, end: count)
    }

    @inline(__always)
    private mutating func punctuator(_ kind: TokenKind) -> Token {
        let start = position
        position += 1
        return Token(kind: kind, start: start, end: position)
    }

    private func error(_ message: String, at offset: Int) -> SyntaxFailure {
        SyntaxFailure(message: message, offset: offset)
    }

    /// The character at `offset` as graphql-js's `printCodePointAt` names it: `"x"` for printable ASCII,
    /// `'"'` for a double quote, `U+XXXX` otherwise, and `<EOF>` past the end.
    func describeCharacter(at offset: Int) -> String {
        guard offset < bytes.count else { return TokenKind.endOfFile.rawValue }
        let scalar = decodeScalar(at: offset).scalar
        if scalar >= 0x20 && scalar <= 0x7E {
            let character = String(UnicodeScalar(UInt8(scalar)))
            return character == "\"" ? "'\"'" : "\"\(character)\""
        }
        var hex = String(scalar, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return "U+" + hex
    }

    /// Decodes the UTF-8 scalar starting at `offset` (the input is valid UTF-8).
    func decodeScalar(at offset: Int) -> (scalar: UInt32, length: Int) {
        let lead = UInt32(bytes[offset])
        if lead < 0x80 { return (lead, 1) }
        func continuation(_ index: Int) -> UInt32 {
            offset + index < bytes.count ? UInt32(bytes[offset + index]) & 0x3F : 0
        }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | continuation(1), 2) }
        if lead < 0xF0 { return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3) }
        return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    // MARK: Comments and names

    private mutating func readComment() -> Token {
        let start = position
        position += 1
        while position < bytes.count {
            let code = bytes[position]
            if code == 0x0A || code == 0x0D { break }
            position += 1
        }
        return Token(kind: .comment, start: start, end: position, value: text(start + 1, position))
    }

    private mutating func readName() -> Token {
        let start = position
        position += 1
        while position < bytes.count {
            switch bytes[position] {
            case 0x41...0x5A, 0x61...0x7A, 0x5F, 0x30...0x39: position += 1
            default: return Token(kind: .name, start: start, end: position, value: text(start, position))
            }
        }
        return Token(kind: .name, start: start, end: position, value: text(start, position))
    }

    // MARK: Numbers

    @inline(__always)
    private static func isDigit(_ code: Int) -> Bool { code >= 0x30 && code <= 0x39 }

    @inline(__always)
    private static func isNameStart(_ code: Int) -> Bool {
        (code >= 0x41 && code <= 0x5A) || (code >= 0x61 && code <= 0x7A) || code == 0x5F
    }

    /// IntValue and FloatValue (spec §2.9.1, §2.9.2), including the lookahead restrictions: a number may not be
    /// followed by a digit after a leading zero, by `.`, or by a name start.
    private mutating func readNumber() throws(SyntaxFailure) -> Token {
        let start = position
        var code = byte(position)
        var isFloat = false

        if code == 0x2D {  // -
            position += 1
            code = byte(position)
        }
        if code == 0x30 {  // 0
            position += 1
            code = byte(position)
            if Scanner.isDigit(code) {
                throw error(
                    "Invalid number, unexpected digit after 0: \(describeCharacter(at: position)).",
                    at: position
                )
            }
        } else {
            try readDigits(code)
            code = byte(position)
        }
        if code == 0x2E {  // .
            isFloat = true
            position += 1
            try readDigits(byte(position))
            code = byte(position)
        }
        if code == 0x45 || code == 0x65 {  // E e
            isFloat = true
            position += 1
            code = byte(position)
            if code == 0x2B || code == 0x2D {  // + -
                position += 1
                code = byte(position)
            }
            try readDigits(code)
            code = byte(position)
        }
        if code == 0x2E || Scanner.isNameStart(code) {
            throw error(
                "Invalid number, expected digit but got: \(describeCharacter(at: position)).",
                at: position
            )
        }
        return Token(kind: isFloat ? .float : .int, start: start, end: position, value: text(start, position))
    }

    private mutating func readDigits(_ first: Int) throws(SyntaxFailure) {
        guard Scanner.isDigit(first) else {
            throw error(
                "Invalid number, expected digit but got: \(describeCharacter(at: position)).",
                at: position
            )
        }
        position += 1
        while Scanner.isDigit(byte(position)) { position += 1 }
    }

    // MARK: Strings

    /// A string literal (spec §2.9.4) with all escapes: `\"` `\\` `\/` `\b` `\f` `\n` `\r` `\t`, `\uXXXX`
    /// (a surrogate pair only as two escapes that form a valid pair) and `\u{X…}` (any scalar value).
    private mutating func readString() throws(SyntaxFailure) -> Token {
        let start = position
        position += 1
        var chunkStart = position
        var value: [UInt8] = []
        var hasEscapes = false

        while position < bytes.count {
            let code = bytes[position]
            if code == 0x22 {  // closing quote
                let string: String
                if hasEscapes {
                    value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart..<position]))
                    string = String(decoding: value, as: UTF8.self)
                } else {
                    string = text(chunkStart, position)
                }
                position += 1
                return Token(kind: .string, start: start, end: position, value: string)
            }
            if code == 0x5C {  // backslash
                if !hasEscapes {
                    hasEscapes = true
                    value.reserveCapacity(position - start + 16)
                }
                value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart..<position]))
                let scalar: UInt32
                let size: Int
                if byte(position + 1) == 0x75 {  // u
                    (scalar, size) =
                        byte(position + 2) == 0x7B
                        ? try readVariableWidthUnicodeEscape() : try readFixedWidthUnicodeEscape()
                } else {
                    (scalar, size) = try readEscapedCharacter()
                }
                appendUTF8(scalar, to: &value)
                position += size
                chunkStart = position
                continue
            }
            if code == 0x0A || code == 0x0D { break }
            position += 1
        }
        throw error("Unterminated string.", at: position)
    }

    private func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    @inline(__always)
    private static func hexValue(_ code: Int) -> Int {
        switch code {
        case 0x30...0x39: code - 0x30
        case 0x41...0x46: code - 0x37
        case 0x61...0x66: code - 0x57
        default: -1
        }
    }

    @inline(__always)
    private static func isScalarValue(_ code: Int) -> Bool {
        (code >= 0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0x10FFFF)
    }

    /// `\u{…}`: one to eight hex digits (`\u{00000000}` at most) naming a Unicode scalar value.
    private func readVariableWidthUnicodeEscape() throws(SyntaxFailure) -> (UInt32, Int) {
        var point = 0
        var size = 3
        while size < 12 {
            let code = byte(position + size)
            size += 1
            if code == 0x7D {  // }
                if size < 5 || !Scanner.isScalarValue(point) { break }
                return (UInt32(point), size)
            }
            let digit = Scanner.hexValue(code)
            if digit < 0 { break }
            point = point << 4 | digit
        }
        throw error(
            "Invalid Unicode escape sequence: \"\(text(position, min(position + size, bytes.count)))\".",
            at: position
        )
    }

    /// `\uXXXX`, or a pair `\uD83D\uDE00` that forms one supplementary scalar.
    private func readFixedWidthUnicodeEscape() throws(SyntaxFailure) -> (UInt32, Int) {
        let code = read16BitHex(at: position + 2)
        if Scanner.isScalarValue(code) { return (UInt32(code), 6) }
        if code >= 0xD800 && code <= 0xDBFF, byte(position + 6) == 0x5C, byte(position + 7) == 0x75 {
            let trailing = read16BitHex(at: position + 8)
            if trailing >= 0xDC00 && trailing <= 0xDFFF {
                return (UInt32(0x10000 + ((code - 0xD800) << 10) + (trailing - 0xDC00)), 12)
            }
        }
        throw error(
            "Invalid Unicode escape sequence: \"\(text(position, min(position + 6, bytes.count)))\".",
            at: position
        )
    }

    /// Four hex digits at `offset` as a number, or a negative number if any is not a hex digit.
    private func read16BitHex(at offset: Int) -> Int {
        let a = Scanner.hexValue(byte(offset))
        let b = Scanner.hexValue(byte(offset + 1))
        let c = Scanner.hexValue(byte(offset + 2))
        let d = Scanner.hexValue(byte(offset + 3))
        if a < 0 || b < 0 || c < 0 || d < 0 { return -1 }
        return a << 12 | b << 8 | c << 4 | d
    }

    private func readEscapedCharacter() throws(SyntaxFailure) -> (UInt32, Int) {
        switch byte(position + 1) {
        case 0x22: return (0x22, 2)  // \"
        case 0x5C: return (0x5C, 2)  // \\
        case 0x2F: return (0x2F, 2)  // \/
        case 0x62: return (0x08, 2)  // \b
        case 0x66: return (0x0C, 2)  // \f
        case 0x6E: return (0x0A, 2)  // \n
        case 0x72: return (0x0D, 2)  // \r
        case 0x74: return (0x09, 2)  // \t
        default:
            // The escape shown is the backslash and the whole next character.
            var end = min(position + 2, bytes.count)
            if position + 1 < bytes.count { end = position + 1 + decodeScalar(at: position + 1).length }
            throw error("Invalid character escape sequence: \"\(text(position, end))\".", at: position)
        }
    }

    /// A block string (spec §2.9.4): raw content up to `"""`, with `\"""` standing for `"""`, line terminators
    /// normalized to LF and the common indentation removed by `BlockStringValue()`.
    private mutating func readBlockString() throws(SyntaxFailure) -> Token {
        let start = position
        position += 3
        var chunkStart = position
        // The raw content with escapes resolved, and where each line of it starts and ends.
        var content: [UInt8] = []
        var lines: [Range<Int>] = []
        var lineStart = 0

        while position < bytes.count {
            let code = bytes[position]
            if code == 0x22 && byte(position + 1) == 0x22 && byte(position + 2) == 0x22 {
                content.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart..<position]))
                lines.append(lineStart..<content.count)
                position += 3
                return Token(kind: .blockString, start: start, end: position, value: dedent(content, lines))
            }
            if code == 0x5C && byte(position + 1) == 0x22 && byte(position + 2) == 0x22 && byte(position + 3) == 0x22 {
                content.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart..<position]))
                chunkStart = position + 1  // drop only the backslash
                position += 4
                continue
            }
            if code == 0x0A || code == 0x0D {
                content.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart..<position]))
                lines.append(lineStart..<content.count)
                position += code == 0x0D && byte(position + 1) == 0x0A ? 2 : 1
                chunkStart = position
                lineStart = content.count
                continue
            }
            position += 1
        }
        throw error("Unterminated string.", at: position)
    }

    private func dedent(_ content: [UInt8], _ lines: [Range<Int>]) -> String {
        let slices = lines.map { content[$0] }
        let kept = BlockString.dedentedRange(slices)
        var output: [UInt8] = []
        output.reserveCapacity(content.count)
        for index in kept.lines {
            if index != kept.lines.lowerBound { output.append(0x0A) }
            let line = slices[index]
            let dropped = index == 0 ? 0 : min(kept.commonIndent, line.count)
            output.append(contentsOf: line.dropFirst(dropped))
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// A syntax error inside the lexer and parser: a message and a byte offset, turned into a ``GraphQLError``
/// (with line and column) once, at the API boundary. Kept small on purpose: every throwing call of the
/// recursive-descent parser reserves room for its error on the stack.
struct SyntaxFailure: Error {
    var message: String
    var offset: Int
}
