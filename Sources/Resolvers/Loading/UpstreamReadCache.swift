/// A read-through cache of one user's ServiceNow reads (issue 7): the seam the per-request ``ServiceNowLoaders``
/// consults before it queues a read, claims reads with before it sends them, and fills after the round trip.
///
/// An implementation is scoped to one user (keyed by their subject and the exact request), never shared between
/// users, and is emptied by ``invalidateAll()`` when that user writes. ``claim(_:)`` lets identical concurrent
/// reads of one user, from different GraphQL requests, share one upstream call.
public protocol UpstreamReadCache: Sendable {
    /// A fresh answer to `request`, if one is cached.
    func cachedResponse(for request: UpstreamRequest) -> UpstreamResponse?

    /// Decides who reads `request`: a fresh cached answer, an identical read already under way (wait for it), or
    /// the caller, who then must call ``complete(_:with:)`` exactly once.
    func claim(_ request: UpstreamRequest) -> ReadClaim

    /// Ends a read the caller claimed: remembers a successful answer and hands the outcome to the reads that
    /// joined it.
    func complete(_ request: UpstreamRequest, with outcome: Result<UpstreamResponse, ServiceNowError>)

    /// Forgets everything cached for this user (reads in flight are not stored when they finish).
    func invalidateAll()
}

/// The answer to ``UpstreamReadCache/claim(_:)``.
public enum ReadClaim: Sendable {
    /// A fresh answer is cached.
    case cached(UpstreamResponse)
    /// The same read is under way for another request of the same user: wait for its outcome.
    case inFlight(PendingRead)
    /// The caller reads it and must call ``UpstreamReadCache/complete(_:with:)``.
    case claimed
}
