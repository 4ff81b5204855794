/// ServiceNow's stored date-time form, `YYYY-MM-DD HH:MM:SS` in UTC, converted to and from the schema's
/// `DateTime` (`YYYY-MM-DDTHH:MM:SSZ`).
enum ServiceNowDateTime {
    /// `2026-05-04 09:12:30` → `2026-05-04T09:12:30Z`; nil for an empty or malformed value (a date-only field such
    /// as `2026-05-04` becomes midnight UTC).
    static func isoString(fromStored stored: String) -> String? {
        let bytes = Array(stored.utf8)
        if bytes.count == 10, isDate(bytes[0..<10]) {
            return stored + "T00:00:00Z"
        }
        guard bytes.count == 19, isDate(bytes[0..<10]), bytes[10] == UInt8(ascii: " "), isTime(bytes[11..<19])
        else { return nil }
        return String(decoding: bytes[0..<10], as: UTF8.self) + "T" + String(decoding: bytes[11..<19], as: UTF8.self)
            + "Z"
    }

    /// `2026-05-04T09:12:30Z` (or with a fraction, which is dropped) → `2026-05-04 09:12:30`; nil unless the value is
    /// a UTC date-time as the `DateTime` scalar's coercion writes it.
    static func stored(fromISO iso: String) -> String? {
        let bytes = Array(iso.utf8)
        guard bytes.count >= 20, isDate(bytes[0..<10]),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            isTime(bytes[11..<19])
        else { return nil }
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let digits = rest.prefix { $0 >= 48 && $0 <= 57 }
            guard !digits.isEmpty else { return nil }
            rest = rest.dropFirst(digits.count)
        }
        guard rest.count == 1, rest.first == UInt8(ascii: "Z") || rest.first == UInt8(ascii: "z") else { return nil }
        return String(decoding: bytes[0..<10], as: UTF8.self) + " " + String(decoding: bytes[11..<19], as: UTF8.self)
    }

    private static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        let base = bytes.startIndex
        guard bytes.count == 10, bytes[base + 4] == UInt8(ascii: "-"), bytes[base + 7] == UInt8(ascii: "-"),
            let month = number(bytes[(base + 5)..<(base + 7)]), let day = number(bytes[(base + 8)..<(base + 10)]),
            number(bytes[base..<(base + 4)]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    private static func isTime(_ bytes: ArraySlice<UInt8>) -> Bool {
        let base = bytes.startIndex
        guard bytes.count == 8, bytes[base + 2] == UInt8(ascii: ":"), bytes[base + 5] == UInt8(ascii: ":"),
            let hour = number(bytes[base..<(base + 2)]), let minute = number(bytes[(base + 3)..<(base + 5)]),
            let second = number(bytes[(base + 6)..<(base + 8)])
        else { return false }
        // 60 is a leap second, which RFC 3339 allows.
        return hour < 24 && minute < 60 && second <= 60
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}
