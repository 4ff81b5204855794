/// HTTP field names compare case-insensitively (RFC 9110 §5.1), and they are ASCII tokens: comparing their bytes
/// with ASCII case folding gives the same answer as `lowercased() ==` for every name, without making two strings.
/// (`lowercased()` runs the Unicode case mapping; the read path compared a header name that way several times per
/// request, about 1 % of a cached render's instructions.)
public enum HTTPFieldName {
    /// Whether `a` and `b` are the same field name, ignoring ASCII case.
    public static func equal(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                guard left.count == right.count else { return false }
                for index in 0..<left.count where left[index] != right[index] {
                    guard folded(left[index]) == folded(right[index]) else { return false }
                }
                return true
            }
        }
    }

    /// The first value of the field named `name` among `fields`.
    public static func value(of name: String, in fields: [(String, String)]) -> String? {
        fields.first { equal($0.0, name) }?.1
    }

    @inline(__always)
    private static func folded(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
