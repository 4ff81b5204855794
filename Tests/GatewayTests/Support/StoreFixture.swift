import Foundation
import Gateway
import PostgreSQL
import SQLite
import Testing

@testable import Gateway

/// The store backends the contract tests run against.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    var testDescription: String { rawValue }
}

/// A store of one backend on fresh storage (a file in a temporary folder, or a new database on the test
/// PostgreSQL server) with a controllable clock; reopening uses the same storage, key and clock.
final class StoreFixture {
    let backend: StoreBackend
    let key: DataKey
    let clock = ManualClock()
    let maxPendingStates: Int
    private(set) var store: any GatewayStore

    /// SQLite: the folder and file.
    private let directory: TemporaryDirectory?
    let path: String
    /// PostgreSQL: the server and this fixture's database.
    let server: PostgreSQLTestServer?
    let database: String
    private var rawPool: ConnectionPool?

    init(_ backend: StoreBackend, maxPendingStates: Int = 10, key: DataKey = .generate()) async throws {
        self.backend = backend
        self.key = key
        self.maxPendingStates = maxPendingStates
        switch backend {
        case .sqlite:
            let directory = try TemporaryDirectory()
            self.directory = directory
            self.path = directory.file("gateway.sqlite")
            self.server = nil
            self.database = ""
        case .postgresql:
            let server = try await PostgreSQLTestServer.shared()
            self.directory = nil
            self.path = ""
            self.server = server
            self.database = try await server.makeDatabase()
        }
        self.store = try await Self.open(
            backend,
            path: path,
            server: server,
            database: database,
            key: key,
            clock: clock,
            maxPendingStates: maxPendingStates
        )
    }

    deinit {
        let pool = rawPool
        Task { await pool?.close() }
    }

    /// Another store on the same storage: a second replica on PostgreSQL, a second handle on the SQLite file.
    func openAnother(
        key: DataKey? = nil,
        options: PostgreSQLGatewayStore.Options? = nil
    ) async throws -> any GatewayStore {
        try await Self.open(
            backend,
            path: path,
            server: server,
            database: database,
            key: key ?? self.key,
            clock: clock,
            maxPendingStates: maxPendingStates,
            options: options
        )
    }

    /// Closes the store and opens the storage again, as a restart does.
    func restart() async throws {
        await store.close()
        store = try await openAnother()
    }

    /// A path in the SQLite fixture's folder.
    func file(_ name: String) throws -> String {
        try #require(directory).file(name)
    }

    /// The SQLite store, for tests of what only SQLite has.
    var sqliteStore: SQLiteGatewayStore {
        get throws { try #require(store as? SQLiteGatewayStore) }
    }

    /// The PostgreSQL store, for tests of what only PostgreSQL has.
    var postgreSQLStore: PostgreSQLGatewayStore {
        get throws { try #require(store as? PostgreSQLGatewayStore) }
    }

    /// Runs SQL directly on the storage, as someone with write access to the database would: a statement both
    /// backends understand.
    func execute(_ sql: String) async throws {
        switch backend {
        case .sqlite:
            try await sqliteStore.database.write { connection in try connection.executeScript(sql) }
        case .postgresql:
            try await rawConnection().write { connection in try connection.executeScript(sql) }
        }
    }

    /// Makes every insert into the audit log fail, as a full disk or a crash at that statement would.
    func makeAuditInsertsFail() async throws {
        switch backend {
        case .sqlite:
            try await execute(
                "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        case .postgresql:
            try await execute(
                """
                CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused'; END $$;
                CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();
                """
            )
        }
    }

    /// A pool on this fixture's PostgreSQL database for direct SQL.
    func rawConnection() throws -> ConnectionPool {
        if let rawPool { return rawPool }
        let server = try #require(server)
        let pool = ConnectionPool(configuration: server.configuration(database: database), maxConnections: 1)
        rawPool = pool
        return pool
    }

    static let input = ServiceNowConfigurationInput(
        instanceURL: "https://example.service-now.com",
        clientID: "client-id-1",
        clientSecret: "CLIENT-SECRET-b7f3a9"
    )

    @discardableResult
    func configure(
        _ input: ServiceNowConfigurationInput = input,
        by actor: String = "admin-1"
    ) async throws -> ConfigurationSaveResult {
        try await store.saveServiceNowConfiguration(input, by: actor)
    }

    func tokens(for subject: String, version: Int64, access: String? = nil, connectedAt: Date? = nil) -> UserTokens {
        UserTokens(
            subject: subject,
            accessToken: access ?? "ACCESS-\(subject)-a1b2",
            accessTokenExpiresAt: clock.now().addingTimeInterval(1800),
            refreshToken: "REFRESH-\(subject)-c3d4",
            refreshTokenExpiresAt: clock.now().addingTimeInterval(86400 * 100),
            scope: "useraccount",
            connectedAt: connectedAt ?? clock.now(),
            configurationVersion: version,
            profile: UserProfile(
                name: "Name of \(subject)",
                email: "\(subject)@example.com",
                serviceNowUserID: "sys-\(subject)"
            )
        )
    }

    private static func open(
        _ backend: StoreBackend,
        path: String,
        server: PostgreSQLTestServer?,
        database: String,
        key: DataKey,
        clock: ManualClock,
        maxPendingStates: Int,
        options: PostgreSQLGatewayStore.Options? = nil
    ) async throws -> any GatewayStore {
        switch backend {
        case .sqlite:
            return try await SQLiteGatewayStore(
                path: path,
                key: key,
                clock: clock,
                maxPendingOAuthStatesPerUser: maxPendingStates
            )
        case .postgresql:
            let server = try #require(server)
            var options = options ?? Self.testOptions
            options.maxPendingOAuthStatesPerUser = maxPendingStates
            return try await PostgreSQLGatewayStore(
                url: server.url(database: database),
                key: key,
                clock: clock,
                options: options
            )
        }
    }

    /// Few connections per store: the tests run in parallel on one server.
    static var testOptions: PostgreSQLGatewayStore.Options {
        PostgreSQLGatewayStore.Options(connections: 2, refreshLockConnections: 2)
    }
}

/// Whether `needle`'s UTF-8 bytes occur in `haystack`.
func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
    let needle = Array(needle.utf8)
    guard !needle.isEmpty, needle.count <= haystack.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
        if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
    }
    return false
}

/// The next element of an async sequence, or `nil` if none arrives within `timeout`.
func next<Element: Sendable>(
    _ iterator: inout AsyncStream<Element>.Iterator,
    within timeout: Duration = .seconds(5)
) async -> Element? {
    let box = IteratorBox(iterator)
    defer { iterator = box.iterator }
    return await withTaskGroup(of: Element?.self) { group in
        group.addTask { await box.next() }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

/// Lets a task group advance an iterator that the caller keeps.
private final class IteratorBox<Element: Sendable>: @unchecked Sendable {
    // `@unchecked`: only one task at a time calls `next` (the group's first task), and the caller reads
    // `iterator` back only after the group has finished.
    var iterator: AsyncStream<Element>.Iterator
    init(_ iterator: AsyncStream<Element>.Iterator) { self.iterator = iterator }
    func next() async -> Element? { await iterator.next() }
}
