import Crypto

// Once any file of the module imports Dispatch, Clang may attribute `struct stat` to CDispatch (its headers include
// <sys/stat.h>), and MemberImportVisibility then asks for that module here.
#if canImport(CDispatch)
import CDispatch
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The 256-bit key that encrypts the client secret and every user's tokens at rest.
///
/// It comes from `SNOWGATE_DATA_KEY` (base64 of exactly 32 bytes; every replica of a shared database needs the
/// same one) or from a key file beside the database, created with mode 0600 on first start. A key that is
/// present but wrong is a startup error, never silently replaced: replacing it would make every stored secret
/// unreadable.
public struct DataKey: @unchecked Sendable {
    // `@unchecked`: swift-crypto's `SymmetricKey` is an immutable value over a never-mutated buffer, but it does
    // not declare `Sendable`. Nothing here mutates it after `init`.
    let key: SymmetricKey

    /// Where the key came from, for the startup log.
    public enum Source: Sendable, Hashable {
        /// The `SNOWGATE_DATA_KEY` environment variable.
        case environment
        /// An existing key file.
        case keyFile(path: String)
        /// A key file created by this start.
        case createdKeyFile(path: String)
    }

    /// The environment variable that holds the key.
    public static let environmentVariable = "SNOWGATE_DATA_KEY"

    /// The key's length in bytes.
    public static let byteCount = 32

    /// A key from its base64 text (standard alphabet, padding optional, surrounding whitespace ignored).
    public init(base64 text: String) throws(EncryptionError) {
        guard let bytes = Self.decode(text) else {
            throw EncryptionError(
                code: .invalidEnvironmentKey,
                message: "\(Self.environmentVariable) must be the base64 of exactly \(Self.byteCount) random bytes "
                    + "(for example the output of `openssl rand -base64 32`)"
            )
        }
        self.key = SymmetricKey(data: bytes)
    }

    /// A fresh random key from the system's secure random source.
    public static func generate() -> DataKey {
        DataKey(key: SymmetricKey(size: .bits256))
    }

    private init(key: SymmetricKey) {
        self.key = key
    }

    /// The key file's path for a database file: the database's path with `.key` appended.
    public static func keyFilePath(forDatabase databasePath: String) -> String {
        databasePath + ".key"
    }

    /// The key from the environment variable's value if it is set (even to something invalid, which is an
    /// error), otherwise from the key file beside the database, created if missing.
    public static func resolve(
        environmentValue: String?,
        databasePath: String
    ) throws(EncryptionError) -> (key: DataKey, source: Source) {
        if let environmentValue {
            return (try DataKey(base64: environmentValue), .environment)
        }
        let path = keyFilePath(forDatabase: databasePath)
        let (key, created) = try loadOrCreate(keyFile: path)
        return (key, created ? .createdKeyFile(path: path) : .keyFile(path: path))
    }

    /// The key for a database that several replicas share (PostgreSQL): from `SNOWGATE_DATA_KEY` only, which
    /// must be set.
    ///
    /// A key file lives on one machine: each replica would create its own key, and none could read the tokens
    /// the others stored. So a shared database has no key-file fallback.
    public static func requireEnvironment(_ environmentValue: String?) throws(EncryptionError) -> DataKey {
        guard let environmentValue else {
            throw EncryptionError(
                code: .missingEnvironmentKey,
                message: "\(environmentVariable) must be set for a shared (PostgreSQL) database, to the same value "
                    + "on every replica: the base64 of \(byteCount) random bytes (`openssl rand -base64 32`)"
            )
        }
        return try DataKey(base64: environmentValue)
    }

    /// Loads the key file at `path`, or creates it with a new random key if nothing is there.
    ///
    /// An existing file must be a regular file (not a symbolic link) that neither group nor others can access in
    /// any way, holding the base64 of 32 bytes. A new file is written under a temporary name with mode 0600,
    /// synced, then hard-linked into place, which fails rather than overwrites if another process created the
    /// file meanwhile: that process's key is then used. So the file is never seen half-written.
    /// - Returns: the key and whether this call created the file.
    public static func loadOrCreate(keyFile path: String) throws(EncryptionError) -> (DataKey, created: Bool) {
        if let existing = try load(keyFile: path) { return (existing, false) }
        let key = generate()
        let text = key.key.withUnsafeBytes { Base64.encode($0, alphabet: .standard, padding: .required) } + "\n"
        let temporary = path + ".tmp-" + randomSuffix()
        try writeNewFile(temporary, contents: Array(text.utf8))
        defer { unlink(temporary) }
        guard link(temporary, path) == 0 else {
            let error = errno
            if error == EEXIST, let existing = try load(keyFile: path) { return (existing, false) }
            throw ioError("Cannot create the data key file \(path)", error)
        }
        syncDirectory(of: path)
        return (key, true)
    }

