/// How a connected user is shown to admins: from their gateway token, and from ServiceNow when known.
public struct UserProfile: Sendable, Hashable {
    /// The `name` claim of the user's gateway token.
    public var name: String?
    /// The `email` claim of the user's gateway token.
    public var email: String?
    /// The user's `sys_id` in ServiceNow, once known.
    public var serviceNowUserID: String?

    /// Creates a profile.
    public init(name: String? = nil, email: String? = nil, serviceNowUserID: String? = nil) {
        self.name = name
        self.email = email
        self.serviceNowUserID = serviceNowUserID
    }
}
