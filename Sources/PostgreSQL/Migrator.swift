/// Applies ordered, named migrations, each in its own transaction, and records them in `schema_migrations`.
///
/// Running it again applies only what is missing, so every start can call it. Processes starting at once (several
/// replicas after a deployment) are serialised by a session advisory lock held for the whole run: the second one
/// waits, then finds everything applied. Without it, two `CREATE TABLE IF NOT EXISTS` can still collide.
public struct Migrator: Sendable {
    /// The migrations in the order they apply.
    public let migrations: [Migration]
    /// The advisory lock key (`pg_advisory_lock(bigint)`) that serialises migrating processes; unique per
    /// application sharing a database.
    public let lockKey: Int64

    /// Creates a migrator; names must be unique (checked when it runs).
    public init(_ migrations: [Migration], lockKey: Int64) {
        self.migrations = migrations
        self.lockKey = lockKey
    }

    /// Applies every migration the database has not recorded yet, in order, and returns their names.
    ///
    /// Throws `MigrationError` if two migrations share a name or the database records a migration this code does
    /// not know (it was written by a newer version: running on would corrupt its data).
    @discardableResult
    public func migrate(_ pool: ConnectionPool) async throws -> [String] {
        var names = Set<String>()
        for migration in migrations where !names.insert(migration.name).inserted {
            throw MigrationError(kind: .duplicateName, name: migration.name)
        }
        let migrations = self.migrations
        let lockKey = self.lockKey
        let known = names
        return try await pool.withConnection { pooled in
            try await pooled.run { connection in
                try connection.execute("SELECT pg_advisory_lock($1::bigint)", [.integer(lockKey)])
                defer {
                    // On a broken connection the server has released the lock with the session.
                    _ = try? connection.execute("SELECT pg_advisory_unlock($1::bigint)", [.integer(lockKey)])
                }
                try Self.createTable(connection)
                let applied = try Self.appliedNames(connection)
                if let unknown = applied.first(where: { !known.contains($0) }) {
                    throw MigrationError(kind: .unknownMigration, name: unknown)
                }
                var newlyApplied: [String] = []
                for migration in migrations where !applied.contains(migration.name) {
                    try connection.transaction { connection in
                        try migration.apply(connection)
                        try connection.execute(
                            "INSERT INTO schema_migrations (name) VALUES ($1)",
                            [.text(migration.name)]
                        )
                    }
                    newlyApplied.append(migration.name)
                }
                return newlyApplied
            }
        }
    }

    /// The names of the migrations the database has recorded, in the order they were applied.
    public func appliedMigrations(_ pool: ConnectionPool) async throws -> [String] {
        let lockKey = self.lockKey
        return try await pool.withConnection { pooled in
            try await pooled.run { connection in
                try connection.execute("SELECT pg_advisory_lock($1::bigint)", [.integer(lockKey)])
                defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1::bigint)", [.integer(lockKey)]) }
                try Self.createTable(connection)
                return try Self.appliedNames(connection)
            }
        }
    }

    private static func createTable(_ connection: Connection) throws {
        try connection.executeScript(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                position integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name text NOT NULL UNIQUE,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """
        )
    }

    private static func appliedNames(_ connection: Connection) throws -> [String] {
        try connection.query("SELECT name FROM schema_migrations ORDER BY position").map { try $0.text("name") }
    }
}
