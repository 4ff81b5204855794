import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The gateway's log lines on standard error, in the format of swift-log's `StreamLogHandler`
/// (`2026-11-29T18:26:49+0000 info snowgate: key=value … [Gateway] message`), made for one line per request.
///
/// `StreamLogHandler` formats the time with `localtime` and `strftime` on every line (and glibc's `localtime` looks
/// at `/etc/localtime` again each time), and writes through stdio with a lock and a flush. The access log writes a
/// line for every request, and that was a visible part of a render's CPU time (issue 7). Here the timestamp is made
/// once per second and reused, the metadata is written straight into one buffer, and the line goes out in one
/// `write` under a lock (POSIX makes a single `write` atomic only up to `PIPE_BUF`; the lock keeps longer lines
/// whole too).
struct GatewayLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadataProvider: Logger.MetadataProvider?
    var metadata = Logger.Metadata()

    private let label: String
    private let output: LogOutput

    /// A handler writing to standard error.
    static func standardError(
        label: String,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) -> GatewayLogHandler {
        GatewayLogHandler(label: label, output: .standardError, metadataProvider: metadataProvider)
    }

    init(label: String, output: LogOutput, metadataProvider: Logger.MetadataProvider?) {
        self.label = label
        self.output = output
        self.metadataProvider = metadataProvider
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var effective = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty {
            effective.merge(provided) { _, provided in provided }
        }
        if let explicit = event.metadata, !explicit.isEmpty {
            effective.merge(explicit) { _, explicit in explicit }
        }
        if let error = event.error {
            effective["error.message"] = "\(error)"
            effective["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        output.write(line(event, effective))
    }

    /// The line as `StreamLogHandler` writes it: metadata sorted by key, `key=value` separated by spaces.
    func line(_ event: LogEvent, _ metadata: Logger.Metadata) -> String {
        var line = output.timestamp()
        line.reserveCapacity(160)
        line += " "
        line += event.level.rawValue
        if !label.isEmpty {
            line += " "
            line += label
        }
        line += ":"
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            line += " "
            line += key
            line += "="
            line += value.description
        }
        line += " ["
        line += event.source
        line += "] "
        line += event.message.description
        line += "\n"
        return line
    }
}

/// Where a ``GatewayLogHandler`` writes: a file descriptor, one `write` per line under a lock, and the current
/// second's timestamp.
final class LogOutput: Sendable {
    static let standardError = LogOutput(descriptor: 2)

    private let descriptor: Int32
    private let lock = Mutex(())
    /// The second the cached text is for, and the text.
    private let clock = Mutex((second: Int.min, text: ""))

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Local time to the second with the UTC offset (`%Y-%m-%dT%H:%M:%S%z`), formatted once per second.
    func timestamp() -> String {
        var now = time(nil)
        let second = Int(now)
        if let cached = clock.withLock({ $0.second == second ? $0.text : nil }) { return cached }
        var parts = tm()
        var buffer = [CChar](repeating: 0, count: 64)
        // `localtime_r` reads the time zone once, not on every call as `localtime` does.
        guard localtime_r(&now, &parts) != nil, strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts) > 0
        else { return "<unknown>" }
        let text = String(nulTerminated: buffer)
        clock.withLock { $0 = (second, text) }
        return text
    }

    /// Writes `line` whole (retrying partial writes and interruptions); a failing descriptor drops the line.
    func write(_ line: String) {
        var line = line
        line.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            lock.withLock { _ in writeAll(descriptor, base, bytes.count) }
        }
    }
}

/// `write(2)` until all `count` bytes are out; gives up on an error other than an interruption.
private func writeAll(_ descriptor: Int32, _ base: UnsafePointer<UInt8>, _ count: Int) {
    var offset = 0
    while offset < count {
        let written = write(descriptor, base + offset, count - offset)
        if written > 0 {
            offset += written
        } else if written < 0, errno == EINTR {
            continue
        } else {
            return
        }
    }
}
