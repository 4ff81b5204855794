public import JSON

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// The gateway-owned values as the schema's output objects: keys are the schema's field names, so the executor's
// default resolver reads them, and `DateTime`s are UTC ISO-8601 strings.

extension ServiceNowConfigurationView {
    /// A `ServiceNowConfiguration` object.
    public var jsonObject: JSONObject {
        [
            "configured": .bool(configured),
            "instanceUrl": instanceURL.map(JSONValue.string) ?? .null,
            "clientId": clientID.map(JSONValue.string) ?? .null,
            "clientSecretSet": .bool(clientSecretSet),
            "redirectUrl": .string(redirectURL),
            "connectedUsers": .int(connectedUsers),
            "updatedAt": updatedAt.map { .string(DateTimeText.utc($0)) } ?? .null,
        ]
    }
}

extension ConfigureServiceNowResult {
    /// A `ConfigureServiceNowPayload` object.
    public var jsonObject: JSONObject {
        ["configuration": .object(configuration.jsonObject), "disconnectedUsers": .int(disconnectedUsers)]
    }
}

extension WidgetSettings {
    /// A `WidgetSettings` object.
    public var jsonObject: JSONObject {
        ["showLogo": .bool(showLogo)]
    }
}

extension AuditEntry {
    /// An `AuditEntry` object; `details` as JSON text.
    public var jsonObject: JSONObject {
        [
            "id": .string(String(id)),
            "at": .string(DateTimeText.utc(at)),
            "actor": .string(actor),
            "action": .string(action),
            "details": .string(details.serializedString()),
        ]
    }
}

extension ConnectedUser {
    /// A `ConnectedUser` object: never a token.
    public var jsonObject: JSONObject {
        [
            "subject": .string(subject),
            "name": profile.name.map(JSONValue.string) ?? .null,
            "email": profile.email.map(JSONValue.string) ?? .null,
            "connectedAt": .string(DateTimeText.utc(connectedAt)),
            "updatedAt": .string(DateTimeText.utc(updatedAt)),
        ]
    }
}

extension ConnectedUsersPage {
    /// A `ConnectedUserConnection` object.
    public var jsonObject: JSONObject {
        [
            "nodes": .array(users.map { .object($0.jsonObject) }),
            "pageInfo": [
                "hasNextPage": .bool(hasNextPage),
                "endCursor": endCursor.map(JSONValue.string) ?? .null,
                "hasPreviousPage": .bool(hasPreviousPage),
                "startCursor": startCursor.map(JSONValue.string) ?? .null,
            ],
            "totalCount": .int(totalCount),
        ]
    }
}

/// Dates as the `DateTime` scalar writes them.
enum DateTimeText {
    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC (whole seconds, rounded down).
    static func utc(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(year)
        let paddedYear = String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText
        return "\(paddedYear)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60))"
            + ":\(two(secondOfDay % 60))Z"
    }
}
