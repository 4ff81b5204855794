/// A point in time, in UTC, with nanosecond resolution: what the simulator's clock reads and what record dates
/// are made of.
///
/// ServiceNow's wire format for dates is `YYYY-MM-DD HH:MM:SS` in UTC; `formatted` and `init(formatted:)`
/// convert to and from it (sub-second parts are dropped, as the instance stores whole seconds).
public struct UTCTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Nanoseconds since 1970-01-01 00:00:00 UTC.
    public var nanosecondsSince1970: Int64

    /// The time `nanosecondsSince1970` nanoseconds after the Unix epoch.
    public init(nanosecondsSince1970: Int64) {
        self.nanosecondsSince1970 = nanosecondsSince1970
    }

    /// The time `secondsSince1970` whole seconds after the Unix epoch.
    public init(secondsSince1970: Int64) {
        self.nanosecondsSince1970 = secondsSince1970 * 1_000_000_000
    }

    /// The time at the given calendar date and time of day, in UTC.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        self.init(secondsSince1970: Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second))
    }

    /// Parses `YYYY-MM-DD HH:MM:SS` (or `YYYY-MM-DD`, read as midnight); nil for anything else.
    public init?(formatted text: some StringProtocol) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count == 10 || bytes.count == 19, let year = number(0..<4), bytes[4] == 45,
            let month = number(5..<7), bytes[7] == 45, let day = number(8..<10), (1...12).contains(month),
            (1...31).contains(day)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        if bytes.count == 19 {
            guard bytes[10] == 32, let h = number(11..<13), bytes[13] == 58, let m = number(14..<16),
                bytes[16] == 58, let s = number(17..<19), h < 24, m < 60, s < 60
            else { return nil }
            hour = h
            minute = m
            second = s
        }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// Whole seconds since the Unix epoch (rounded down).
    public var secondsSince1970: Int64 {
        nanosecondsSince1970 >= 0
            ? nanosecondsSince1970 / 1_000_000_000 : (nanosecondsSince1970 - 999_999_999) / 1_000_000_000
    }

    /// The wire format `YYYY-MM-DD HH:MM:SS`.
    public var formatted: String { Self.format(secondsSince1970: secondsSince1970) }

    /// The calendar date `YYYY-MM-DD`.
    public var formattedDate: String { String(formatted.prefix(10)) }

    /// Midnight UTC of the same day.
    public var startOfDay: UTCTime {
        let seconds = secondsSince1970
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return UTCTime(secondsSince1970: day * 86_400)
    }

    public var description: String { formatted }

    /// This time moved by `duration`.
    public func adding(_ duration: Duration) -> UTCTime {
        let (seconds, attoseconds) = duration.components
        return UTCTime(
            nanosecondsSince1970: nanosecondsSince1970 + seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        )
    }

    /// This time moved by whole seconds.
    public func adding(seconds: Int64) -> UTCTime {
        UTCTime(nanosecondsSince1970: nanosecondsSince1970 + seconds * 1_000_000_000)
    }

    /// The duration from `other` to this time.
    public func duration(since other: UTCTime) -> Duration {
        .nanoseconds(nanosecondsSince1970 - other.nanosecondsSince1970)
    }

    public static func < (lhs: UTCTime, rhs: UTCTime) -> Bool {
        lhs.nanosecondsSince1970 < rhs.nanosecondsSince1970
    }

    static func format(secondsSince1970 seconds: Int64) -> String {
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - day * 86_400)
        let (year, month, dayOfMonth) = civilFromDays(Int(day))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(dayOfMonth, 2)) \(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    }

    // Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian calendar, no tables needed.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
