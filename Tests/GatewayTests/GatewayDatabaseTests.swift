import Foundation
import PostgreSQL
import Testing

@testable import Gateway

/// `--database`: which backend a value names, where its data key comes from, and that it opens a working store.
@Suite struct GatewayDatabaseTests {
    private static let keyText = Data((0..<32).map { UInt8($0 &* 7) }).base64EncodedString()

    @Test func aFilePathIsSQLiteAndAURLIsPostgreSQL() throws {
        #expect(try GatewayDatabase("./snowgate.sqlite") == .sqlite(path: "./snowgate.sqlite"))
        #expect(try GatewayDatabase("/var/lib/snowgate/db").isShared == false)
        // "postgres" alone, or a file named like a scheme without "//", is a file.
        #expect(try GatewayDatabase("postgres") == .sqlite(path: "postgres"))
        for url in [
            "postgres://snow:Secret-PW-1@db.example:5433/gateway",
            "postgresql://snow:Secret-PW-1@db.example:5433/gateway",
            "POSTGRES://snow:Secret-PW-1@db.example:5433/gateway",
        ] {
            let database = try GatewayDatabase(url)
            guard case .postgreSQL(let configuration) = database else {
                Issue.record("\(url) is not PostgreSQL")
                continue
            }
            #expect(database.isShared)
            #expect(configuration.host == "db.example" && configuration.port == 5433)
            #expect(configuration.database == "gateway" && configuration.user == "snow")
            #expect(configuration.password == "Secret-PW-1")
            // What a log line or an error shows.
            #expect(!database.description.contains("Secret-PW-1"))
            #expect(!"\(database)".contains("Secret-PW-1"))
            #expect(!String(reflecting: database).contains("Secret-PW-1"))
            #expect(database.description.contains("db.example:5433/gateway"))
        }
    }

    @Test(arguments: ["", "a\u{0}b", "postgres://u:Secret-PW-2@h/d?sslmode=nope", "postgres://u:Secret-PW-2@h:99999/d"])
    func unusableValuesAreClearErrorsWithoutThePassword(value: String) {
        let error = #expect(throws: StoreError.self) { try GatewayDatabase(value) }
        #expect(error?.code == .invalidArgument)
        #expect(error.map { !$0.message.contains("Secret-PW-2") } == true)
    }

    @Test func postgreSQLTakesTheKeyFromTheEnvironmentOnly() throws {
        let database = try GatewayDatabase("postgres://u@127.0.0.1:5432/d")
        let missing = #expect(throws: EncryptionError.self) { try database.resolveKey(environmentValue: nil) }
        #expect(missing?.code == .missingEnvironmentKey)
        #expect(missing?.message.contains("SNOWGATE_DATA_KEY") == true)
        let invalid = #expect(throws: EncryptionError.self) { try database.resolveKey(environmentValue: "short") }
        #expect(invalid?.code == .invalidEnvironmentKey)
        #expect(try database.resolveKey(environmentValue: Self.keyText).source == .environment)
    }

    @Test func sqliteFallsBackToAKeyFileBesideTheDatabase() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("gateway.sqlite")
        let database = try GatewayDatabase(path)
        #expect(try database.resolveKey(environmentValue: nil).source == .createdKeyFile(path: path + ".key"))
        #expect(try database.resolveKey(environmentValue: nil).source == .keyFile(path: path + ".key"))
        #expect(try database.resolveKey(environmentValue: Self.keyText).source == .environment)
    }

    @Test func bothBackendsOpenAWorkingStore() async throws {
        let directory = try TemporaryDirectory()
        let server = try await PostgreSQLTestServer.shared()
        let name = try await server.makeDatabase()
        let key = try DataKey(base64: Self.keyText)
        for argument in [directory.file("gateway.sqlite"), server.url(database: name)] {
            let store = try await GatewayDatabase(argument).open(key: key)
            try await store.checkHealth()
            #expect(try await store.connectedUserCount() == 0)
            #expect(try GatewayDatabase(argument).isShared == (store is PostgreSQLGatewayStore))
            await store.close()
        }
    }
}
