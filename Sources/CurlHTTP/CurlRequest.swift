/// One outgoing HTTP request: what `CurlClient.execute(_:)` sends.
///
/// The client validates it before anything goes on the wire (``CurlError/Code/invalidRequest``): the URL must be
/// absolute `http` or `https` without control characters, the method an HTTP token, header names tokens and header
/// values free of CR, LF and NUL (no header injection). `Content-Length` and `Transfer-Encoding` are framing that
/// the client owns and are refused.
public struct CurlRequest: Sendable {
    /// The request method, e.g. `.get` or `"PROPFIND"`.
    public var method: Method
    /// The absolute URL, `http://` or `https://`, already percent-encoded.
    public var url: String
    /// Header fields in the order they are sent. A field with an empty value is sent empty (not dropped).
    public var headers: [CurlHeader]
    /// The request body, or nil for none. `POST`, `PUT` and `PATCH` without a body send `Content-Length: 0`.
    public var body: [UInt8]?
    /// The total time allowed for this request, overriding ``CurlClient/Configuration/requestTimeout``.
    public var timeout: Duration?
    /// Sends the request on a new connection, never a kept-alive one (`CURLOPT_FRESH_CONNECT`). Set it for a request
    /// that must not be sent twice: when a reused connection closes before any answer, libcurl silently sends the
    /// request again on a fresh one, which for a `POST` that the server did handle means doing it twice.
    public var freshConnection: Bool

    /// Creates a request.
    public init(
        method: Method = .get,
        url: String,
        headers: [CurlHeader] = [],
        body: [UInt8]? = nil,
        timeout: Duration? = nil,
        freshConnection: Bool = false
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.freshConnection = freshConnection
    }
}

extension CurlRequest {
    /// An HTTP method. Any token is allowed; the common ones have static members.
    public struct Method: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        /// The method as sent on the request line.
        public var rawValue: String

        /// Creates a method from its name, e.g. `"GET"`. Methods are case-sensitive in HTTP.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// Creates a method from a string literal.
        public init(stringLiteral value: String) {
            self.rawValue = value
        }

        /// The method name.
        public var description: String { rawValue }

        /// `GET`.
        public static let get = Method(rawValue: "GET")
        /// `HEAD`: the response has no body.
        public static let head = Method(rawValue: "HEAD")
        /// `POST`.
        public static let post = Method(rawValue: "POST")
        /// `PUT`.
        public static let put = Method(rawValue: "PUT")
        /// `PATCH`.
        public static let patch = Method(rawValue: "PATCH")
        /// `DELETE`.
        public static let delete = Method(rawValue: "DELETE")
        /// `OPTIONS`.
        public static let options = Method(rawValue: "OPTIONS")
    }
}

extension CurlRequest: CustomStringConvertible, CustomDebugStringConvertible {
    /// The method, URL, header names and body size; never header values, which carry tokens.
    public var description: String {
        let names = headers.map(\.name).joined(separator: ", ")
        let bodyText = body.map { "\($0.count) bytes" } ?? "none"
        return "\(method) \(url) headers: [\(names)] body: \(bodyText)"
    }

    /// Same as `description`: without header values.
    public var debugDescription: String { description }
}

extension CurlRequest: CustomReflectable {
    /// Keeps `dump(request)` and debugger views from printing header values.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "method": method.rawValue,
                "url": url,
                "headers": headers.map(\.description),
                "bodyByteCount": body?.count as Any,
                "timeout": timeout as Any,
                "freshConnection": freshConnection,
            ],
            displayStyle: .struct
        )
    }
}
