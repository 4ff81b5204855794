import Synchronization

/// Every request the simulator answered (the control API excluded), in order.
final class RequestLog: Sendable {
    private let state = Mutex<[LoggedRequest]>([])

    func append(_ entry: LoggedRequest) {
        state.withLock { entries in
            var entry = entry
            entry.sequence = entries.count + 1
            entries.append(entry)
        }
    }

    var all: [LoggedRequest] { state.withLock { $0 } }

    func clear() {
        state.withLock { $0.removeAll() }
    }
}
