import Synchronization

/// The part of the transfer loop that other threads touch: the inbox (under a `Mutex`), the multi handle's wakeup,
/// and the transfer id counter.
///
/// `Sendable` without `@unchecked`: the inbox is in a `Mutex`, the id counter is `Atomic`, and ``MultiHandle``'s
/// own doc comment shows why its one cross-thread call is safe (it is made here, under the lock, never after
/// ``markStopped()``).
final class LoopShared: Sendable {
    typealias ShutdownWaiter = CheckedContinuation<Void, Never>

    let multi: MultiHandle
    private let inbox = Mutex(LoopInbox<Job, ShutdownWaiter>())
    private let lastTransferID = Atomic<UInt64>(0)

    init(multi: MultiHandle) {
        self.multi = multi
    }

    /// A new id for a transfer, unique for this client.
    func nextTransferID() -> UInt64 {
        lastTransferID.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Hands a job to the loop, or fails it at once when its task is already cancelled or the client is shutting
    /// down.
    ///
    /// The cancellation check is made under the lock on purpose: a task's cancelled flag is set before its
    /// cancellation handler runs, and that handler (``cancel(_:)``) takes the same lock. So either this check sees the
    /// flag, or the job is queued before the handler queues its cancellation, and the loop always learns of a job
    /// before its cancellation.
    func submit(_ job: Job) {
        let rejection: CurlError? = inbox.withLock { inbox in
            if Task.isCancelled {
                return CurlError(code: .cancelled, message: "The request was cancelled")
            }
            switch inbox.submit(job) {
            case .wakeLoop:
                multi.wakeup()
                return nil
            case .none:
                return nil
            case .reject:
                return CurlError(code: .shutdown, message: "The HTTP client has been shut down")
            }
        }
        if let rejection {
            job.continuation.resume(returning: .failure(rejection))
        }
    }

    /// Asks the loop to abort transfer `id` with ``CurlError/Code/cancelled`` (a no-op once it has finished).
    func cancel(_ id: UInt64) {
        inbox.withLock { inbox in
            if inbox.cancel(id) == .wakeLoop {
                multi.wakeup()
            }
        }
    }

    /// Asks the loop to stop; `waiter` is resumed once it has (at once if it already has).
    func shutdown(waiter: ShutdownWaiter?) {
        let resumeNow: ShutdownWaiter? = inbox.withLock { inbox in
            switch inbox.shutdown(waiter: waiter) {
            case .wakeLoop:
                multi.wakeup()
                return nil
            case .none:
                return nil
            case .resume(let waiter):
                return waiter
            }
        }
        resumeNow?.resume()
    }

    /// The loop's side: everything queued since the last drain.
    func drain() -> LoopInbox<Job, ShutdownWaiter>.Batch {
        inbox.withLock { $0.drain() }
    }

    /// The loop's side, once at exit before `curl_multi_cleanup`: from now on nobody wakes the multi handle.
    func markStopped() -> [ShutdownWaiter] {
        inbox.withLock { $0.markStopped() }
    }
}