    /// The key in an existing file, or `nil` when there is no file at `path`.
    static func load(keyFile path: String) throws(EncryptionError) -> DataKey? {
        // O_NOFOLLOW: a symbolic link could point the check at one file and the read at another.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else {
            let error = errno
            if error == ENOENT { return nil }
            if error == ELOOP {
                throw EncryptionError(
                    code: .insecureKeyFile,
                    message: "The data key file \(path) is a symbolic link; use a regular file with mode 0600"
                )
            }
            throw ioError("Cannot open the data key file \(path)", error)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ioError("Cannot inspect the data key file \(path)", errno) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw EncryptionError(code: .insecureKeyFile, message: "The data key file \(path) is not a regular file")
        }
        let permissions = status.st_mode & 0o777
        guard permissions & 0o077 == 0 else {
            throw EncryptionError(
                code: .insecureKeyFile,
                message: "The data key file \(path) has mode \(String(permissions, radix: 8)): others than its "
                    + "owner can access it. Run `chmod 600 \(path)` (and consider the key exposed)."
            )
        }
        // A valid file is 45 bytes; reading a little more tells "too long" from "just right".
        var buffer = [UInt8](repeating: 0, count: 256)
        var length = 0
        while length < buffer.count {
            let count = buffer.withUnsafeMutableBytes { bytes in
                read(descriptor, bytes.baseAddress.map { $0 + length }, bytes.count - length)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw ioError("Cannot read the data key file \(path)", errno)
            }
            if count == 0 { break }
            length += count
        }
        let text = String(decoding: buffer[..<length], as: UTF8.self)
        guard let bytes = decode(text) else {
            throw EncryptionError(
                code: .invalidKeyFile,
                message: "The data key file \(path) must hold the base64 of exactly \(byteCount) bytes. Restore "
                    + "the original file: without it the stored client secret and tokens cannot be read."
            )
        }
        return DataKey(key: SymmetricKey(data: bytes))
    }

    private static func decode(_ text: String) -> [UInt8]? {
        // Surrounding whitespace is forgiven: `echo` and editors add a line break.
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let trimmed = Array(text.utf8).drop(while: isSpace).reversed().drop(while: isSpace).reversed()
        guard let bytes = Base64.decode(utf8: Array(trimmed), alphabet: .standard, padding: .optional),
            bytes.count == byteCount
        else { return nil }
        return bytes
    }

    private static func writeNewFile(_ path: String, contents: [UInt8]) throws(EncryptionError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw ioError("Cannot create the data key file \(path)", errno) }
        defer { close(descriptor) }
        // The umask can only remove bits; fchmod makes the mode exactly 0600 whatever it is.
        guard fchmod(descriptor, 0o600) == 0 else {
            let error = errno
            unlink(path)
            throw ioError("Cannot set the mode of the data key file \(path)", error)
        }
        var written = 0
        while written < contents.count {
            let count = contents.withUnsafeBytes { bytes in
                write(descriptor, bytes.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let error = errno
                unlink(path)
                throw ioError("Cannot write the data key file \(path)", error)
            }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            let error = errno
            unlink(path)
            throw ioError("Cannot sync the data key file \(path)", error)
        }
    }

    /// Makes the new directory entry durable, so a power loss cannot keep the database and lose its key.
    private static func syncDirectory(of path: String) {
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        // Best effort: some file systems refuse fsync on a directory, and the file itself is already synced.
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt64, radix: 16)
    }

    private static func ioError(_ message: String, _ error: Int32) -> EncryptionError {
        let reason = strerror(error).map { String(cString: $0) } ?? "errno \(error)"
        return EncryptionError(code: .keyFileIO, message: "\(message): \(reason)")
    }
}
