import SQLite

extension SQLiteGatewayStore {
    /// The schema's history. Released migrations never change; a change is a new migration at the end.
    ///
    /// Times are integer milliseconds since 1970. Tables are `STRICT`, so a value of the wrong type is an error
    /// rather than a silent conversion. Secrets are `BLOB`s in `SecretBox`'s format; OAuth states are keyed by
    /// the SHA-256 of their value.
    static let migrator = Migrator([
        Migration(
            "0001_initial",
            sql: """
                CREATE TABLE servicenow_configuration (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    instance_url TEXT NOT NULL,
                    client_id TEXT NOT NULL,
                    client_secret BLOB NOT NULL,
                    version INTEGER NOT NULL CHECK (version > 0),
                    updated_at INTEGER NOT NULL,
                    updated_by TEXT NOT NULL
                ) STRICT;

                CREATE TABLE widget_settings (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    show_logo INTEGER NOT NULL CHECK (show_logo IN (0, 1)),
                    updated_at INTEGER NOT NULL,
                    updated_by TEXT NOT NULL
                ) STRICT;

                CREATE TABLE user_tokens (
                    subject TEXT PRIMARY KEY CHECK (length(subject) > 0),
                    access_token BLOB NOT NULL,
                    access_token_expires_at INTEGER NOT NULL,
                    refresh_token BLOB,
                    refresh_token_expires_at INTEGER,
                    scope TEXT,
                    configuration_version INTEGER NOT NULL,
                    connected_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    name TEXT,
                    email TEXT,
                    servicenow_user_id TEXT
                ) STRICT;

                CREATE INDEX user_tokens_by_connected_at ON user_tokens (connected_at);

                CREATE TABLE oauth_states (
                    state_hash BLOB PRIMARY KEY CHECK (length(state_hash) = 32),
                    subject TEXT NOT NULL CHECK (length(subject) > 0),
                    code_verifier BLOB NOT NULL,
                    configuration_version INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                ) STRICT;

                CREATE INDEX oauth_states_by_expiry ON oauth_states (expires_at);
                CREATE INDEX oauth_states_by_subject ON oauth_states (subject, created_at);

                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    details TEXT NOT NULL
                ) STRICT;
                """
        )
    ])
}
