/// A read-through cache of ServiceNow reads for one user (issue 7): the seam the per-request
/// ``UpstreamBatcher`` consults before it queues a read and fills after a round trip.
///
/// An implementation is scoped to one user (keyed by their subject and the exact request), never shared between
/// users, and is emptied by ``invalidateAll()`` when that user writes.
public protocol UpstreamReadCache: Sendable {
    /// A fresh answer to `request`, if one is cached.
    func cachedResponse(for request: UpstreamRequest) -> UpstreamResponse?
    /// Remembers a successful answer to `request`.
    func store(_ response: UpstreamResponse, for request: UpstreamRequest)
    /// Forgets everything cached for this user.
    func invalidateAll()
}
