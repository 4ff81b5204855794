import JSON
import SQLite

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SQLiteGatewayStore {
    public func tokens(subject: String) async throws -> UserTokens? {
        try Self.requireNonEmpty(subject, "subject")
        // The join makes tokens of another configuration version invisible, even if one ever survived a purge.
        let sealed = try await read("reading a user's tokens") { connection -> SealedTokens? in
            guard
                let row = try connection.queryFirst(
                    """
                    SELECT t.subject, t.access_token, t.access_token_expires_at, t.refresh_token,
                        t.refresh_token_expires_at, t.scope, t.configuration_version, t.connected_at,
                        t.name, t.email, t.servicenow_user_id
                    FROM user_tokens AS t
                    JOIN servicenow_configuration AS c ON c.id = 1 AND c.version = t.configuration_version
                    WHERE t.subject = ?
                    """,
                    [.text(subject)]
                )
            else { return nil }
            return SealedTokens(
                subject: try row.text("subject"),
                accessToken: try row.blob("access_token"),
                accessTokenExpiresAt: try row.integer("access_token_expires_at"),
                refreshToken: try row.optionalBlob("refresh_token"),
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
        try await write("saving a user's tokens") { connection in
            guard try Self.currentVersion(connection) == tokens.configurationVersion else {
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
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
        }
        changeFeed.publish(.tokensStored(subject: tokens.subject))
    }

    public func updateRefreshedTokens(_ tokens: UserTokens) async throws -> Bool {
        let values = try sealedValues(tokens)
        let updated = try await write("saving a user's refreshed tokens") { connection in
            // Only a row that still exists under the same, current version is replaced: a user disconnected or
            // purged while the refresh ran stays disconnected.
            try connection.execute(
                """
                UPDATE user_tokens SET
                    access_token = ?, access_token_expires_at = ?, refresh_token = ?, refresh_token_expires_at = ?,
                    scope = ?, updated_at = ?, name = ?, email = ?, servicenow_user_id = ?
                WHERE subject = ? AND configuration_version = ?
                    AND configuration_version = (SELECT version FROM servicenow_configuration WHERE id = 1)
                """,
                values + [.text(tokens.subject), .integer(tokens.configurationVersion)]
            )
            return connection.changes == 1
        }
        if updated { changeFeed.publish(.tokensStored(subject: tokens.subject)) }
        return updated
    }

    /// The values a refresh replaces, secrets sealed for the subject, in the order both statements bind them:
    /// access token, its expiry, refresh token, its expiry, scope, updated at, name, email, ServiceNow user.
    private func sealedValues(_ tokens: UserTokens) throws -> [SQLiteValue] {
        try Self.requireNonEmpty(tokens.subject, "subject")
        do {
            let (access, refresh) = try SealedTokens.seal(tokens, with: secretBox)
            return [
                .blob(access),
                .integer(tokens.accessTokenExpiresAt.millisecondsSince1970),
                .optionalBlob(refresh),
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
        let deleted = try await write("deleting a user's tokens") { connection in
            try connection.execute("DELETE FROM user_tokens WHERE subject = ?", [.text(subject)])
            return connection.changes > 0
        }
        if deleted { changeFeed.publish(.userDisconnected(subject: subject)) }
        return deleted
    }

    public func disconnectUser(subject: String, by actor: String) async throws -> Bool {
        try Self.requireNonEmpty(subject, "subject")
        try Self.requireNonEmpty(actor, "actor")
        let now = clock.now().millisecondsSince1970
        let disconnected = try await write("disconnecting a user") { connection in
            try connection.execute("DELETE FROM user_tokens WHERE subject = ?", [.text(subject)])
            guard connection.changes > 0 else { return false }
            try Self.insertAudit(
                at: now,
                actor: actor,
                action: AuditEntry.Action.disconnectUser,
                details: ["subject": .string(subject)],
                in: connection
            )
            return true
        }
        if disconnected { changeFeed.publish(.userDisconnected(subject: subject)) }
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
                LIMIT ? OFFSET ?
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

    public func withRefreshLock<Result: Sendable>(
        subject: String,
        _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        try Self.requireNonEmpty(subject, "subject")
        return try await refreshLocks.withLock(subject, body)
    }
}
