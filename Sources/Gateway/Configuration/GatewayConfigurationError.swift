/// A setting of `snowgate serve` that cannot be used: a startup error that names the flag and variable to fix.
public struct GatewayConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and how to fix it. Never contains a secret's value.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
