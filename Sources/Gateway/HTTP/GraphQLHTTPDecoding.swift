import JSON

/// Turns the two request forms of GraphQL over HTTP into a ``GraphQLRequestParameters``, or the 4xx that refuses them.
///
/// `@_spi(Fuzzing)`: the two decoders are reachable from the Fuzz package's release build (where `@testable` is not),
/// and from nothing else.
@_spi(Fuzzing) public enum GraphQLHTTPDecoding {
    /// A refusal before GraphQL sees the request: the status and the GraphQL-shaped error.
    public struct Refusal: Error, Sendable {
        var status: Int
        var error: GatewayError
        var headers: [(String, String)] = []
    }

    /// Whether a POST's `Content-Type` is JSON the gateway reads: `application/json`, with no charset or UTF-8.
    static func isJSONContentType(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let parts = contentType.split(separator: ";")
        guard let type = parts.first?.trimmingASCIISpaces().lowercased(), type == "application/json" else {
            return false
        }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            if pair[0].trimmingASCIISpaces().lowercased() == "charset" {
                var value = pair[1].trimmingASCIISpaces().lowercased()
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                }
                guard value == "utf-8" || value == "utf8" else { return false }
            }
        }
        return true
    }

    /// The request in a POST body: a JSON object with a string `query`, and optional `variables` (object),
    /// `operationName` (string) and `extensions` (object), each of which may be null.
    public static func decodeBody(_ body: [UInt8], maxDepth: Int) throws(Refusal) -> GraphQLRequestParameters {
        let value: JSONValue
        do {
            value = try JSONParser(limits: JSONParser.Limits(maxDepth: maxDepth, maxBytes: body.count + 1)).parse(body)
        } catch {
            throw badRequest("The request body is not valid JSON: \(error.message) (at byte \(error.offset)).")
        }
        guard let object = value.objectValue else {
            throw badRequest("The request body must be a JSON object with a \"query\".")
        }
        return try request(
            query: object["query"],
            variables: object["variables"],
            operationName: object["operationName"],
            extensions: object["extensions"]
        )
    }

    /// The request in a GET query string: `query`, and `variables` and `extensions` as JSON text.
    public static func decodeQueryString(
        _ queryString: Substring,
        maxDepth: Int
    ) throws(Refusal) -> GraphQLRequestParameters {
        guard let pairs = FormEncoding.decode(queryString) else {
            throw badRequest("The query string is not valid percent-encoded UTF-8.")
        }
        var values: [String: String] = [:]
        for (name, value) in pairs {
            guard values[name] == nil else { throw badRequest("The parameter \"\(printable(name))\" is repeated.") }
            values[name] = value
        }
        func json(_ name: String) throws(Refusal) -> JSONValue? {
            guard let text = values[name], !text.isEmpty else { return nil }
            do {
                return try JSONParser(limits: JSONParser.Limits(maxDepth: maxDepth, maxBytes: text.utf8.count + 1))
                    .parse(text)
            } catch {
                throw badRequest("The \"\(name)\" parameter is not valid JSON: \(error.message).")
            }
        }
        return try request(
            query: values["query"].map(JSONValue.string),
            variables: try json("variables"),
            operationName: values["operationName"].flatMap { $0.isEmpty ? nil : .string($0) },
            extensions: try json("extensions")
        )
    }

    private static func request(
        query: JSONValue?,
        variables: JSONValue?,
        operationName: JSONValue?,
        extensions: JSONValue?
    ) throws(Refusal) -> GraphQLRequestParameters {
        guard let query, !query.isNull else { throw badRequest("The request has no \"query\".") }
        guard let queryText = query.stringValue else { throw badRequest("\"query\" must be a string.") }
        var request = GraphQLRequestParameters(query: queryText)
        switch variables {
        case nil, .null?: break
        case .object(let object)?: request.variables = object
        default: throw badRequest("\"variables\" must be an object.")
        }
        switch operationName {
        case nil, .null?: break
        case .string(let name)?: request.operationName = name
        default: throw badRequest("\"operationName\" must be a string.")
        }
        switch extensions {
        case nil, .null?: break
        case .object(let object)?: request.extensions = object
        default: throw badRequest("\"extensions\" must be an object.")
        }
        return request
    }

    static func badRequest(_ message: String) -> Refusal {
        Refusal(status: 400, error: GatewayError(.badRequest, message))
    }

    /// A parameter name for an error message: at most 32 visible ASCII characters.
    private static func printable(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F }.prefix(32).map(Character.init))
    }
}
