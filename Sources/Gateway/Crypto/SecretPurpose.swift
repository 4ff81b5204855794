/// What a ciphertext is for and whose it is, authenticated with it as AES-GCM associated data.
///
/// A ciphertext opens only with the purpose it was sealed with, so a token copied into another user's row, an
/// access token moved into the refresh-token column, or a PKCE verifier moved to another `state` does not decrypt.
/// The owner is always the last component, so no two purposes share a spelling.
public struct SecretPurpose: Sendable, Hashable, CustomStringConvertible {
    /// The associated-data text.
    public let rawValue: String

    private init(_ rawValue: String) { self.rawValue = rawValue }

    /// The ServiceNow OAuth client secret.
    public static let clientSecret = SecretPurpose("servicenow.client_secret")

    /// A known value sealed once in a shared database, so that a replica started with another data key fails at
    /// startup instead of failing every user's request.
    public static let keyCheck = SecretPurpose("snowgate.key_check")

    /// A user's ServiceNow access token.
    public static func accessToken(subject: String) -> SecretPurpose {
        SecretPurpose("servicenow.access_token:" + subject)
    }

    /// A user's ServiceNow refresh token.
    public static func refreshToken(subject: String) -> SecretPurpose {
        SecretPurpose("servicenow.refresh_token:" + subject)
    }

    /// The PKCE code verifier of one OAuth `state` (identified by its hash, in hex) started by one user.
    public static func codeVerifier(stateHash: String, subject: String) -> SecretPurpose {
        SecretPurpose("oauth.code_verifier:" + stateHash + ":" + subject)
    }

    public var description: String { rawValue }
}

extension SecretPurpose {
    /// The purpose without its owner, for error messages: a subject is personal data and needn't be in a log line.
    var kind: Substring {
        rawValue.prefix { $0 != ":" }
    }
}
