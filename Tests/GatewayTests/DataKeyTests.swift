import Foundation
import Testing

@testable import Gateway

@Suite struct DataKeyTests {
    private static let validBase64 = Data((0..<32).map { UInt8($0) }).base64EncodedString()

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? NSNumber).intValue
    }

    @Test func acceptsTheBase64OfExactly32Bytes() throws {
        _ = try DataKey(base64: Self.validBase64)
        _ = try DataKey(base64: " " + Self.validBase64 + "\n")
        _ = try DataKey(base64: String(Self.validBase64.dropLast()))  // padding is optional
    }

    @Test(arguments: [
        "",
        "not base64 at all!",
        Data(count: 31).base64EncodedString(),
        Data(count: 33).base64EncodedString(),
        Data(count: 64).base64EncodedString(),
        String(repeating: "A", count: 44),  // the right length, but non-canonical spare bits and no padding
        validBase64.replacingOccurrences(of: "A", with: "-"),
    ])
    func refusesAnythingElseWithAClearMessage(value: String) {
        let error = #expect(throws: EncryptionError.self) { try DataKey(base64: value) }
        #expect(error?.code == .invalidEnvironmentKey)
        #expect(error?.message.contains("SNOWGATE_DATA_KEY") == true)
    }

    @Test func createsTheKeyFileWithMode0600AndReadsTheSameKeyBack() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("store.sqlite")
        let (key, source) = try DataKey.resolve(environmentValue: nil, databasePath: database)
        let path = database + ".key"
        #expect(source == .createdKeyFile(path: path))
        #expect(try mode(path) == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        #expect(Data(base64Encoded: String(text.dropLast()))?.count == 32)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["store.sqlite.key"])

        let (again, secondSource) = try DataKey.resolve(environmentValue: nil, databasePath: database)
        #expect(secondSource == .keyFile(path: path))
        let sealed = try SecretBox(key: key).seal("secret", purpose: .clientSecret)
        #expect(try SecretBox(key: again).openString(sealed, purpose: .clientSecret) == "secret")
    }

    @Test func theEnvironmentWinsAndCreatesNoFile() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("store.sqlite")
        let (_, source) = try DataKey.resolve(environmentValue: Self.validBase64, databasePath: database)
        #expect(source == .environment)
        #expect(!FileManager.default.fileExists(atPath: database + ".key"))
        // Set but invalid is an error, not a fallback to the file.
        #expect(throws: EncryptionError.self) {
            try DataKey.resolve(environmentValue: "", databasePath: database)
        }
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o606, 0o610, 0o601, 0o777])
    func refusesAKeyFileOthersCanAccess(permissions: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite.key")
        _ = try DataKey.loadOrCreate(keyFile: path)
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        let error = #expect(throws: EncryptionError.self) { try DataKey.loadOrCreate(keyFile: path) }
        #expect(error?.code == .insecureKeyFile)
        #expect(error?.message.contains("chmod 600") == true)
    }

    @Test func acceptsAnOwnerOnlyKeyFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite.key")
        _ = try DataKey.loadOrCreate(keyFile: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
        let (_, created) = try DataKey.loadOrCreate(keyFile: path)
        #expect(!created)
    }

    @Test(arguments: [
        Data(count: 16).base64EncodedString(),
        Data(count: 48).base64EncodedString(),
        "",
        "garbage",
    ])
    func refusesAKeyFileOfTheWrongLength(contents: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite.key")
        #expect(
            FileManager.default.createFile(
                atPath: path,
                contents: Data(contents.utf8),
                attributes: [.posixPermissions: 0o600]
            )
        )
        let error = #expect(throws: EncryptionError.self) { try DataKey.loadOrCreate(keyFile: path) }
        #expect(error?.code == .invalidKeyFile)
        // The bad file is never replaced: its owner must restore the right one.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == contents)
    }

    @Test func refusesASymbolicLink() throws {
        let directory = try TemporaryDirectory()
        let target = directory.file("real.key")
        _ = try DataKey.loadOrCreate(keyFile: target)
        let link = directory.file("store.sqlite.key")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let error = #expect(throws: EncryptionError.self) { try DataKey.loadOrCreate(keyFile: link) }
        #expect(error?.code == .insecureKeyFile)
    }

    @Test func refusesADirectory() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite.key")
        try FileManager.default.createDirectory(
            atPath: path,
            withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700]
        )
        let error = #expect(throws: EncryptionError.self) { try DataKey.loadOrCreate(keyFile: path) }
        #expect(error?.code == .insecureKeyFile)
    }

    @Test func concurrentCreatorsAgreeOnOneKey() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("race.key")
        let sealed = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let (key, _) = try DataKey.loadOrCreate(keyFile: path)
                    return try SecretBox(key: key).seal("same", purpose: .clientSecret)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let (key, _) = try DataKey.loadOrCreate(keyFile: path)
        for ciphertext in sealed {
            #expect(try SecretBox(key: key).openString(ciphertext, purpose: .clientSecret) == "same")
        }
    }
}
