/// One HTTP header field: a name and its value, kept in the order they were given or received.
///
/// An ordered array of these (rather than a dictionary) keeps repeated fields such as `Set-Cookie` and the order
/// a server sent them in. Names compare case-insensitively in the lookup helpers, never in `==`.
public struct CurlHeader: Sendable, Hashable {
    /// The field name as written, e.g. `Content-Type`.
    public var name: String
    /// The field value without surrounding whitespace.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Whether this field's name equals `other`, ignoring ASCII case (HTTP field names are case-insensitive).
    public func hasName(_ other: String) -> Bool {
        asciiCaseInsensitiveEquals(name, other)
    }

    /// Whether two field names are the same, ignoring ASCII case, for headers kept in other shapes (the Batch
    /// API's items, the gateway's answers). Names are ASCII tokens: only ASCII letters fold, and no lowercased
    /// copies are made (`lowercased() ==` runs the Unicode case mapping twice per comparison).
    public static func namesEqual(_ lhs: String, _ rhs: String) -> Bool {
        asciiCaseInsensitiveEquals(lhs, rhs)
    }
}

extension CurlHeader: CustomStringConvertible, CustomDebugStringConvertible {
    /// `name: value`, with the value of credential-bearing fields replaced by `<redacted>` so that logging a header
    /// can never leak a token or a session cookie.
    public var description: String {
        CurlHeader.isSensitive(name) ? "\(name): <redacted>" : "\(name): \(value)"
    }

    /// Same as `description`: redacted.
    public var debugDescription: String { description }

    /// Fields whose values are credentials.
    static func isSensitive(_ name: String) -> Bool {
        sensitiveNames.contains { asciiCaseInsensitiveEquals($0, name) }
    }

    private static let sensitiveNames = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token",
        "x-usertoken",
    ]
}

extension [CurlHeader] {
    /// The value of the first field named `name` (ASCII case-insensitive), or nil.
    public func value(named name: String) -> String? {
        first { $0.hasName(name) }?.value
    }

    /// The values of every field named `name` (ASCII case-insensitive), in order.
    public func values(named name: String) -> [String] {
        compactMap { $0.hasName(name) ? $0.value : nil }
    }
}

/// ASCII case-insensitive equality without Foundation; HTTP names are ASCII tokens.
func asciiCaseInsensitiveEquals(_ lhs: String, _ rhs: String) -> Bool {
    // Folding never changes a byte count: names of different lengths differ (O(1) for native strings).
    guard lhs.utf8.count == rhs.utf8.count else { return false }
    var left = lhs.utf8.makeIterator()
    var right = rhs.utf8.makeIterator()
    while true {
        switch (left.next(), right.next()) {
        case (nil, nil):
            return true
        case (let l?, let r?):
            if l != r && asciiLowercased(l) != asciiLowercased(r) { return false }
        default:
            return false
        }
    }
}

@inline(__always)
func asciiLowercased(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
}
