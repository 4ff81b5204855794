internal import CPostgreSQL

/// libpq's `PGcancel` for one connection: asks the server to cancel that connection's running statement.
///
/// `@unchecked Sendable` is sound because libpq documents `PQcancel` as thread-safe (it works on a copy of the
/// connection's address and cancel key, not on the `PGconn`), the pointer never changes after `init`, and it is
/// freed only in `deinit`, when no thread can be using it any more.
final class CancelHandle: @unchecked Sendable {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQfreeCancel(handle)
    }

    /// Sends the cancel request. Blocks while it connects to the server: call it on a thread of its own.
    /// A request that arrives when no statement runs is ignored by the server.
    func cancel() {
        var buffer = [CChar](repeating: 0, count: 256)
        // A failed request changes nothing the caller could act on: the statement then ends by itself or by
        // `lock_timeout`.
        _ = PQcancel(handle, &buffer, Int32(buffer.count))
    }
}
