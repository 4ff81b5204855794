import CurlHTTP
import JSON

/// A response as the gateway's handlers build it, before it becomes a Hummingbird `Response`: a status, headers in
/// order, and a complete body.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON body.
    static func json(
        _ status: Int,
        _ value: JSONValue,
        contentType: String = "application/json; charset=utf-8"
    )
        -> HTTPAnswer
    {
        HTTPAnswer(status: status, headers: [("Content-Type", contentType)], body: value.serialized())
    }

    /// A GraphQL-shaped error body, `{"errors":[…]}`.
    static func errors(
        _ status: Int,
        _ errors: [GatewayError],
        contentType: String = "application/json; charset=utf-8",
        headers: [(String, String)] = []
    ) -> HTTPAnswer {
        var answer = json(status, .object(["errors": .array(errors.map(\.jsonValue))]), contentType: contentType)
        answer.headers += headers
        return answer
    }

    /// Plain text.
    static func text(_ status: Int, _ text: String, contentType: String = "text/plain; charset=utf-8") -> HTTPAnswer {
        HTTPAnswer(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8))
    }

    /// The value of the first header named `name` (ASCII case-insensitive).
    func header(_ name: String) -> String? {
        headers.first { CurlHeader.namesEqual($0.0, name) }?.1
    }
}
