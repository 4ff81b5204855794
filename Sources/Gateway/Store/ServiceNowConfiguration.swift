#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The ServiceNow OAuth application the gateway uses, as an admin saved it — without the client secret.
///
/// The secret is write-only: it is reachable only through `GatewayStore.serviceNowCredentials()`, which the OAuth
/// code calls, so nothing that renders a configuration can leak it.
public struct ServiceNowConfiguration: Sendable, Hashable {
    /// The instance's base URL, `scheme://host[:port]`, normalised by the caller before saving.
    public var instanceURL: String
    /// The OAuth client ID from ServiceNow's Application Registry.
    public var clientID: String
    /// Increases by one with every save; tokens and OAuth states record the version they belong to.
    public var version: Int64
    /// When it was last saved.
    public var updatedAt: Date
    /// The subject of the admin who last saved it.
    public var updatedBy: String

    /// Creates a configuration value.
    public init(instanceURL: String, clientID: String, version: Int64, updatedAt: Date, updatedBy: String) {
        self.instanceURL = instanceURL
        self.clientID = clientID
        self.version = version
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}
