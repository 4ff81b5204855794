import SQLite
import Testing

@Suite struct MigratorTests {
    private static let first = Migration("0001_items", sql: "CREATE TABLE item (name TEXT NOT NULL) STRICT;")
    private static let second = Migration("0002_tags", sql: "CREATE TABLE tag (label TEXT NOT NULL) STRICT;")

    private func tables(_ database: Database) async throws -> [String] {
        try await database.read { connection in
            try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
                .map { try $0.text("name") }
        }
    }

    @Test func appliesMigrationsInOrderOnceOnly() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("migrate.sqlite"))
        let migrator = Migrator([Self.first, Self.second])
        #expect(try await migrator.migrate(database) == ["0001_items", "0002_tags"])
        #expect(try await migrator.migrate(database) == [])
        #expect(try await migrator.appliedMigrations(database) == ["0001_items", "0002_tags"])
        #expect(try await tables(database) == ["item", "schema_migrations", "tag"])
    }

    @Test func aNewMigrationIsAppliedAfterTheOldOnesOnTheNextStart() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("grow.sqlite")
        do {
            let database = try await Database(path: path)
            try await Migrator([Self.first]).migrate(database)
            await database.close()
        }
        let database = try await Database(path: path)
        #expect(try await Migrator([Self.first, Self.second]).migrate(database) == ["0002_tags"])
    }

    @Test func aFailingMigrationLeavesNoTraceAndStopsTheRest() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("failing.sqlite"))
        let broken = Migration(
            "0002_broken",
            sql: "CREATE TABLE half (x INTEGER) STRICT; INSERT INTO nowhere (x) VALUES (1);"
        )
        let third = Migration("0003_after", sql: "CREATE TABLE after (x INTEGER) STRICT;")
        await #expect(throws: SQLiteError.self) {
            try await Migrator([Self.first, broken, third]).migrate(database)
        }
        #expect(try await Migrator([]).appliedMigrations(database) == ["0001_items"])
        // The broken migration's first statement was rolled back with it: DDL is transactional in SQLite.
        #expect(try await tables(database) == ["item", "schema_migrations"])
    }

    @Test func aDatabaseFromANewerVersionIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("newer.sqlite"))
        try await Migrator([Self.first, Self.second]).migrate(database)
        let error = await #expect(throws: MigrationError.self) {
            try await Migrator([Self.first]).migrate(database)
        }
        #expect(error?.kind == .unknownMigration)
        #expect(error?.name == "0002_tags")
    }

    @Test func duplicateNamesAreRefused() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("duplicate.sqlite"))
        let error = await #expect(throws: MigrationError.self) {
            try await Migrator([Self.first, Self.first]).migrate(database)
        }
        #expect(error?.kind == .duplicateName)
        #expect(try await tables(database) == [])
    }

    @Test func swiftMigrationsRunInTheirTransaction() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("swift.sqlite"))
        let seed = Migration("0002_seed") { connection in
            for name in ["a", "b"] {
                try connection.execute("INSERT INTO item (name) VALUES (?)", [.text(name)])
            }
        }
        try await Migrator([Self.first, seed]).migrate(database)
        let names = try await database.read { connection in
            try connection.query("SELECT name FROM item ORDER BY name").map { try $0.text("name") }
        }
        #expect(names == ["a", "b"])
    }
}
