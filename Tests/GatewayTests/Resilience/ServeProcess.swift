import CurlHTTP
import Foundation

/// `snowgate serve` as a separate process with the arguments a test chooses, for tests that must kill it for real
/// (`kill -9`) at chosen moments; `GatewayProcess` (Support) is the port-0 replica of the scale-out tests.
final class ServeProcess {
    let process: Process
    let logPath: String

    /// The `snowgate` executable built beside the test bundle, if it is there (`swift build --build-tests` builds it).
    static let binary: String? = {
        guard let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let path = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("snowgate").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    private init(process: Process, logPath: String) {
        self.process = process
        self.logPath = logPath
    }

    /// Starts `snowgate serve` with `arguments` and `environment` (on top of this process's), appending its output
    /// to `logPath`.
    static func start(arguments: [String], environment: [String: String], logPath: String) throws -> ServeProcess {
        guard let binary else { throw TLSFrontError("the snowgate executable is not built") }
        if !FileManager.default.fileExists(atPath: logPath) {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        return ServeProcess(process: process, logPath: logPath)
    }

    /// Waits until `GET /readyz` answers 200 (at most 20 s).
    func waitUntilReady(baseURL: String, client: CurlClient) async throws {
        for _ in 0..<400 {
            guard process.isRunning else {
                throw TLSFrontError("snowgate serve exited with \(process.terminationStatus): \(logTail())")
            }
            let response = try? await client.execute(
                CurlRequest(url: baseURL + "/readyz", timeout: .seconds(1))
            )
            if response?.status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TLSFrontError("snowgate serve did not become ready: \(logTail())")
    }

    /// Waits for the process to exit by itself; false if it is still running after `limit`.
    func waitForExit(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    /// `kill -9`, and waits for the process to be gone.
    func kill9() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The last lines the process wrote.
    func logTail() -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }
}
