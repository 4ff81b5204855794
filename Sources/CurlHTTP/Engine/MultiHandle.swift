import CCurl

/// The client's one libcurl multi handle.
///
/// `@unchecked Sendable` because the pointer is shared between threads under these rules, which together make every
/// use safe:
/// - it is created and configured in `CurlClient.init` before the loop thread exists (`pthread_create` orders those
///   writes before everything on the new thread);
/// - afterwards every call except `curl_multi_wakeup` happens on the loop thread only;
/// - `curl_multi_wakeup` is documented thread-safe, and ``LoopShared`` calls it only while holding its lock and only
///   while the inbox is not `stopped`; the loop marks the inbox `stopped` under the same lock before it calls
///   `curl_multi_cleanup`, so no wakeup can touch a freed handle.
struct MultiHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    /// Creates the multi handle with the configuration's connection limits.
    init(configuration: CurlClient.Configuration) throws(CurlError) {
        guard let raw = curl_multi_init() else {
            throw CurlError(code: .transport, message: "curl_multi_init failed (out of memory)")
        }
        self.raw = raw
        do {
            // The connection cache: idle keep-alive connections kept for reuse by later transfers.
            try set(CURLMOPT_MAXCONNECTS, configuration.maxIdleConnections)
            try set(CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)
            try set(CURLMOPT_MAX_TOTAL_CONNECTIONS, configuration.maxTotalConnections)
            try set(CURLMOPT_PIPELINING, configuration.enableHTTP2 ? CCURL_PIPE_MULTIPLEX : CCURL_PIPE_NOTHING)
        } catch {
            curl_multi_cleanup(raw)
            throw error
        }
    }

    /// Interrupts a `curl_multi_poll` in progress, or makes the next one return at once. Thread-safe.
    func wakeup() {
        _ = curl_multi_wakeup(raw)
    }

    /// Frees the handle; every easy handle must have been removed.
    func cleanup() {
        _ = curl_multi_cleanup(raw)
    }

    private func set(_ option: CURLMoption, _ value: Int) throws(CurlError) {
        let code = ccurl_multi_setopt_long(raw, option, value)
        guard code == CURLM_OK else {
            throw CurlError(
                code: .invalidConfiguration,
                message: "Setting libcurl multi option \(option.rawValue) failed: "
                    + String(cString: curl_multi_strerror(code))
            )
        }
    }
}
