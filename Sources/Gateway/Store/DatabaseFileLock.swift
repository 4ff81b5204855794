import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One process's claim on an SQLite store: an exclusive `flock` on `PATH.lock`, held while the store is open.
///
/// Everything the SQLite store promises rests on its process being the file's only one: the refresh lock is in
/// memory (`KeyedLock`: two refreshes of one user's rotating refresh token must not overlap), the change feed is
/// in-process, and ``CachingGatewayStore`` keeps the configuration and the users' decrypted tokens in memory
/// because every write passes through it. A second `snowgate serve` on the same file would break each of these
/// silently — two refreshes of one token disconnecting the user, a configuration save whose purge of every user's
/// tokens the other process never hears of. With this lock it refuses to start instead.
///
/// A lock file beside the database rather than a lock on the database file: SQLite's own locks are POSIX record
/// locks, which a process loses when it closes *any* descriptor of that file. An `flock` lock belongs to its open
/// file description: it is released by ``release()``, or by the kernel when the process ends (`kill -9` included),
/// so a crashed gateway leaves no stale lock behind, unlike a PID file. The lock file itself stays (removing it
/// would race with a process that has just opened it).
final class DatabaseFileLock: Sendable {
    private let descriptor: Mutex<Int32?>

    /// Takes the lock of the database at `databasePath`, creating the lock file (mode 0600) if needed; fails at
    /// once, without waiting, when another holder has it.
    ///
    /// The lock file is named after the database file's real path when it exists, so a process that reaches the
    /// same file through a symbolic link takes the same lock (a relative path, or a path through a linked
    /// directory, reaches the same lock file anyway).
    init(databasePath: String) throws(StoreError) {
        let path = Self.realPath(databasePath) + ".lock"
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard opened >= 0 else {
            throw StoreError(
                code: .backend,
                message: "Could not open the lock file \(path): \(String(cString: strerror(errno)))"
            )
        }
        var result: Int32
        repeat { result = flock(opened, LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
        guard result == 0 else {
            let reason = errno
            close(opened)
            if reason == EWOULDBLOCK {
                throw StoreError(
                    code: .inUse,
                    message: "Another process has the database at \(databasePath) open (it holds \(path)). "
                        + "One gateway process per SQLite file; run several replicas on PostgreSQL "
                        + "(docs/SCALE-OUT.md)."
                )
            }
            throw StoreError(
                code: .backend,
                message: "Could not lock \(path): \(String(cString: strerror(reason)))"
            )
        }
        self.descriptor = Mutex(opened)
    }

    /// `path` with every symbolic link resolved, or as given when it does not exist (yet).
    private static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Gives the lock up (closing its descriptor); later calls do nothing.
    func release() {
        let taken = descriptor.withLock { held -> Int32? in
            defer { held = nil }
            return held
        }
        if let taken { close(taken) }
    }

    deinit {
        release()
    }
}
