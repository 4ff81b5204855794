import CSQLite
import Foundation
import SQLite
import Testing

@Suite struct ConnectionTests {
    @Test func everyValueTypeRoundTripsThroughBindings() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("values.sqlite"))
        let values: [SQLiteValue] = [
            .null,
            .integer(.max),
            .integer(.min),
            .integer(0),
            .real(3.25),
            .real(-0.5),
            .text(""),
            .text("héllo, wörld ✓"),
            .text("with\u{0}nul"),
            .blob([]),
            .blob([0, 1, 2, 255]),
        ]
        try await database.write { connection in
            try connection.execute("CREATE TABLE value (position INTEGER PRIMARY KEY, content ANY) STRICT")
            for (position, value) in values.enumerated() {
                try connection.execute("INSERT INTO value (position, content) VALUES (?, ?)", [.int(position), value])
            }
        }
        let stored = try await database.read { connection in
            try connection.query("SELECT content FROM value ORDER BY position").map { $0[0] }
        }
        #expect(stored == values)
    }

    @Test func typedRowAccessorsReadTheirColumnsAndRefuseOtherTypes() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("rows.sqlite"))
        let row = try await database.read { connection in
            try connection.queryFirst(
                "SELECT ? AS i, ? AS r, ? AS t, ? AS b, ? AS n, ? AS yes",
                [.integer(42), .real(1.5), .text("text"), .blob([7]), .null, .bool(true)]
            )
        }
        let found = try #require(row)
        #expect(found.columns == ["i", "r", "t", "b", "n", "yes"])
        #expect(try found.integer("i") == 42)
        #expect(try found.int("i") == 42)
        #expect(try found.real("r") == 1.5)
        #expect(try found.real("i") == 42)
        #expect(try found.text("t") == "text")
        #expect(try found.blob("b") == [7])
        #expect(try found.optionalText("n") == nil)
        #expect(try found.optionalInteger("n") == nil)
        #expect(try found.optionalBlob("n") == nil)
        #expect(try found.bool("yes"))
        #expect(found["missing"] == nil)
        let mismatch = #expect(throws: SQLiteError.self) { try found.text("i") }
        #expect(mismatch?.code == .mismatch)
        #expect(mismatch?.message.contains("'i'") == true)
        let missing = #expect(throws: SQLiteError.self) { try found.integer("missing") }
        #expect(missing?.code == .range)
    }

    @Test func preparedStatementsAreCachedBySQLText() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("cache.sqlite"))
        let counts = try await database.write { connection in
            try connection.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT")
            let afterCreate = connection.cachedStatementCount
            for index in 0..<5 {
                try connection.execute("INSERT INTO item (name) VALUES (?)", [.text("item \(index)")])
            }
            let afterInserts = connection.cachedStatementCount
            let first = try connection.query("SELECT name FROM item WHERE id = ?", [1])
            let second = try connection.query("SELECT name FROM item WHERE id = ?", [2])
            let afterSelects = connection.cachedStatementCount
            #expect(try first.first?.text("name") == "item 0")
            #expect(try second.first?.text("name") == "item 1")
            return (afterCreate, afterInserts, afterSelects)
        }
        // Five inserts share one statement, two selects another; bindings do not leak between uses.
        #expect(counts.1 == counts.0 + 1)
        #expect(counts.2 == counts.1 + 1)
    }

    @Test func changesAndLastInsertRowID() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("changes.sqlite"))
        let (rowID, changed) = try await database.write { connection in
            try connection.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, flag INTEGER NOT NULL) STRICT")
            try connection.execute("INSERT INTO item (flag) VALUES (0), (0), (1)")
            let rowID = connection.lastInsertRowID
            try connection.execute("UPDATE item SET flag = 2 WHERE flag = ?", [0])
            return (rowID, connection.changes)
        }
        #expect(rowID == 3)
        #expect(changed == 2)
    }

    @Test func aBindingCountThatDoesNotMatchIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("range.sqlite"))
        let error = await #expect(throws: SQLiteError.self) {
            try await database.read { connection in try connection.query("SELECT ?, ?", [1]) }
        }
        #expect(error?.code == .range)
        #expect(error?.sql == "SELECT ?, ?")
    }

    @Test func twoStatementsInOneCallAreRefused() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("multi.sqlite"))
        let error = await #expect(throws: SQLiteError.self) {
            try await database.write { connection in
                try connection.execute("CREATE TABLE a (x INTEGER); CREATE TABLE b (y INTEGER)")
            }
        }
        #expect(error?.code == .misuse)
        // A trailing comment or semicolon is not a second statement.
        try await database.write { connection in
            try connection.execute("CREATE TABLE c (z INTEGER); -- done")
        }
    }

    @Test func syntaxErrorsCarryTheirCodeMessageAndSQL() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("syntax.sqlite"))
        let error = await #expect(throws: SQLiteError.self) {
            try await database.read { connection in try connection.query("SELEKT 1") }
        }
        #expect(error?.code == .error)
        #expect(error?.extendedCode == SQLITE_ERROR)
        #expect(error?.message.contains("syntax error") == true)
        #expect(error?.sql == "SELEKT 1")
    }

    @Test func constraintViolationsKeepTheExtendedCode() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("constraint.sqlite"))
        try await database.write { connection in
            try connection.execute("CREATE TABLE item (name TEXT NOT NULL UNIQUE) STRICT")
            try connection.execute("INSERT INTO item (name) VALUES (?)", ["a"])
        }
        let unique = await #expect(throws: SQLiteError.self) {
            try await database.write { connection in
                try connection.execute("INSERT INTO item (name) VALUES (?)", ["a"])
            }
        }
        #expect(unique?.code == .constraint)
        #expect(unique?.extendedCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE: a macro Swift cannot import
        let notNull = await #expect(throws: SQLiteError.self) {
            try await database.write { connection in
                try connection.execute("INSERT INTO item (name) VALUES (?)", [nil])
            }
        }
        #expect(notNull?.extendedCode == 1299)  // SQLITE_CONSTRAINT_NOTNULL
    }

    @Test func doubleQuotedStringLiteralsAreNotSilentlyAccepted() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("dqs.sqlite"))
        let error = await #expect(throws: SQLiteError.self) {
            try await database.write { connection in
                try connection.execute("CREATE TABLE item (name TEXT) STRICT")
                try connection.execute("SELECT * FROM item WHERE name = \"nmae\"")
            }
        }
        #expect(error?.message.contains("no such column") == true)
    }

    @Test func scriptsRunEveryStatementInOrder() async throws {
        let directory = try TemporaryDirectory()
        let database = try await Database(path: directory.file("script.sqlite"))
        let names = try await database.write { connection in
            try connection.executeScript(
                """
                -- a comment first
                CREATE TABLE a (x INTEGER) STRICT;
                CREATE TABLE b (y INTEGER) STRICT;
                INSERT INTO a (x) VALUES (1);
                /* and one at the end */
                """
            )
            return try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
                .map { try $0.text("name") }
        }
        #expect(names == ["a", "b"])
        let error = await #expect(throws: SQLiteError.self) {
            try await database.write { connection in
                try connection.executeScript("CREATE TABLE c (z INTEGER); CREATE TABL d (w INTEGER);")
            }
        }
        #expect(error?.sql?.contains("CREATE TABL d") == true)
    }
}
