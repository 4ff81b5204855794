/// Collects the header lines libcurl hands to `CURLOPT_HEADERFUNCTION`, keeping only the final response's fields.
///
/// libcurl passes every header block it sees: a `100 Continue`, a proxy's answer to `CONNECT`, each redirect hop
/// when redirects are followed, then the final response, and after a chunked body possibly trailers. Each block
/// starts with a status line (`HTTP/1.1 200 OK`, `HTTP/2 200`) and ends with an empty line, so a status line starts
/// afresh and lines after a block's end that are not a status line (trailers) are ignored. It also bounds the
/// total bytes of header lines, so a hostile server cannot make us buffer without limit.
struct ResponseHead {
    /// Whether to go on or refuse the data (which aborts the transfer).
    enum Action: Equatable {
        case accept
        case refuse
    }

    private enum Phase {
        case awaitingStatusLine
        case fields
        case complete
    }

    /// The fields of the latest block, in order.
    private(set) var fields: [CurlHeader] = []
    /// `Content-Length` of the latest block, if it had a valid one.
    private(set) var contentLength: Int?
    /// Bytes of header lines seen so far, all blocks together.
    private(set) var byteCount = 0
    /// Whether `byteCount` went over the limit.
    private(set) var exceededLimit = false

    private let maxBytes: Int
    private var phase = Phase.awaitingStatusLine

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// Consumes one header line as libcurl delivers it (with its CRLF).
    mutating func consume(_ line: UnsafeRawBufferPointer) -> Action {
        byteCount += line.count
        guard byteCount <= maxBytes else {
            exceededLimit = true
            return .refuse
        }
        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: "\n") || line[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        let content = UnsafeRawBufferPointer(rebasing: line[0..<end])

        if Self.isStatusLine(content) {
            fields.removeAll(keepingCapacity: true)
            contentLength = nil
            phase = .fields
            return .accept
        }
        if content.isEmpty {
            if phase == .fields { phase = .complete }
            return .accept
        }
        guard phase == .fields else { return .accept }

        if content[0] == UInt8(ascii: " ") || content[0] == UInt8(ascii: "\t") {
            // Obsolete line folding (RFC 9112 §5.2): the line continues the previous field's value.
            if !fields.isEmpty {
                let more = Self.trimmed(content)
                if !more.isEmpty {
                    fields[fields.count - 1].value += " " + String(decoding: more, as: UTF8.self)
                }
            }
            return .accept
        }
        guard let colon = content.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
            // Not a field; libcurl would already have failed a malformed response, so just skip it.
            return .accept
        }
        let name = Self.trimmed(UnsafeRawBufferPointer(rebasing: content[0..<colon]))
        let value = Self.trimmed(UnsafeRawBufferPointer(rebasing: content[(colon + 1)...]))
        let field = CurlHeader(
            name: String(decoding: name, as: UTF8.self),
            value: String(decoding: value, as: UTF8.self)
        )
        if field.hasName("content-length") {
            contentLength = Int(field.value)
        }
        fields.append(field)
        return .accept
    }

    private static func isStatusLine(_ line: UnsafeRawBufferPointer) -> Bool {
        line.count >= 5 && line[0] == UInt8(ascii: "H") && line[1] == UInt8(ascii: "T")
            && line[2] == UInt8(ascii: "T") && line[3] == UInt8(ascii: "P") && line[4] == UInt8(ascii: "/")
    }

    private static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }
}
