import Resolvers

/// A user's read cache that also tells the other replicas when the user wrote to ServiceNow.
///
/// The resolvers empty the user's cache after a write (``UpstreamReadCache/invalidateAll()``); on a shared store the
/// other replicas hold their own copy of that user's answers, so the write is announced through the store's change
/// feed (`.userWrote`), which every replica's ``GatewayServer`` applies to its cache.
struct ReplicaReadCache: UpstreamReadCache {
    let base: any UpstreamReadCache
    let subject: String
    let store: any GatewayStore

    func claim(_ request: UpstreamRequest) -> ReadClaim { base.claim(request) }

    func complete(_ ticket: ReadTicket, with outcome: Result<UpstreamResponse, ServiceNowError>) {
        base.complete(ticket, with: outcome)
    }

    func refresh(_ tickets: [ReadTicket], through client: ServiceNowClient) {
        base.refresh(tickets, through: client)
    }

    func invalidateAll() {
        base.invalidateAll()
        // Unstructured on purpose: the resolvers' invalidation is synchronous and the write's answer must not wait
        // for the other replicas; the announcement is one NOTIFY (SQLite: an in-process publish) and cannot fail in a
        // way the user could act on, so a failure is left to the feed's own resynchronisation.
        let store = store
        let subject = subject
        Task { try? await store.announceUserWrite(subject: subject) }
    }
}
