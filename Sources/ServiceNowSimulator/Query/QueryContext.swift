/// What dynamic query values resolve against: who is asking, and when.
struct QueryContext: Sendable {
    /// The caller's sys_id (`javascript:gs.getUserID()`, the "Me" dynamic filter).
    var userID: String
    /// The caller's user name (`javascript:gs.getUserName()`).
    var userName: String
    /// The instance's current time (`gs.beginningOfToday()` and friends; the instance's time zone is UTC).
    var now: UTCTime

    /// The sys_id of the base instance's "Me" dynamic filter option.
    static let dynamicMe = "90d1921e5f510100a9ad2572f2b477fe"

    /// Resolves a value written in a query: `javascript:` expressions the sandbox would run, anything else as is.
    /// An unknown script resolves to `""`, as a sandboxed script that fails yields nothing.
    func resolve(_ value: String) -> String {
        guard value.hasPrefix("javascript:") else { return value }
        var script = Substring(value.dropFirst("javascript:".count))
        while script.last == ";" || script.last == " " { script = script.dropLast() }
        guard script.hasPrefix("gs."), let open = script.firstIndex(of: "("), script.last == ")" else { return "" }
        let name = script[script.index(script.startIndex, offsetBy: 3)..<open]
        let argumentText = script[script.index(after: open)..<script.index(before: script.endIndex)]
        let arguments = argumentText.split(separator: ",").map {
            $0.trimmingCharacters(in: " '\"")
        }
        let number = arguments.first.flatMap { Int64($0) } ?? 0
        let today = now.startOfDay
        switch name {
        case "getUserID": return userID
        case "getUserName": return userName
        case "now", "nowDateTime", "nowNoTZ": return now.formatted
        case "beginningOfToday": return today.formatted
        case "endOfToday": return today.adding(seconds: 86_399).formatted
        case "beginningOfYesterday": return today.adding(seconds: -86_400).formatted
        case "endOfYesterday": return today.adding(seconds: -1).formatted
        case "beginningOfTomorrow": return today.adding(seconds: 86_400).formatted
        case "daysAgo": return now.adding(seconds: -86_400 * number).formatted
        case "daysAgoStart": return today.adding(seconds: -86_400 * number).formatted
        case "daysAgoEnd": return today.adding(seconds: -86_400 * number + 86_399).formatted
        case "hoursAgo": return now.adding(seconds: -3600 * number).formatted
        case "minutesAgo": return now.adding(seconds: -60 * number).formatted
        case "dateGenerate":
            guard arguments.count == 2, let time = UTCTime(formatted: "\(arguments[0]) \(arguments[1])") else {
                return ""
            }
            return time.formatted
        default: return ""
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = self
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
