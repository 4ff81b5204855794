import JSON

/// A response as the simulator's handlers produce it; the server turns it into HTTP, a Batch call into an item.
struct APIResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// Close the connection without answering (the "dropped connection" fault).
    var dropConnection = false

    init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The headers every JSON answer of the instance carries (§1).
    static let jsonHeaders: [(name: String, value: String)] = [
        ("Content-Type", "application/json;charset=UTF-8"),
        ("Cache-Control", "no-cache,no-store,must-revalidate,max-age=-1"),
        ("Pragma", "no-store,no-cache"),
        ("Expires", "0"),
    ]

    /// A JSON answer.
    static func json(_ status: Int, _ value: JSONValue, headers: [(name: String, value: String)] = []) -> APIResponse {
        APIResponse(status: status, headers: jsonHeaders + headers, body: value.serialized())
    }

    /// `{"result": value}` with status 200 (or `status`).
    static func result(
        _ value: JSONValue,
        status: Int = 200,
        headers: [(name: String, value: String)] = []
    ) -> APIResponse {
        json(status, ["result": value], headers: headers)
    }

    /// The REST error envelope `{"error":{"message","detail"},"status":"failure"}` (§3.1); a nil detail is JSON null.
    static func error(
        _ status: Int,
        _ message: String,
        detail: String?,
        headers: [(name: String, value: String)] = []
    ) -> APIResponse {
        let body: JSONValue = [
            "error": ["message": .string(message), "detail": detail.map(JSONValue.string) ?? .null],
            "status": "failure",
        ]
        return json(status, body, headers: headers)
    }

    /// 400 `Requested URI does not represent any resource`: what the instance answers for a path no API serves.
    static let unknownResource = error(400, "Requested URI does not represent any resource", detail: nil)

    /// 401 for missing, bad, expired or revoked credentials (§3.2, §13.1).
    static let notAuthenticated = error(
        401,
        "User Not Authenticated",
        detail: "Required to provide Auth information",
        headers: [("WWW-Authenticate", "Basic realm=\"Service-now\"")]
    )

    /// 404 for a record that is missing or hidden by an ACL (§3.2).
    static let noRecord = error(
        404,
        "No Record found",
        detail: "Record doesn't exist or ACL restricts the record retrieval"
    )

    /// 403 for a write an ACL denies; `operation` is `Insert`, `Update` or `Delete`.
    static func aclDenied(_ operation: String) -> APIResponse {
        error(403, "Operation Failed", detail: "ACL Exception \(operation) Failed due to security constraints")
    }

    /// 400 for a body that is not JSON. [OBS: the instance's message for unparsable payloads.]
    static let invalidJSON = error(400, "Exception while reading request", detail: "The payload is not valid JSON.")

    /// An HTML page.
    static func html(_ status: Int, _ page: String, headers: [(name: String, value: String)] = []) -> APIResponse {
        APIResponse(
            status: status,
            headers: [("Content-Type", "text/html;charset=UTF-8")] + headers,
            body: Array(page.utf8)
        )
    }

    /// A 302 redirect.
    static func redirect(to location: String, headers: [(name: String, value: String)] = []) -> APIResponse {
        APIResponse(status: 302, headers: [("Location", location)] + headers)
    }

    /// The first header named `name` (case-insensitive).
    func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}

/// Reason phrases for the statuses the simulator uses (Batch items carry them as `status_text`).
enum HTTPStatusText {
    static func text(for status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Unknown"
        }
    }
}

/// A handler can end early with a complete answer (an ACL denial, a 404) by throwing or returning it as the
/// failure of a `Result`.
extension APIResponse: Error {}
