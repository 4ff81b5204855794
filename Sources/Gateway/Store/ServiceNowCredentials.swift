/// The configuration together with its client secret in clear: what the OAuth code needs to talk to ServiceNow.
///
/// Read in one transaction, so the secret always belongs to `configuration.version`.
public struct ServiceNowCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The configuration.
    public var configuration: ServiceNowConfiguration
    /// The client secret, decrypted.
    public var clientSecret: String

    /// Creates credentials.
    public init(configuration: ServiceNowConfiguration, clientSecret: String) {
        self.configuration = configuration
        self.clientSecret = clientSecret
    }

    /// A description without the secret, safe for a log line.
    public var description: String {
        "ServiceNowCredentials(instanceURL: \(configuration.instanceURL), clientID: \(configuration.clientID), "
            + "version: \(configuration.version), clientSecret: <redacted>)"
    }

    public var debugDescription: String { description }
}
