import DatabaseThread
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A dedicated connection that `LISTEN`s on channels and hands every notification to a callback.
///
/// It runs on a thread of its own, polling the connection's socket (and a pipe that wakes it to stop), so a
/// notification is delivered as soon as it arrives. When idle it checks the connection every
/// `healthCheckInterval`; when the connection breaks it reports `.interrupted`, reconnects with a growing delay,
/// listens again and reports `.listening`. Notifications sent while it was disconnected are lost — PostgreSQL
/// queues them only for live listeners — which is why the two events exist: whoever caches what the
/// notifications invalidate must drop everything on them.
public final class NotificationListener: Sendable {
    /// What the callback receives, on the listener's thread; it should return quickly.
    public enum Event: Sendable, Hashable {
        /// Listening again after an interruption (not sent for the first connection, which `init` waits for).
        case listening
        /// The connection broke; notifications are missed until `.listening`.
        case interrupted(PostgreSQLError)
        /// A notification arrived.
        case notification(Notification)
    }

    /// Timing of the listener.
    public struct Options: Sendable, Hashable {
        /// How long the connection may sit idle before a `SELECT 1` checks it.
        public var healthCheckInterval: Duration
        /// The first delay before reconnecting; it doubles up to `maximumReconnectDelay`.
        public var initialReconnectDelay: Duration
        /// The longest delay between reconnection attempts.
        public var maximumReconnectDelay: Duration

        /// Creates options: a check every 10 s idle; reconnecting after 100 ms, then up to every 5 s.
        public init(
            healthCheckInterval: Duration = .seconds(10),
            initialReconnectDelay: Duration = .milliseconds(100),
            maximumReconnectDelay: Duration = .seconds(5)
        ) {
            self.healthCheckInterval = healthCheckInterval
            self.initialReconnectDelay = initialReconnectDelay
            self.maximumReconnectDelay = maximumReconnectDelay
        }
    }

    private let loop: ListenerLoop
    private let worker: WorkerThread

    /// Connects, listens on `channels` (plain lower-case identifiers) and starts delivering to `handler`.
    /// Returns once listening; throws if the first connection or `LISTEN` fails.
    public init(
        configuration: ConnectionConfiguration,
        channels: [String],
        options: Options = Options(),
        handler: @escaping @Sendable (Event) -> Void
    ) async throws {
        for channel in channels { try Connection.validateChannel(channel) }
        let loop = try ListenerLoop(
            configuration: configuration,
            channels: channels,
            options: options,
            handler: handler
        )
        let worker = try WorkerThread(name: "postgresql-listen")
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let accepted = worker.submit { slot in
                    loop.run(&slot) { failure in
                        if let failure {
                            continuation.resume(throwing: failure)
                        } else {
                            continuation.resume()
                        }
                    }
                }
                if !accepted {
                    continuation.resume(throwing: PostgreSQLError(code: .closed, message: "The listener is closed"))
                }
            }
        } catch {
            // The loop has returned; let the thread end.
            worker.shutdown()
            throw error
        }
        self.loop = loop
        self.worker = worker
    }

    deinit {
        loop.requestStop()
        worker.shutdown()
    }

    /// Whether the connection is up and listening right now.
    public var isListening: Bool { loop.isListening }

    /// Stops listening and closes the connection; returns when the thread has finished.
    public func stop() async {
        loop.requestStop()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let accepted = worker.submitLast { _ in continuation.resume() }
            if !accepted { continuation.resume() }
        }
    }
}

/// The listener's state and its thread's loop.
///
/// `@unchecked Sendable` is sound because the mutable state is in a `Mutex`, the pipe's descriptors never change
/// after `init` and are closed only in `deinit`, and the connection lives in the worker's slot on its thread.
private final class ListenerLoop: @unchecked Sendable {
    private let configuration: ConnectionConfiguration
    private let channels: [String]
    private let options: NotificationListener.Options
    private let handler: @Sendable (NotificationListener.Event) -> Void
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let state = Mutex((stopping: false, listening: false))

    init(
        configuration: ConnectionConfiguration,
        channels: [String],
        options: NotificationListener.Options,
        handler: @escaping @Sendable (NotificationListener.Event) -> Void
    ) throws(PostgreSQLError) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else {
            throw PostgreSQLError(code: .client, message: "Cannot create the listener's wake-up pipe (errno \(errno))")
        }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        self.wakeRead = descriptors[0]
        self.wakeWrite = descriptors[1]
        self.configuration = configuration
        self.channels = channels
        self.options = options
        self.handler = handler
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    var isListening: Bool { state.withLock { $0.listening } }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    func requestStop() {
        state.withLock { $0.stopping = true }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    /// The thread's body: connect and listen, then wait for notifications until stopped. `started` is called
    /// once, with `nil` when the first `LISTEN` succeeded or the error that ends the loop at once.
    func run(_ slot: inout Connection?, started: (PostgreSQLError?) -> Void) {
        var isFirst = true
        var delay = options.initialReconnectDelay
        defer {
            slot = nil
            state.withLock { $0.listening = false }
        }
        while !isStopping {
            guard let connection = slot else {
                do {
                    let connection = try Connection(configuration: configuration)
                    for channel in channels { try connection.listen(channel) }
                    slot = connection
                    state.withLock { $0.listening = true }
                    delay = options.initialReconnectDelay
                    if isFirst {
                        isFirst = false
                        started(nil)
                    } else {
                        handler(.listening)
                    }
                } catch {
                    if isFirst {
                        started(error)
                        return
                    }
                    _ = wait(socket: nil, timeout: delay)
                    delay = min(delay * 2, options.maximumReconnectDelay)
                }
                continue
            }
            do {
                switch wait(socket: connection.socket, timeout: options.healthCheckInterval) {
                case .woken:
                    continue
                case .readable:
                    try connection.consumeInput()
                case .timedOut:
                    // Idle: make sure the connection still works (a dead peer is otherwise noticed only by TCP).
                    try connection.executeScript("SELECT 1")
                case .failed(let message):
                    throw PostgreSQLError(code: .connectionLost, message: message)
                }
                for notification in connection.takeNotifications() {
                    handler(.notification(notification))
                }
                if connection.isBroken {
                    throw PostgreSQLError(code: .connectionLost, message: "The listening connection broke")
                }
            } catch {
                slot = nil
                state.withLock { $0.listening = false }
                let failure = error as? PostgreSQLError ?? PostgreSQLError(code: .client, message: "\(error)")
                handler(.interrupted(failure))
            }
        }
    }

    private enum WaitOutcome {
        case readable
        case woken
        case timedOut
        case failed(String)
    }

    /// Waits until the socket has data, the pipe wakes the loop, or the timeout passes.
    private func wait(socket: Int32?, timeout: Duration) -> WaitOutcome {
        var descriptors = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        if let socket {
            guard socket >= 0 else { return .failed("The listening connection has no socket") }
            descriptors.append(pollfd(fd: socket, events: Int16(POLLIN), revents: 0))
        }
        let (seconds, attoseconds) = timeout.components
        let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        var result: Int32
        repeat {
            result = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        } while result < 0 && errno == EINTR
        if result < 0 { return .failed("poll failed (errno \(errno))") }
        if result == 0 { return .timedOut }
        if descriptors[0].revents != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            while read(wakeRead, &buffer, buffer.count) > 0 {}
            return .woken
        }
        return .readable
    }
}
