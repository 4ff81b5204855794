/// The id that ties a request's log lines together and is echoed in `X-Request-Id`.
enum RequestID {
    /// The incoming `X-Request-Id` if it is sane (1–128 letters, digits and `-._:`, so it cannot forge or flood a
    /// log line), otherwise a fresh random one (32 hex digits).
    static func accept(_ incoming: String?) -> String {
        if let incoming, (1...128).contains(incoming.utf8.count), incoming.utf8.allSatisfy(isAllowed) {
            return incoming
        }
        return RandomText.hex(byteCount: 16)
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: ":"):
            true
        default:
            false
        }
    }
}
