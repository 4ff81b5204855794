public import JSON

/// A page request from a connection field's `first` and `after` arguments: a window of at most 100 rows at an
/// offset, with opaque cursors bound to the list they came from.
///
/// A cursor is base64url of `v1:<offset>:<scope hash>`, where the scope is the list's identity (the table and its
/// filter, or the search text). A cursor from another list, or one that is not ours, is refused with
/// `BAD_USER_INPUT` rather than silently paging through the wrong list.
public struct Paging: Sendable, Hashable {
    /// The most rows one page may ask for.
    public static let maxFirst = 100
    /// Offsets beyond this are not real lists (ServiceNow's default `sysparm_limit` is 10,000).
    static let maxOffset = 10_000_000

    /// The page size.
    public var first: Int
    /// The rows before the page.
    public var offset: Int
    /// The hash of the list's identity, as cursors carry it.
    public var scope: String

    /// The page from the coerced arguments; `defaultFirst` when `first` is absent.
    ///
    /// - Throws: `BAD_USER_INPUT` when `first` is outside 1…100 or `after` is not a cursor of this list.
    public init(first: JSONValue?, after: JSONValue?, defaultFirst: Int, scope: String) throws(ServiceNowError) {
        self.scope = StableHash.hex(scope)
        switch first {
        case nil, .null?:
            self.first = defaultFirst
        case let value?:
            guard let number = value.intValue, (1...Self.maxFirst).contains(number) else {
                throw ServiceNowError(.badUserInput, "first must be between 1 and \(Self.maxFirst)")
            }
            self.first = number
        }
        switch after {
        case nil, .null?:
            self.offset = 0
        case let value?:
            guard let text = value.stringValue, let offset = Self.decode(text, scope: self.scope) else {
                throw ServiceNowError(.badUserInput, "after is not a cursor of this list")
            }
            self.offset = offset
        }
    }

    /// The cursor that pages on after `position` rows.
    public func cursor(after position: Int) -> String {
        Base64.encodeURL(Array("v1:\(position):\(scope)".utf8))
    }

    /// The offset in `cursor` if it belongs to `scope`.
    static func decode(_ cursor: String, scope: String) -> Int? {
        guard cursor.utf8.count <= 128, let bytes = Base64.decodeURL(cursor) else { return nil }
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", parts[2] == scope, let offset = Int(parts[1]),
            (0...maxOffset).contains(offset)
        else { return nil }
        return offset
    }
}
