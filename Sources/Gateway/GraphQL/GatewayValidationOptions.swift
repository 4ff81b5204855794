/// What changes the verdict of validation for a request, and so is part of the document cache's key: an admin's
/// verdict is never reused for another user.
public struct GatewayValidationOptions: Sendable, Hashable {
    /// Whether the caller is an admin.
    public var isAdmin: Bool

    /// Options for a caller.
    public init(isAdmin: Bool) {
        self.isAdmin = isAdmin
    }
}
