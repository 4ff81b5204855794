import Synchronization

/// The active faults, in the order they were injected; the first that matches a request answers it.
final class FaultInjector: Sendable {
    private struct Entry {
        var id: UInt64
        var fault: Fault
    }

    private let state = Mutex<(entries: [Entry], nextID: UInt64)>(([], 0))

    /// Adds a fault; returns an id for `remove`.
    func inject(_ fault: Fault) -> UInt64 {
        state.withLock { state in
            state.nextID += 1
            state.entries.append(Entry(id: state.nextID, fault: fault))
            return state.nextID
        }
    }

    func remove(_ id: UInt64) {
        state.withLock { $0.entries.removeAll { $0.id == id } }
    }

    func clear() {
        state.withLock { $0.entries.removeAll() }
    }

    var active: [Fault] { state.withLock { $0.entries.map(\.fault) } }

    /// The fault that answers a request for `path`, counting it down.
    func take(path: String) -> Fault? {
        state.withLock { state in
            guard let index = state.entries.firstIndex(where: { path.hasPrefix($0.fault.pathPrefix ?? "") }) else {
                return nil
            }
            let fault = state.entries[index].fault
            if let count = fault.count {
                if count <= 1 {
                    state.entries.remove(at: index)
                } else {
                    state.entries[index].fault.count = count - 1
                }
            }
            return fault
        }
    }

    /// The fault that answers one item of a Batch call for `path`, counting it down: only a fault scoped to a path
    /// (one without a prefix answers the whole Batch call instead) and only a status (a server error or a rate
    /// limit): a dropped connection or a hibernation page is the whole call's fate, never one item's.
    func takeForBatchItem(path: String) -> Fault? {
        state.withLock { state in
            guard
                let index = state.entries.firstIndex(where: { entry in
                    guard let prefix = entry.fault.pathPrefix, path.hasPrefix(prefix) else { return false }
                    switch entry.fault.kind {
                    case .serverError, .rateLimited: return true
                    case .hibernating, .dropConnection, .slowAnswer, .malformedJSON: return false
                    }
                })
            else { return nil }
            let fault = state.entries[index].fault
            if let count = fault.count {
                if count <= 1 {
                    state.entries.remove(at: index)
                } else {
                    state.entries[index].fault.count = count - 1
                }
            }
            return fault
        }
    }

    /// The response for `fault` at `now`, or nil for a fault that lets the request be handled and then alters the
    /// answer (``alter(_:by:)``).
    static func response(for fault: Fault, now: UTCTime) -> APIResponse? {
        switch fault.kind {
        case .serverError(let status, let message):
            return .error(status, message, detail: nil)
        case .rateLimited(let retryAfter, let limit, let rule):
            return .error(
                429,
                "Rate limit exceeded",
                detail: "Rate limit of \(limit) requests per hour for Table API exceeded",
                headers: [
                    ("Retry-After", String(retryAfter)), ("X-RateLimit-Limit", String(limit)),
                    ("X-RateLimit-Reset", String(now.secondsSince1970 + Int64(retryAfter))), ("X-RateLimit-Rule", rule),
                ]
            )
        case .hibernating:
            return .html(200, hibernationPage)
        case .dropConnection:
            var response = APIResponse(status: 0)
            response.dropConnection = true
            return response
        case .slowAnswer, .malformedJSON:
            return nil
        }
    }

    /// The answer of a request handled under `fault`: late, or with its body cut off.
    static func alter(_ response: APIResponse, by fault: Fault) async -> APIResponse {
        switch fault.kind {
        case .slowAnswer(let delay):
            // Real time on purpose: the client's timeout runs on the wall clock, not on the simulator's.
            try? await Task.sleep(for: delay)
            return response
        case .malformedJSON:
            var cut = response
            cut.body = Array(response.body.prefix(max(1, response.body.count / 2)))
            return cut
        case .serverError, .rateLimited, .hibernating, .dropConnection:
            return response
        }
    }

    /// [OBS] What a hibernating developer instance serves, with status 200, in place of any answer.
    static let hibernationPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Instance Hibernating page</title></head>
        <body><div class="container"><h1>Your instance is hibernating</h1>
        <p>Developer instances hibernate after a period of inactivity. To wake it up, sign in to the developer portal
        and select <strong>Wake up instance</strong>.</p></div></body></html>
        """
}
