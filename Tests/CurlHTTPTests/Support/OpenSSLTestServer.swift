import Foundation

/// `openssl s_server -www` on 127.0.0.1 with a fresh self-signed certificate for `IP:127.0.0.1`, in a temporary
/// folder of its own. The `openssl` tool ships with Debian's `ca-certificates`, so it is on every build machine.
struct OpenSSLTestServer {
    let port: Int
    let certificatePath: String

    var url: String { "https://127.0.0.1:\(port)/" }

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: opensslPath)
    }

    private static let opensslPath = "/usr/bin/openssl"

    static func with<T>(_ body: (OpenSSLTestServer) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("curlhttp-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let output = folder.appendingPathComponent("server.out")

        let generate = try run([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=snowgate test",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ])
        generate.waitUntilExit()
        guard generate.terminationStatus == 0 else { throw OpenSSLTestServerError.certificateGeneration }

        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let serverOutput = try FileHandle(forWritingTo: output)
        let server = try run(
            ["s_server", "-accept", "127.0.0.1:0", "-cert", certificate, "-key", key, "-www"],
            output: serverOutput
        )
        defer {
            // SIGKILL, not terminate()'s SIGTERM: the child inherits the spawning thread's signal mask, and
            // libdispatch's worker threads block SIGTERM.
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
            try? serverOutput.close()
        }

        // s_server prints `ACCEPT 127.0.0.1:<port>` once it listens.
        var port: Int?
        for _ in 0..<500 where port == nil {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT") }),
                let portText = line.split(separator: ":").last
            {
                port = Int(portText)
            } else {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        guard let port else { throw OpenSSLTestServerError.didNotStart }
        return try await body(OpenSSLTestServer(port: port, certificatePath: certificate))
    }

    private static func run(_ arguments: [String], output: FileHandle? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opensslPath)
        process.arguments = arguments
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }
}

enum OpenSSLTestServerError: Error {
    case certificateGeneration
    case didNotStart
}
