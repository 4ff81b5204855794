public import Resolvers

// Upstream resilience (issue 8): retries, the time budget of one request's ServiceNow calls, and the circuit breaker.
// Kept apart from the other settings so the blocks of other work merge cleanly.

extension GatewaySettings {
    /// `--upstream-retries` / `SNOWGATE_UPSTREAM_RETRIES`.
    public static let upstreamRetries = Setting(flag: "--upstream-retries", variable: "SNOWGATE_UPSTREAM_RETRIES")
    /// `--upstream-budget` / `SNOWGATE_UPSTREAM_BUDGET`.
    public static let upstreamBudget = Setting(flag: "--upstream-budget", variable: "SNOWGATE_UPSTREAM_BUDGET")
    /// `--breaker-failures` / `SNOWGATE_BREAKER_FAILURES`.
    public static let breakerFailures = Setting(flag: "--breaker-failures", variable: "SNOWGATE_BREAKER_FAILURES")
    /// `--breaker-cooldown` / `SNOWGATE_BREAKER_COOLDOWN`.
    public static let breakerCooldown = Setting(flag: "--breaker-cooldown", variable: "SNOWGATE_BREAKER_COOLDOWN")
}

extension GatewayConfiguration {
    /// How the gateway copes with a slow or failing ServiceNow instance. See docs/RELIABILITY.md.
    public struct Resilience: Sendable, Hashable {
        /// Retries of a failed read (5xx, dropped connection, 429 with a short `Retry-After`); writes are retried only
        /// when no connection could be made. 0 turns retrying off. Default 2.
        public var retries: Int = 2
        /// How long all ServiceNow calls of one GraphQL request may take together, retries and waits included.
        /// Default 30 s.
        public var budget: Duration = .seconds(30)
        /// Consecutive failures showing the instance down (no connection, timeouts, dropped connections, 502/503/504,
        /// a hibernation page) that open the circuit breaker. Default 5.
        public var breakerFailures: Int = 5
        /// How long the open breaker answers at once before it lets one probe through. Default 10 s.
        public var breakerCooldown: Duration = .seconds(10)

        /// The defaults.
        public init() {}

        /// The retry policy of every ServiceNow call.
        public var retryPolicy: RetryPolicy { RetryPolicy(maxRetries: retries) }

        /// The settings of the process's circuit breakers. A probe may run as long as a whole request may.
        public var breakerSettings: CircuitBreakerState.Settings {
            CircuitBreakerState.Settings(
                failureThreshold: breakerFailures,
                openDuration: breakerCooldown,
                probeTimeout: budget + .seconds(5)
            )
        }

        /// Checks the values, naming the flag and variable of the first wrong one.
        public func validate() throws(GatewayConfigurationError) {
            guard (0...10).contains(retries) else {
                throw GatewayConfigurationError(
                    "--upstream-retries (SNOWGATE_UPSTREAM_RETRIES) must be between 0 and 10"
                )
            }
            guard budget >= .seconds(1), budget <= .seconds(300) else {
                throw GatewayConfigurationError(
                    "--upstream-budget (SNOWGATE_UPSTREAM_BUDGET) must be between 1 and 300 seconds"
                )
            }
            guard (1...1000).contains(breakerFailures) else {
                throw GatewayConfigurationError(
                    "--breaker-failures (SNOWGATE_BREAKER_FAILURES) must be between 1 and 1000"
                )
            }
            guard breakerCooldown >= .seconds(1), breakerCooldown <= .seconds(600) else {
                throw GatewayConfigurationError(
                    "--breaker-cooldown (SNOWGATE_BREAKER_COOLDOWN) must be between 1 and 600 seconds"
                )
            }
        }

        /// The settings for the startup log.
        var description: String {
            "upstreamRetries=\(retries) upstreamBudget=\(budget) breakerFailures=\(breakerFailures) "
                + "breakerCooldown=\(breakerCooldown)"
        }
    }

    /// Reads the resilience settings from flags and environment over the defaults.
    mutating func applyResilienceSettings(_ settings: GatewaySettings) throws(GatewayConfigurationError) {
        var resilience = Resilience()
        if let text = settings.value(GatewaySettings.upstreamRetries) {
            guard let value = Int(text.trimmingASCIISpaces()) else {
                throw GatewayConfigurationError("--upstream-retries (SNOWGATE_UPSTREAM_RETRIES) must be a number")
            }
            resilience.retries = value
        }
        if let text = settings.value(GatewaySettings.upstreamBudget) {
            resilience.budget = try Self.seconds(text, "--upstream-budget (SNOWGATE_UPSTREAM_BUDGET)")
        }
        if let text = settings.value(GatewaySettings.breakerFailures) {
            guard let value = Int(text.trimmingASCIISpaces()) else {
                throw GatewayConfigurationError("--breaker-failures (SNOWGATE_BREAKER_FAILURES) must be a number")
            }
            resilience.breakerFailures = value
        }
        if let text = settings.value(GatewaySettings.breakerCooldown) {
            resilience.breakerCooldown = try Self.seconds(text, "--breaker-cooldown (SNOWGATE_BREAKER_COOLDOWN)")
        }
        try resilience.validate()
        self.resilience = resilience
    }

    private static func seconds(_ text: String, _ name: String) throws(GatewayConfigurationError) -> Duration {
        guard let seconds = Double(text.trimmingASCIISpaces()), seconds.isFinite, seconds > 0, seconds <= 600 else {
            throw GatewayConfigurationError("\(name) must be a number of seconds")
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
