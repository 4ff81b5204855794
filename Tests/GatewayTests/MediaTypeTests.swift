import JSON
import Testing

@_spi(Fuzzing) @testable import Gateway
@testable import ServiceNowSimulator

@Suite struct MediaTypeTests {
    static let negotiations: [(String?, ResponseMediaType?)] = [
        (nil, .json),
        ("", .json),
        ("*/*", .json),
        ("application/*", .json),
        ("application/json", .json),
        ("application/graphql-response+json", .graphQLResponse),
        ("application/graphql-response+json, application/json", .graphQLResponse),
        ("application/json, application/graphql-response+json", .graphQLResponse),
        ("application/graphql-response+json;q=0.9, application/json", .json),
        ("application/json;q=0.5, application/graphql-response+json", .graphQLResponse),
        ("APPLICATION/GRAPHQL-RESPONSE+JSON", .graphQLResponse),
        ("text/html, */*;q=0.1", .json),
        ("text/html", nil),
        ("application/json;q=0", nil),
        ("application/xml, text/plain", nil),
    ]

    @Test(arguments: negotiations)
    func negotiates(accept: String?, expected: ResponseMediaType?) {
        #expect(ResponseMediaType.negotiate(accept: accept) == expected)
    }

    /// The negotiation reads the header's bytes; it must choose exactly as the substring version it replaced did
    /// (kept below as the reference) on every header made of these pieces: ranges in any case, parameters with
    /// and without `q`, malformed ones, empty elements and whitespace, up to five ranges.
    @Test func negotiatesAsTheSubstringVersionDid() {
        let ranges = [
            "application/json", "APPLICATION/JSON", "application/graphql-response+json",
            "Application/GraphQL-Response+JSON", "application/*", "Application/*", "*/*", "text/html",
            "application/xml", "application/jsonx", "application", "*", "", " ", "\t",
            ";application/graphql-response+json", " ;application/json", ";;*/*",
        ]
        let parameters = [
            "q=0", "q=1", "q=0.5", "Q=0.9", "q=", "q= ", "=q=0.3", "q==0.5", " q = 0.2 ", "level=1", "q=abc",
            "q=1e-1", "q=2", "q=-1", "q=0.001", "charset=utf-8", "", "=", "q", "qq=1",
        ]
        // The simulator's SplitMix64 and its own helpers: the same headers on every run and toolchain.
        var random = SeededRandom(seed: 0x5EED)
        var checked = 0
        for _ in 0..<20_000 {
            var elements: [String] = []
            for _ in 0..<random.int(in: 1...5) {
                var element = random.pick(ranges)
                for _ in 0..<random.int(in: 0...2) {
                    let padding = random.pick(["", " ", "  ", "\t"])
                    element += padding + ";" + padding + random.pick(parameters)
                }
                if random.chance(0.5) { element = " " + element }
                elements.append(element)
            }
            let separator = random.pick([",", ", ", " ,", ",,", ", ,"])
            let header = elements.joined(separator: separator)
            #expect(
                ResponseMediaType.negotiate(accept: header) == ReferenceNegotiation.negotiate(accept: header),
                "Accept: \(header)"
            )
            checked += 1
        }
        #expect(checked == 20_000)
    }

    static let contentTypes: [(String?, Bool)] = [
        ("application/json", true),
        ("Application/JSON", true),
        ("application/json; charset=utf-8", true),
        ("application/json;charset=\"UTF-8\"", true),
        ("application/json; charset=latin1", false),
        ("application/graphql", false),
        ("text/plain", false),
        ("application/x-www-form-urlencoded", false),
        ("multipart/form-data; boundary=x", false),
        (nil, false),
    ]

    @Test(arguments: contentTypes)
    func acceptsOnlyJSONBodies(contentType: String?, accepted: Bool) {
        #expect(GraphQLHTTPDecoding.isJSONContentType(contentType) == accepted)
    }

    @Test func decodesAGetQueryString() throws {
        let request = try GraphQLHTTPDecoding.decodeQueryString(
            "query=query%20Q(%24n%3A%20Int)%20%7B%20a%20%7D&variables=%7B%22n%22%3A1%7D&operationName=Q",
            maxDepth: 8
        )
        #expect(request.query == "query Q($n: Int) { a }")
        #expect(request.variables == ["n": 1])
        #expect(request.operationName == "Q")
    }

    static let badBodies: [String] = [
        "",
        "{",
        "[]",
        "{\"query\": 1}",
        "{}",
        "{\"query\": null}",
        "{\"query\": \"{ a }\", \"variables\": []}",
        "{\"query\": \"{ a }\", \"variables\": \"{}\"}",
        "{\"query\": \"{ a }\", \"operationName\": 3}",
        "{\"query\": \"{ a }\", \"extensions\": true}",
        "{\"query\": \"{ a }\", \"variables\": [[[[[[[[[[[[]]]]]]]]]]]]}",
    ]

    @Test(arguments: badBodies)
    func refusesMalformedBodiesWith400(body: String) {
        #expect {
            try GraphQLHTTPDecoding.decodeBody(Array(body.utf8), maxDepth: 8)
        } throws: { error in
            guard let refusal = error as? GraphQLHTTPDecoding.Refusal else { return false }
            return refusal.status == 400 && refusal.error.code == .badRequest
        }
    }

    @Test func nullsAreAbsent() throws {
        let request = try GraphQLHTTPDecoding.decodeBody(
            Array(#"{"query":"{ a }","variables":null,"operationName":null,"extensions":null}"#.utf8),
            maxDepth: 8
        )
        #expect(request == GraphQLRequestParameters(query: "{ a }"))
    }
}

/// `ResponseMediaType.negotiate` as it was before it read bytes (split into lowercased substrings): the reference
/// the byte version is held to. Not the code under test on purpose.
enum ReferenceNegotiation {
    static func negotiate(accept: String?) -> ResponseMediaType? {
        guard let accept, !trim(accept).isEmpty else { return .json }
        var best: (type: ResponseMediaType, quality: Double, explicit: Bool)?
        for candidate in [ResponseMediaType.json, .graphQLResponse] {
            guard let (quality, explicit) = quality(of: candidate.rawValue, in: accept), quality > 0 else { continue }
            if let current = best {
                if quality > current.quality
                    || (quality == current.quality && explicit && candidate == .graphQLResponse)
                {
                    best = (candidate, quality, explicit)
                }
            } else {
                best = (candidate, quality, explicit)
            }
        }
        return best?.type
    }

    private static func quality(of type: String, in accept: String) -> (Double, Bool)? {
        let slash = type.firstIndex(of: "/") ?? type.endIndex
        let mainType = type[..<slash]
        var match: (specificity: Int, quality: Double)?
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";")
            guard let rangeText = parts.first.map({ trim($0).lowercased() }), !rangeText.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, trim(pair[0]).lowercased() == "q" else { continue }
                quality = Double(trim(pair[1])).map { min(max($0, 0), 1) } ?? 0
            }
            let specificity: Int
            if rangeText == type {
                specificity = 3
            } else if rangeText == mainType + "/*" {
                specificity = 2
            } else if rangeText == "*/*" {
                specificity = 1
            } else {
                continue
            }
            if match == nil || specificity > (match?.specificity ?? 0) {
                match = (specificity, quality)
            }
        }
        return match.map { ($0.quality, $0.specificity == 3) }
    }

    private static func trim(_ text: some StringProtocol) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}
