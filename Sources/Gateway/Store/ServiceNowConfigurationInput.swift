/// What an admin submits to configure ServiceNow: the instance URL (already normalised), client ID and secret.
public struct ServiceNowConfigurationInput: Sendable, Hashable, CustomStringConvertible,
    CustomDebugStringConvertible
{
    /// The instance's base URL, `scheme://host[:port]`.
    public var instanceURL: String
    /// The OAuth client ID.
    public var clientID: String
    /// The OAuth client secret, stored encrypted.
    public var clientSecret: String

    /// Creates an input.
    public init(instanceURL: String, clientID: String, clientSecret: String) {
        self.instanceURL = instanceURL
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    /// A description without the secret, safe for a log line.
    public var description: String {
        "ServiceNowConfigurationInput(instanceURL: \(instanceURL), clientID: \(clientID), clientSecret: <redacted>)"
    }

    public var debugDescription: String { description }
}
