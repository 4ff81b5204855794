#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A pending OAuth authorization: the `state` sent to ServiceNow, whom it belongs to and its PKCE verifier.
///
/// The store keeps only a SHA-256 hash of the state value and the verifier encrypted, so its rows cannot be used
/// to complete someone else's authorization.
public struct OAuthState: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The `state` value (letters and digits: ServiceNow refuses other characters).
    public var value: String
    /// The subject of the user who started the authorization.
    public var subject: String
    /// The PKCE code verifier for the token exchange.
    public var codeVerifier: String
    /// The configuration version it was started under; the token exchange must use the same one.
    public var configurationVersion: Int64
    /// When it was created.
    public var createdAt: Date
    /// After this it is refused.
    public var expiresAt: Date

    /// Creates a state record.
    public init(
        value: String,
        subject: String,
        codeVerifier: String,
        configurationVersion: Int64,
        createdAt: Date,
        expiresAt: Date
    ) {
        self.value = value
        self.subject = subject
        self.codeVerifier = codeVerifier
        self.configurationVersion = configurationVersion
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// A description without the state value or verifier, safe for a log line.
    public var description: String {
        "OAuthState(subject: \(subject), configurationVersion: \(configurationVersion), expiresAt: \(expiresAt))"
    }

    public var debugDescription: String { description }
}
