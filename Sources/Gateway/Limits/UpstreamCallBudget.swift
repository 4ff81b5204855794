import JSON
import Logging
import Resolvers
import Synchronization

/// The ServiceNow calls one GraphQL request may make: every HTTP call the request's session is about to send
/// (retries and Batch resends included) takes one from the budget, and once it is spent the call is refused before
/// anything is sent, failing the fields that needed it with `UPSTREAM_BUDGET_EXCEEDED`. It also forwards every call
/// to the gateway's metrics.
///
/// One per request (it counts), shared by the request's concurrent resolvers (the count is atomic).
final class UpstreamCallBudget: UpstreamCallObserver {
    /// The `extensions.code` of a refused call.
    static let code = ServiceNowError.Code(rawValue: "UPSTREAM_BUDGET_EXCEEDED")

    /// The most calls, or nil for no limit.
    let limit: Int?
    private let metrics: GatewayMetrics
    private let logger: Logger
    private let attempts = Atomic<Int>(0)

    /// A budget of `limit` calls (nil: unlimited) that reports every call to `metrics`.
    init(limit: Int?, metrics: GatewayMetrics, logger: Logger) {
        self.limit = limit
        self.metrics = metrics
        self.logger = logger
    }

    /// How many calls were asked for so far, refused ones included.
    var attemptedCalls: Int { attempts.load(ordering: .relaxed) }

    func willCallUpstream(endpoint: String) throws(ServiceNowError) {
        let attempt = attempts.add(1, ordering: .relaxed).newValue
        guard let limit, attempt > limit else { return }
        if attempt == limit + 1 {
            logger.warning(
                "The request used up its ServiceNow call budget; further calls are refused",
                metadata: ["limit": "\(limit)", "endpoint": "\(endpoint)"]
            )
        }
        throw ServiceNowError(
            Self.code,
            "This request needs more than \(limit) calls to ServiceNow, the most one request may make. Ask for less "
                + "in one request.",
            extensions: ["max": .int(limit)]
        )
    }

    func recordUpstreamCall(endpoint: String, outcome: String, duration: Duration) {
        metrics.recordUpstreamCall(endpoint: endpoint, outcome: outcome, duration: duration)
    }

    func recordUpstreamRetry(endpoint: String, reason: String) {
        metrics.recordUpstreamRetry(endpoint: endpoint, reason: reason)
    }
}
