/// One ServiceNow API call, described relative to the instance: what the client sends on its own, what a Batch API
/// item carries, and (for reads) the identity by which identical reads are made once and cached.
///
/// The relative URL is built once, with every query value percent-encoded, so two requests are equal exactly when
/// ServiceNow would be asked the same thing.
public struct UpstreamRequest: Sendable, Hashable, CustomStringConvertible {
    /// The method, e.g. `GET`.
    public let method: String
    /// The path and query string, e.g. `/api/now/table/incident?sysparm_limit=5`.
    public let relativeURL: String
    /// The JSON body of a write, serialized; nil for reads.
    public let body: [UInt8]?
    /// The hash of a read, computed once: a read is a key of the loaders' dictionaries, the round's deduplication
    /// set and the read cache, and a relative URL with its `sysparm_fields` list is hundreds of bytes; hashing it
    /// anew at every lookup and every resize was 6% of a cold render's instructions (callgrind). Writes (the Batch
    /// call's envelope is kilobytes) are never keys, so they are hashed only if ever asked.
    private let readHash: Int?

    /// A request for `path` (which must start with `/api/` and be already encoded) with query parameters in the
    /// given order.
    public init(method: String = "GET", path: String, query: [(name: String, value: String)] = [], body: [UInt8]? = nil)
    {
        self.method = method
        self.relativeURL = query.isEmpty ? path : path + "?" + PercentEncoding.query(query)
        self.body = body
        if method == "GET", body == nil {
            var hasher = Hasher()
            hasher.combine(relativeURL)
            readHash = hasher.finalize()
        } else {
            readHash = nil
        }
    }

    /// Whether this is a read (`GET`): only reads are batched, deduplicated and cached.
    public var isRead: Bool { method == "GET" }

    /// The method and relative URL; never a body (it may hold what a user typed).
    public var description: String { "\(method) \(relativeURL)" }

    // `Hasher` is seeded per process, so the stored hash is as unpredictable to a client as hashing the fields at
    // every lookup would be.
    public func hash(into hasher: inout Hasher) {
        if let readHash {
            hasher.combine(readHash)
        } else {
            hasher.combine(method)
            hasher.combine(relativeURL)
            hasher.combine(body)
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.readHash == rhs.readHash && lhs.method == rhs.method && lhs.relativeURL == rhs.relativeURL
            && lhs.body == rhs.body
    }
}
