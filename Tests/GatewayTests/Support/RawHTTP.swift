import Foundation

/// A bare TCP client for the one thing libcurl will not do for us: send a chunked request body slowly, without a
/// `Content-Length`, to prove the gateway stops reading at the limit.
enum RawHTTP {
    struct Failure: Error { var message: String }

    /// What came back, and how the exchange went (for the failure message when no answer came).
    struct Exchange: CustomStringConvertible {
        /// The status line and what was read of the response.
        var response: String
        var chunksSent: Int
        var terminatorSent: Bool
        /// How the last read ended when it brought nothing.
        var readEnd: String
        var seconds: Double

        var description: String {
            "\(response.utf8.count) bytes read; \(chunksSent) chunks and "
                + (terminatorSent ? "the terminator" : "no terminator")
                + " sent; last read: \(readEnd); \(String(format: "%.2f", seconds)) s"
        }
    }

    /// Sends `head` and then `chunks` as chunked transfer-encoding to `127.0.0.1:port`, stopping early if the
    /// server answers; returns what was read of the response. A read waits at most `readTimeout`: long, because on a
    /// machine running the whole suite on two cores the answer can take seconds, and a short wait would read nothing.
    static func sendChunked(
        port: Int,
        head: String,
        chunks: [[UInt8]],
        readTimeout: Duration = .seconds(30)
    ) throws -> Exchange {
        let started = Date()
        let connection = try RawConnection(port: port, readTimeout: readTimeout)
        guard connection.send(head) else { throw Failure(message: "write failed") }
        var sent = 0
        for chunk in chunks {
            let frame = Array((String(chunk.count, radix: 16) + "\r\n").utf8) + chunk + Array("\r\n".utf8)
            // The server may answer and close before the body ends; that is the point.
            if !connection.send(frame) { break }
            sent += 1
        }
        let terminated = connection.send("0\r\n\r\n")
        var response: [UInt8] = []
        while let bytes = connection.receiveSome() {
            response += bytes
            if let text = String(validating: response, as: UTF8.self), text.contains("\r\n\r\n"),
                text.contains("PAYLOAD_TOO_LARGE") || text.contains("\"data\"")
            {
                break
            }
        }
        return Exchange(
            response: String(decoding: response, as: UTF8.self),
            chunksSent: sent,
            terminatorSent: terminated,
            readEnd: connection.lastEnd,
            seconds: Date().timeIntervalSince(started)
        )
    }
}
