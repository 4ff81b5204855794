#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A user who has connected their ServiceNow account, as admins see it: never with tokens.
public struct ConnectedUser: Sendable, Hashable {
    /// The `sub` of the user's gateway token.
    public var subject: String
    /// Name, email and ServiceNow `sys_id` as far as known.
    public var profile: UserProfile
    /// When the user connected.
    public var connectedAt: Date
    /// When the user's tokens were last stored (connection or refresh).
    public var updatedAt: Date

    /// Creates a connected-user entry.
    public init(subject: String, profile: UserProfile, connectedAt: Date, updatedAt: Date) {
        self.subject = subject
        self.profile = profile
        self.connectedAt = connectedAt
        self.updatedAt = updatedAt
    }
}
