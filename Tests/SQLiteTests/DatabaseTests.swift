import Dispatch
import Foundation
import SQLite
import Synchronization
import Testing

@Suite struct DatabaseTests {
    @Test func opensWithWALFullSynchronousForeignKeysAndPrivateFiles() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("pragmas.sqlite")
        let database = try await Database(path: path)
        // Asking a pragma may change state as far as SQLite knows, so it needs a write transaction.
        let (journal, synchronous, foreignKeys) = try await database.write { connection in
            (
                try connection.queryFirst("PRAGMA journal_mode")?.text("journal_mode"),
                try connection.queryFirst("PRAGMA synchronous")?.integer("synchronous"),
                try connection.queryFirst("PRAGMA foreign_keys")?.integer("foreign_keys")
            )
        }
        #expect(journal == "wal")
        #expect(synchronous == 2)  // FULL
        #expect(foreignKeys == 1)
        try await database.write { connection in try connection.execute("CREATE TABLE t (x INTEGER)") }
        for file in [path, path + "-wal", path + "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            let mode = try #require(attributes[.posixPermissions] as? NSNumber).intValue
            #expect(mode & 0o077 == 0, "\(file) has mode \(String(mode, radix: 8))")
        }
    }

    @Test func synchronousNormalCanBeChosen() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(
            path: directory.file("normal.sqlite"),
            configuration: Database.Configuration(synchronous: .normal)
        )
        let synchronous = try await database.write { connection in
            try connection.queryFirst("PRAGMA synchronous")?.integer("synchronous")
        }
        #expect(synchronous == 1)
    }

    @Test func aThrowingWriteRollsBackEverything() async throws {
        struct Abort: Error {}
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("rollback.sqlite"))
        try await database.write { connection in
            try connection.execute("CREATE TABLE item (name TEXT NOT NULL UNIQUE) STRICT")
            try connection.execute("INSERT INTO item (name) VALUES ('kept')")
        }
        await #expect(throws: Abort.self) {
            try await database.write { connection in
                try connection.execute("INSERT INTO item (name) VALUES ('first')")
                try connection.execute("DELETE FROM item WHERE name = 'kept'")
                throw Abort()
            }
        }
        // A failing statement half-way rolls back the statements before it too.
        await #expect(throws: SQLiteError.self) {
            try await database.write { connection in
                try connection.execute("INSERT INTO item (name) VALUES ('second')")
                try connection.execute("INSERT INTO item (name) VALUES ('kept')")
            }
        }
        let names = try await database.read { connection in
            try connection.query("SELECT name FROM item ORDER BY name").map { try $0.text("name") }
        }
        #expect(names == ["kept"])
        // No transaction was left open: a new one begins and commits.
        try await database.write { connection in try connection.execute("INSERT INTO item (name) VALUES ('after')") }
        let count = try await database.read { connection in
            try connection.queryFirst("SELECT count(*) AS n FROM item")?.integer("n")
        }
        #expect(count == 2)
    }

    @Test func readsRefuseToWrite() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("readonly.sqlite"))
        try await database.write { connection in try connection.execute("CREATE TABLE item (x INTEGER)") }
        let error = await #expect(throws: SQLiteError.self) {
            try await database.read { connection in try connection.execute("INSERT INTO item (x) VALUES (1)") }
        }
        #expect(error?.code == .readOnly)
        let count = try await database.read { connection in
            try connection.queryFirst("SELECT count(*) AS n FROM item")?.integer("n")
        }
        #expect(count == 0)
    }

    @Test func aSecondConnectionWaitsForTheBusyTimeoutThenGivesUp() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("busy.sqlite")
        let holder = try await Database(path: path)
        try await holder.write { connection in try connection.execute("CREATE TABLE item (x INTEGER)") }
        let impatient = try await Database(
            path: path,
            configuration: Database.Configuration(busyTimeout: .milliseconds(50))
        )
        let patient = try await Database(path: path, configuration: Database.Configuration(busyTimeout: .seconds(10)))

        // The holder's thread keeps the write lock until the test lets it go.
        let locked = Mutex(false)
        let release = DispatchSemaphore(value: 0)
        async let held: Void = holder.write { connection in
            try connection.execute("INSERT INTO item (x) VALUES (1)")
            locked.withLock { $0 = true }
            release.wait()
        }
        while !locked.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(2)) }

        let started = ContinuousClock.now
        let busy = await #expect(throws: SQLiteError.self) {
            try await impatient.write { connection in try connection.execute("INSERT INTO item (x) VALUES (2)") }
        }
        #expect(busy?.code == .busy)
        #expect(ContinuousClock.now - started >= .milliseconds(40))

        async let waited: Void = patient.write { connection in
            try connection.execute("INSERT INTO item (x) VALUES (3)")
        }
        try await Task.sleep(for: .milliseconds(100))
        release.signal()
        try await held
        try await waited
        let values = try await patient.read { connection in
            try connection.query("SELECT x FROM item ORDER BY x").map { try $0.integer("x") }
        }
        #expect(values == [1, 3])
    }

    @Test func closedDatabasesRefuseWork() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("closed.sqlite"))
        await database.close()
        let error = await #expect(throws: SQLiteError.self) {
            try await database.read { connection in try connection.query("SELECT 1") }
        }
        #expect(error?.code == .misuse)
        await database.close()  // closing twice is harmless
    }

    @Test func aFileThatIsNotADatabaseIsRefusedWithItsCode() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("garbage.sqlite")
        try Data(repeating: 0x42, count: 4096).write(to: URL(fileURLWithPath: path))
        let error = await #expect(throws: SQLiteError.self) {
            _ = try await Database(path: path)
        }
        #expect(error?.code == .notADatabase)
    }

    @Test func aMissingDirectoryCannotBeOpened() async throws {
        let directory = try TemporaryDirectory()
        let error = await #expect(throws: SQLiteError.self) {
            _ = try await Database(path: directory.file("missing/db.sqlite"))
        }
        #expect(error?.code == .cannotOpen)
    }

    @Test func dataSurvivesReopening() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("reopen.sqlite")
        do {
            let database = try await Database(path: path)
            try await database.write { connection in
                try connection.execute("CREATE TABLE item (name TEXT) STRICT")
                try connection.execute("INSERT INTO item (name) VALUES (?)", ["persisted"])
            }
            await database.close()
        }
        let reopened = try await Database(path: path)
        let name = try await reopened.read { connection in
            try connection.queryFirst("SELECT name FROM item")?.text("name")
        }
        #expect(name == "persisted")
    }

    @Test func workSubmittedConcurrentlyRunsOneClosureAtATime() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("serial.sqlite"))
        try await database.write { connection in
            try connection.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL) STRICT")
            try connection.execute("INSERT INTO counter (id, value) VALUES (1, 0)")
        }
        // Read-modify-write in separate statements: correct only if no two closures interleave.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    try await database.write { connection in
                        let value =
                            try connection.queryFirst("SELECT value FROM counter WHERE id = 1")?.integer("value") ?? 0
                        try connection.execute("UPDATE counter SET value = ? WHERE id = 1", [.integer(value + 1)])
                    }
                }
            }
            try await group.waitForAll()
        }
        let value = try await database.read { connection in
            try connection.queryFirst("SELECT value FROM counter WHERE id = 1")?.integer("value")
        }
        #expect(value == 50)
    }
}
