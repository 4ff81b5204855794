/// The block string algorithms: the spec's `BlockStringValue()` (dedent) used by the lexer, and graphql-js's
/// rules for printing a string back as a block string.
public enum BlockString {
    /// The spec's `BlockStringValue()` over already-split lines (spec §2.9.4): removes the common indentation
    /// of all lines but the first, then leading and trailing blank lines.
    public static func dedentLines(_ lines: [String]) -> [String] {
        let byteLines = lines.map { Array($0.utf8) }
        let range = dedentedRange(byteLines)
        var result: [String] = []
        for index in range.lines {
            let line = byteLines[index]
            let dropped = index == 0 ? 0 : min(range.commonIndent, line.count)
            result.append(String(decoding: line[dropped...], as: UTF8.self))
        }
        return result
    }

    /// Which lines survive dedenting, and how much indentation to drop from all but the first.
    static func dedentedRange<Line: Collection<UInt8>>(_ lines: [Line]) -> (lines: Range<Int>, commonIndent: Int) {
        var commonIndent = Int.max
        var firstNonEmpty: Int?
        var lastNonEmpty = -1
        for (index, line) in lines.enumerated() {
            var indent = 0
            for byte in line {
                guard byte == 0x20 || byte == 0x09 else { break }
                indent += 1
            }
            if indent == line.count { continue }  // blank lines set no indentation
            if firstNonEmpty == nil { firstNonEmpty = index }
            lastNonEmpty = index
            if index != 0, indent < commonIndent { commonIndent = indent }
        }
        let first = firstNonEmpty ?? 0
        return (first..<max(first, lastNonEmpty + 1), commonIndent)
    }

    /// Whether `value` can be printed as a block string and read back unchanged (graphql-js
    /// `isPrintableAsBlockString`).
    public static func isPrintable(_ value: String) -> Bool {
        if value.isEmpty { return true }
        var isEmptyLine = true
        var hasIndent = false
        var hasCommonIndent = true
        var seenNonEmptyLine = false
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x0A:
                if isEmptyLine && !seenNonEmptyLine { return false }  // a leading new line would be dropped
                seenNonEmptyLine = true
                isEmptyLine = true
                hasIndent = false
            case 0x09, 0x20:
                hasIndent = hasIndent || isEmptyLine
            case 0x0D:
                return false  // CR and CR LF read back as LF
            case 0x00...0x1F:
                return false  // not printable
            default:
                hasCommonIndent = hasCommonIndent && hasIndent
                isEmptyLine = false
            }
        }
        if isEmptyLine { return false }  // trailing empty lines would be dropped
        if hasCommonIndent && seenNonEmptyLine { return false }  // common indentation would be dropped
        return true
    }

    /// `value` as a block string literal, as graphql-js's `printBlockString` writes it: on one line when that
    /// reads back the same and is short, otherwise with the content between lines of their own.
    /// `minimize` drops the optional line breaks.
    public static func print(_ value: String, minimize: Bool = false) -> String {
        let escaped = value.replacing("\"\"\"", with: "\\\"\"\"")
        let lines = splitLines(escaped)
        let isSingleLine = lines.count == 1

        // A following line that starts with whitespace (or is empty) would lose it to dedenting unless the
        // content starts on a line of its own.
        let forceLeadingNewLine =
            lines.count > 1
            && lines.dropFirst().allSatisfy { line in
                guard let first = line.unicodeScalars.first else { return true }
                return first == " " || first == "\t"
            }
        let hasTrailingTripleQuotes = escaped.hasSuffix("\\\"\"\"")
        let hasTrailingQuote = value.hasSuffix("\"") && !hasTrailingTripleQuotes
        let hasTrailingSlash = value.hasSuffix("\\")
        let forceTrailingNewLine = hasTrailingQuote || hasTrailingSlash

        let printAsMultipleLines =
            !minimize
            && (!isSingleLine || value.unicodeScalars.count > 70 || forceTrailingNewLine || forceLeadingNewLine
                || hasTrailingTripleQuotes)

        var result = ""
        let firstIsWhitespace = value.unicodeScalars.first.map { $0 == " " || $0 == "\t" } ?? false
        let skipLeadingNewLine = isSingleLine && firstIsWhitespace
        if (printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine { result += "\n" }
        result += escaped
        if printAsMultipleLines || forceTrailingNewLine { result += "\n" }
        return "\"\"\"" + result + "\"\"\""
    }

    /// Splits on CR LF, LF and CR, as `/\r\n|[\n\r]/` does.
    private static func splitLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var lineStart = text.unicodeScalars.startIndex
        var index = lineStart
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                lines.append(Substring(scalars[lineStart..<index]))
                var next = scalars.index(after: index)
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                index = next
                lineStart = next
            } else {
                index = scalars.index(after: index)
            }
        }
        lines.append(Substring(scalars[lineStart..<scalars.endIndex]))
        return lines
    }
}
