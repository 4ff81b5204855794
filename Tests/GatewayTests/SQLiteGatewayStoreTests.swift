import Foundation
import JSON
import SQLite
import Testing

@testable import Gateway

/// What only the SQLite store has: its files. The shared behaviour is in `GatewayStoreContractTests`.
@Suite struct SQLiteGatewayStoreTests {
    /// What `kill -9` leaves is the files as they are at that instant. Copying them from inside the save's
    /// transaction — after the purge and the new configuration were written, with a cache so small that SQLite
    /// has already spilled those uncommitted pages into the WAL — and opening the copy is exactly the recovery a
    /// restart after the kill performs.
    @Test func filesCopiedInsideTheSaveTransactionRecoverTheOldStateAndAfterItTheNew() async throws {
        let fixture = try await StoreFixture(.sqlite)
        let store = try fixture.sqliteStore
        let version = try await fixture.configure().configuration.version
        let subjects = (0..<200).map { "user-\($0)" }
        for subject in subjects {
            try await store.saveTokens(fixture.tokens(for: subject, version: version))
        }
        let path = fixture.path
        let during = try fixture.file("during")
        let after = try fixture.file("after")
        try FileManager.default.createDirectory(atPath: during, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: after, withIntermediateDirectories: false)
        let copy: @Sendable (String) throws -> Void = { target in
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: target + "/gateway.sqlite" + suffix)
            }
        }
        let walSize: @Sendable () throws -> Int = {
            (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        }
        let sealed = try SecretBox(key: fixture.key).seal("NEW-SECRET", purpose: .clientSecret)
        let new = ServiceNowConfigurationInput(
            instanceURL: "https://new.service-now.com",
            clientID: "new-id",
            clientSecret: "NEW-SECRET"
        )
        let now = fixture.clock.now().millisecondsSince1970
        let (walBefore, walDuring, result) = try await store.database.write { connection in
            try connection.execute("PRAGMA cache_size = 2")
            let before = try walSize()
            let result = try SQLiteGatewayStore.saveServiceNowConfiguration(
                new,
                sealedSecret: sealed,
                by: "admin",
                at: now,
                in: connection
            )
            let sizeDuringSave = try walSize()
            try copy(during)
            return (before, sizeDuringSave, result)
        }
        #expect(result.disconnectedUsers == 200)
        #expect(walDuring > walBefore, "the uncommitted purge should have spilled into the WAL")
        try copy(after)

        let recoveredDuring = try await SQLiteGatewayStore(
            path: during + "/gateway.sqlite",
            key: fixture.key,
            clock: fixture.clock
        )
        #expect(try await recoveredDuring.serviceNowConfiguration()?.version == version)
        #expect(try await recoveredDuring.serviceNowCredentials()?.clientSecret == "CLIENT-SECRET-b7f3a9")
        #expect(try await recoveredDuring.connectedUserCount() == 200)
        #expect(try await recoveredDuring.tokens(subject: "user-199")?.refreshToken == "REFRESH-user-199-c3d4")

        let recoveredAfter = try await SQLiteGatewayStore(
            path: after + "/gateway.sqlite",
            key: fixture.key,
            clock: fixture.clock
        )
        #expect(try await recoveredAfter.serviceNowConfiguration()?.version == version + 1)
        #expect(try await recoveredAfter.serviceNowCredentials()?.clientSecret == "NEW-SECRET")
        #expect(try await recoveredAfter.connectedUserCount() == 0)
        #expect(try await recoveredAfter.auditLog(limit: 1).first?.details["disconnectedUsers"] == 200)
    }

    @Test func theFilesNeverHoldASecretOrTokenInPlainText() async throws {
        let fixture = try await StoreFixture(.sqlite)
        let version = try await fixture.configure().configuration.version
        try await fixture.store.saveTokens(fixture.tokens(for: "alice", version: version))
        _ = try await fixture.store.createOAuthState(
            "StateValue9f8e7d",
            subject: "alice",
            codeVerifier: "VERIFIER-5a6b7c",
            configurationVersion: version,
            lifetime: .seconds(600)
        )
        let needles = [
            "CLIENT-SECRET-b7f3a9", "ACCESS-alice-a1b2", "REFRESH-alice-c3d4", "VERIFIER-5a6b7c", "StateValue9f8e7d",
        ]

        // Before a checkpoint the new pages are in the WAL…
        let live = try fileBytes(fixture.path)
        #expect(contains(live, "client-id-1"), "the search must find what is stored in clear")
        #expect(contains(live, "alice@example.com"))
        for needle in needles { #expect(!contains(live, needle), "\(needle) is in the database files") }

        // …after closing (a checkpoint) they are in the main file.
        await fixture.store.close()
        let closed = try fileBytes(fixture.path)
        #expect(contains(closed, "client-id-1"))
        for needle in needles { #expect(!contains(closed, needle), "\(needle) is in the database file") }
    }

    /// Every byte the database keeps on disk: the main file, the WAL and the shared-memory index.
    private func fileBytes(_ path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            bytes += try [UInt8](Data(contentsOf: URL(fileURLWithPath: path + suffix)))
        }
        return bytes
    }
}
