import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The loop that drives every transfer of one client on its own thread: it starts queued requests, applies
/// cancellations, lets libcurl move bytes (`curl_multi_perform`), completes finished transfers, enforces deadlines and
/// sleeps in `curl_multi_poll` until a socket is ready, a libcurl timer is due, or ``LoopShared`` wakes it.
///
/// Everything here is confined to the loop thread; only ``LoopShared`` is touched from elsewhere. Per request it costs
/// no thread, no multi handle and (once the pool is warm) no easy-handle allocation: handles are reset and reused, and
/// connections stay in the multi handle's cache between requests.
final class TransferLoop {
    private let shared: LoopShared
    private let options: HandleOptions
    private var multi: UnsafeMutableRawPointer { shared.multi.raw }
    private var active: [UInt64: Transfer] = [:]
    private var pool: [EasyHandle] = []
    private let poolLimit: Int
    /// The earliest deadline among `active`, or a stale earlier one (which only costs one extra scan).
    private var nextDeadline: ContinuousClock.Instant?
    private let clock = ContinuousClock()

    /// The longest sleep in `curl_multi_poll`; wakeups and libcurl's own timers usually end it sooner.
    private static let idlePollMilliseconds: Int32 = 5_000

    init(shared: LoopShared, configuration: CurlClient.Configuration) {
        self.shared = shared
        self.options = HandleOptions(configuration)
        // A small pool: enough idle handles for the transfers that commonly run at once (each holds ~20 KiB of
        // buffers); bursts beyond it create handles on demand and free them afterwards.
        self.poolLimit = min(configuration.maxTotalConnections, 64)
    }

    /// Runs until the client shuts down, then fails what is left, frees every handle and resumes shutdown waiters.
    func run() {
        while true {
            let batch = shared.drain()
            if batch.stop {
                let error = CurlError(code: .shutdown, message: "The HTTP client was shut down")
                for job in batch.jobs {
                    job.continuation.resume(returning: .failure(error))
                }
                for id in Array(active.keys) {
                    abort(id, error)
                }
                break
            }
            for job in batch.jobs {
                start(job)
            }
            for id in batch.cancellations {
                abort(id, CurlError(code: .cancelled, message: "The request was cancelled"))
            }

            var running: Int32 = 0
            let performCode = curl_multi_perform(multi, &running)
            if performCode != CURLM_OK {
                failAll(multiCode: performCode, during: "curl_multi_perform")
            }
            completeFinishedTransfers()
            expireDeadlines()

            var ready: Int32 = 0
            let pollCode = curl_multi_poll(multi, nil, 0, pollTimeout(), &ready)
            if pollCode != CURLM_OK {
                failAll(multiCode: pollCode, during: "curl_multi_poll")
                // Never spin if polling keeps failing.
                usleep(10_000)
            }
        }
        pool.removeAll()
        let waiters = shared.markStopped()
        shared.multi.cleanup()
        for waiter in waiters {
            waiter.resume()
        }
    }

    // MARK: - Starting and finishing transfers

    private func start(_ job: Job) {
        let handle: EasyHandle
        if let pooled = pool.popLast() {
            handle = pooled
        } else {
            do {
                handle = try EasyHandle()
            } catch {
                job.continuation.resume(returning: .failure(error))
                return
            }
        }
        let transfer = Transfer(job: job, handle: handle, options: options, now: clock.now)
        do {
            try transfer.configure(job.request, options: options)
        } catch {
            transfer.resume(.failure(error))
            recycle(handle)
            return
        }
        let addCode = curl_multi_add_handle(multi, handle.raw)
        guard addCode == CURLM_OK else {
            transfer.resume(.failure(Self.multiError(addCode, during: "curl_multi_add_handle")))
            recycle(handle)
            return
        }
        active[transfer.id] = transfer
        if nextDeadline.map({ transfer.deadline < $0 }) ?? true {
            nextDeadline = transfer.deadline
        }
    }

