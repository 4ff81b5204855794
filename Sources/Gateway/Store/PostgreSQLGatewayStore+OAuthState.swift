import PostgreSQL

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension PostgreSQLGatewayStore {
    /// The first half of the advisory-lock key that serialises one user's state creations ("SnOs"), so the
    /// per-user bound holds when replicas create states for one user at once.
    static let oauthStateLockClass: Int64 = 0x536E_4F73

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
        let lockKey = Self.lockKey(subject)
        try await write("creating an OAuth state") { connection in
            guard try Self.lockedCurrentVersion(connection) == configurationVersion else {
                throw StoreError(
                    code: .configurationChanged,
                    message: "The ServiceNow configuration changed before the authorization started"
                )
            }
            try connection.execute(
                "SELECT pg_advisory_xact_lock($1::integer, $2::integer)",
                [.integer(Self.oauthStateLockClass), .integer(lockKey)]
            )
            try connection.execute("DELETE FROM oauth_states WHERE expires_at <= $1", [.integer(now)])
            // Bounds what one user (or a script with their token) can make the table hold.
            try connection.execute(
                """
                DELETE FROM oauth_states WHERE subject = $1 AND state_hash NOT IN (
                    SELECT state_hash FROM oauth_states WHERE subject = $1
                    ORDER BY created_at DESC, position DESC LIMIT $2
                )
                """,
                [.text(subject), .int(keep)]
            )
            do {
                try connection.execute(
                    """
                    INSERT INTO oauth_states
                        (state_hash, subject, code_verifier, configuration_version, created_at, expires_at)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    """,
                    [
                        .bytea(hash), .text(subject), .bytea(sealedVerifier), .integer(configurationVersion),
                        .integer(now), .integer(expiry),
                    ]
                )
            } catch let error as PostgreSQLError where error.sqlState == .uniqueViolation {
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
        // One statement deletes and returns the row: of two concurrent callbacks with the same state (on any
        // replicas), one gets it; the other waits for the row lock and then finds nothing.
        let row = try await write("consuming an OAuth state") { connection in
            try connection.queryFirst(
                """
                DELETE FROM oauth_states WHERE state_hash = $1
                RETURNING subject, code_verifier, configuration_version, created_at, expires_at
                """,
                [.bytea(hash)]
            )
        }
        guard let row else { return nil }
        do {
            let expiresAt = try row.integer("expires_at")
            guard now < expiresAt else { return nil }
            let subject = try row.text("subject")
            // Opened after the commit: a row that fails to open is still consumed, never retried.
            let verifier = try secretBox.openString(
                try row.bytea("code_verifier"),
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
            try connection.execute("DELETE FROM oauth_states WHERE expires_at <= $1", [.integer(now)])
        }
    }
}
