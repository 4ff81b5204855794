import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A real `snowgate serve` process on port 0 (127.0.0.1), for tests that must kill a replica with SIGKILL.
///
/// The binary is the `snowgate` built beside the test binary (`swift build --build-tests` builds it); its log goes
/// to a file, from which `start` reads the bound address. The process is killed when this object goes away.
final class GatewayProcess: Sendable {
    let pid: pid_t
    /// `http://127.0.0.1:PORT`.
    let baseURL: String
    let logPath: String
    private let reaped = Mutex(false)

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts `snowgate serve` with exactly `environment` (plus `PATH`) and waits until it listens.
    static func start(environment: [String: String], logPath: String) async throws -> GatewayProcess {
        let binary = try binaryPath()
        var variables = environment
        variables["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let pid = try spawn(
            [binary, "serve", "--port", "0", "--host", "127.0.0.1"],
            environment: variables,
            log: logPath
        )
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let range = log.range(of: #"address=http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                let url = String(log[range].dropFirst("address=".count))
                return GatewayProcess(pid: pid, baseURL: url, logPath: logPath)
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw Failure(description: "snowgate serve exited (status \(status)) before listening:\n\(log)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        throw Failure(description: "snowgate serve did not listen within 30 s")
    }

    private init(pid: pid_t, baseURL: String, logPath: String) {
        self.pid = pid
        self.baseURL = baseURL
        self.logPath = logPath
    }

    deinit {
        kill9()
    }

    /// SIGKILL, then reaps the process (once).
    func kill9() {
        guard claimReaping() else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// SIGTERM (a graceful drain), then waits for the exit status.
    func terminate() async -> Int32 {
        signalTerminate()
        return await waitForExit()
    }

    /// Sends SIGTERM and returns at once (the process drains meanwhile).
    func signalTerminate() {
        kill(pid, SIGTERM)
    }

    /// Waits up to `limit` for the process to exit and returns its status; -1 (after SIGKILL) if it did not.
    func waitForExit(within limit: Duration = .seconds(20)) async -> Int32 {
        guard claimReaping() else { return -1 }
        let deadline = ContinuousClock.now + limit
        var status: Int32 = 0
        while ContinuousClock.now < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
            try? await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        return -1
    }

    /// True for the first caller only: a process is reaped once.
    private func claimReaping() -> Bool {
        reaped.withLock { reaped in
            defer { reaped = true }
            return !reaped
        }
    }

    private static func binaryPath() throws -> String {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidate = executable.deletingLastPathComponent().appendingPathComponent("snowgate").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw Failure(
                description: "No snowgate binary at \(candidate): build it with `swift build --build-tests` first"
            )
        }
        return candidate
    }

    private static func spawn(_ command: [String], environment: [String: String], log: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else is inherited. This test process holds the sockets of every test running beside this one, and
        // NIO accepts and libcurl connects without close-on-exec: a copy kept by this long-lived child held another
        // test's "closed" connection open (no FIN), so libcurl reused it and its request waited for an answer that
        // never came. glibc's extension, looked up at run time because Swift's Glibc module does not import it.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        let defaultHandle = UnsafeMutableRawPointer(bitPattern: 0)
        guard let closeFrom = dlsym(defaultHandle, "posix_spawn_file_actions_addclosefrom_np") else {
            throw Failure(description: "posix_spawn_file_actions_addclosefrom_np is missing (glibc 2.34 or later)")
        }
        _ = unsafeBitCast(closeFrom, to: CloseFrom.self)(&actions, 3)
        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for variable in variables { free(variable) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, command[0], &actions, nil, arguments, variables)
        guard result == 0 else { throw Failure(description: "Cannot start \(command[0]) (errno \(result))") }
        return pid
    }
}
