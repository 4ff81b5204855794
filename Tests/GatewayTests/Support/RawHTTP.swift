/// A bare TCP client for the one thing libcurl will not do for us: send a chunked request body slowly, without a
/// `Content-Length`, to prove the gateway stops reading at the limit.
enum RawHTTP {
    struct Failure: Error { var message: String }

    /// Sends `head` and then `chunks` as chunked transfer-encoding to `127.0.0.1:port`, stopping early if the
    /// server answers; returns the status line and what was read of the response.
    static func sendChunked(port: Int, head: String, chunks: [[UInt8]]) throws -> String {
        let connection = try RawConnection(port: port, readTimeout: .seconds(5))
        guard connection.send(head) else { throw Failure(message: "write failed") }
        for chunk in chunks {
            let frame = Array((String(chunk.count, radix: 16) + "\r\n").utf8) + chunk + Array("\r\n".utf8)
            // The server may answer and close before the body ends; that is the point.
            if !connection.send(frame) { break }
        }
        connection.send("0\r\n\r\n")
        var response: [UInt8] = []
        while let bytes = connection.receiveSome() {
            response += bytes
            if let text = String(validating: response, as: UTF8.self), text.contains("\r\n\r\n"),
                text.contains("PAYLOAD_TOO_LARGE") || text.contains("\"data\"")
            {
                break
            }
        }
        return String(decoding: response, as: UTF8.self)
    }
}
