/// A ``CurlRequest`` checked and turned into what libcurl is given, on the caller's task so that the transfer loop
/// only copies ready values into an easy handle.
struct PreparedRequest: Sendable {
    /// How the method and body map onto libcurl's options.
    enum Mode: Sendable, Equatable {
        /// `GET` without a body: libcurl's default after `curl_easy_reset`.
        case get
        /// `HEAD`: `CURLOPT_NOBODY`.
        case head
        /// Any other method without a body: `CURLOPT_CUSTOMREQUEST`.
        case custom
        /// A body (possibly empty) sent with `CURLOPT_COPYPOSTFIELDS`, with `CURLOPT_CUSTOMREQUEST` unless `POST`.
        case body([UInt8])
    }

    let method: String
    let url: String
    let mode: Mode
    /// `Name: value` lines for `CURLOPT_HTTPHEADER`, including the ones the client adds.
    let headerLines: [String]
    /// The total timeout in milliseconds (at least 1: libcurl reads 0 as "no timeout").
    let timeoutMilliseconds: Int
    /// `CURLOPT_FRESH_CONNECT`: no kept-alive connection, so libcurl never resends the request by itself.
    let freshConnection: Bool

    init(_ request: CurlRequest, defaultTimeout: Duration) throws(CurlError) {
        func invalid(_ message: String) -> CurlError {
            CurlError(code: .invalidRequest, message: message)
        }

        let method = request.method.rawValue
        guard !method.isEmpty, method.utf8.allSatisfy(isTokenByte) else {
            throw invalid("The method is not an HTTP token")
        }
        guard Self.hasHTTPScheme(request.url) else {
            throw invalid("The URL must be absolute http:// or https://")
        }
        // Spaces and controls would be rejected by libcurl's URL parser too, but a NUL would silently cut the URL
        // short at the C boundary: refuse them all here with one clear error.
        guard !request.url.utf8.contains(where: { isControlByte($0) || $0 == UInt8(ascii: " ") }) else {
            throw invalid("The URL contains spaces or control characters")
        }

        let timeout = request.timeout ?? defaultTimeout
        guard timeout > .zero else { throw invalid("The timeout must be positive") }

        var lines: [String] = []
        lines.reserveCapacity(request.headers.count + 2)
        var hasContentType = false
        var hasExpect = false
        for header in request.headers {
            // Messages name the field, never its value: values carry tokens.
            guard !header.name.isEmpty, header.name.utf8.allSatisfy(isTokenByte) else {
                throw invalid("A header name is not an HTTP token")
            }
            guard !header.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) else {
                throw invalid("The value of header '\(header.name)' contains CR, LF or NUL")
            }
            if header.hasName("content-length") || header.hasName("transfer-encoding") {
                throw invalid("Header '\(header.name)' is set by the client from the body")
            }
            hasContentType = hasContentType || header.hasName("content-type")
            hasExpect = hasExpect || header.hasName("expect")
            // libcurl drops `Name:` with nothing after the colon; `Name;` is its spelling for an empty value.
            let trimmedValue = header.value.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            lines.append(trimmedValue ? "\(header.name);" : "\(header.name): \(header.value)")
        }

        let mode: Mode
        switch (request.method, request.body) {
        case (.head, nil):
            mode = .head
        case (.head, .some):
            throw invalid("A HEAD request cannot have a body")
        case (.get, nil):
            mode = .get
        case (.post, nil), (.put, nil), (.patch, nil):
            // Servers answer 411 to a body-carrying method without Content-Length: send an empty body.
            mode = .body([])
        case (_, nil):
            mode = .custom
        case (_, .some(let body)):
            mode = .body(body)
        }
        if case .body = mode {
            // libcurl would add `Expect: 100-continue` for larger bodies (a round trip lost waiting) and
            // `Content-Type: application/x-www-form-urlencoded` when none is given; an empty field removes each.
            if !hasExpect { lines.append("Expect:") }
            if !hasContentType { lines.append("Content-Type:") }
        }

        self.method = method
        self.url = request.url
        self.mode = mode
        self.headerLines = lines
        self.timeoutMilliseconds = timeout.roundedUpMilliseconds
        self.freshConnection = request.freshConnection
    }

    private static func hasHTTPScheme(_ url: String) -> Bool {
        var bytes = url.utf8.makeIterator()
        var scheme: [UInt8] = []
        while let byte = bytes.next(), scheme.count <= 5 {
            if byte == UInt8(ascii: ":") {
                guard scheme == Array("http".utf8) || scheme == Array("https".utf8) else { return false }
                return bytes.next() == UInt8(ascii: "/") && bytes.next() == UInt8(ascii: "/")
                    && bytes.next() != nil
            }
            scheme.append(asciiLowercased(byte))
        }
        return false
    }
}

/// RFC 9110 `tchar`: the bytes allowed in methods and field names.
func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        return true
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
        UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
        return true
    default:
        return false
    }
}

extension Duration {
    /// Whole milliseconds, rounded up, at least 1 and at most `Int32.max` (libcurl takes a C `long`; a day is plenty).
    var roundedUpMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds < Int64(Int32.max / 1000) else { return Int(Int32.max) }
        let fromAttoseconds = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return max(1, Int(seconds) * 1000 + Int(fromAttoseconds))
    }
}
