import JSON
public import Logging
public import Resolvers

/// The gateway-owned fields of the schema as plain operations on behalf of a caller: the viewer's ServiceNow
/// connection, the widget settings, and the admin's configuration. The GraphQL resolvers call these; the HTTP
/// layer and the demo call them too.
///
/// Authorization is decided here, not in the resolvers: admin-only operations throw `FORBIDDEN` for anyone else.
public struct GatewayOperations: Sendable {
    let store: any GatewayStore
    let oauth: ServiceNowOAuth
    let address: GatewayAddress
    let allowHTTPLoopbackInstance: Bool
    /// Which addresses an instance URL may resolve to (SSRF protection), checked when the configuration is saved.
    let addressPolicy: InstanceAddressPolicy
    private(set) var logger: Logger

    /// The longest client ID accepted (ServiceNow's are 32 hex characters).
    static let maximumClientIDLength = 256
    /// The longest client secret accepted.
    static let maximumClientSecretLength = 1024

    /// The same operations logging to `logger` (a request's, carrying its request id).
    public func with(logger: Logger) -> GatewayOperations {
        var copy = self
        copy.logger = logger
        return copy
    }

    // MARK: Everyone

    /// Whether an admin has configured ServiceNow.
    public func isConfigured() async throws(GatewayError) -> Bool {
        try await storeCall("reading the configuration") { try await store.serviceNowConfiguration() != nil }
    }

    /// The configured instance URL, or nil.
    public func instanceURL() async throws(GatewayError) -> String? {
        try await storeCall("reading the configuration") { try await store.serviceNowConfiguration()?.instanceURL }
    }

    /// The caller's connection as `Viewer.serviceNow` shows it, in two store reads: whether ServiceNow is
    /// configured, its instance URL, and whether the caller is connected to it.
    public func connectionStatus(_ caller: Identity) async throws(GatewayError) -> ServiceNowConnectionStatus {
        try await storeCall("reading a user's connection") {
            guard let configuration = try await store.serviceNowConfiguration() else {
                return ServiceNowConnectionStatus(configured: false, connected: false, instanceURL: nil)
            }
            let connected = try await store.tokens(subject: caller.subject) != nil
            return ServiceNowConnectionStatus(
                configured: true,
                connected: connected,
                instanceURL: configuration.instanceURL
            )
        }
    }

    /// Whether the caller has ServiceNow tokens under the current configuration.
    public func isConnected(_ caller: Identity) async throws(GatewayError) -> Bool {
        try await storeCall("reading a user's tokens") { try await store.tokens(subject: caller.subject) != nil }
    }

    /// A new single-use authorize link for the caller, or nil when ServiceNow is not configured.
    public func authorizeURL(for caller: Identity) async throws(GatewayError) -> String? {
        try await storeCall("creating an authorize link") { try await oauth.authorizeURL(subject: caller.subject) }
    }

    /// The widget settings.
    public func widgetSettings() async throws(GatewayError) -> WidgetSettings {
        try await storeCall("reading the widget settings") { try await store.widgetSettings() }
    }

    /// Revokes and forgets the caller's ServiceNow tokens; returns whether there were any.
    public func disconnectServiceNow(_ caller: Identity) async throws(GatewayError) -> Bool {
        try await storeCall("disconnecting a user") { try await oauth.disconnect(subject: caller.subject) }
    }

    /// The caller's ServiceNow credentials for the resolvers: their token, refreshed as needed.
    public func credentials(for caller: Identity) -> any UserCredentials {
        GatewayUserCredentials(subject: caller.subject, oauth: oauth)
    }

    // MARK: Admins

    /// The configuration as an admin sees it.
    public func serviceNowConfiguration(_ caller: Identity) async throws(GatewayError) -> ServiceNowConfigurationView {
        guard caller.isAdmin else { throw .forbidden("read the ServiceNow configuration") }
        return try await storeCall("reading the configuration") {
            let configuration = try await store.serviceNowConfiguration()
            let connected = try await store.connectedUserCount()
            return view(configuration, connectedUsers: connected)
        }
    }

