import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a detached OS thread: the transfer loop blocks in `curl_multi_poll`, which must never happen on a NIO event
/// loop or on Swift's cooperative pool (it would starve other tasks), so it gets a thread of its own.
enum LoopThread {
    private final class Start {
        let name: String
        let body: @Sendable () -> Void

        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Runs `body` on a new detached thread (named `name` where the platform's headers let Swift name it).
    static func detach(name: String, _ body: @escaping @Sendable () -> Void) throws(CurlError) {
        let start = Unmanaged.passRetained(Start(name: name, body: body))
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))

        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let result = pthread_create(&thread, &attributes, loopThreadEntry, start.toOpaque())
        guard result == 0 else {
            start.release()
            throw CurlError(code: .transport, message: "Could not start the HTTP client thread (error \(result))")
        }
    }

    fileprivate static func run(_ argument: UnsafeMutableRawPointer) {
        let start = Unmanaged<Start>.fromOpaque(argument).takeRetainedValue()
        // Signals are for the threads that handle them (graceful shutdown on SIGTERM): none is delivered here, so
        // `curl_multi_poll` is not interrupted, and a SIGPIPE from a socket write stays pending instead of killing
        // the process (libcurl does not ignore SIGPIPE itself under CURLOPT_NOSIGNAL).
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        pthread_sigmask(SIG_BLOCK, &allSignals, nil)
        #if canImport(Darwin)
        pthread_setname_np(start.name)
        #endif
        start.body()
    }
}

#if canImport(Darwin)
private func loopThreadEntry(_ argument: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    LoopThread.run(argument)
    return nil
}
#else
private func loopThreadEntry(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    if let argument { LoopThread.run(argument) }
    return nil
}
#endif
