#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The ServiceNow configuration as an admin sees it (`Query.serviceNowConfiguration`): never the client secret.
public struct ServiceNowConfigurationView: Sendable, Hashable {
    /// Whether an instance and an OAuth application are set.
    public var configured: Bool
    /// The instance URL, `scheme://host[:port]`.
    public var instanceURL: String?
    /// The OAuth client ID.
    public var clientID: String?
    /// Whether a client secret is stored.
    public var clientSecretSet: Bool
    /// The redirect URL to register in ServiceNow: `<public URL>/oauth/callback`.
    public var redirectURL: String
    /// How many users are connected.
    public var connectedUsers: Int
    /// When the configuration was last saved.
    public var updatedAt: Date?
}

/// What `configureServiceNow` returns: the stored configuration and how many users it disconnected.
public struct ConfigureServiceNowResult: Sendable, Hashable {
    /// The configuration as now stored.
    public var configuration: ServiceNowConfigurationView
    /// How many users were disconnected and must connect again.
    public var disconnectedUsers: Int
}

/// A viewer's connection to ServiceNow (`Viewer.serviceNow` without its authorize link, which is made on demand).
public struct ServiceNowConnectionStatus: Sendable, Hashable {
    /// Whether an admin has configured ServiceNow.
    public var configured: Bool
    /// Whether the viewer has tokens under the current configuration.
    public var connected: Bool
    /// The configured instance URL.
    public var instanceURL: String?
}
