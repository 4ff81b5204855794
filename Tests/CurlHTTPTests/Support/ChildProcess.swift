#if canImport(Glibc)
import Glibc
#endif

/// A `sleep` child that inherits every descriptor of this test process not marked close-on-exec, as a child spawned
/// without file actions does, and holds them until it is killed.
enum ChildProcess {
    /// Runs `body` with the child's pid; kills and reaps the child afterwards. Keep `body` short: every test of this
    /// shared process has its sockets copied into the child meanwhile.
    static func withInheritingChild<T>(_ body: (pid_t) throws -> T) throws -> T {
        let command: [String] = ["/bin/sleep", "60"]
        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid = pid_t()
        // posix_spawn returns once the child has called exec, so its descriptor table is final by then.
        let result = posix_spawn(&pid, command[0], nil, nil, arguments, environ)
        guard result == 0 else { throw ChildProcessError(errorNumber: result) }
        defer {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        return try body(pid)
    }
}

struct ChildProcessError: Error {
    let errorNumber: Int32
}
