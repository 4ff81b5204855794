import Foundation

/// The simulator over HTTPS for real: a throwaway certificate authority made with the `openssl` tool, a server
/// certificate it signs for `127.0.0.1` and `localhost` (subjectAltName), and nginx terminating TLS in front of the
/// simulator's plain port. Everything lives in a temporary folder of its own and goes when the test ends.
struct TLSFront {
    /// `https://127.0.0.1:PORT`.
    let url: String
    /// The test CA's certificate (PEM): what `--ca-bundle` is given.
    let caCertificatePath: String

    static let opensslPath = "/usr/bin/openssl"
    static let nginxPath = "/usr/sbin/nginx"

    /// Whether the tools are installed (`make test` installs nginx; openssl ships with ca-certificates).
    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: opensslPath)
            && FileManager.default.isExecutableFile(atPath: nginxPath)
    }

    /// Runs `body` with TLS in front of `upstream` (`http://127.0.0.1:PORT`).
    static func with<T>(upstream: String, _ body: (TLSFront) async throws -> T) async throws -> T {
        guard isAvailable else {
            throw TLSFrontError(
                "\(opensslPath) and \(nginxPath) are needed for the upstream TLS tests: `make test-deps` installs them "
                    + "(APT_TEST in the Makefile)"
            )
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snowgate-tls-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ca = try makeCertificates(in: folder)
        var lastError: any Error = TLSFrontError("nginx did not start")
        // The port is chosen free, then bound by nginx: another process may take it in between, so try again.
        for _ in 0..<3 {
            let port = try freePort()
            let nginx = try startNginx(in: folder, port: port, upstream: upstream)
            defer {
                // SIGKILL: the child inherits a signal mask in which SIGTERM may be blocked.
                kill(nginx.processIdentifier, SIGKILL)
                nginx.waitUntilExit()
            }
            do {
                try await waitUntilListening(port: port, process: nginx)
            } catch {
                lastError = error
                continue
            }
            return try await body(TLSFront(url: "https://127.0.0.1:\(port)", caCertificatePath: ca))
        }
        throw lastError
    }

    /// A CA, and a server certificate it signs; returns the CA certificate's path.
    private static func makeCertificates(in folder: String) throws -> String {
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try run(
            opensslPath,
            ["req", "-x509"] + ec + [
                "-keyout", folder + "/ca.key", "-out", folder + "/ca.pem", "-days", "1",
                "-subj", "/CN=snowgate throwaway test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ]
        )
        try run(
            opensslPath,
            ["req"] + ec + [
                "-keyout", folder + "/server.key", "-out", folder + "/server.csr", "-subj", "/CN=127.0.0.1",
            ]
        )
        try Data(
            """
            basicConstraints=CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=serverAuth
            subjectAltName=IP:127.0.0.1,DNS:localhost

            """.utf8
        ).write(to: URL(fileURLWithPath: folder + "/server.ext"))
        try run(
            opensslPath,
            [
                "x509", "-req", "-in", folder + "/server.csr", "-CA", folder + "/ca.pem", "-CAkey", folder + "/ca.key",
                "-CAcreateserial", "-out", folder + "/server.pem", "-days", "1", "-extfile", folder + "/server.ext",
            ]
        )
        return folder + "/ca.pem"
    }

    private static func startNginx(in folder: String, port: Int, upstream: String) throws -> Process {
        let configuration = """
            daemon off;
            master_process off;
            worker_processes 1;
            pid \(folder)/nginx.pid;
            error_log \(folder)/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path \(folder)/client_body;
                proxy_temp_path \(folder)/proxy;
                fastcgi_temp_path \(folder)/fastcgi;
                uwsgi_temp_path \(folder)/uwsgi;
                scgi_temp_path \(folder)/scgi;
                server {
                    listen 127.0.0.1:\(port) ssl;
                    ssl_certificate \(folder)/server.pem;
                    ssl_certificate_key \(folder)/server.key;
                    location / {
                        proxy_pass \(upstream);
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $http_host;
                    }
                }
            }

            """
        try Data(configuration.utf8).write(to: URL(fileURLWithPath: folder + "/nginx.conf"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginxPath)
        process.arguments = ["-p", folder, "-e", folder + "/error.log", "-c", folder + "/nginx.conf"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private static func waitUntilListening(port: Int, process: Process) async throws {
        for _ in 0..<300 {
            guard process.isRunning else { throw TLSFrontError("nginx exited") }
            if canConnect(port: port) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TLSFrontError("nginx did not listen on \(port)")
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TLSFrontError("\(tool) \(arguments.first ?? "") failed with status \(process.terminationStatus)")
        }
    }

    /// A port that was free a moment ago on 127.0.0.1.
    static func freePort() throws -> Int {
        // Below Linux's ephemeral range (32768–60999), where every port-0 bind and outgoing connection of the tests
        // running in parallel lands: a port chosen there and bound again later (a restarted process keeps its port)
        // could meanwhile have been given to one of them ("Address already in use").
        for _ in 0..<200 {
            let port = Int.random(in: 20_000..<32_768)
            if try canBind(port: port) { return port }
        }
        throw TLSFrontError("no free port between 20000 and 32767")
    }

    private static func canBind(port: Int) throws -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TLSFrontError("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return bound == 0
    }

    private static func canConnect(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

struct TLSFrontError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