    private func completeFinishedTransfers() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            // Read everything from the message now: it is invalid once the handle is removed.
            let code = ccurl_msg_result(message).rawValue
            var privateData: UnsafeMutableRawPointer?
            _ = ccurl_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &privateData)
            guard let privateData else { continue }
            let transfer = Unmanaged<Transfer>.fromOpaque(privateData).takeUnretainedValue()
            complete(transfer, curlCode: code)
        }
    }

    private func complete(_ transfer: Transfer, curlCode: UInt32) {
        let handle = transfer.handle
        let result: Result<CurlResponse, CurlError>
        if curlCode == CURLE_OK.rawValue {
            let timing = CurlResponse.Timing(
                nameLookup: handle.duration(CURLINFO_NAMELOOKUP_TIME_T),
                connect: handle.duration(CURLINFO_CONNECT_TIME_T),
                tlsHandshake: handle.duration(CURLINFO_APPCONNECT_TIME_T),
                firstByte: handle.duration(CURLINFO_STARTTRANSFER_TIME_T),
                total: handle.duration(CURLINFO_TOTAL_TIME_T)
            )
            result = .success(
                transfer.state.takeResponse(
                    status: handle.info(CURLINFO_RESPONSE_CODE),
                    timing: timing,
                    connectionReused: handle.info(CURLINFO_NUM_CONNECTS) == 0
                )
            )
        } else if let refused = transfer.refusedAddress, Self.isConnectFailure(curlCode) {
            result = .failure(
                CurlError(
                    code: .addressRefused,
                    curlCode: Int(curlCode),
                    message: "Refused to connect to \(refused): the address is not allowed"
                )
            )
        } else {
            result = .failure(transfer.state.failure(curlCode: curlCode, detail: handle.errorDetail))
        }
        finish(transfer, result)
    }

    /// Whether libcurl gave up connecting: what it reports once the connect filter has refused every address.
    private static func isConnectFailure(_ curlCode: UInt32) -> Bool {
        curlCode == CURLE_COULDNT_CONNECT.rawValue || curlCode == CURLE_COULDNT_RESOLVE_HOST.rawValue
            || curlCode == CURLE_COULDNT_RESOLVE_PROXY.rawValue
    }

    /// Ends transfer `id` early (cancelled, timed out, shut down); a no-op for an id that is not in flight.
    private func abort(_ id: UInt64, _ error: CurlError) {
        guard let transfer = active[id] else { return }
        finish(transfer, .failure(error))
    }

    /// Removes a transfer from the multi handle (closing its connection if it was mid-response), resumes its task and
    /// returns its handle to the pool.
    private func finish(_ transfer: Transfer, _ result: Result<CurlResponse, CurlError>) {
        _ = curl_multi_remove_handle(multi, transfer.handle.raw)
        active[transfer.id] = nil
        transfer.resume(result)
        recycle(transfer.handle)
    }

    private func recycle(_ handle: EasyHandle) {
        guard pool.count < poolLimit else { return }
        handle.reset()
        pool.append(handle)
    }

    // MARK: - Deadlines

    private func expireDeadlines() {
        guard let deadline = nextDeadline else { return }
        let now = clock.now
        guard now >= deadline else { return }
        var earliest: ContinuousClock.Instant?
        var expired: [Transfer] = []
        for transfer in active.values {
            if transfer.deadline <= now {
                expired.append(transfer)
            } else if earliest.map({ transfer.deadline < $0 }) ?? true {
                earliest = transfer.deadline
            }
        }
        nextDeadline = earliest
        for transfer in expired {
            finish(
                transfer,
                .failure(
                    CurlError(
                        code: .timedOut,
                        curlCode: Int(CURLE_OPERATION_TIMEDOUT.rawValue),
                        message: "The request timed out after \(transfer.timeoutMilliseconds) ms"
                    )
                )
            )
        }
    }

    private func pollTimeout() -> Int32 {
        guard let deadline = nextDeadline else { return Self.idlePollMilliseconds }
        let remaining = clock.now.duration(to: deadline)
        guard remaining > .zero else { return 0 }
        return Int32(min(remaining.roundedUpMilliseconds, Int(Self.idlePollMilliseconds)))
    }

    // MARK: - Failures of the multi handle itself

    private func failAll(multiCode: CURLMcode, during call: String) {
        let error = Self.multiError(multiCode, during: call)
        for id in Array(active.keys) {
            abort(id, error)
        }
    }

    private static func multiError(_ code: CURLMcode, during call: String) -> CurlError {
        CurlError(code: .transport, message: "\(call) failed: \(String(cString: curl_multi_strerror(code)))")
    }
}
