import CurlHTTP
public import JSON

/// A successful ServiceNow answer, parsed: the status, the JSON body and the headers the resolvers read
/// (`X-Total-Count`, `Location`). Errors never get here; they are ``ServiceNowError``s.
public struct UpstreamResponse: Sendable, Hashable {
    /// The HTTP status (200, 201 or 204).
    public var status: Int
    /// The body; `.null` for 204.
    public var body: JSONValue
    /// The response headers as `(name, value)` pairs, names as sent.
    public var headers: [Header]

    /// One header field.
    public struct Header: Sendable, Hashable {
        /// The field name.
        public var name: String
        /// The field value.
        public var value: String

        /// A header field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// An answer.
    public init(status: Int, body: JSONValue, headers: [Header] = []) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    /// The value of the first header named `name`, ignoring ASCII case.
    public func header(_ name: String) -> String? {
        Self.header(name, in: headers)
    }

    /// The value of the first of `headers` named `name`, ignoring ASCII case.
    static func header(_ name: String, in headers: [Header]) -> String? {
        headers.first { CurlHeader.namesEqual($0.name, name) }?.value
    }

    /// `X-Total-Count`: how many rows match the query in all, when the instance counted them.
    public var totalCount: Int? {
        header("X-Total-Count").flatMap { Int($0.trimmingSpaces()) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The envelope's `result` member.
    public var result: JSONValue? { body["result"] }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
