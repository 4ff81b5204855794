import SQLite

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SQLiteGatewayStore {
    public func createOAuthState(
        _ value: String,
        subject: String,
        codeVerifier: String,
        configurationVersion: Int64,
        lifetime: Duration
    ) async throws -> OAuthState {
        try Self.requireNonEmpty(value, "OAuth state")
        try Self.requireNonEmpty(subject, "subject")
        try Self.requireNonEmpty(codeVerifier, "code verifier")
        guard lifetime > .zero else {
            throw StoreError(code: .invalidArgument, message: "An OAuth state's lifetime must be positive")
        }
        let hash = Self.stateHash(value)
        let sealedVerifier: [UInt8]
        do {
            sealedVerifier = try secretBox.seal(
                codeVerifier,
                purpose: .codeVerifier(stateHash: Self.hex(hash), subject: subject)
            )
        } catch {
            throw Self.storeError(error, during: "encrypting a PKCE code verifier")
        }
        let now = clock.now().millisecondsSince1970
        let (expiresAt, overflow) = now.addingReportingOverflow(Self.milliseconds(lifetime))
        let expiry = overflow ? Int64.max : expiresAt
        let keep = maxPendingOAuthStatesPerUser - 1
        try await write("creating an OAuth state") { connection in
            guard try Self.currentVersion(connection) == configurationVersion else {
                throw StoreError(
                    code: .configurationChanged,
                    message: "The ServiceNow configuration changed before the authorization started"
                )
            }
            try connection.execute("DELETE FROM oauth_states WHERE expires_at <= ?", [.integer(now)])
            // Bounds what one user (or a script with their token) can make the table hold.
            try connection.execute(
                """
                DELETE FROM oauth_states WHERE subject = ? AND state_hash NOT IN (
                    SELECT state_hash FROM oauth_states WHERE subject = ?
                    ORDER BY created_at DESC, rowid DESC LIMIT ?
                )
                """,
                [.text(subject), .text(subject), .int(keep)]
            )
            do {
                try connection.execute(
                    """
                    INSERT INTO oauth_states
                        (state_hash, subject, code_verifier, configuration_version, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .blob(hash), .text(subject), .blob(sealedVerifier), .integer(configurationVersion),
                        .integer(now), .integer(expiry),
                    ]
                )
            } catch let error as SQLiteError where error.code == .constraint {
                throw StoreError(code: .invalidArgument, message: "This OAuth state value is already pending")
            }
        }
        return OAuthState(
            value: value,
            subject: subject,
            codeVerifier: codeVerifier,
            configurationVersion: configurationVersion,
            createdAt: Date(millisecondsSince1970: now),
            expiresAt: Date(millisecondsSince1970: expiry)
        )
    }

    public func consumeOAuthState(_ value: String) async throws -> OAuthState? {
        guard !value.isEmpty else { return nil }
        let hash = Self.stateHash(value)
        let now = clock.now().millisecondsSince1970
        // One statement deletes and returns the row: of two concurrent callbacks with the same state, one gets it.
        let row = try await write("consuming an OAuth state") { connection in
            try connection.query(
                """
                DELETE FROM oauth_states WHERE state_hash = ?
                RETURNING subject, code_verifier, configuration_version, created_at, expires_at
                """,
                [.blob(hash)]
            ).first
        }
        guard let row else { return nil }
        do {
            let expiresAt = try row.integer("expires_at")
            guard now < expiresAt else { return nil }
            let subject = try row.text("subject")
            // Opened after the commit: a row that fails to open is still consumed, never retried.
            let verifier = try secretBox.openString(
                try row.blob("code_verifier"),
                purpose: .codeVerifier(stateHash: Self.hex(hash), subject: subject)
            )
            return OAuthState(
                value: value,
                subject: subject,
                codeVerifier: verifier,
                configurationVersion: try row.integer("configuration_version"),
                createdAt: Date(millisecondsSince1970: try row.integer("created_at")),
                expiresAt: Date(millisecondsSince1970: expiresAt)
            )
        } catch {
            throw Self.storeError(error, during: "reading a consumed OAuth state")
        }
    }

    public func purgeExpiredOAuthStates() async throws -> Int {
        let now = clock.now().millisecondsSince1970
        return try await write("purging expired OAuth states") { connection in
            try connection.execute("DELETE FROM oauth_states WHERE expires_at <= ?", [.integer(now)])
            return connection.changes
        }
    }
}
