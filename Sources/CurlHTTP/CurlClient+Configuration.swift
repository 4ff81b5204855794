extension CurlClient {
    /// How a ``CurlClient`` connects: timeouts, TLS trust, proxy, connection limits and response limits.
    ///
    /// Some things are deliberately not configurable: TLS peer and host verification are always on, only `http`
    /// and `https` are spoken, libcurl's cookie engine is never enabled (a ServiceNow session cookie would serialise
    /// a user's requests and could leak between users), and proxies are never taken from the environment.
    public struct Configuration: Sendable {
        /// The longest time to establish a connection (TCP and TLS). Default 5 s.
        public var connectTimeout: Duration = .seconds(5)

        /// The longest time for a whole request, including waiting for a free connection; a request may override it
        /// with ``CurlRequest/timeout``. Default 10 s.
        public var requestTimeout: Duration = .seconds(10)

        /// A PEM file of CA certificates to trust instead of the system's (enterprise networks with their own CA).
        /// nil uses the system store. Verification itself cannot be switched off.
        public var caBundlePath: String?

        /// The outbound proxy, e.g. `http://proxy.corp:3128`, or nil for direct connections. The `http_proxy` /
        /// `https_proxy` / `all_proxy` environment variables are ignored either way.
        public var proxyURL: String?

        /// The `User-Agent` sent unless a request sets its own.
        public var userAgent: String = "snowgate"

        /// The most connections open to one host at a time; further requests wait for one to become free.
        /// Default 32.
        public var maxConnectionsPerHost: Int = 32

        /// The most connections open at a time in total. Default 128.
        public var maxTotalConnections: Int = 128

        /// The most idle keep-alive connections kept for reuse (libcurl's connection cache). Default 64.
        public var maxIdleConnections: Int = 64

        /// Idle connections older than this are not reused (servers and load balancers drop idle connections; a
        /// fresh connection is cheaper than a failed reuse). Default 55 s.
        public var maxIdleConnectionAge: Duration = .seconds(55)

        /// Offer HTTP/2 over TLS (ALPN). Off by default: ServiceNow is served over HTTP/1.1 with keep-alive.
        public var enableHTTP2: Bool = false

        /// Follow redirects (at most ``maxRedirects``, `http`/`https` only). Off by default: the gateway must never be
        /// sent off the instance silently; a 3xx is returned to the caller instead.
        public var followRedirects: Bool = false

        /// The most redirects followed when ``followRedirects`` is on.
        public var maxRedirects: Int = 5

        /// The largest response body accepted, in bytes after decompression; a larger one aborts the transfer with
        /// ``CurlError/Code/responseTooLarge``. Default 16 MiB.
        public var maxResponseBodyBytes: Int = 16 << 20

        /// The largest total size of response header lines accepted, in bytes. Default 256 KiB.
        public var maxResponseHeaderBytes: Int = 256 << 10

        /// Send `Accept-Encoding` for every encoding libcurl can decode (gzip, deflate, …) and decode responses.
        /// Default on.
        public var acceptCompressedResponses: Bool = true

        /// Decides, for every new connection, whether the client may connect to the address its host name resolved
        /// to (the proxy's address when a proxy is set); nil allows every address. A refused address is never
        /// connected to, and a request that has no allowed address left fails with
        /// ``CurlError/Code/addressRefused``.
        ///
        /// It judges the address that is actually connected, after name resolution, so a host name that resolves
        /// differently between a check and the connection (DNS rebinding) cannot slip past it. It runs on the
        /// client's transfer thread for each connection attempt (not for reused connections): keep it fast and
        /// non-blocking.
        public var connectAddressFilter: (@Sendable (CurlSocketAddress) -> Bool)?

        /// Creates the default configuration.
        public init() {}

        /// Checks the values, so that a typo fails at start-up rather than on the first request.
        func validate() throws(CurlError) {
            func invalid(_ message: String) -> CurlError {
                CurlError(code: .invalidConfiguration, message: message)
            }
            guard connectTimeout > .zero else { throw invalid("connectTimeout must be positive") }
            guard requestTimeout > .zero else { throw invalid("requestTimeout must be positive") }
            guard maxIdleConnectionAge > .zero else { throw invalid("maxIdleConnectionAge must be positive") }
            guard maxConnectionsPerHost > 0 else { throw invalid("maxConnectionsPerHost must be positive") }
            guard maxTotalConnections > 0 else { throw invalid("maxTotalConnections must be positive") }
            guard maxIdleConnections > 0 else { throw invalid("maxIdleConnections must be positive") }
            guard maxRedirects >= 0 else { throw invalid("maxRedirects must not be negative") }
            guard maxResponseBodyBytes > 0 else { throw invalid("maxResponseBodyBytes must be positive") }
            guard maxResponseHeaderBytes > 0 else { throw invalid("maxResponseHeaderBytes must be positive") }
            guard !userAgent.utf8.contains(where: isControlByte) else {
                throw invalid("userAgent contains control characters")
            }
            if let caBundlePath, caBundlePath.isEmpty || caBundlePath.utf8.contains(0) {
                throw invalid("caBundlePath is empty or contains NUL")
            }
            if let proxyURL, proxyURL.isEmpty || proxyURL.utf8.contains(where: isControlByte) {
                throw invalid("proxyURL is empty or contains control characters")
            }
        }
    }
}

/// Bytes that never belong in a URL, header or option string: C0 controls and DEL.
@inline(__always)
func isControlByte(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == 0x7F
}
