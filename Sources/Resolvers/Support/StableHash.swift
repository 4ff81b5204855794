/// A 64-bit FNV-1a hash that is the same in every process and on every run.
///
/// Swift's `Hasher` is seeded per process, so it cannot tie a cursor to its query across a restart or across
/// the instances of a load-balanced gateway. This is not a security check (a forged cursor only pages through the
/// caller's own, ServiceNow-filtered list); it only catches a cursor passed to the wrong list.
enum StableHash {
    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The hash as 16 lowercase hex digits.
    static func hex(_ text: String) -> String {
        let digits = String(fnv1a64(text), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
