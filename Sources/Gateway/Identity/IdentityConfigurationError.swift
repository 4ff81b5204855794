/// A verifier or signer that cannot be built from its settings: a short secret, an unreadable key, a leeway too
/// large. A startup error.
public struct IdentityConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What to fix, naming the setting.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
