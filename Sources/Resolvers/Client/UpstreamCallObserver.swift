/// Told about every HTTP call the resolvers make to ServiceNow, for metrics. The gateway's metrics conform (the
/// signature is the one `GatewayMetrics.recordUpstreamCall` has).
public protocol UpstreamCallObserver: Sendable {
    /// One call: `endpoint` is the API (`table`, `batch`, `catalog`, `knowledge`, `other`), `outcome` the HTTP
    /// status or the transport failure's kind (`timedOut`, `couldNotConnect`, …), `duration` the wall time.
    func recordUpstreamCall(endpoint: String, outcome: String, duration: Duration)

    /// A call to `endpoint` is about to be retried because of `reason` (`serverError`, `connectionClosed`,
    /// `couldNotConnect`, `rateLimited`).
    func recordUpstreamRetry(endpoint: String, reason: String)
}

extension UpstreamCallObserver {
    /// Observers that do not count retries ignore them.
    public func recordUpstreamRetry(endpoint: String, reason: String) {}
}
