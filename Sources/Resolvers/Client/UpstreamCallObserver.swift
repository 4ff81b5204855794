/// Told about every HTTP call the resolvers make to ServiceNow: for metrics, and for per-request limits. The
/// gateway's metrics conform (the signature is the one `GatewayMetrics.recordUpstreamCall` has), and so does its
/// per-request call budget.
public protocol UpstreamCallObserver: Sendable {
    /// Asked before each HTTP call (a retry or a Batch resend is a call of its own); throwing refuses the call,
    /// which then fails with that error without anything being sent. The default allows every call.
    func willCallUpstream(endpoint: String) throws(ServiceNowError)

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

extension UpstreamCallObserver {
    /// Allows every call.
    public func willCallUpstream(endpoint: String) throws(ServiceNowError) {}
}
