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

    /// Writes `corpus` to a temporary file, runs the oracle on it and returns what it wrote.
    static func run(corpus: [UInt8]) throws -> [UInt8] {
        var template = Array("/tmp/snowgate-oracle-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure("cannot create a temporary directory") }
        let directory = String(cString: made)
        defer {
            for name in ["corpus.json", "verdicts.json", "stderr.txt"] { unlink(directory + "/" + name) }
            rmdir(directory)
        }
        let corpusPath = directory + "/corpus.json"
        let verdictsPath = directory + "/verdicts.json"
        let stderrPath = directory + "/stderr.txt"
        try writeFile(corpusPath, corpus)

        let python = getenv("PYTHON").map { String(cString: $0) } ?? "python3"
        let script = testsDirectory + "/Oracle/oracle.py"
        let status = try spawn([python, script, corpusPath, verdictsPath], stderrPath: stderrPath)
        let stderr = (try? readTextFile(stderrPath)) ?? ""
        guard status == 0 else {
            throw Failure(
                "The graphql-core oracle did not run (exit status \(status)). Install it with `make test-deps` "
                    + "(pip install graphql-core==3.2.8, PYTHON=\(python)).\n\(stderr)"
            )
        }
        return Array(try readTextFile(verdictsPath).utf8)
    }

    private static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        guard let file = fopen(path, "wb") else { throw Failure("cannot write \(path)") }
        defer { fclose(file) }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else { throw Failure("short write to \(path)") }
    }

    /// Runs `arguments` (looked up in `PATH`) with stderr sent to `stderrPath`; returns the exit status, 127 when
    /// the program cannot be started.
    private static func spawn(_ arguments: [String], stderrPath: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)

        var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        cArguments.append(nil)
        defer { for pointer in cArguments { free(pointer) } }

        var pid = pid_t()
        let started = posix_spawnp(&pid, arguments[0], &actions, nil, cArguments, environ)
        guard started == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw Failure("waitpid failed: \(errno)") }
        }
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        if status & 0x7f == 0 { return (status >> 8) & 0xff }
        return 128 + (status & 0x7f)
    }
}
