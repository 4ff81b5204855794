#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the graphql-core oracle (`Tests/SchemaTests/Oracle/oracle.py`) once over a whole corpus.
///
/// The corpus goes to a temporary file and the verdicts come back in another, so that nothing depends on pipe
/// buffering; stderr goes to a third file and is quoted in the failure when the oracle cannot run.
enum OracleProcess {
    /// The directory holding this file's test target (`Tests/SchemaTests`).
    static var testsDirectory: String {
        var directory = String(#filePath)
        for _ in 0..<2 { directory = String(directory[..<(directory.lastIndex(of: "/") ?? directory.startIndex)]) }
        return directory
    }

    /// The repository root.
    static var repositoryRoot: String {
        var directory = testsDirectory
        for _ in 0..<2 { directory = String(directory[..<(directory.lastIndex(of: "/") ?? directory.startIndex)]) }
        return directory
    }

    /// The oracle, started on a corpus; ``wait()`` collects its verdicts.
    struct Running {
        fileprivate let pid: pid_t
        fileprivate let directory: String
        fileprivate let python: String

        /// Waits for the oracle and returns what it wrote; removes the temporary files (unless `ORACLE_KEEP` is
        /// set, for a look at the corpus by hand).
        func wait() throws -> [UInt8] {
            let keep = getenv("ORACLE_KEEP") != nil
            defer {
                if keep { print("OracleProcess: the corpus and verdicts are kept in \(directory)") }
                for name in ["corpus.json", "verdicts.json", "stderr.txt"] where !keep {
                    unlink(directory + "/" + name)
                }
                if !keep { rmdir(directory) }
            }
            // A bounded wait: a hung oracle fails the test instead of hanging the whole test run.
            var status: Int32 = 0
            let deadline = ContinuousClock.now + .seconds(300)
            while true {
                let result = waitpid(pid, &status, WNOHANG)
                if result == pid { break }
                if result == -1, errno != EINTR { throw Failure("waitpid failed: \(errno)") }
                if ContinuousClock.now > deadline {
                    kill(pid, SIGKILL)
                    _ = waitpid(pid, &status, 0)
                    throw Failure("The graphql-core oracle did not finish within 300 s; it was stopped.")
                }
                usleep(20_000)
            }
            // WIFEXITED / WEXITSTATUS are macros Swift does not import.
            let exit = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            guard exit == 0 else {
                let stderr = (try? readTextFile(directory + "/stderr.txt")) ?? ""
                throw Failure(
                    "The graphql-core oracle failed (exit status \(exit)). Install it with `make test-deps` "
                        + "(pip install graphql-core==3.2.8 for \(python)).\n\(stderr)"
                )
            }
            return Array(try readTextFile(directory + "/verdicts.json").utf8)
        }
    }

    /// Writes `corpus` to a temporary file and starts the oracle on it, so that the caller can work meanwhile.
    static func start(corpus: [UInt8]) throws -> Running {
        var template = Array("/tmp/snowgate-oracle-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure("cannot create a temporary directory") }
        let directory = String(cString: made)
        let corpusPath = directory + "/corpus.json"
        try writeFile(corpusPath, corpus)

        let python = getenv("PYTHON").map { String(cString: $0) } ?? "python3"
        let script = testsDirectory + "/Oracle/oracle.py"
        let arguments = [python, script, corpusPath, directory + "/verdicts.json"]

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 2, directory + "/stderr.txt", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        cArguments.append(nil)
        defer { for pointer in cArguments { free(pointer) } }
        var pid = pid_t()
        let started = posix_spawnp(&pid, python, &actions, nil, cArguments, environ)
        guard started == 0 else {
            throw Failure(
                "Cannot start \(python) for the graphql-core oracle (error \(started)). Install Python 3 and "
                    + "graphql-core 3.2.8: `make test-deps`."
            )
        }
        return Running(pid: pid, directory: directory, python: python)
    }

    private static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        guard let file = fopen(path, "wb") else { throw Failure("cannot write \(path)") }
        defer { fclose(file) }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else { throw Failure("short write to \(path)") }
    }
}
