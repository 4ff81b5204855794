import JSON
import PostgreSQL

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension PostgreSQLGatewayStore {
    public func serviceNowConfiguration() async throws -> ServiceNowConfiguration? {
        try await read("reading the ServiceNow configuration") { connection in
            try connection.queryFirst(
                """
                SELECT instance_url, client_id, version, updated_at, updated_by
                FROM servicenow_configuration WHERE id = 1
                """
            ).map(Self.configuration(from:))
        }
    }

    public func serviceNowCredentials() async throws -> ServiceNowCredentials? {
        // One statement: the secret and the version come from the same committed row.
        let stored = try await read("reading the ServiceNow credentials") { connection in
            try connection.queryFirst(
                """
                SELECT instance_url, client_id, client_secret, version, updated_at, updated_by
                FROM servicenow_configuration WHERE id = 1
                """
            ).map { row in (try Self.configuration(from: row), try row.bytea("client_secret")) }
        }
        guard let (configuration, sealedSecret) = stored else { return nil }
        do {
            let secret = try secretBox.openString(sealedSecret, purpose: .clientSecret)
            return ServiceNowCredentials(configuration: configuration, clientSecret: secret)
        } catch {
            throw Self.storeError(error, during: "decrypting the ServiceNow client secret")
        }
    }

    public func saveServiceNowConfiguration(
        _ input: ServiceNowConfigurationInput,
        by actor: String
    ) async throws -> ConfigurationSaveResult {
        try Self.requireNonEmpty(actor, "actor")
        try Self.requireNonEmpty(input.instanceURL, "instance URL")
        try Self.requireNonEmpty(input.clientID, "client ID")
        try Self.requireNonEmpty(input.clientSecret, "client secret")
        let sealedSecret: [UInt8]
        do {
            sealedSecret = try secretBox.seal(input.clientSecret, purpose: .clientSecret)
        } catch {
            throw Self.storeError(error, during: "encrypting the ServiceNow client secret")
        }
        let now = clock.now().millisecondsSince1970
        let result = try await write("saving the ServiceNow configuration") {
            [origin, channel = options.channel] connection in
            // The upsert locks the configuration row first: token writes share-lock it before they check the
            // version, so each of them either commits before this purge (and is purged) or sees the new version.
            guard
                let row = try connection.queryFirst(
                    """
                    INSERT INTO servicenow_configuration AS c
                        (id, instance_url, client_id, client_secret, version, updated_at, updated_by)
                    VALUES (1, $1, $2, $3, 1, $4, $5)
                    ON CONFLICT (id) DO UPDATE SET
                        instance_url = excluded.instance_url,
                        client_id = excluded.client_id,
                        client_secret = excluded.client_secret,
                        version = c.version + 1,
                        updated_at = excluded.updated_at,
                        updated_by = excluded.updated_by
                    RETURNING instance_url, client_id, version, updated_at, updated_by
                    """,
                    [
                        .text(input.instanceURL), .text(input.clientID), .bytea(sealedSecret), .integer(now),
                        .text(actor),
                    ]
                )
            else {
                throw StoreError(code: .backend, message: "Saving the configuration returned no row")
            }
            let configuration = try Self.configuration(from: row)
            let disconnected = try connection.execute("DELETE FROM user_tokens")
            try connection.execute("DELETE FROM oauth_states")
            try Self.insertAudit(
                at: now,
                actor: actor,
                action: AuditEntry.Action.configureServiceNow,
                details: [
                    "instanceUrl": .string(input.instanceURL),
                    "clientId": .string(input.clientID),
                    "version": .int(Int(configuration.version)),
                    "disconnectedUsers": .int(disconnected),
                ],
                in: connection
            )
            try Self.announce(
                .configurationSaved(version: configuration.version),
                origin: origin,
                channel: channel,
                in: connection
            )
            return ConfigurationSaveResult(configuration: configuration, disconnectedUsers: disconnected)
        }
        changeFeed.publish(.configurationSaved(version: result.configuration.version))
        return result
    }

    static func configuration(from row: Row) throws -> ServiceNowConfiguration {
        ServiceNowConfiguration(
            instanceURL: try row.text("instance_url"),
            clientID: try row.text("client_id"),
            version: try row.integer("version"),
            updatedAt: Date(millisecondsSince1970: try row.integer("updated_at")),
            updatedBy: try row.text("updated_by")
        )
    }

    // MARK: Widget settings

    public func widgetSettings() async throws -> WidgetSettings {
        try await read("reading the widget settings") { connection in
            guard let row = try connection.queryFirst("SELECT show_logo FROM widget_settings WHERE id = 1") else {
                return WidgetSettings.defaults
            }
            return WidgetSettings(showLogo: try row.bool("show_logo"))
        }
    }

    public func saveWidgetSettings(_ settings: WidgetSettings, by actor: String) async throws -> WidgetSettings {
        try Self.requireNonEmpty(actor, "actor")
        let now = clock.now().millisecondsSince1970
        let saved = try await write("saving the widget settings") { [origin, channel = options.channel] connection in
            try connection.execute(
                """
                INSERT INTO widget_settings (id, show_logo, updated_at, updated_by) VALUES (1, $1, $2, $3)
                ON CONFLICT (id) DO UPDATE SET
                    show_logo = excluded.show_logo,
                    updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by
                """,
                [.bool(settings.showLogo), .integer(now), .text(actor)]
            )
            try Self.insertAudit(
                at: now,
                actor: actor,
                action: AuditEntry.Action.updateWidgetSettings,
                details: ["showLogo": .bool(settings.showLogo)],
                in: connection
            )
            try Self.announce(.widgetSettingsSaved, origin: origin, channel: channel, in: connection)
            return settings
        }
        changeFeed.publish(.widgetSettingsSaved)
        return saved
    }
}
