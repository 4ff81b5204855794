import Logging
import Resolvers

/// Reports the circuit breakers' transitions: a log line (a warning when a breaker opens, a notice when it closes)
/// and the metrics.
struct CircuitBreakerReporter: CircuitBreakerObserver {
    let metrics: GatewayMetrics
    let logger: Logger

    func circuitBreaker(instance: String, changedFrom old: String, to new: String) {
        metrics.recordCircuitTransition(instance: instance, to: new)
        let metadata: Logger.Metadata = ["instance": "\(instance)", "from": "\(old)", "to": "\(new)"]
        switch new {
        case "open":
            logger.warning("ServiceNow is not answering: calls fail fast until a probe succeeds", metadata: metadata)
        case "closed":
            logger.notice("ServiceNow answers again: the circuit breaker closed", metadata: metadata)
        default:
            logger.info("Probing ServiceNow", metadata: metadata)
        }
    }
}
