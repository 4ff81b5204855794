/// The outcome of saving the ServiceNow configuration.
public struct ConfigurationSaveResult: Sendable, Hashable {
    /// The configuration as stored, with its new version.
    public var configuration: ServiceNowConfiguration
    /// How many users' tokens the save deleted (every save purges all of them).
    public var disconnectedUsers: Int

    /// Creates a result.
    public init(configuration: ServiceNowConfiguration, disconnectedUsers: Int) {
        self.configuration = configuration
        self.disconnectedUsers = disconnectedUsers
    }
}
