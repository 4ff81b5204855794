import CCurl

/// Owns one libcurl easy handle and its error buffer; pooled by the transfer loop and reused after
/// `curl_easy_reset`.
///
/// Not `Sendable`: it lives on the transfer loop's thread only (created, configured, added, reset and freed there).
final class EasyHandle {
    let raw: UnsafeMutableRawPointer
    /// `CURLOPT_ERRORBUFFER`: libcurl writes the detailed message of a failure here (at most `CURL_ERROR_SIZE`).
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(CurlError) {
        guard let raw = curl_easy_init() else {
            throw CurlError(code: .transport, message: "curl_easy_init failed (out of memory)")
        }
        self.raw = raw
        self.errorBuffer = .allocate(capacity: CCURL_ERROR_SIZE)
        self.errorBuffer.initialize(repeating: 0, count: CCURL_ERROR_SIZE)
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// Back to libcurl's defaults, keeping the handle's caches (DNS, session ids) for the next transfer. No option of
    /// one request (method, headers, callbacks) can leak into the next.
    func reset() {
        curl_easy_reset(raw)
        errorBuffer[0] = 0
    }

    /// The error buffer's text for the last failure, or "".
    var errorDetail: String {
        var detail = String(cString: errorBuffer)
        while detail.last == "\n" { detail.removeLast() }
        return detail
    }

    /// Sets every option of one transfer on a fresh or reset handle.
    ///
    /// - Parameters:
    ///   - transfer: The transfer's opaque pointer, handed back in the callbacks and by `CURLINFO_PRIVATE`.
    ///   - headerList: The request's `CURLOPT_HTTPHEADER` list; it must outlive the transfer.
    func configure(
        for request: PreparedRequest,
        options: HandleOptions,
        transfer: UnsafeMutableRawPointer,
        headerList: UnsafeMutablePointer<curl_slist>?
    ) throws(CurlError) {
        errorBuffer[0] = 0
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_PRIVATE, pointer: transfer)
        try check(ccurl_easy_setopt_write_callback(raw, curlWriteCallback), CURLOPT_WRITEFUNCTION)
        try set(CURLOPT_WRITEDATA, pointer: transfer)
        try check(ccurl_easy_setopt_header_callback(raw, curlHeaderCallback), CURLOPT_HEADERFUNCTION)
        try set(CURLOPT_HEADERDATA, pointer: transfer)
        // Always our own socket(), with or without a connect filter: libcurl's has no close-on-exec, so every
        // process spawned while a connection is open would inherit it and keep it open after libcurl closes it (no
        // FIN): the server would never see the close, and the child could write on another user's connection.
        try check(ccurl_easy_setopt_opensocket_callback(raw, curlOpenSocketCallback), CURLOPT_OPENSOCKETFUNCTION)
        try set(CURLOPT_OPENSOCKETDATA, pointer: transfer)

        try set(CURLOPT_URL, string: request.url)
        // Several threads use libcurl: it must not use signals (SIGALRM for DNS timeouts) or it may crash.
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_FOLLOWLOCATION, options.followRedirects ? 1 : 0)
        if options.followRedirects {
            try set(CURLOPT_MAXREDIRS, options.maxRedirects)
        }
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caBundlePath = options.caBundlePath {
            try set(CURLOPT_CAINFO, string: caBundlePath)
        }
        // An empty string switches proxies off entirely; without it libcurl reads http_proxy and friends from the
        // environment, and a stray variable would send every user's token through some other host.
        try set(CURLOPT_PROXY, string: options.proxy)
        if !options.proxy.isEmpty {
            try set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        }
        try set(CURLOPT_USERAGENT, string: options.userAgent)
        try set(CURLOPT_HTTP_VERSION, options.httpVersion)
        if options.httpVersion == CURL_HTTP_VERSION_2TLS {
            // Wait for a multiplexed connection being set up rather than opening one more.
            try set(CURLOPT_PIPEWAIT, 1)
        }
        if options.acceptCompressedResponses {
            try set(CURLOPT_ACCEPT_ENCODING, string: "")
        }
        try set(CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMilliseconds)
        try set(CURLOPT_TIMEOUT_MS, request.timeoutMilliseconds)
        if request.mode != .head {
            // Refuses an announced Content-Length over the limit before any body arrives (the write callback catches
            // the rest). Not for HEAD: its Content-Length describes a body that is never sent.
            try check(
                ccurl_easy_setopt_off_t(raw, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxResponseBodyBytes)),
                CURLOPT_MAXFILESIZE_LARGE
            )
        }
        try set(CURLOPT_MAXAGE_CONN, options.maxIdleConnectionAgeSeconds)
        try set(CURLOPT_TCP_KEEPALIVE, 1)
        // Set either way: the handle may be reused without a reset in between.
        try set(CURLOPT_FRESH_CONNECT, request.freshConnection ? 1 : 0)

        switch request.mode {
        case .get:
            break
        case .head:
            try set(CURLOPT_NOBODY, 1)
        case .custom:
            try set(CURLOPT_CUSTOMREQUEST, string: request.method)
        case .body(let body):
            // The size first: COPYPOSTFIELDS copies exactly that many bytes (the body may contain NULs).
            try check(
                ccurl_easy_setopt_off_t(raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)),
                CURLOPT_POSTFIELDSIZE_LARGE
            )
            if body.isEmpty {
                // A non-null pointer even for no bytes, or libcurl would read the body from the read callback.
                try set(CURLOPT_COPYPOSTFIELDS, string: "")
            } else {
                // COPYPOSTFIELDS copies now, so the array need not outlive this call.
                let code = body.withUnsafeBytes { bytes in
                    ccurl_easy_setopt_string(
                        raw,
                        CURLOPT_COPYPOSTFIELDS,
                        bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                    )
                }
                try check(code, CURLOPT_COPYPOSTFIELDS)
            }
            if request.method != "POST" {
                try set(CURLOPT_CUSTOMREQUEST, string: request.method)
            }
        }
        if let headerList {
            try check(ccurl_easy_setopt_slist(raw, CURLOPT_HTTPHEADER, headerList), CURLOPT_HTTPHEADER)
        }
    }

    // MARK: - getinfo

    func info(_ info: CURLINFO) -> Int {
        var value = 0
        _ = ccurl_easy_getinfo_long(raw, info, &value)
        return value
    }

    /// A `*_TIME_T` info (microseconds) as a Duration.
    func duration(_ info: CURLINFO) -> Duration {
        var value: curl_off_t = 0
        _ = ccurl_easy_getinfo_off_t(raw, info, &value)
        return .microseconds(value)
    }

    // MARK: - setopt

    private func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(ccurl_easy_setopt_long(raw, option, value), option)
    }

    private func set(_ option: CURLoption, string value: String) throws(CurlError) {
        // libcurl copies string options (since 7.17), so the C string only has to live for the call.
        try check(value.withCString { ccurl_easy_setopt_string(raw, option, $0) }, option)
    }

    private func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer) throws(CurlError) {
        try check(ccurl_easy_setopt_pointer(raw, option, value), option)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(CurlError) {
        guard code != CURLE_OK else { return }
        let kind: CurlError.Code =
            code == CURLE_NOT_BUILT_IN || code == CURLE_UNKNOWN_OPTION || code == CURLE_UNSUPPORTED_PROTOCOL
            ? .invalidConfiguration : .transport
        throw CurlError(
            code: kind,
            curlCode: Int(code.rawValue),
            message: "Setting libcurl option \(option.rawValue) failed: \(curlErrorText(code.rawValue))"
        )
    }
}

