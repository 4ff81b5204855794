import Metrics
public import Prometheus
public import Resolvers

/// The gateway's Prometheus metrics: requests by route, method and status with their latencies, and calls to
/// ServiceNow by endpoint and outcome.
///
/// Each gateway owns its registry (metrics are created with an explicit factory, never through the process-wide
/// `MetricsSystem`), so several gateways in one process (tests, the demo) keep separate counts and nothing has to be
/// bootstrapped globally. `GET /metrics` renders ``render()``.
public final class GatewayMetrics: UpstreamCallObserver {
    /// The registry `GET /metrics` renders.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    /// Metrics in a fresh registry.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        // Latencies from a millisecond (a health check) to the longest upstream timeout.
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
            .seconds(5), .seconds(10), .seconds(30),
        ]
        self.factory = factory
    }

    /// Counts one answered HTTP request and records how long it took.
    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let dimensions = [("route", route), ("method", method), ("status", String(status))]
        Counter(label: "snowgate_http_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "snowgate_http_request_duration_seconds", dimensions: dimensions, factory: factory)
            .recordNanoseconds(duration.wholeNanoseconds)
    }

    /// Counts one call to ServiceNow: `endpoint` names the API (`oauth_token`, `oauth_revoke`, `table`, …) and
    /// `outcome` is the HTTP status or the transport failure's kind (`timedOut`, `couldNotConnect`, …).
    public func recordUpstreamCall(endpoint: String, outcome: String, duration: Duration) {
        let dimensions = [("endpoint", endpoint), ("outcome", outcome)]
        Counter(label: "snowgate_upstream_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(
            label: "snowgate_upstream_request_duration_seconds",
            dimensions: [("endpoint", endpoint)],
            factory: factory
        ).recordNanoseconds(duration.wholeNanoseconds)
    }

    // Upstream resilience (issue 8).

    /// Counts one retry of a call to ServiceNow: `reason` is what the failed attempt came to (`serverError`,
    /// `connectionClosed`, `couldNotConnect`, `rateLimited`).
    public func recordUpstreamRetry(endpoint: String, reason: String) {
        Counter(
            label: "snowgate_upstream_retries_total",
            dimensions: [("endpoint", endpoint), ("reason", reason)],
            factory: factory
        ).increment()
    }

    /// Counts one change of a circuit breaker's state and sets `snowgate_upstream_circuit_open{instance}` (1 while
    /// the breaker refuses calls or probes, 0 when closed).
    func recordCircuitTransition(instance: String, to state: String) {
        Counter(label: "snowgate_upstream_circuit_transitions_total", dimensions: [("to", state)], factory: factory)
            .increment()
        Gauge(label: "snowgate_upstream_circuit_open", dimensions: [("instance", instance)], factory: factory)
            .record(state == "closed" ? 0 : 1)
    }

    /// The Prometheus text exposition of every metric.
    public func render() -> [UInt8] {
        registry.emitToBuffer()
    }
}
