/// How a ``ServiceNowClient`` copes with a failing instance: its retry policy, the time budget of the request it
/// serves, the instance's shared circuit breaker, and the clock and random source behind them (injected by tests).
public struct UpstreamResilience: Sendable {
    /// When and how often calls are retried.
    public var retry: RetryPolicy
    /// How long all ServiceNow calls of one GraphQL request may take together, retries and waits included, counted
    /// from the client's creation. No attempt's timeout reaches past it and no retry is made that could not finish
    /// in it. Default 30 s.
    public var budget: Duration
    /// The instance's circuit breaker, shared by every client of the instance; nil for none.
    public var breaker: CircuitBreaker?
    /// The time source of the budget, the backoff waits and the breaker.
    public var clock: any ResilienceClock
    /// A source of random numbers in `0..<1`, for the jitter.
    public var random: @Sendable () -> Double

    /// Resilience settings; by default two retries, a 30 s budget, no breaker, the system clock.
    public init(
        retry: RetryPolicy = RetryPolicy(),
        budget: Duration = .seconds(30),
        breaker: CircuitBreaker? = nil,
        clock: any ResilienceClock = SystemResilienceClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.retry = retry
        self.budget = budget
        self.breaker = breaker
        self.clock = clock
        self.random = random
    }
}
