import Logging
import Synchronization

/// Collects every log line of a gateway (message and all metadata, rendered as text) so tests can search it for
/// secrets.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    /// A logger at trace level that writes here.
    func logger(label: String = "snowgate.test") -> Logger {
        var logger = Logger(label: label) { label in Handler(label: label, capture: self) }
        logger.logLevel = .trace
        return logger
    }

    /// Everything logged so far, one entry per line.
    var all: [String] { lines.withLock { $0 } }

    /// The whole log as one string.
    var text: String { all.joined(separator: "\n") }

    fileprivate func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    private struct Handler: LogHandler {
        let label: String
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var merged = metadata
            if let extra = event.metadata { merged.merge(extra) { _, new in new } }
            let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.append("[\(event.level)] \(label): \(event.message) \(rendered) (\(event.source))")
        }
    }
}
