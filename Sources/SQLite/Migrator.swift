/// Applies ordered, named migrations, each in its own transaction, and records them in `schema_migrations`.
///
/// Running it again applies only what is missing, so every start can call it. Two processes starting at once
/// are safe: each migration re-checks, inside its `BEGIN IMMEDIATE` transaction, that no one applied it first.
public struct Migrator: Sendable {
    /// The migrations in the order they apply.
    public let migrations: [Migration]

    /// Creates a migrator; names must be unique (checked when it runs).
    public init(_ migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Applies every migration the database has not recorded yet, in order, and returns their names.
    ///
    /// Throws `MigrationError` if two migrations share a name or the database records a migration this code does
    /// not know (it was written by a newer version: running on would corrupt its data).
    @discardableResult
    public func migrate(_ database: Database) async throws -> [String] {
        var names = Set<String>()
        for migration in migrations where !names.insert(migration.name).inserted {
            throw MigrationError(kind: .duplicateName, name: migration.name)
        }
        let applied = try await database.write { connection in
            try Self.createTable(connection)
            return try Self.appliedNames(connection)
        }
        if let unknown = applied.first(where: { !names.contains($0) }) {
            throw MigrationError(kind: .unknownMigration, name: unknown)
        }
        var newlyApplied: [String] = []
        for migration in migrations where !applied.contains(migration.name) {
            let didApply = try await database.write { connection in
                guard
                    try connection.queryFirst(
                        "SELECT 1 FROM schema_migrations WHERE name = ?",
                        [.text(migration.name)]
                    ) == nil
                else { return false }
                try migration.apply(connection)
                try connection.execute(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (?, unixepoch())",
                    [.text(migration.name)]
                )
                return true
            }
            if didApply { newlyApplied.append(migration.name) }
        }
        return newlyApplied
    }

    /// The names of the migrations the database has recorded, in the order they were applied.
    public func appliedMigrations(_ database: Database) async throws -> [String] {
        try await database.write { connection in
            try Self.createTable(connection)
            return try Self.appliedNames(connection)
        }
    }

    private static func createTable(_ connection: Connection) throws {
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                position INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                applied_at INTEGER NOT NULL
            ) STRICT
            """
        )
    }

    private static func appliedNames(_ connection: Connection) throws -> [String] {
        try connection.query("SELECT name FROM schema_migrations ORDER BY position").map { try $0.text("name") }
    }
}
