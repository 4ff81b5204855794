/// How many requests the gateway takes from one user, and from one client address before it knows the user: token
/// buckets that refill at a rate and hold a burst. Each replica counts on its own.
public struct RateLimitSettings: Sendable, Hashable {
    /// Requests per second each user may keep up (`--rate-limit`); 0 switches per-user limiting off. Default 10.
    public var userRequestsPerSecond: Double = 10
    /// Requests a user may send at once after being idle (`--rate-limit-burst`). Default 30.
    public var userBurst = 30
    /// Unauthenticated requests per second from one client address — failed sign-ins and OAuth callbacks
    /// (`--ip-rate-limit`); 0 switches it off. Default 2.
    public var addressRequestsPerSecond: Double = 2
    /// The burst of unauthenticated requests from one address (`--ip-rate-limit-burst`). Default 20.
    public var addressBurst = 20
    /// The most users or addresses tracked at once (idle ones are forgotten first). Default 100,000.
    public var maxTrackedKeys = 100_000

    /// The defaults.
    public init() {}

    /// Checks the values.
    public func validate() throws(GatewayConfigurationError) {
        guard userRequestsPerSecond.isFinite, (0...100_000).contains(userRequestsPerSecond) else {
            throw GatewayConfigurationError(
                "--rate-limit (SNOWGATE_RATE_LIMIT) must be between 0 and 100000 per second"
            )
        }
        guard (1...1_000_000).contains(userBurst) else {
            throw GatewayConfigurationError(
                "--rate-limit-burst (SNOWGATE_RATE_LIMIT_BURST) must be between 1 and 1000000"
            )
        }
        guard addressRequestsPerSecond.isFinite, (0...100_000).contains(addressRequestsPerSecond) else {
            throw GatewayConfigurationError(
                "--ip-rate-limit (SNOWGATE_IP_RATE_LIMIT) must be between 0 and 100000 per second"
            )
        }
        guard (1...1_000_000).contains(addressBurst) else {
            throw GatewayConfigurationError(
                "--ip-rate-limit-burst (SNOWGATE_IP_RATE_LIMIT_BURST) must be between 1 and 1000000"
            )
        }
        guard maxTrackedKeys >= 16 else {
            throw GatewayConfigurationError("The rate limiter must track at least 16 keys")
        }
    }
}
