/// The media type of a `/graphql` response, chosen from the request's `Accept` header (GraphQL over HTTP, §
/// "Accept").
public enum ResponseMediaType: String, Sendable, Hashable {
    /// `application/graphql-response+json`: request errors are answered 400.
    case graphQLResponse = "application/graphql-response+json"
    /// `application/json`: every well-formed request is answered 200.
    case json = "application/json"

    /// The `Content-Type` to send.
    var contentType: String { rawValue + "; charset=utf-8" }

    /// The type to answer with, or nil when the client accepts neither (406).
    ///
    /// No header, or one that allows anything, gets `application/json` (what legacy clients expect). Otherwise the
    /// type with the higher quality wins; on a tie, `application/graphql-response+json` wins if the client named it.
    ///
    /// Read over the header's bytes, as ASCII (RFC 9110's tokens are): every `/graphql` request passes here, and
    /// splitting it into lowercased substrings cost about 45 k instructions per request (7 % of a `{ __typename }`).
    /// Lists are split as `split(separator:)` splits them, skipping empty elements, so `;application/json` is a range
    /// and ` ;application/json` is not (`MediaTypeTests` holds this to the earlier substring version on generated
    /// headers).
    static func negotiate(accept: String?) -> ResponseMediaType? {
        guard var accept else { return .json }
        return accept.withUTF8 { negotiate(header: $0) }
    }

    private static func negotiate(header: UnsafeBufferPointer<UInt8>) -> ResponseMediaType? {
        guard header.contains(where: { !isSpace($0) }) else { return .json }
        // The most specific matching range of each type (RFC 9110 §12.5.1): the first one of that specificity.
        var json: (specificity: Int, quality: Double)?
        var graphQL: (specificity: Int, quality: Double)?
        forEachElement(of: header, 0..<header.count, separatedBy: UInt8(ascii: ",")) { range in
            var pieces: [Range<Int>] = []
            forEachElement(of: header, range, separatedBy: UInt8(ascii: ";")) { pieces.append($0) }
            guard let first = pieces.first else { return }
            let text = trimmed(first, in: header)
            guard !text.isEmpty else { return }
            let jsonSpecificity = specificity(of: text, in: header, exact: Self.jsonBytes)
            let graphQLSpecificity = specificity(of: text, in: header, exact: Self.graphQLResponseBytes)
            guard jsonSpecificity > 0 || graphQLSpecificity > 0 else { return }
            var quality = 1.0
            for parameter in pieces.dropFirst() {
                if let value = qualityParameter(parameter, in: header) { quality = value }
            }
            if jsonSpecificity > (json?.specificity ?? 0) { json = (jsonSpecificity, quality) }
            if graphQLSpecificity > (graphQL?.specificity ?? 0) { graphQL = (graphQLSpecificity, quality) }
        }
        var best: (type: ResponseMediaType, quality: Double, explicit: Bool)?
        for (candidate, match) in [(ResponseMediaType.json, json), (.graphQLResponse, graphQL)] {
            guard let match, match.quality > 0 else { continue }
            let explicit = match.specificity == 3
            if let current = best {
                if match.quality > current.quality
                    || (match.quality == current.quality && explicit && candidate == .graphQLResponse)
                {
                    best = (candidate, match.quality, explicit)
                }
            } else {
                best = (candidate, match.quality, explicit)
            }
        }
        return best?.type
    }

    private static let jsonBytes = Array("application/json".utf8)
    private static let graphQLResponseBytes = Array("application/graphql-response+json".utf8)
    private static let applicationAnyBytes = Array("application/*".utf8)
    private static let anyBytes = Array("*/*".utf8)

    /// 3 when the range names the type, 2 for `application/*`, 1 for `*/*`, 0 when it does not match.
    private static func specificity(
        of text: Range<Int>,
        in header: UnsafeBufferPointer<UInt8>,
        exact type: [UInt8]
    ) -> Int {
        if equalsIgnoringASCIICase(text, in: header, type) { return 3 }
        if equalsIgnoringASCIICase(text, in: header, applicationAnyBytes) { return 2 }
        if equalsIgnoringASCIICase(text, in: header, anyBytes) { return 1 }
        return 0
    }

    /// The value of a `q=` parameter (clamped to 0...1; 0 when it is not a number), or nil for another parameter.
    /// Split at the first `=` after any leading ones, as `split(separator: "=", maxSplits: 1)` does.
    private static func qualityParameter(_ parameter: Range<Int>, in header: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = parameter.lowerBound
        while index < parameter.upperBound, header[index] == UInt8(ascii: "=") { index += 1 }
        let nameStart = index
        while index < parameter.upperBound, header[index] != UInt8(ascii: "=") { index += 1 }
        guard index + 1 < parameter.upperBound else { return nil }
        let name = trimmed(nameStart..<index, in: header)
        guard name.count == 1, header[name.lowerBound] | 0x20 == UInt8(ascii: "q") else { return nil }
        let value = trimmed(index + 1..<parameter.upperBound, in: header)
        let text = String(decoding: UnsafeBufferPointer(rebasing: header[value]), as: UTF8.self)
        return Double(text).map { min(max($0, 0), 1) } ?? 0
    }

    /// Calls `body` with each non-empty run of `range` between `separator`s.
    private static func forEachElement(
        of header: UnsafeBufferPointer<UInt8>,
        _ range: Range<Int>,
        separatedBy separator: UInt8,
        _ body: (Range<Int>) -> Void
    ) {
        var start = range.lowerBound
        for index in range where header[index] == separator {
            if index > start { body(start..<index) }
            start = index + 1
        }
        if range.upperBound > start { body(start..<range.upperBound) }
    }

    private static func trimmed(_ range: Range<Int>, in header: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(header[lower]) { lower += 1 }
        while upper > lower, isSpace(header[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    private static func equalsIgnoringASCIICase(
        _ range: Range<Int>,
        in header: UnsafeBufferPointer<UInt8>,
        _ expected: [UInt8]
    ) -> Bool {
        guard range.count == expected.count else { return false }
        for (offset, byte) in expected.enumerated() {
            let given = header[range.lowerBound + offset]
            let folded = given >= UInt8(ascii: "A") && given <= UInt8(ascii: "Z") ? given | 0x20 : given
            guard folded == byte else { return false }
        }
        return true
    }
}