// The callbacks are plain C functions (no captures); the transfer comes back through the user-data pointer. libcurl
// calls them only from inside `curl_multi_perform`, i.e. on the loop thread while the transfer is in `active`.

private func curlWriteCallback(
    _ data: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ userData: UnsafeMutableRawPointer?
) -> Int {
    guard let userData else { return 0 }
    let byteCount = size * count
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : byteCount)
    let transfer = Unmanaged<Transfer>.fromOpaque(userData).takeUnretainedValue()
    return transfer.state.receiveBody(bytes) == .accept ? byteCount : 0
}

private func curlHeaderCallback(
    _ data: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ userData: UnsafeMutableRawPointer?
) -> Int {
    guard let userData else { return 0 }
    let byteCount = size * count
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : byteCount)
    let transfer = Unmanaged<Transfer>.fromOpaque(userData).takeUnretainedValue()
    return transfer.state.receiveHeaderLine(bytes) == .accept ? byteCount : 0
}

/// Opens every connection's socket, close-on-exec; first asks the client's connect filter (if any) about the address
/// libcurl resolved, before the socket exists: a refused address is never connected to (libcurl then tries the host's
/// next address, or fails the transfer).
private func curlOpenSocketCallback(
    _ userData: UnsafeMutableRawPointer?,
    _ purpose: curlsocktype,
    _ address: UnsafeMutablePointer<curl_sockaddr>?
) -> curl_socket_t {
    guard let userData, let address else { return CCURL_SOCKET_BAD }
    let transfer = Unmanaged<Transfer>.fromOpaque(userData).takeUnretainedValue()
    if let filter = transfer.connectAddressFilter {
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = bytes.withUnsafeMutableBufferPointer { buffer in
            Int(ccurl_sockaddr_ip(address, buffer.baseAddress))
        }
        // A family other than IPv4 or IPv6 (a Unix socket) has no address to judge: refused as well.
        guard let socketAddress = CurlSocketAddress(bytes: Array(bytes.prefix(count))), filter(socketAddress) else {
            transfer.refusedAddress = CurlSocketAddress(bytes: Array(bytes.prefix(count)))
            return CCURL_SOCKET_BAD
        }
        // An allowed address is being tried: a failure from here on is that connection's, not the filter's.
        transfer.refusedAddress = nil
    }
    return ccurl_open_socket(address)
}
