import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// chromedriver on a free loopback port, started once for the browser suite and stopped after it.
///
/// The browser tests need Chromium and chromedriver (Debian: `chromium`, `chromium-driver`; `make test-deps`
/// installs them). When either is missing the suite fails with a message that says so: it never passes without
/// having driven a browser.
final class ChromeDriver: Sendable {
    /// The time zone the browser runs in, so that dates on screen are predictable (tests check them).
    static let timeZone = "Europe/Berlin"

    /// `http://127.0.0.1:PORT` of the running driver.
    let url: String
    private let process: Mutex<Process?>
    private let output: String

    /// The driver the suite runs with (set by the ``ChromeDriverTrait`` scope).
    @TaskLocal static var current: ChromeDriver?

    /// The Chromium binary: `SNOWGATE_CHROMIUM`, else the first of `chromium`, `chromium-browser`, `google-chrome`
    /// on the `PATH`.
    static var chromiumPath: String {
        locate(environment: "SNOWGATE_CHROMIUM", names: ["chromium", "chromium-browser", "google-chrome"]) ?? "chromium"
    }

    private init(url: String, process: Process, output: String) {
        self.url = url
        self.process = Mutex(process)
        self.output = output
    }

    /// Starts chromedriver on port 0 and reads the port it chose from its first lines of output.
    static func launch() throws -> ChromeDriver {
        guard let driver = locate(environment: "SNOWGATE_CHROMEDRIVER", names: ["chromedriver"]),
            locate(environment: "SNOWGATE_CHROMIUM", names: ["chromium", "chromium-browser", "google-chrome"]) != nil
        else {
            throw MissingBrowser()
        }
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("snowgate-chromedriver-\(UUID().uuidString).log").path
        guard FileManager.default.createFile(atPath: output, contents: nil),
            let handle = FileHandle(forWritingAtPath: output)
        else {
            throw LaunchFailure(message: "cannot create \(output)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: driver)
        process.arguments = ["--port=0", "--allowed-ips=127.0.0.1"]
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = timeZone
        environment["LANG"] = "en_US.UTF-8"
        environment["LANGUAGE"] = "en_US"
        process.environment = environment
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? handle.close()

        // chromedriver prints "ChromeDriver was started successfully on port N." once it listens.
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            if let range = text.range(of: "started successfully on port ") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits) {
                    return ChromeDriver(url: "http://127.0.0.1:\(port)", process: process, output: output)
                }
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: output)
        throw LaunchFailure(message: "chromedriver did not start: \(text)")
    }

    /// Stops the driver (every session has been quit by then) and removes its output file.
    func stop() {
        let process = self.process.withLock { process -> Process? in
            defer { process = nil }
            return process
        }
        guard let process else { return }
        if process.isRunning {
            // SIGKILL, not `terminate()`: the child inherits the test runner's signal mask, in which SIGTERM may be
            // blocked, and chromedriver has nothing to flush (every browser session has been quit already).
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: output)
    }

    private static func locate(environment variable: String, names: [String]) -> String? {
        let fileManager = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment[variable], !explicit.isEmpty {
            return fileManager.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in names {
            for directory in path.split(separator: ":") {
                let candidate = "\(directory)/\(name)"
                if fileManager.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Chromium or chromedriver is not installed.
    struct MissingBrowser: Error, CustomStringConvertible {
        var description: String {
            "The browser tests need Chromium and chromedriver, and at least one of them is missing. Install the "
                + "Debian packages `chromium` and `chromium-driver` (`make test-deps` does), or point "
                + "SNOWGATE_CHROMIUM and SNOWGATE_CHROMEDRIVER at the binaries."
        }
    }

    /// chromedriver could not be started.
    struct LaunchFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

/// Runs a suite inside one chromedriver: started before its first test, stopped after its last.
struct ChromeDriverTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let driver = try ChromeDriver.launch()
        defer { driver.stop() }
        try await ChromeDriver.$current.withValue(driver) {
            try await function()
        }
    }
}

extension Trait where Self == ChromeDriverTrait {
    /// One chromedriver for the whole suite.
    static var chromeDriver: Self { Self() }
}
