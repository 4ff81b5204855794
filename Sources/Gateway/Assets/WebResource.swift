import Crypto

/// One file the gateway serves to browsers as it is: its bytes, its media type, and a strong validator computed once
/// from its contents.
struct WebResource: Sendable {
    /// The exact bytes sent.
    let bytes: [UInt8]
    /// The `Content-Type` header value.
    let contentType: String
    /// A strong entity tag (quoted), the first 128 bits of the SHA-256 of the bytes in hex: the same bytes always
    /// give the same tag, so every replica of one build agrees and a rebuild with changed assets never collides.
    let etag: String
    /// The first 16 hex digits of the hash, for cache-busting `?v=` parameters.
    let version: String

    init(bytes: [UInt8], contentType: String) {
        self.bytes = bytes
        self.contentType = contentType
        let digest = Array(SHA256.hash(data: bytes))
        let hex = Self.hex(digest.prefix(16))
        self.etag = "\"" + hex + "\""
        self.version = String(hex.prefix(16))
    }

    /// Whether an `If-None-Match` header value names this resource's tag (weak comparison, RFC 9110 §13.1.2: a
    /// `W/` prefix is ignored; `*` matches anything).
    func matches(ifNoneMatch header: String) -> Bool {
        for candidate in header.split(separator: ",") {
            var tag = candidate.trimmingSpaces()
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            if tag == etag[...] { return true }
        }
        return false
    }

    /// The media type for a file name's extension; `application/octet-stream` for anything unknown, which
    /// `X-Content-Type-Options: nosniff` keeps from being run or rendered.
    static func contentType(forName name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "html": return "text/html; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "json": return "application/json; charset=utf-8"
        case "graphql": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
