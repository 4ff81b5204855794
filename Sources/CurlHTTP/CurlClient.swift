import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The project's one outgoing HTTP client: libcurl's multi interface driven by one dedicated thread.
///
/// Every request of every task multiplexes on that thread (`curl_multi_poll`), which is woken when a request arrives
/// or is cancelled; no blocking call ever runs on a NIO event loop or on Swift's cooperative pool. Connections are
/// kept alive and reused from the multi handle's connection cache, and easy handles are pooled, so a request costs no
/// thread, no handle allocation and (with a warm cache) no connect.
///
/// Behaviour that cannot be configured away: TLS peer and host verification, `http`/`https` only, no cookie engine
/// (a `Set-Cookie` is returned in the response headers and never sent back), no proxy from environment variables,
/// no `Expect: 100-continue` round trip.
///
/// ```swift
/// let client = try CurlClient(configuration: .init())
/// let response = try await client.execute(CurlRequest(url: "https://example.service-now.com/api/now/table/incident"))
/// await client.shutdown()
/// ```
///
/// ## Sendable
/// The class is `Sendable` without `@unchecked`: its stored properties are a `Sendable` configuration and a
/// ``LoopShared``, whose mutable state is behind a `Mutex` and an `Atomic`. Everything libcurl owns that is not
/// thread-safe (easy handles, transfers, the multi handle's state) lives on the loop thread and is reached from
/// other threads only through messages in that mutex-protected inbox; the one cross-thread libcurl call,
/// `curl_multi_wakeup`, is thread-safe by libcurl's contract and is never made after the handle is freed (see
/// ``MultiHandle``).
///
/// ## Lifetime
/// Call ``shutdown()`` when done: it fails requests still in flight with ``CurlError/Code/shutdown`` and returns once
/// the thread has freed every handle. Dropping the last reference without it also stops the thread and frees
/// everything (no request can be in flight then, since `execute` holds a reference), only without waiting.
public final class CurlClient: Sendable {
    /// The configuration the client was created with.
    public let configuration: Configuration
    private let shared: LoopShared

    /// Creates a client and starts its thread.
    ///
    /// - Throws: ``CurlError/Code/invalidConfiguration`` when a value is out of range, the CA bundle is not a
    ///   readable file, or this libcurl cannot do what is asked (HTTP/2 without nghttp2); ``CurlError/Code/transport``
    ///   when libcurl or the thread cannot be set up.
    public init(configuration: Configuration = Configuration()) throws(CurlError) {
        try configuration.validate()
        try CurlGlobal.initialize()
        if let caBundlePath = configuration.caBundlePath, access(caBundlePath, R_OK) != 0 {
            throw CurlError(code: .invalidConfiguration, message: "caBundlePath is not a readable file")
        }
        try Self.probe(configuration)

        let multi = try MultiHandle(configuration: configuration)
        let shared = LoopShared(multi: multi)
        do {
            try LoopThread.detach(name: "curl-transfers") {
                TransferLoop(shared: shared, configuration: configuration).run()
            }
        } catch {
            multi.cleanup()
            throw error
        }
        self.configuration = configuration
        self.shared = shared
    }

    deinit {
        shared.shutdown(waiter: nil)
    }

    /// Sends `request` and returns the final response, whatever its status: a 404 or 500 is a response, not an error.
    ///
    /// Cancelling the calling task aborts the transfer promptly and throws ``CurlError/Code/cancelled``.
    ///
    /// - Throws: ``CurlError`` — ``CurlError/Code/invalidRequest`` before anything is sent; ``CurlError/Code/timedOut``,
    ///   ``CurlError/Code/couldNotConnect``, ``CurlError/Code/connectionClosed``, ``CurlError/Code/tlsFailure``,
    ///   ``CurlError/Code/responseTooLarge``, ``CurlError/Code/transport`` from the transfer;
    ///   ``CurlError/Code/cancelled``; ``CurlError/Code/shutdown``.
    public func execute(_ request: CurlRequest) async throws(CurlError) -> CurlResponse {
        let prepared = try PreparedRequest(request, defaultTimeout: configuration.requestTimeout)
        let id = shared.nextTransferID()
        let shared = self.shared
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: ResponseContinuation) in
                shared.submit(Job(id: id, request: prepared, continuation: continuation))
            }
        } onCancel: {
            shared.cancel(id)
        }
        return try result.get()
    }

    /// Stops the client: requests in flight fail with ``CurlError/Code/shutdown``, later ones are refused with it,
    /// and this returns once the thread has stopped and freed every handle and connection. Safe to call more than
    /// once and concurrently.
    public func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            shared.shutdown(waiter: continuation)
        }
    }

    /// Applies the client-wide options to a throwaway handle, so an unsupported configuration fails here rather
    /// than on every request.
    private static func probe(_ configuration: Configuration) throws(CurlError) {
        let handle = try EasyHandle()
        let request = try PreparedRequest(CurlRequest(url: "http://localhost/"), defaultTimeout: .seconds(1))
        let options = HandleOptions(configuration)
        do {
            try handle.configure(
                for: request,
                options: options,
                // Never performed, so no callback ever reads this pointer.
                transfer: handle.raw,
                headerList: nil
            )
        } catch {
            throw CurlError(code: .invalidConfiguration, curlCode: error.curlCode, message: error.message)
        }
    }
}
