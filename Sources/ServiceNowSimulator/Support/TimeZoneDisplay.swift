import Foundation

/// Converts UTC wire dates to a user's local time for display values, which the instance shows in the user's
/// time zone (§2.4). Time zone rules come from the system's tz database through Foundation.
enum TimeZoneDisplay {
    /// `YYYY-MM-DD HH:MM:SS` in UTC, shown in `identifier`'s local time in the same format. Unknown zones and
    /// unparsable values are returned unchanged.
    static func local(_ utc: String, timeZone identifier: String) -> String {
        guard !utc.isEmpty, identifier != "UTC", identifier != "GMT", !identifier.isEmpty,
            let time = UTCTime(formatted: utc), utc.count == 19, let zone = TimeZone(identifier: identifier)
        else { return utc }
        let date = Date(timeIntervalSince1970: TimeInterval(time.secondsSince1970))
        let offset = Int64(zone.secondsFromGMT(for: date))
        return time.adding(seconds: offset).formatted
    }
}
