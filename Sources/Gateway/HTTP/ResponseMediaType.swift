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
    static func negotiate(accept: String?) -> ResponseMediaType? {
        guard let accept, !accept.trimmingASCIISpaces().isEmpty else { return .json }
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

    /// The quality the header gives `type`, from its most specific matching range (RFC 9110 §12.5.1), and whether
    /// that range named the type exactly; nil when no range matches.
    private static func quality(of type: String, in accept: String) -> (Double, Bool)? {
        let slash = type.firstIndex(of: "/") ?? type.endIndex
        let mainType = type[..<slash]
        var match: (specificity: Int, quality: Double)?
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";")
            guard let rangeText = parts.first?.trimmingASCIISpaces().lowercased(), !rangeText.isEmpty else {
                continue
            }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingASCIISpaces().lowercased() == "q" else { continue }
                quality = Double(pair[1].trimmingASCIISpaces()).map { min(max($0, 0), 1) } ?? 0
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
}
