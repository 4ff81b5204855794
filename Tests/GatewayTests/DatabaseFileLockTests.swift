import Foundation
import Testing

@testable import Gateway

/// One gateway process per SQLite file (`DatabaseFileLock`): the in-memory refresh lock, the in-process change feed
/// and `CachingGatewayStore`'s long-lived tokens are only right if no other process writes the file.
@Suite struct DatabaseFileLockTests {
    @Test func aSecondStoreOnTheSameFileIsRefusedUntilTheFirstCloses() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("gateway.sqlite")
        let key = DataKey.generate()
        let first = try await SQLiteGatewayStore(path: path, key: key)
        _ = try await first.saveWidgetSettings(WidgetSettings(showLogo: false), by: "admin")

        do {
            _ = try await SQLiteGatewayStore(path: path, key: key)
            Issue.record("a second store opened the file the first one holds")
        } catch let error as StoreError {
            #expect(error.code == .inUse)
            #expect(error.message.contains(path))
            #expect(error.message.contains("PostgreSQL"))
        }
        // The refused open changed nothing, and the first store still works.
        #expect(try await first.widgetSettings().showLogo == false)
        _ = try await first.saveWidgetSettings(WidgetSettings(showLogo: true), by: "admin")

        await first.close()
        let second = try await SQLiteGatewayStore(path: path, key: key)
        #expect(try await second.widgetSettings().showLogo)
        await second.close()
    }

    @Test func aSymbolicLinkToTheFileTakesTheSameLock() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("gateway.sqlite")
        let link = directory.file("link.sqlite")
        let key = DataKey.generate()
        let first = try await SQLiteGatewayStore(path: path, key: key)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        do {
            _ = try await SQLiteGatewayStore(path: link, key: key)
            Issue.record("a store opened the held file through a symbolic link")
        } catch let error as StoreError {
            #expect(error.code == .inUse)
        }
        await first.close()
    }

    @Test func anotherFileIsNotHeldAndTheLockFileIsPrivate() async throws {
        let directory = try TemporaryDirectory()
        let key = DataKey.generate()
        let one = try await SQLiteGatewayStore(path: directory.file("one.sqlite"), key: key)
        let two = try await SQLiteGatewayStore(path: directory.file("two.sqlite"), key: key)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.file("one.sqlite") + ".lock")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        await one.close()
        await two.close()
    }

    @Test func aStoreThatIsDroppedWithoutClosingLetsGo() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("gateway.sqlite")
        let key = DataKey.generate()
        do {
            let lock = try DatabaseFileLock(databasePath: path)
            #expect(throws: StoreError.self) { try DatabaseFileLock(databasePath: path) }
            _ = lock
        }
        // The first lock went with its owner (deinit), as it goes with a process that dies.
        let store = try await SQLiteGatewayStore(path: path, key: key)
        await store.close()
    }

    /// The case the lock is for: a second `snowgate serve` on a file that a running gateway holds exits with the
    /// reason instead of serving beside it.
    @Test func aSecondServeProcessOnTheFileRefusesToStart() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("gateway.sqlite")
        let keyText = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let held = try await SQLiteGatewayStore(path: path, key: try DataKey(base64: keyText))
        let port = try TLSFront.freePort()
        let serve = try ServeProcess.start(
            arguments: [],
            environment: [
                "SNOWGATE_AUTH_SECRET": "lock-test-secret-that-is-long-enough-0123456789",
                "SNOWGATE_DATA_KEY": keyText, "SNOWGATE_DATABASE": path, "SNOWGATE_PORT": String(port),
                "SNOWGATE_PUBLIC_URL": "http://127.0.0.1:\(port)",
            ],
            logPath: directory.file("serve.log")
        )
        let exited = await serve.waitForExit(within: .seconds(20))
        if !exited { serve.kill9() }
        #expect(exited)
        #expect(serve.process.terminationStatus != 0)
        #expect(serve.logTail().contains("Another process has the database"))
        await held.close()
    }
}
