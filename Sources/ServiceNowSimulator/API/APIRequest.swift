/// A request as the simulator's handlers see it, independent of the HTTP server: the same type carries real
/// HTTP requests and the items of a Batch API call.
struct APIRequest: Sendable {
    var method: String
    /// The percent-decoded path, without the query string.
    var path: String
    /// The raw query string (without `?`), as sent.
    var rawQuery: String
    /// The decoded query parameters, in order.
    var query: [(name: String, value: String)]
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method.uppercased()
        let pathPart: Substring
        if let question = target.firstIndex(of: "?") {
            pathPart = target[..<question]
            rawQuery = String(target[target.index(after: question)...])
        } else {
            pathPart = Substring(target)
            rawQuery = ""
        }
        path = URLEncoding.decode(pathPart, plusAsSpace: false)
        query = URLEncoding.parseForm(rawQuery)
        self.headers = headers
        self.body = body
        // The instance honours X-HTTP-Method-Override (RESTAPI.md), e.g. for clients that cannot send PATCH.
        if let override = header("X-HTTP-Method-Override"), !override.isEmpty {
            self.method = override.uppercased()
        }
    }

    /// The first header named `name` (case-insensitive).
    func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The first query parameter named `name`.
    func parameter(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// A query parameter read as a Boolean (`true`, case-insensitive).
    func flag(_ name: String) -> Bool {
        parameter(name)?.lowercased() == "true"
    }

    /// The value of cookie `name`, if sent.
    func cookie(_ name: String) -> String? {
        for header in headers where header.name.lowercased() == "cookie" {
            for part in header.value.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingSpaces() == name { return String(pair[1].trimmingSpaces()) }
            }
        }
        return nil
    }

    /// The media type of the body (`application/json`), lowercased, without parameters.
    var contentType: String? {
        header("Content-Type").map {
            $0.split(separator: ";").first.map { String($0.trimmingSpaces()).lowercased() } ?? ""
        }
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return text
    }
}
