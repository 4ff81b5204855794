import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP client for the one thing libcurl will not do for us: send a chunked request body slowly, without a
/// `Content-Length`, to prove the gateway stops reading at the limit.
enum RawHTTP {
    struct Failure: Error { var message: String }

    /// Sends `head` and then `chunks` as chunked transfer-encoding to `127.0.0.1:port`, stopping early if the
    /// server answers; returns the status line and what was read of the response.
    static func sendChunked(port: Int, head: String, chunks: [[UInt8]]) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(message: "socket failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(message: "connect failed") }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        func write(_ bytes: [UInt8]) -> Bool {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes {
                    send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
        guard write(Array(head.utf8)) else { throw Failure(message: "write failed") }
        for chunk in chunks {
            let frame = Array((String(chunk.count, radix: 16) + "\r\n").utf8) + chunk + Array("\r\n".utf8)
            // The server may answer and close before the body ends; that is the point.
            if !write(frame) { break }
        }
        _ = write(Array("0\r\n\r\n".utf8))
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            response += buffer[..<count]
            if let text = String(validating: response, as: UTF8.self), text.contains("\r\n\r\n"),
                text.contains("PAYLOAD_TOO_LARGE") || text.contains("\"data\"")
            {
                break
            }
        }
        return String(decoding: response, as: UTF8.self)
    }
}
