import Synchronization

/// Remembers, for one request, that the user's credentials refused to give a token (the user must connect, or
/// ServiceNow is not configured), so that the request's later calls fail the same way without asking the token
/// store again: each ask could mint another single-use authorize link.
final class CredentialRefusal: Sendable {
    private let refusal = Mutex<ServiceNowError?>(nil)

    /// Runs `body` unless a refusal was seen; remembers a refusal it throws.
    func guarding<Value>(_ body: () async throws(ServiceNowError) -> Value) async throws(ServiceNowError) -> Value {
        if let known = refusal.withLock({ $0 }) { throw known }
        do {
            return try await body()
        } catch {
            if error.code == .authRequired || error.code == .notConfigured || error.code == .invalidClient {
                remember(error)
            }
            throw error
        }
    }

    /// Remembers `error` as the request's refusal.
    func remember(_ error: ServiceNowError) {
        refusal.withLock { if $0 == nil { $0 = error } }
    }
}
