/// Why an outgoing request failed.
///
/// Callers switch on ``code`` (a growing set, so it is a struct with static members rather than a public enum);
/// ``curlCode`` keeps libcurl's own `CURLcode` when the failure came from libcurl. ``message`` is for logs: it comes
/// from `curl_easy_strerror` and libcurl's error buffer (which name at most the host and port), never from request
/// headers, so it cannot leak a token.
public struct CurlError: Error, Sendable, Hashable {
    /// What kind of failure this is.
    public var code: Code
    /// libcurl's `CURLcode` (its raw value) when libcurl reported the failure, or nil.
    public var curlCode: Int?
    /// A human-readable explanation, safe to log.
    public var message: String

    /// Creates an error.
    public init(code: Code, curlCode: Int? = nil, message: String) {
        self.code = code
        self.curlCode = curlCode
        self.message = message
    }
}

extension CurlError {
    /// The kind of a ``CurlError``.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        enum Base: String, Sendable, Hashable {
            case timedOut, couldNotConnect, connectionClosed, tlsFailure, cancelled, responseTooLarge
            case invalidRequest, invalidConfiguration, transport, shutdown, addressRefused
        }

        let base: Base

        /// The request (or the wait for a free connection) took longer than its timeout.
        public static let timedOut = Code(base: .timedOut)
        /// No connection could be made: refused, unreachable, or the host (or proxy) did not resolve. A connection
        /// that takes longer than the connect timeout is ``timedOut``.
        public static let couldNotConnect = Code(base: .couldNotConnect)
        /// The server or the network closed the connection before the response was complete (nothing received,
        /// a truncated body, a reset). Reads are usually safe to retry.
        public static let connectionClosed = Code(base: .connectionClosed)
        /// TLS failed: the certificate did not verify against the trusted CAs, the host name did not match, or the
        /// handshake failed.
        public static let tlsFailure = Code(base: .tlsFailure)
        /// The calling task was cancelled; the transfer was aborted.
        public static let cancelled = Code(base: .cancelled)
        /// The response exceeded ``CurlClient/Configuration/maxResponseBodyBytes`` or
        /// ``CurlClient/Configuration/maxResponseHeaderBytes``; the transfer was aborted.
        public static let responseTooLarge = Code(base: .responseTooLarge)
        /// The request was refused before sending: bad URL, scheme, method, header or timeout.
        public static let invalidRequest = Code(base: .invalidRequest)
        /// The client's configuration is invalid, or libcurl could not be set up with it.
        public static let invalidConfiguration = Code(base: .invalidConfiguration)
        /// Any other failure reported by libcurl (protocol error, too many redirects, out of memory, …).
        public static let transport = Code(base: .transport)
        /// The client was shut down before the request finished.
        public static let shutdown = Code(base: .shutdown)
        /// Every address the host resolved to was refused by ``CurlClient/Configuration/connectAddressFilter``;
        /// nothing was sent.
        public static let addressRefused = Code(base: .addressRefused)

        /// The code's name, e.g. `timedOut`.
        public var description: String { base.rawValue }
    }
}

extension CurlError: CustomStringConvertible {
    /// `code: message (curl N)`.
    public var description: String {
        if let curlCode {
            return "\(code): \(message) (curl \(curlCode))"
        }
        return "\(code): \(message)"
    }
}
