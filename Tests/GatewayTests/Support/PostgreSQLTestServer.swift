import Foundation
import PostgreSQL
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A real, throwaway PostgreSQL server for the tests: one cluster per test process, started on first use, with a
/// fresh database per test.
///
/// The cluster lives in a temporary folder (`initdb` with a random password and SCRAM authentication over TCP,
/// listening on 127.0.0.1 on a free port, its Unix socket inside the folder, `fsync` off). `initdb` refuses to
/// run as root, so as root the server runs as the `postgres` user through `runuser` and the folder belongs to
/// it. It stops when the process exits (an `atexit` handler), and a watchdog shell stops it if the process dies
/// without exiting cleanly. Missing binaries make every PostgreSQL test fail with a message saying how to
/// install them — never a skip: `make test` installs them.
final class PostgreSQLTestServer: Sendable {
    /// The superuser the cluster was created with.
    let user = "snowgate_test"
    let password: String
    let port: Int
    let directory: String
    private let admin: ConnectionPool
    private let databaseCounter = Mutex(0)

    /// The process's server, started by the first caller; every later caller gets the same one (or the same
    /// startup error).
    static func shared() async throws -> PostgreSQLTestServer {
        try await startup.value
    }

    private static let startup = Task<PostgreSQLTestServer, any Error> {
        // Starting blocks for a couple of seconds (initdb, pg_ctl): on a thread of its own, not the test pool.
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try PostgreSQLTestServer.start() })
            }
            thread.start()
        }
    }

    private init(password: String, port: Int, directory: String) {
        self.password = password
        self.port = port
        self.directory = directory
        self.admin = ConnectionPool(
            configuration: ConnectionConfiguration(
                host: "127.0.0.1",
                port: port,
                database: "postgres",
                user: user,
                password: password,
                sslMode: .disable
            ),
            maxConnections: 2
        )
    }

    /// A connection configuration for `database` on this server.
    func configuration(database: String) -> ConnectionConfiguration {
        ConnectionConfiguration(
            host: "127.0.0.1",
            port: port,
            database: database,
            user: user,
            password: password,
            sslMode: .disable,
            applicationName: "snowgate-tests"
        )
    }

    /// The `postgres://` URL of `database` on this server.
    func url(database: String) -> String {
        "postgres://\(user):\(password)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// Creates a new, empty database and returns its name.
    func makeDatabase() async throws -> String {
        let number = databaseCounter.withLock { counter -> Int in
            counter += 1
            return counter
        }
        // An identifier cannot be a parameter; this one is built from digits and hex only.
        let name = "test_\(number)_\(UUID().uuidString.prefix(8).lowercased())"
        try await admin.read { connection in try connection.executeScript("CREATE DATABASE \(name)") }
        return name
    }

    /// Runs one statement as the superuser in the `postgres` database (terminating backends, inspecting
    /// `pg_stat_activity`).
    func adminQuery(_ sql: String, _ parameters: [PostgreSQLValue] = []) async throws -> [Row] {
        try await admin.read { connection in try connection.query(sql, parameters) }
    }

    // MARK: Starting and stopping

    struct StartupError: Error, CustomStringConvertible {
        let description: String
    }

    private static func start() throws -> PostgreSQLTestServer {
        let binaries = try findBinaries()
        let runAs = try serverUser()
        let directory = try makeDirectory(owner: runAs)
        let password = "pw-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let passwordFile = directory + "/pwfile"
        try Data(password.utf8).write(to: URL(fileURLWithPath: passwordFile))
        if let runAs { chown(passwordFile, runAs.uid, runAs.gid) }

        try run(
            binaries + "/initdb",
            [
                "-D", directory + "/data", "-U", "snowgate_test", "--pwfile=" + passwordFile,
                "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C", "--no-sync",
                "--no-instructions",
            ],
            as: runAs,
            in: directory,
            what: "initdb"
        )
        var lastError: (any Error)?
        for _ in 0..<3 {
            let port = try freePort()
            do {
                try run(
                    binaries + "/pg_ctl",
                    [
                        "-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "30", "-o",
                        "-c listen_addresses=127.0.0.1 -p \(port) -k \(directory) -c fsync=off "
                            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=400 "
                            + "-c shared_buffers=32MB",
                        "start",
                    ],
                    as: runAs,
                    in: directory,
                    what: "pg_ctl start"
                )
                let stop = stopCommand(binaries: binaries, directory: directory, runAs: runAs)
                registerCleanup(stopCommand: stop, directory: directory)
                return PostgreSQLTestServer(password: password, port: port, directory: directory)
            } catch {
                // Most likely the port was taken between choosing and binding it: try another.
                lastError = error
            }
        }
        throw lastError ?? StartupError(description: "The test PostgreSQL server did not start")
    }

    private static func findBinaries() throws -> String {
        let fileManager = FileManager.default
        if let configured = ProcessInfo.processInfo.environment["SNOWGATE_POSTGRES_BIN"] {
            guard fileManager.isExecutableFile(atPath: configured + "/initdb") else {
                throw StartupError(description: "SNOWGATE_POSTGRES_BIN=\(configured) holds no initdb")
            }
            return configured
        }
        let root = "/usr/lib/postgresql"
        let versions = ((try? fileManager.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init)
            .sorted(by: >)
        for version in versions {
            let bin = "\(root)/\(version)/bin"
            if ["initdb", "pg_ctl", "postgres"].allSatisfy({ fileManager.isExecutableFile(atPath: bin + "/" + $0) }) {
                return bin
            }
        }
        throw StartupError(
            description: "The PostgreSQL tests need a PostgreSQL server's binaries (initdb, pg_ctl, postgres) and "
                + "found none in \(root)/*/bin. Install them with `make test-deps` (Debian package `postgresql`), "
                + "or point SNOWGATE_POSTGRES_BIN at a bin folder."
        )
    }

    /// The unprivileged user to run the server as when the tests run as root (`initdb` refuses root).
    private static func serverUser() throws -> (name: String, uid: uid_t, gid: gid_t)? {
        guard geteuid() == 0 else { return nil }
        guard let entry = getpwnam("postgres") else {
            throw StartupError(
                description: "The tests run as root, and PostgreSQL refuses to: they run the server as the "
                    + "`postgres` user, which does not exist. Install Debian's `postgresql` package (it creates "
                    + "the user) with `make test-deps`."
            )
        }
        return ("postgres", entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    private static func makeDirectory(owner: (name: String, uid: uid_t, gid: gid_t)?) throws -> String {
        var template = Array((NSTemporaryDirectory() + "/snowgate-pg-XXXXXX").utf8CString)
        guard let pointer = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw StartupError(description: "Cannot create a temporary folder for PostgreSQL (errno \(errno))")
        }
        let directory = URL(fileURLWithPath: String(cString: pointer)).standardizedFileURL.path
        if let owner { chown(directory, owner.uid, owner.gid) }
        return directory
    }

    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw StartupError(description: "socket() failed (errno \(errno))") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        guard bound else { throw StartupError(description: "Cannot find a free port (errno \(errno))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a server binary (as `runAs` through `runuser` when given) and fails with its output if it fails.
    private static func run(
        _ executable: String,
        _ arguments: [String],
        as runAs: (name: String, uid: uid_t, gid: gid_t)?,
        in directory: String,
        what: String
    ) throws {
        let command = runAs.map { ["/usr/sbin/runuser", "-u", $0.name, "--", executable] } ?? [executable]
        let outputFile = directory + "/\(what.replacingOccurrences(of: " ", with: "-")).out"
        let status = try spawn(command + arguments, output: outputFile, directory: directory, wait: true)
        guard status == 0 else {
            let text = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
            let log = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
            throw StartupError(description: "\(what) failed with status \(status):\n\(text)\n\(log.suffix(2000))")
        }
    }

    /// Starts a process with posix_spawn: stdin from /dev/null, stdout and stderr to `output` (or /dev/null), no
    /// other descriptor inherited, in `directory`; waits for it when `wait` and returns its exit status.
    ///
    /// Not Foundation's `Process`: it detects a child's exit through a socket the child inherits, and the
    /// server that `pg_ctl` starts would inherit and hold it, so `pg_ctl start` would never seem to finish.
    @discardableResult
    private static func spawn(_ command: [String], output: String?, directory: String?, wait: Bool) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // glibc's extensions, looked up at run time because Swift's Glibc module does not import them.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        typealias ChangeDirectory =
            @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
        let defaultHandle = UnsafeMutableRawPointer(bitPattern: 0)
        if let symbol = dlsym(defaultHandle, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        }
        if let directory, let symbol = dlsym(defaultHandle, "posix_spawn_file_actions_addchdir_np") {
            _ = unsafeBitCast(symbol, to: ChangeDirectory.self)(&actions, directory)
        }
        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, command[0], &actions, nil, arguments, environ)
        guard result == 0 else {
            throw StartupError(description: "Cannot start \(command[0]) (errno \(result))")
        }
        guard wait else { return 0 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw StartupError(description: "waitpid failed (errno \(errno))") }
        }
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    private static func stopCommand(
        binaries: String,
        directory: String,
        runAs: (name: String, uid: uid_t, gid: gid_t)?
    ) -> String {
        let stop = "\(binaries)/pg_ctl -D \(directory)/data -m immediate -w stop"
        return runAs.map { "/usr/sbin/runuser -u \($0.name) -- \(stop)" } ?? stop
    }

    /// What the `atexit` handler runs: the shell command that stops the server and removes its folder.
    private static let cleanup = Mutex<String?>(nil)

    private static func registerCleanup(stopCommand: String, directory: String) {
        let command = "\(stopCommand) >/dev/null 2>&1; rm -rf \(directory)"
        cleanup.withLock { $0 = command }
        atexit {
            guard let command = PostgreSQLTestServer.cleanup.withLock({ $0 }) else { return }
            PostgreSQLTestServer.shell(command, wait: true)
        }
        // If the process dies without exiting (a crash, kill -9), a watchdog stops the server a second later.
        let pid = getpid()
        shell("while kill -0 \(pid) 2>/dev/null; do sleep 1; done; \(command)", wait: false)
    }

    private static func shell(_ command: String, wait: Bool) {
        // At exit there is no one left to tell of a failure; the watchdog stops the server then.
        _ = try? spawn(["/bin/sh", "-c", command], output: nil, directory: nil, wait: wait)
    }
}