    /// Validates and stores a new ServiceNow configuration, disconnecting every user in the same transaction.
    public func configureServiceNow(
        _ caller: Identity,
        instanceURL: String,
        clientID: String,
        clientSecret: String
    ) async throws(GatewayError) -> ConfigureServiceNowResult {
        guard caller.isAdmin else { throw .forbidden("configure ServiceNow") }
        let normalizedURL: String
        do {
            normalizedURL = try InstanceURL.normalize(instanceURL, allowHTTPLoopback: allowHTTPLoopbackInstance)
        } catch {
            throw GatewayError(.badUserInput, error.message, extensions: ["field": "instanceUrl"])
        }
        do {
            let addresses = try await addressPolicy.check(instanceURL: normalizedURL)
            if addresses.isEmpty {
                logger.warning(
                    "The instance URL's host does not resolve now; connections are checked when they are made",
                    metadata: ["instanceURL": "\(normalizedURL)"]
                )
            }
        } catch {
            logger.notice(
                "Refused an instance URL that resolves to an address the gateway does not call",
                metadata: ["actor": "\(caller.subject)", "instanceURL": "\(normalizedURL)"]
            )
            throw GatewayError(.badUserInput, error.message, extensions: ["field": "instanceUrl"])
        }
        let trimmedID = clientID.trimmingASCIISpaces()
        guard !trimmedID.isEmpty else {
            throw GatewayError(.badUserInput, "The client ID is empty.", extensions: ["field": "clientId"])
        }
        guard trimmedID.utf8.count <= Self.maximumClientIDLength, trimmedID.utf8.allSatisfy(Self.isVisibleASCII) else {
            throw GatewayError(
                .badUserInput,
                "The client ID must be the Client ID shown in ServiceNow's Application Registry (visible ASCII "
                    + "characters, at most \(Self.maximumClientIDLength)).",
                extensions: ["field": "clientId"]
            )
        }
        let trimmedSecret = clientSecret.trimmingASCIISpaces()
        guard !trimmedSecret.isEmpty else {
            throw GatewayError(.badUserInput, "The client secret is empty.", extensions: ["field": "clientSecret"])
        }
        guard trimmedSecret.utf8.count <= Self.maximumClientSecretLength,
            !trimmedSecret.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F })
        else {
            throw GatewayError(
                .badUserInput,
                "The client secret must be the Client Secret shown in ServiceNow's Application Registry (no control "
                    + "characters, at most \(Self.maximumClientSecretLength) bytes).",
                extensions: ["field": "clientSecret"]
            )
        }
        let input = ServiceNowConfigurationInput(
            instanceURL: normalizedURL,
            clientID: trimmedID,
            clientSecret: trimmedSecret
        )
        return try await storeCall("saving the configuration") {
            let result = try await store.saveServiceNowConfiguration(input, by: caller.subject)
            logger.notice(
                "ServiceNow configuration saved; every user was disconnected",
                metadata: [
                    "actor": "\(caller.subject)", "instanceURL": "\(normalizedURL)",
                    "version": "\(result.configuration.version)", "disconnectedUsers": "\(result.disconnectedUsers)",
                ]
            )
            return ConfigureServiceNowResult(
                configuration: view(result.configuration, connectedUsers: 0),
                disconnectedUsers: result.disconnectedUsers
            )
        }
    }

    /// Changes the widget settings (omitted values stay as they are).
    public func updateWidgetSettings(_ caller: Identity, showLogo: Bool?) async throws(GatewayError) -> WidgetSettings {
        guard caller.isAdmin else { throw .forbidden("change the widget settings") }
        return try await storeCall("saving the widget settings") {
            var settings = try await store.widgetSettings()
            if let showLogo { settings.showLogo = showLogo }
            return try await store.saveWidgetSettings(settings, by: caller.subject)
        }
    }

    // MARK: Helpers

    private func view(_ configuration: ServiceNowConfiguration?, connectedUsers: Int) -> ServiceNowConfigurationView {
        ServiceNowConfigurationView(
            configured: configuration != nil,
            instanceURL: configuration?.instanceURL,
            clientID: configuration?.clientID,
            clientSecretSet: configuration != nil,
            redirectURL: address.redirectURL,
            connectedUsers: connectedUsers,
            updatedAt: configuration?.updatedAt
        )
    }

    /// Runs a store operation; a store failure is logged and becomes an internal error without details.
    func storeCall<Result: Sendable>(
        _ what: String,
        _ body: () async throws -> Result
    ) async throws(GatewayError) -> Result {
        do {
            return try await body()
        } catch let error as GatewayError {
            throw error
        } catch {
            logger.error("The store failed while \(what)", metadata: ["error": "\(String(describing: error))"])
            throw .internalError
        }
    }

    private static func isVisibleASCII(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }
}
