import PostgreSQL

extension PostgreSQLGatewayStore {
    /// The advisory lock key (in the one-`bigint` key space) that serialises replicas migrating at once:
    /// "snowgate" in ASCII.
    static let migrationLockKey: Int64 = 0x736E_6F77_6761_7465

    /// The schema's history. Released migrations never change; a change is a new migration at the end.
    ///
    /// The same tables and meaning as the SQLite store's: times are `bigint` milliseconds since 1970, secrets are
    /// `bytea` in `SecretBox`'s format, OAuth states are keyed by the SHA-256 of their value. Audit details stay
    /// `text` (not `jsonb`, which would reorder their keys). `store_metadata` holds the data-key check.
    static let migrator = Migrator(
        [
            Migration(
                "0001_initial",
                sql: """
                    CREATE TABLE servicenow_configuration (
                        id smallint PRIMARY KEY CHECK (id = 1),
                        instance_url text NOT NULL,
                        client_id text NOT NULL,
                        client_secret bytea NOT NULL,
                        version bigint NOT NULL CHECK (version > 0),
                        updated_at bigint NOT NULL,
                        updated_by text NOT NULL
                    );

                    CREATE TABLE widget_settings (
                        id smallint PRIMARY KEY CHECK (id = 1),
                        show_logo boolean NOT NULL,
                        updated_at bigint NOT NULL,
                        updated_by text NOT NULL
                    );

                    CREATE TABLE user_tokens (
                        subject text PRIMARY KEY CHECK (length(subject) > 0),
                        access_token bytea NOT NULL,
                        access_token_expires_at bigint NOT NULL,
                        refresh_token bytea,
                        refresh_token_expires_at bigint,
                        scope text,
                        configuration_version bigint NOT NULL,
                        connected_at bigint NOT NULL,
                        updated_at bigint NOT NULL,
                        name text,
                        email text,
                        servicenow_user_id text
                    );

                    CREATE INDEX user_tokens_by_connected_at ON user_tokens (connected_at);

                    CREATE TABLE oauth_states (
                        state_hash bytea PRIMARY KEY CHECK (length(state_hash) = 32),
                        position bigint GENERATED ALWAYS AS IDENTITY,
                        subject text NOT NULL CHECK (length(subject) > 0),
                        code_verifier bytea NOT NULL,
                        configuration_version bigint NOT NULL,
                        created_at bigint NOT NULL,
                        expires_at bigint NOT NULL
                    );

                    CREATE INDEX oauth_states_by_expiry ON oauth_states (expires_at);
                    CREATE INDEX oauth_states_by_subject ON oauth_states (subject, created_at);

                    CREATE TABLE audit_log (
                        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        at bigint NOT NULL,
                        actor text NOT NULL,
                        action text NOT NULL,
                        details text NOT NULL
                    );

                    CREATE TABLE store_metadata (
                        name text PRIMARY KEY,
                        value bytea NOT NULL
                    );
                    """
            )
        ],
        lockKey: migrationLockKey
    )
}
