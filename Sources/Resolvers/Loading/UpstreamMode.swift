/// How the resolvers of one request call ServiceNow.
///
/// `batched` is the product. `naive` exists as the baseline of the load benchmark (`make bench`,
/// docs/PERFORMANCE.md): what a REST-to-GraphQL gateway that calls upstream once per field does.
public enum UpstreamMode: String, Sendable, Hashable, CaseIterable {
    /// Every read of one executor level in one round trip (a Batch API call), identical reads made once, through
    /// the user's read cache when there is one.
    case batched
    /// One ServiceNow call per field as its resolver asks, concurrently, without the Batch API, deduplication or
    /// any cache.
    case naive
}
