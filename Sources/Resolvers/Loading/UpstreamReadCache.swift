/// A read-through cache of one user's ServiceNow reads (issue 7): the seam the per-request ``ServiceNowLoaders``
/// claims reads with before it sends them, fills after the round trip, and asks to refresh stale answers.
///
/// An implementation is scoped to one user (keyed by their subject and the exact request), never shared between
/// users, and is emptied by ``invalidateAll()`` when that user writes. ``claim(_:)`` lets identical concurrent
/// reads of one user, from different GraphQL requests, share one upstream call.
public protocol UpstreamReadCache: Sendable {
    /// Decides who reads `request`: a fresh cached answer, a stale one (served while it is refreshed in the
    /// background), an identical read already under way (wait for it), or the caller, who then must call
    /// ``complete(_:with:)`` exactly once with the ticket.
    func claim(_ request: UpstreamRequest) -> ReadClaim

    /// Ends a read the caller claimed: remembers a successful answer (unless the user's entries were invalidated
    /// since the claim) and hands the outcome to the reads that joined it. A failure is never kept.
    func complete(_ ticket: ReadTicket, with outcome: Result<UpstreamResponse, ServiceNowError>)

    /// Refreshes stale answers in the background through `client` (the same user's), in one Batch call; each
    /// ticket is completed when the refresh ends, or abandoned when the refresher is full or stopped.
    func refresh(_ tickets: [ReadTicket], through client: ServiceNowClient)

    /// Forgets everything cached for this user (reads in flight are not stored when they finish).
    func invalidateAll()
}

/// The answer to ``UpstreamReadCache/claim(_:)``.
public enum ReadClaim: Sendable {
    /// A fresh answer is cached.
    case cached(UpstreamResponse)
    /// The cached answer is past its TTL but within the grace window: serve it. When `refresh` is set, the caller
    /// is the one who must have it refreshed (``UpstreamReadCache/refresh(_:through:)``); otherwise a refresh is
    /// already under way. Until the refresh starts, a request that finds the entry past its grace window may take
    /// the read over: a caller that completes a refresh ticket itself must first win `read.becomeReader()`.
    case stale(UpstreamResponse, refresh: ReadTicket?)
    /// The same read is under way for another request of the same user: wait for its outcome.
    case inFlight(PendingRead)
    /// The caller reads it and must call ``UpstreamReadCache/complete(_:with:)`` with this ticket.
    case claimed(ReadTicket)
}

/// The right and duty to read one request for the cache: whoever holds it completes it exactly once.
public struct ReadTicket: Sendable {
    /// The request to read.
    public let request: UpstreamRequest
    /// Where the reads that joined this one wait.
    let read: PendingRead
    /// The store's invalidation epoch at the claim: an answer is stored only if no invalidation came after it.
    let epoch: UInt64
}
