import Foundation
import PostgreSQL
import Synchronization
import Testing

/// The PostgreSQL module against the real test server (its server-free parts are in `PostgreSQLTests`; these
/// live here because the test server does).
@Suite struct PostgreSQLConnectionTests {
    private func makePool(maxConnections: Int = 2) async throws -> (PostgreSQLTestServer, String, ConnectionPool) {
        let server = try await PostgreSQLTestServer.shared()
        let database = try await server.makeDatabase()
        let pool = ConnectionPool(
            configuration: server.configuration(database: database),
            maxConnections: maxConnections
        )
        return (server, database, pool)
    }

    @Test func valuesRoundTripInTextFormatByType() async throws {
        let (_, _, pool) = try await makePool()
        defer { Task { await pool.close() } }
        let allBytes = (0...255).map { UInt8($0) }
        let row = try #require(
            try await pool.read { connection in
                try connection.queryFirst(
                    """
                    SELECT $1::boolean AS yes, $2::bigint AS big, $3::integer AS small, $4::double precision AS real,
                        $5::text AS text, $6::bytea AS bytes, $7::text AS nothing, $8::bytea AS empty,
                        $9::double precision AS infinite, now() AS timestamp
                    """,
                    [
                        .bool(true), .integer(.min), .integer(-42), .double(0.1), .text("ünïcödé ✓ 'quoted' \\ $1"),
                        .bytea(allBytes), .null, .bytea([]), .double(-.infinity),
                    ]
                )
            }
        )
        #expect(try row.bool("yes") == true)
        #expect(try row.integer("big") == .min)
        #expect(try row.int("small") == -42)
        #expect(try row.double("real") == 0.1)
        #expect(try row.text("text") == "ünïcödé ✓ 'quoted' \\ $1")
        #expect(try row.bytea("bytes") == allBytes)
        #expect(try row.optionalText("nothing") == nil)
        #expect(try row.bytea("empty") == [])
        #expect(try row.double("infinite") == -.infinity)
        #expect(try !row.text("timestamp").isEmpty)
        let mismatch = #expect(throws: PostgreSQLError.self) { try row.integer("text") }
        #expect(mismatch?.code == .mismatch)
        #expect(#expect(throws: PostgreSQLError.self) { try row.text("missing") }?.code == .mismatch)
    }

    @Test func parametersAreNeverInterpretedAsSQL() async throws {
        let (_, _, pool) = try await makePool()
        defer { Task { await pool.close() } }
        let hostile = "x'); DROP TABLE notes; --"
        let (echo, count) = try await pool.write { connection in
            try connection.executeScript("CREATE TABLE notes (body text NOT NULL)")
            try connection.execute("INSERT INTO notes (body) VALUES ($1)", [.text(hostile)])
            let echo = try connection.queryFirst("SELECT body FROM notes WHERE body = $1", [.text(hostile)])
            let count = try connection.queryFirst("SELECT count(*) AS count FROM notes")
            return (try echo?.text("body"), try count?.int("count"))
        }
        #expect(echo == hostile)
        #expect(count == 1)
        let nul = await #expect(throws: PostgreSQLError.self) {
            try await pool.read { connection in try connection.query("SELECT $1::text AS t", [.text("alice\u{0}x")]) }
        }
        #expect(nul?.code == .invalidParameter)
    }

    @Test func serverErrorsKeepTheirSQLStateButNotTheRowValues() async throws {
        let (_, _, pool) = try await makePool()
        defer { Task { await pool.close() } }
        try await pool.write { connection in
            try connection.executeScript("CREATE TABLE secrets (value text CONSTRAINT secrets_unique UNIQUE)")
            try connection.execute("INSERT INTO secrets (value) VALUES ($1)", [.text("TOKEN-abc-123")])
        }
        let duplicate = await #expect(throws: PostgreSQLError.self) {
            try await pool.write { connection in
                try connection.execute("INSERT INTO secrets (value) VALUES ($1)", [.text("TOKEN-abc-123")])
            }
        }
        #expect(duplicate?.code == .server)
        #expect(duplicate?.sqlState == .uniqueViolation)
        #expect(duplicate?.constraint == "secrets_unique")
        #expect(duplicate.map { !"\($0)".contains("TOKEN-abc-123") } == true)

        let syntax = await #expect(throws: PostgreSQLError.self) {
            try await pool.read { connection in try connection.query("SELEC 1") }
        }
        #expect(syntax?.sqlState?.rawValue == "42601")
        #expect(syntax?.sql == "SELEC 1")
    }

    @Test func aTransactionCommitsWholeOrNotAtAll() async throws {
        let (_, _, pool) = try await makePool()
        defer { Task { await pool.close() } }
        try await pool.write { connection in try connection.executeScript("CREATE TABLE t (n integer PRIMARY KEY)") }
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await pool.write { connection in
                try connection.execute("INSERT INTO t (n) VALUES (1)")
                throw Refused()
            }
        }
        // A body that swallows a statement error must not "commit" the failed transaction.
        let swallowed = await #expect(throws: PostgreSQLError.self) {
            try await pool.write { connection in
                try connection.execute("INSERT INTO t (n) VALUES (2)")
                _ = try? connection.execute("INSERT INTO t (n) VALUES (2)")
            }
        }
        #expect(swallowed?.sqlState == .inFailedTransaction)
        let count = try await pool.read { connection in try connection.queryFirst("SELECT count(*) AS c FROM t") }
        #expect(try count?.int("c") == 0)
        // The connections are clean for the next borrower.
        _ = try await pool.write { connection in try connection.execute("INSERT INTO t (n) VALUES (3)") }
    }

    @Test func thePoolLendsAtMostItsConnectionsAndQueuesTheRest() async throws {
        let (_, _, pool) = try await makePool(maxConnections: 2)
        let occupancy = Occupancy()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await pool.withConnection { connection in
                        occupancy.enter()
                        defer { occupancy.leave() }
                        _ = try await connection.run { connection in try connection.execute("SELECT pg_sleep(0.01)") }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(occupancy.maximum == 2)
        #expect(pool.counts.total == 2)
        await pool.close()
        let closed = await #expect(throws: PostgreSQLError.self) {
            try await pool.read { connection in try connection.execute("SELECT 1") }
        }
        #expect(closed?.code == .closed)
    }

    @Test func aCancelledTaskStopsItsStatementOnTheServer() async throws {
        let (_, _, pool) = try await makePool()
        defer { Task { await pool.close() } }
        let started = ContinuousClock.now
        let task = Task {
            try await pool.withConnection { connection in
                try await connection.runCancellable { connection in try connection.execute("SELECT pg_sleep(30)") }
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(10))
        // The connection is usable afterwards.
        #expect(try await pool.read { try $0.queryFirst("SELECT 1 AS one")?.int("one") } == 1)
    }

    @Test func brokenConnectionsAreReplaced() async throws {
        let (server, database, pool) = try await makePool(maxConnections: 1)
        defer { Task { await pool.close() } }
        // The PID as the server reports it: asking libpq would not touch the (dead) connection.
        let backendPID: @Sendable (Connection) throws -> Int32 = { connection in
            Int32(try connection.queryFirst("SELECT pg_backend_pid() AS pid")?.int("pid") ?? -1)
        }
        let firstPID = try await pool.read(backendPID)
        _ = try await server.adminQuery("SELECT pg_terminate_backend($1::integer, 5000)", [.integer(Int64(firstPID))])
        // A read on the dead idle connection reconnects and runs again.
        let secondPID = try await pool.read(backendPID)
        #expect(secondPID != firstPID)
        // So does a write whose BEGIN finds the connection dead.
        _ = try await server.adminQuery("SELECT pg_terminate_backend($1::integer, 5000)", [.integer(Int64(secondPID))])
        try await pool.write { connection in try connection.executeScript("CREATE TABLE t (n integer)") }
        // A break in the middle of a transaction is reported: its outcome is unknown to the caller.
        let lost = await #expect(throws: PostgreSQLError.self) {
            try await pool.write { connection in
                try connection.execute("INSERT INTO t (n) VALUES (1)")
                try connection.execute("SELECT pg_terminate_backend(pg_backend_pid())")
            }
        }
        #expect(lost?.isConnectionLost == true)
        _ = database
        #expect(try await pool.read { try $0.queryFirst("SELECT count(*) AS c FROM t")?.int("c") } == 0)
    }

    @Test func aListenerHearsNotificationsAndRecoversFromABrokenConnection() async throws {
        let (server, database, pool) = try await makePool()
        defer { Task { await pool.close() } }
        let (events, continuation) = AsyncStream<NotificationListener.Event>.makeStream()
        let listener = try await NotificationListener(
            configuration: server.configuration(database: database),
            channels: ["test_channel"],
            options: NotificationListener.Options(initialReconnectDelay: .milliseconds(10))
        ) { event in continuation.yield(event) }
        var iterator = events.makeAsyncIterator()
        #expect(listener.isListening)

        // Sent in a transaction: delivered on commit, in order.
        try await pool.write { connection in
            try connection.execute("SELECT pg_notify($1, $2)", [.text("test_channel"), .text("first")])
            try connection.execute("SELECT pg_notify($1, $2)", [.text("other_channel"), .text("not for us")])
            try connection.execute("SELECT pg_notify($1, $2)", [.text("test_channel"), .text("second ✓")])
        }
        guard case .notification(let first) = await next(&iterator) else {
            Issue.record("expected a notification")
            return
        }
        #expect(first.channel == "test_channel" && first.payload == "first")
        guard case .notification(let second) = await next(&iterator) else {
            Issue.record("expected a notification")
            return
        }
        #expect(second.payload == "second ✓")

        _ = try await server.adminQuery(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            [.text(database)]
        )
        let interruption = await next(&iterator)
        guard case .interrupted(let error) = interruption else {
            Issue.record("expected an interruption, got \(String(describing: interruption))")
            return
        }
        #expect(error.isConnectionLost)
        #expect(await next(&iterator) == .listening)
        _ = try await pool.read { connection in
            try connection.execute("SELECT pg_notify($1, $2)", [.text("test_channel"), .text("third")])
        }
        guard case .notification(let third) = await next(&iterator) else {
            Issue.record("expected a notification")
            return
        }
        #expect(third.payload == "third")
        await listener.stop()
        #expect(!listener.isListening)
        await #expect(throws: PostgreSQLError.self) {
            try await NotificationListener(
                configuration: server.configuration(database: database),
                channels: ["Bad-Name"],
                handler: { _ in }
            )
        }
    }

    @Test func migrationsRunOnceEvenWhenStartedTogether() async throws {
        let (server, database, pool) = try await makePool()
        defer { Task { await pool.close() } }
        let applications = Mutex(0)
        let migrator = Migrator(
            [
                Migration("0001_table", sql: "CREATE TABLE m (n integer); CREATE TABLE m2 (n integer)"),
                Migration("0002_row") { connection in
                    applications.withLock { $0 += 1 }
                    try connection.execute("INSERT INTO m (n) VALUES ($1)", [.integer(7)])
                },
            ],
            lockKey: 42
        )
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<3 {
                group.addTask {
                    let own = ConnectionPool(configuration: server.configuration(database: database), maxConnections: 1)
                    defer { Task { await own.close() } }
                    return try await migrator.migrate(own)
                }
            }
            return try await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        #expect(results.filter { !$0.isEmpty } == [["0001_table", "0002_row"]])
        #expect(applications.withLock { $0 } == 1)
        #expect(try await migrator.appliedMigrations(pool) == ["0001_table", "0002_row"])

        let older = Migrator([Migration("0001_table", sql: "SELECT 1")], lockKey: 42)
        let unknown = await #expect(throws: MigrationError.self) { try await older.migrate(pool) }
        #expect(unknown == MigrationError(kind: .unknownMigration, name: "0002_row"))
    }
}
