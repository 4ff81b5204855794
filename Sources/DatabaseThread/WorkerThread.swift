#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A dedicated thread that runs submitted jobs one after another, and owns the connection they share.
///
/// Database client libraries block: `sqlite3_step` on disk I/O and up to the busy timeout, libpq on a round trip to
/// the server, a lock wait or `poll` on a listening socket. Such calls must not run on the cooperative pool or a NIO
/// event loop, so every job runs here. The connection is created, used and closed on this thread only: jobs receive
/// it as an `inout` slot that lives on the thread's stack.
///
/// `@unchecked Sendable` is sound because every mutable field (`jobs`, `head`, `accepting`) is read and written
/// only while holding `mutex`, and the connection never leaves the thread's own `run` frame.
public final class WorkerThread<Connection>: @unchecked Sendable {
    /// A unit of work; it gets the thread's connection slot (`nil` before opening and after closing).
    public typealias Job = @Sendable (inout Connection?) -> Void

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private var jobs: [Job?] = []
    private var head = 0
    private var accepting = true

    /// Starts the thread. It keeps the worker alive until it has run every accepted job after `shutdown`.
    public init(name: String) throws(WorkerThreadError) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)

        // The C entry point cannot be generic: the context carries the body as a closure that keeps the worker alive.
        let context = Unmanaged.passRetained(ThreadContext { [self] in self.run(name: name) }).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let result = pthread_create(&thread, nil, workerThreadEntry, context)
        guard result == 0 else {
            Unmanaged<ThreadContext>.fromOpaque(context).release()
            throw WorkerThreadError(errno: result)
        }
        #if canImport(Darwin)
        if let thread { pthread_detach(thread) }
        #else
        pthread_detach(thread)
        #endif
    }

    deinit {
        pthread_cond_destroy(condition)
        condition.deinitialize(count: 1)
        condition.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Queues a job; `false` if the worker no longer accepts work (the job will never run).
    public func submit(_ job: @escaping Job) -> Bool {
        enqueue(job, last: false)
    }

    /// Queues a job and stops accepting more after it: the thread exits once it has run.
    public func submitLast(_ job: @escaping Job) -> Bool {
        enqueue(job, last: true)
    }

    /// Stops accepting work; jobs already queued still run, then the thread closes the connection and exits.
    public func shutdown() {
        pthread_mutex_lock(mutex)
        accepting = false
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    private func enqueue(_ job: @escaping Job, last: Bool) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard accepting else { return false }
        jobs.append(job)
        if last { accepting = false }
        pthread_cond_signal(condition)
        return true
    }

    /// The next job, waiting for one; `nil` once the worker is shut down and the queue is empty.
    private func next() -> Job? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while head == jobs.count && accepting {
            pthread_cond_wait(condition, mutex)
        }
        guard head < jobs.count else { return nil }
        let job = jobs[head]
        jobs[head] = nil
        head += 1
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        }
        return job
    }

    /// The thread's body: run jobs until shut down, then close the connection here, on its own thread.
    private func run(name: String) {
        // Glibc hides pthread_setname_np behind _GNU_SOURCE, so only Darwin names the thread.
        #if canImport(Darwin)
        pthread_setname_np(name)
        #endif
        var connection: Connection?
        while let job = next() {
            job(&connection)
        }
        connection = nil
    }
}

/// What the C thread entry point receives: the thread's body (which keeps its worker alive).
private final class ThreadContext {
    let body: () -> Void

    init(_ body: @escaping () -> Void) {
        self.body = body
    }
}

/// A worker thread could not be started.
public struct WorkerThreadError: Error, Sendable, CustomStringConvertible {
    /// What `pthread_create` returned.
    public let errno: Int32

    public var description: String { "Cannot start a database thread (errno \(errno))" }
}

#if canImport(Darwin)
private func workerThreadEntry(_ argument: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    Unmanaged<ThreadContext>.fromOpaque(argument).takeRetainedValue().body()
    return nil
}
#else
private func workerThreadEntry(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let argument else { return nil }
    Unmanaged<ThreadContext>.fromOpaque(argument).takeRetainedValue().body()
    return nil
}
#endif
