#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// One user's ServiceNow OAuth tokens, keyed by the subject of their gateway token.
///
/// The descriptions never print a token, so logging a value by mistake leaks nothing.
public struct UserTokens: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The `sub` of the user's gateway token.
    public var subject: String
    /// The ServiceNow access token (stored encrypted).
    public var accessToken: String
    /// When the access token expires.
    public var accessTokenExpiresAt: Date
    /// The ServiceNow refresh token (stored encrypted), if ServiceNow issued one.
    public var refreshToken: String?
    /// When the refresh token expires, if known.
    public var refreshTokenExpiresAt: Date?
    /// The scope ServiceNow granted, if it said.
    public var scope: String?
    /// When the user connected (kept across refreshes).
    public var connectedAt: Date
    /// The configuration version the tokens were obtained under; tokens of another version are never used.
    public var configurationVersion: Int64
    /// Who the user is, for admins' lists.
    public var profile: UserProfile

    /// Creates a token record.
    public init(
        subject: String,
        accessToken: String,
        accessTokenExpiresAt: Date,
        refreshToken: String?,
        refreshTokenExpiresAt: Date? = nil,
        scope: String? = nil,
        connectedAt: Date,
        configurationVersion: Int64,
        profile: UserProfile = UserProfile()
    ) {
        self.subject = subject
        self.accessToken = accessToken
        self.accessTokenExpiresAt = accessTokenExpiresAt
        self.refreshToken = refreshToken
        self.refreshTokenExpiresAt = refreshTokenExpiresAt
        self.scope = scope
        self.connectedAt = connectedAt
        self.configurationVersion = configurationVersion
        self.profile = profile
    }

    /// A description without the tokens, safe for a log line.
    public var description: String {
        "UserTokens(subject: \(subject), accessToken: <redacted>, accessTokenExpiresAt: \(accessTokenExpiresAt), "
            + "refreshToken: \(refreshToken == nil ? "nil" : "<redacted>"), "
            + "configurationVersion: \(configurationVersion))"
    }

    public var debugDescription: String { description }
}
