#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Who is calling: the user the host intranet vouches for with a signed token.
public struct Identity: Sendable, Hashable {
    /// The `sub` claim: the user's stable identifier, the key of their ServiceNow tokens.
    public var subject: String
    /// The `name` claim, if present.
    public var name: String?
    /// The `email` claim, if present.
    public var email: String?
    /// The `roles` claim (empty if absent).
    public var roles: [String]
    /// The `exp` claim: the token is refused from this moment (plus the leeway).
    public var expiresAt: Date

    /// The role that makes an admin.
    public static let adminRole = "admin"

    /// Creates an identity.
    public init(subject: String, name: String? = nil, email: String? = nil, roles: [String] = [], expiresAt: Date) {
        self.subject = subject
        self.name = name
        self.email = email
        self.roles = roles
        self.expiresAt = expiresAt
    }

    /// Whether the user holds the `admin` role.
    public var isAdmin: Bool { roles.contains(Self.adminRole) }
}
