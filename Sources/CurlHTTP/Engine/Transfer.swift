import CCurl

/// One request in flight: its easy handle, its response state, its deadline and the task waiting for it.
///
/// Not `Sendable`: it lives on the transfer loop's thread. libcurl's callbacks reach it through an unretained pointer,
/// which is valid because the loop's `active` table holds it for as long as its handle is in the multi handle.
final class Transfer {
    let id: UInt64
    let handle: EasyHandle
    var state: TransferState
    /// When the loop fails the transfer itself, in case libcurl does not: libcurl does not time out a transfer that
    /// is still queued for a connection (`CURLMOPT_MAX_HOST_CONNECTIONS`).
    let deadline: ContinuousClock.Instant
    let timeoutMilliseconds: Int
    /// The client's connect filter, asked by the open-socket callback.
    let connectAddressFilter: (@Sendable (CurlSocketAddress) -> Bool)?
    /// The address the filter refused last, unless an allowed one was tried after it: libcurl's generic connect
    /// failure then says why.
    var refusedAddress: CurlSocketAddress?
    private var continuation: ResponseContinuation?
    private var headerList: UnsafeMutablePointer<curl_slist>?

    init(job: Job, handle: EasyHandle, options: HandleOptions, now: ContinuousClock.Instant) {
        self.id = job.id
        self.handle = handle
        self.state = TransferState(
            maxBodyBytes: options.maxResponseBodyBytes,
            maxHeaderBytes: options.maxResponseHeaderBytes
        )
        self.timeoutMilliseconds = job.request.timeoutMilliseconds
        self.connectAddressFilter = options.connectAddressFilter
        // A little later than libcurl's own timer, so that for a running transfer libcurl's detailed message wins.
        self.deadline = now + .milliseconds(job.request.timeoutMilliseconds + 10)
        self.continuation = job.continuation
    }

    deinit {
        curl_slist_free_all(headerList)
        // Every path resumes before dropping a transfer; this only guards against a waiting task hanging forever.
        continuation?.resume(
            returning: .failure(CurlError(code: .transport, message: "The transfer was dropped unfinished"))
        )
    }

    /// Configures the easy handle for `request`.
    func configure(_ request: PreparedRequest, options: HandleOptions) throws(CurlError) {
        for line in request.headerLines {
            guard let appended = curl_slist_append(headerList, line) else {
                throw CurlError(code: .transport, message: "curl_slist_append failed (out of memory)")
            }
            headerList = appended
        }
        try handle.configure(
            for: request,
            options: options,
            transfer: Unmanaged.passUnretained(self).toOpaque(),
            headerList: headerList
        )
    }

    /// Hands the outcome to the waiting task (once; later calls are ignored).
    func resume(_ result: Result<CurlResponse, CurlError>) {
        continuation?.resume(returning: result)
        continuation = nil
    }
}
