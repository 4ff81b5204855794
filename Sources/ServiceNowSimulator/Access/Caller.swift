/// Who a request acts as: the user behind the access token (or Basic credentials), with the roles the access
/// rules look at.
public struct Caller: Sendable, Hashable {
    /// The user's sys_id.
    public var userID: String
    /// The user's `user_name`.
    public var userName: String
    /// The user's roles (`admin`, `itil`, ...).
    public var roles: Set<String>
    /// The user's time zone (display values of dates are shown in it), e.g. `America/Los_Angeles`.
    public var timeZone: String

    /// Whether the user has `role`; `admin` has every role, as on an instance.
    public func has(role: String) -> Bool {
        roles.contains("admin") || roles.contains(role)
    }

    var isAdmin: Bool { roles.contains("admin") }
    var isAgent: Bool { has(role: "itil") }
}
