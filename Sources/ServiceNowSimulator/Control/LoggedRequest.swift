/// One HTTP request as the simulator received it, for tests that count round trips per token.
public struct LoggedRequest: Sendable, Hashable {
    /// One item of a Batch API call.
    public struct BatchItem: Sendable, Hashable {
        /// The item's `id`.
        public var id: String
        /// The item's method.
        public var method: String
        /// The item's relative URL, with its query string.
        public var url: String
    }

    /// A running number, in arrival order.
    public var sequence: Int
    /// The method (after `X-HTTP-Method-Override`).
    public var method: String
    /// The decoded path.
    public var path: String
    /// The raw query string, without `?`.
    public var query: String
    /// The bearer token the request carried, if any (tests compare it with the token they were issued).
    public var accessToken: String?
    /// The user name of Basic credentials, if the request used them.
    public var basicUser: String?
    /// For Batch API calls, the items in order.
    public var batchItems: [BatchItem]
    /// The status answered; nil when the connection was dropped.
    public var status: Int?
}
