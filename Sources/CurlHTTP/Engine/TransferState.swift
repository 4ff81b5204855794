import CCurl

/// The response side of one transfer as a value: header lines and body chunks go in, each answered with whether to
/// accept them, and libcurl's final code comes out as a ``CurlResponse`` or a ``CurlError``.
///
/// Limits are enforced here: a body chunk that would take the body past `maxBodyBytes` is refused (the write callback
/// then returns 0, libcurl aborts with `CURLE_WRITE_ERROR`, and ``failure(curlCode:detail:)`` reports
/// ``CurlError/Code/responseTooLarge`` rather than a write error). The body limit applies after decompression, so a
/// small gzip bomb is caught as well as a large plain body.
struct TransferState {
    private(set) var head: ResponseHead
    private(set) var body: [UInt8] = []
    /// Why a callback refused data, when one did.
    private(set) var refusal: CurlError?
    private let maxBodyBytes: Int
    private let maxHeaderBytes: Int

    init(maxBodyBytes: Int, maxHeaderBytes: Int) {
        self.head = ResponseHead(maxBytes: maxHeaderBytes)
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
    }

    /// One header line from `CURLOPT_HEADERFUNCTION`.
    mutating func receiveHeaderLine(_ line: UnsafeRawBufferPointer) -> ResponseHead.Action {
        let action = head.consume(line)
        if action == .refuse, refusal == nil {
            refusal = CurlError(
                code: .responseTooLarge,
                message: "Response headers exceed the limit of \(maxHeaderBytes) bytes"
            )
        }
        return action
    }

    /// One body chunk from `CURLOPT_WRITEFUNCTION`.
    mutating func receiveBody(_ bytes: UnsafeRawBufferPointer) -> ResponseHead.Action {
        guard bytes.count <= maxBodyBytes - body.count else {
            if refusal == nil {
                refusal = CurlError(
                    code: .responseTooLarge,
                    message: "Response body exceeds the limit of \(maxBodyBytes) bytes"
                )
            }
            return .refuse
        }
        if body.capacity == 0, let length = head.contentLength, length > 0 {
            // One allocation for the common Content-Length case; only a hint (a compressed length is smaller).
            body.reserveCapacity(min(length, maxBodyBytes))
        }
        body.append(contentsOf: bytes)
        return .accept
    }

    /// The response of a transfer that libcurl finished with `CURLE_OK`; moves the body out.
    mutating func takeResponse(status: Int, timing: CurlResponse.Timing, connectionReused: Bool) -> CurlResponse {
        var taken: [UInt8] = []
        swap(&taken, &body)
        return CurlResponse(
            status: status,
            headers: head.fields,
            body: taken,
            timing: timing,
            connectionReused: connectionReused
        )
    }

    /// The error for a transfer that libcurl finished with `curlCode` (not `CURLE_OK`); `detail` is libcurl's error
    /// buffer for it.
    func failure(curlCode: UInt32, detail: String) -> CurlError {
        let writeRefused =
            curlCode == CURLE_WRITE_ERROR.rawValue || curlCode == CURLE_ABORTED_BY_CALLBACK.rawValue
        if writeRefused, var refusal {
            refusal.curlCode = Int(curlCode)
            return refusal
        }
        if curlCode == CURLE_FILESIZE_EXCEEDED.rawValue {
            // libcurl refused a Content-Length over CURLOPT_MAXFILESIZE_LARGE before reading the body.
            return CurlError(
                code: .responseTooLarge,
                curlCode: Int(curlCode),
                message: "Response body exceeds the limit of \(maxBodyBytes) bytes (Content-Length)"
            )
        }
        let summary = curlErrorText(curlCode)
        return CurlError(
            code: CurlError.Code(curlCode: curlCode),
            curlCode: Int(curlCode),
            message: detail.isEmpty || detail == summary ? summary : "\(summary): \(detail)"
        )
    }
}

extension CurlError.Code {
    /// The kind of failure a `CURLcode` (raw value) stands for.
    init(curlCode: UInt32) {
        switch CURLcode(rawValue: curlCode) {
        case CURLE_OPERATION_TIMEDOUT:
            self = .timedOut
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            self = .couldNotConnect
        case CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            self = .connectionClosed
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED, CURLE_SSL_CLIENTCERT:
            self = .tlsFailure
        case CURLE_FILESIZE_EXCEEDED:
            self = .responseTooLarge
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            self = .invalidRequest
        default:
            self = .transport
        }
    }
}
