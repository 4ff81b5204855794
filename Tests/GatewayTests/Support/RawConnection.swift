import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One plain TCP connection to `127.0.0.1`, for tests about connections themselves (which libcurl hides): send a
/// request on a connection known to be idle, read one HTTP/1.1 response, see whether the server closed it.
final class RawConnection {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// One response: the status, the header fields (names lowercased) and the body.
    struct Response {
        let status: Int
        let headers: [String: String]
        let body: String
    }

    private let socket: Int32
    /// Bytes read past the last response.
    private var pending: [UInt8] = []
    /// How the last read that brought no bytes ended ("end of file", "timed out", "errno N"), for failure messages.
    private(set) var lastEnd = "none"

    /// Connects; throws `Failure` when the connection is refused.
    init(port: Int, readTimeout: Duration = .seconds(10)) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let error = errno
            // Through `close()`, never `Glibc.close` directly: every stored property is set, so the throw still runs
            // `deinit`, which closed the descriptor a second time. By then its number can belong to another thread's
            // socket (a libcurl connection, a NIO channel, which then stops on a precondition failure for EBADF).
            close()
            throw Failure(description: "connect() failed: errno \(error)")
        }
        let seconds = readTimeout.components.seconds
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    private var isOpen = true

    deinit { close() }

    /// Closes the connection from this side.
    func close() {
        guard isOpen else { return }
        isOpen = false
        Glibc.close(socket)
    }

    /// Whether a new connection to `port` is accepted now.
    static func accepts(port: Int) -> Bool {
        (try? RawConnection(port: port)) != nil
    }

    /// Writes all of `text`; false if the connection is broken.
    @discardableResult
    func send(_ text: String) -> Bool {
        send(Array(text.utf8))
    }

    /// Writes all of `bytes`; false if the connection is broken (the server may have answered and closed it).
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    /// Reads one response with a `Content-Length` body; throws when the connection ends first or the read times out.
    func readResponse() throws -> Response {
        while true {
            if let response = try parse() { return response }
            guard try receive() else {
                throw Failure(description: "the connection ended before a whole response: \(pending.count) bytes read")
            }
        }
    }

    /// The next bytes the server sends, raw; nil at end of file or when the read times out.
    func receiveSome() -> [UInt8]? {
        guard (try? receive()) == true else { return nil }
        defer { pending.removeAll() }
        return pending
    }

    /// Whether the server has closed the connection: true on end of file, false if it is still open when the read
    /// times out (any bytes read are kept).
    func isClosedByServer() -> Bool {
        do {
            return try !receive()
        } catch {
            return false
        }
    }

    /// One `recv`: true if bytes came, false at end of file (or a reset); throws on the read timeout.
    private func receive() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            pending += buffer[..<count]
            return true
        }
        let error = errno
        if count < 0, error == EAGAIN || error == EWOULDBLOCK {
            lastEnd = "timed out"
            throw Failure(description: "read timed out")
        }
        lastEnd = count == 0 ? "end of file" : "errno \(error)"
        return false
    }

    private func parse() throws -> Response? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headEnd = pending.indices.first(where: { pending[$0...].starts(with: separator) }) else {
            return nil
        }
        let head = String(decoding: pending[..<headEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure(description: "not a status line: \(head)")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = headEnd + separator.count
        guard pending.count >= bodyStart + length else { return nil }
        let body = String(decoding: pending[bodyStart..<(bodyStart + length)], as: UTF8.self)
        pending.removeFirst(bodyStart + length)
        return Response(status: status, headers: headers, body: body)
    }
}
