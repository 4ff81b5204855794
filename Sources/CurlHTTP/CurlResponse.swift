/// The answer to a ``CurlRequest``: the final response's status, headers and body, and how long it took.
public struct CurlResponse: Sendable {
    /// The HTTP status code of the final response (`100 Continue` and proxy `CONNECT` answers are skipped).
    public var status: Int
    /// The final response's header fields in the order received. Look fields up with
    /// `headers.value(named:)` / `headers.values(named:)` (case-insensitive).
    public var headers: [CurlHeader]
    /// The body, already decoded when the server compressed it (`Content-Encoding: gzip`).
    public var body: [UInt8]
    /// Where the time went, for metrics.
    public var timing: Timing
    /// Whether the request went over a kept-alive connection (no new TCP/TLS connection was made).
    public var connectionReused: Bool

    /// Creates a response (the client makes them; tests and fakes may too).
    public init(
        status: Int,
        headers: [CurlHeader],
        body: [UInt8],
        timing: Timing = Timing(),
        connectionReused: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.timing = timing
        self.connectionReused = connectionReused
    }
}

extension CurlResponse {
    /// Phases of a transfer, each measured from its start (as libcurl reports them), so they only grow:
    /// `nameLookup ≤ connect ≤ tlsHandshake ≤ firstByte ≤ total`. Phases that did not happen (a reused connection
    /// needs no connect) are zero.
    public struct Timing: Sendable, Hashable {
        /// Until the host name was resolved.
        public var nameLookup: Duration
        /// Until the TCP connection was established.
        public var connect: Duration
        /// Until the TLS handshake finished (zero for plain HTTP).
        public var tlsHandshake: Duration
        /// Until the first response byte arrived (time to first byte).
        public var firstByte: Duration
        /// The whole transfer.
        public var total: Duration

        /// Creates a timing record.
        public init(
            nameLookup: Duration = .zero,
            connect: Duration = .zero,
            tlsHandshake: Duration = .zero,
            firstByte: Duration = .zero,
            total: Duration = .zero
        ) {
            self.nameLookup = nameLookup
            self.connect = connect
            self.tlsHandshake = tlsHandshake
            self.firstByte = firstByte
            self.total = total
        }
    }
}
