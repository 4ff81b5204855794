public import JSON

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// One admin action in the audit log: who did what, when, with details that never include a secret.
public struct AuditEntry: Sendable, Hashable {
    /// The entry's position in the log (increasing).
    public var id: Int64
    /// When it happened.
    public var at: Date
    /// The subject of the admin who acted.
    public var actor: String
    /// What was done, e.g. `configureServiceNow`.
    public var action: String
    /// Details as a JSON value (an object), never a secret.
    public var details: JSONValue

    /// Creates an entry.
    public init(id: Int64, at: Date, actor: String, action: String, details: JSONValue) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.details = details
    }
}

extension AuditEntry {
    /// The action names the store records by itself, in the same transaction as the change.
    public enum Action {
        /// `saveServiceNowConfiguration`.
        public static let configureServiceNow = "configureServiceNow"
        /// `saveWidgetSettings`.
        public static let updateWidgetSettings = "updateWidgetSettings"
        /// `disconnectUser`.
        public static let disconnectUser = "disconnectUser"
    }
}
