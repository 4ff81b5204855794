import JSON
import PostgreSQL

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension PostgreSQLGatewayStore {
    public func tokens(subject: String) async throws -> UserTokens? {
        try Self.requireNonEmpty(subject, "subject")
        // The join makes tokens of another configuration version invisible, even if one ever survived a purge.
        // One statement, so the row and the version it is checked against are read from one snapshot.
        let sealed = try await read("reading a user's tokens") { connection -> SealedTokens? in
            guard
                let row = try connection.queryFirst(
                    """
                    SELECT t.subject, t.access_token, t.access_token_expires_at, t.refresh_token,
                        t.refresh_token_expires_at, t.scope, t.configuration_version, t.connected_at,
                        t.name, t.email, t.servicenow_user_id
                    FROM user_tokens AS t
                    JOIN servicenow_configuration AS c ON c.id = 1 AND c.version = t.configuration_version
                    WHERE t.subject = $1
                    """,
                    [.text(subject)]
                )
            else { return nil }
            return SealedTokens(
                subject: try row.text("subject"),
                accessToken: try row.bytea("access_token"),
                accessTokenExpiresAt: try row.integer("access_token_expires_at"),
                refreshToken: try row.optionalBytea("refresh_token"),
                refreshTokenExpiresAt: try row.optionalInteger("refresh_token_expires_at"),
                scope: try row.optionalText("scope"),
                connectedAt: try row.integer("connected_at"),
                configurationVersion: try row.integer("configuration_version"),
                profile: UserProfile(
                    name: try row.optionalText("name"),
                    email: try row.optionalText("email"),
                    serviceNowUserID: try row.optionalText("servicenow_user_id")
                )
            )
        }
        guard let sealed else { return nil }
        do {
            return try sealed.open(with: secretBox, subject: subject)
        } catch {
            throw Self.storeError(error, during: "decrypting a user's tokens")
        }
    }

    public func saveTokens(_ tokens: UserTokens) async throws {
        let values = try sealedValues(tokens)
        let change = StoreChange.tokensStored(subject: tokens.subject)
        try await write("saving a user's tokens") { [origin, channel = options.channel] connection in
            guard try Self.lockedCurrentVersion(connection) == tokens.configurationVersion else {
                throw StoreError(
                    code: .configurationChanged,
                    message: "The ServiceNow configuration changed while the user was connecting"
                )
            }
            try connection.execute(
                """
                INSERT INTO user_tokens (
                    access_token, access_token_expires_at, refresh_token, refresh_token_expires_at, scope,
                    updated_at, name, email, servicenow_user_id, connected_at, configuration_version, subject
                ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                ON CONFLICT (subject) DO UPDATE SET
                    access_token = excluded.access_token,
                    access_token_expires_at = excluded.access_token_expires_at,
                    refresh_token = excluded.refresh_token,
                    refresh_token_expires_at = excluded.refresh_token_expires_at,
                    scope = excluded.scope,
                    updated_at = excluded.updated_at,
                    name = excluded.name,
                    email = excluded.email,
                    servicenow_user_id = excluded.servicenow_user_id,
                    connected_at = excluded.connected_at,
                    configuration_version = excluded.configuration_version
                """,
                values + [
                    .integer(tokens.connectedAt.millisecondsSince1970),
                    .integer(tokens.configurationVersion),
                    .text(tokens.subject),
                ]
            )
            try Self.announce(change, origin: origin, channel: channel, in: connection)
        }
        changeFeed.publish(change)
    }

    public func updateRefreshedTokens(_ tokens: UserTokens) async throws -> Bool {
        let values = try sealedValues(tokens)
        let change = StoreChange.tokensStored(subject: tokens.subject)
        let updated = try await write("saving a user's refreshed tokens") {
            [origin, channel = options.channel] connection in
            // Only a row that still exists under the same, current version is replaced: a user disconnected or
            // purged while the refresh ran stays disconnected. The share lock keeps a reconfiguration from
            // purging between the check and the update.
            let current = try connection.queryFirst(
                "SELECT version FROM servicenow_configuration WHERE id = 1 FOR SHARE"
            )
            guard try current?.integer("version") == tokens.configurationVersion else { return false }
            let changed = try connection.execute(
                """
                UPDATE user_tokens SET
                    access_token = $1, access_token_expires_at = $2, refresh_token = $3,
                    refresh_token_expires_at = $4, scope = $5, updated_at = $6, name = $7, email = $8,
                    servicenow_user_id = $9
                WHERE subject = $10 AND configuration_version = $11
                """,
                values + [.text(tokens.subject), .integer(tokens.configurationVersion)]
            )
            guard changed == 1 else { return false }
            try Self.announce(change, origin: origin, channel: channel, in: connection)
            return true
        }
        if updated { changeFeed.publish(change) }
        return updated
    }

    /// The values a refresh replaces, secrets sealed for the subject, in the order both statements bind them:
    /// access token, its expiry, refresh token, its expiry, scope, updated at, name, email, ServiceNow user.
    private func sealedValues(_ tokens: UserTokens) throws -> [PostgreSQLValue] {
        try Self.requireNonEmpty(tokens.subject, "subject")
        do {
            let (access, refresh) = try SealedTokens.seal(tokens, with: secretBox)
            return [
                .bytea(access),
                .integer(tokens.accessTokenExpiresAt.millisecondsSince1970),
                .optionalBytea(refresh),
                .optionalInteger(tokens.refreshTokenExpiresAt?.millisecondsSince1970),
                .optionalText(tokens.scope),
                .integer(clock.now().millisecondsSince1970),
                .optionalText(tokens.profile.name),
                .optionalText(tokens.profile.email),
                .optionalText(tokens.profile.serviceNowUserID),
            ]
        } catch {
            throw Self.storeError(error, during: "encrypting a user's tokens")
        }
    }

    public func deleteTokens(subject: String) async throws -> Bool {
        try Self.requireNonEmpty(subject, "subject")
        let change = StoreChange.userDisconnected(subject: subject)
        let deleted = try await write("deleting a user's tokens") { [origin, channel = options.channel] connection in
            guard try connection.execute("DELETE FROM user_tokens WHERE subject = $1", [.text(subject)]) > 0 else {
                return false
            }
            try Self.announce(change, origin: origin, channel: channel, in: connection)
            return true
        }
        if deleted { changeFeed.publish(change) }
        return deleted
    }

    public func disconnectUser(subject: String, by actor: String) async throws -> Bool {
        try Self.requireNonEmpty(subject, "subject")
        try Self.requireNonEmpty(actor, "actor")
        let now = clock.now().millisecondsSince1970
        let change = StoreChange.userDisconnected(subject: subject)
        let disconnected = try await write("disconnecting a user") { [origin, channel = options.channel] connection in
            guard try connection.execute("DELETE FROM user_tokens WHERE subject = $1", [.text(subject)]) > 0 else {
                return false
            }
            try Self.insertAudit(
                at: now,
                actor: actor,
                action: AuditEntry.Action.disconnectUser,
                details: ["subject": .string(subject)],
                in: connection
            )
            try Self.announce(change, origin: origin, channel: channel, in: connection)
            return true
        }
        if disconnected { changeFeed.publish(change) }
        return disconnected
    }

    public func connectedUsers(limit: Int, offset: Int) async throws -> [ConnectedUser] {
        guard limit >= 0, offset >= 0 else {
            throw StoreError(code: .invalidArgument, message: "The limit and offset must not be negative")
        }
        return try await read("listing connected users") { connection in
            try connection.query(
                """
                SELECT t.subject, t.name, t.email, t.servicenow_user_id, t.connected_at, t.updated_at
                FROM user_tokens AS t
                JOIN servicenow_configuration AS c ON c.id = 1 AND c.version = t.configuration_version
                ORDER BY t.connected_at DESC, t.subject
                LIMIT $1 OFFSET $2
                """,
                [.int(limit), .int(offset)]
            ).map { row in
                ConnectedUser(
                    subject: try row.text("subject"),
                    profile: UserProfile(
                        name: try row.optionalText("name"),
                        email: try row.optionalText("email"),
                        serviceNowUserID: try row.optionalText("servicenow_user_id")
                    ),
                    connectedAt: Date(millisecondsSince1970: try row.integer("connected_at")),
                    updatedAt: Date(millisecondsSince1970: try row.integer("updated_at"))
                )
            }
        }
    }

    public func connectedUserCount() async throws -> Int {
        try await read("counting connected users") { connection in
            try connection.queryFirst(
                """
                SELECT count(*) AS count
                FROM user_tokens AS t
                JOIN servicenow_configuration AS c ON c.id = 1 AND c.version = t.configuration_version
                """
            )?.int("count") ?? 0
        }
    }
}
