public import JSON

/// The gateway's `DateTime` scalar: an instant as an RFC 3339 / ISO-8601 date-time, always written in UTC
/// (`2026-05-04T09:12:30Z`).
///
/// Declare it in SDL with its specification, and register this coercion for it:
///
/// ```graphql
/// scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time")
/// ```
///
/// Input (variables and string literals) must be a full date-time with a zone: `Z` or an offset such as
/// `+02:00`; it is converted to UTC, so `2026-05-04T11:12:30+02:00` becomes `2026-05-04T09:12:30Z`. Fractional
/// seconds are kept as given. Output accepts the same, and also ServiceNow's own form — a space instead of `T`
/// and no zone (`2026-05-04 09:12:30`), which the Table API returns in UTC.
public struct DateTimeCoercion: ScalarCoercion {
    /// The scalar specification `DateTime` follows.
    public static let specifiedByURL = "https://scalars.graphql.org/andimarek/date-time"

    /// Creates the coercion.
    public init() {}

    /// A date-time string (with a zone, or ServiceNow's zone-less UTC form) written in UTC.
    public func serialize(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        guard case .string(let text) = value else {
            throw ScalarCoercionError("DateTime cannot represent a non string value: \(Inspect.describe(value))")
        }
        guard let normalized = Self.normalize(text, lenient: true) else {
            throw ScalarCoercionError(
                "DateTime cannot represent an invalid date-time string: \(Inspect.describe(value))"
            )
        }
        return .string(normalized)
    }

    /// A date-time string with a zone, written in UTC.
    public func parseValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        guard case .string(let text) = value else {
            throw ScalarCoercionError("DateTime cannot represent a non string value: \(Inspect.describe(value))")
        }
        guard let normalized = Self.normalize(text, lenient: false) else {
            throw ScalarCoercionError(
                "DateTime cannot represent an invalid date-time string: \(Inspect.describe(value))"
            )
        }
        return .string(normalized)
    }

    /// A string literal holding a date-time with a zone, written in UTC.
    public func parseLiteral(_ value: Value, variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
        guard case .string(let literal) = value else {
            throw ScalarCoercionError("DateTime cannot represent a non string value: \(Printer.print(value))")
        }
        guard let normalized = Self.normalize(literal.value, lenient: false) else {
            throw ScalarCoercionError(
                "DateTime cannot represent an invalid date-time string: \(Printer.printString(literal.value))"
            )
        }
        return .string(normalized)
    }

    /// `text` converted to `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, or `nil` if it is not a valid date-time.
    /// `lenient` also accepts a space for `T` and a missing zone (meaning UTC).
    static func normalize(_ text: String, lenient: Bool) -> String? {
        let bytes = Array(text.utf8)
        var position = 0

        func digits(_ count: Int) -> Int? {
            guard position + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[position + offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            position += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2) else {
            return nil
        }
        guard position < bytes.count else { return nil }
        let separator = bytes[position]
        guard separator == 0x54 || separator == 0x74 || (lenient && separator == 0x20) else { return nil }
        position += 1
        guard let hour = digits(2), expect(0x3A), let minute = digits(2), expect(0x3A), let second = digits(2) else {
            return nil
        }
        var fraction = ""
        if position < bytes.count, bytes[position] == 0x2E {
            position += 1
            let start = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
            guard position > start else { return nil }
            fraction = "." + String(decoding: bytes[start..<position], as: UTF8.self)
        }

        var offsetMinutes = 0
        if position == bytes.count {
            guard lenient else { return nil }
        } else if bytes[position] == 0x5A || bytes[position] == 0x7A {  // Z z
            position += 1
        } else if bytes[position] == 0x2B || bytes[position] == 0x2D {  // + -
            let sign = bytes[position] == 0x2D ? -1 : 1
            position += 1
            guard let offsetHour = digits(2), expect(0x3A), let offsetMinute = digits(2), offsetHour <= 23,
                offsetMinute <= 59
            else { return nil }
            offsetMinutes = sign * (offsetHour * 60 + offsetMinute)
        } else {
            return nil
        }
        guard position == bytes.count else { return nil }

        guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month), hour <= 23,
            minute <= 59, second <= 59
        else { return nil }

        // Shift to UTC through a day count, so that offsets crossing midnight, month and year ends are exact.
        var minutes = (hour * 60 + minute) - offsetMinutes
        var days = daysFromCivil(year: year, month: month, day: day)
        days += Int((Double(minutes) / 1440).rounded(.down))
        minutes = ((minutes % 1440) + 1440) % 1440
        let (utcYear, utcMonth, utcDay) = civilFromDays(days)
        guard utcYear >= 0, utcYear <= 9999 else { return nil }
        return pad(utcYear, 4) + "-" + pad(utcMonth, 2) + "-" + pad(utcDay, 2) + "T" + pad(minutes / 60, 2) + ":"
            + pad(minutes % 60, 2) + ":" + pad(second, 2) + fraction + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        var text = String(value)
        while text.count < width { text = "0" + text }
        return text
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01 (the inverse of `daysFromCivil`).
    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
