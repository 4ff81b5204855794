import Testing

@testable import Resolvers

/// The retry rules as a state machine, without I/O: what is retried, how long it waits, when it stops.
@Suite struct RetryStateTests {
    static let origin = ContinuousClock.now

    static func state(
        _ kind: RetryState.Kind = .read,
        policy: RetryPolicy = RetryPolicy(),
        budget: Duration = .seconds(30)
    ) -> RetryState {
        RetryState(policy: policy, kind: kind, deadline: origin.advanced(by: budget))
    }

    /// Every outcome with whether a read and a write are retried after it.
    static let table: [(AttemptOutcome, read: Bool, write: Bool)] = [
        (.answered(status: 200), false, false),
        (.answered(status: 401), false, false),
        (.answered(status: 403), false, false),
        (.answered(status: 404), false, false),
        (.answered(status: 400), false, false),
        (.serverError(status: 500), true, false),
        (.serverError(status: 502), true, false),
        (.serverError(status: 503), true, false),
        (.rateLimited(retryAfter: .seconds(1)), true, false),
        (.rateLimited(retryAfter: nil), true, false),
        (.rateLimited(retryAfter: .seconds(60)), false, false),
        (.notTheAPI, false, false),
        (.couldNotConnect, true, true),
        (.connectionClosed, true, false),
        (.timedOut, false, false),
        (.otherFailure, false, false),
    ]

    @Test(arguments: table.indices)
    func whatIsRetried(_ index: Int) {
        let (outcome, read, write) = Self.table[index]
        var reader = Self.state(.read)
        var writer = Self.state(.write)
        let readAction = reader.next(after: outcome, now: Self.origin, jitter: 0.5)
        let writeAction = writer.next(after: outcome, now: Self.origin, jitter: 0.5)
        #expect((readAction != .stop) == read, "read after \(outcome)")
        #expect((writeAction != .stop) == write, "write after \(outcome)")
        #expect(reader.retries == (read ? 1 : 0))
    }

    @Test func retriesAreBounded() {
        var state = Self.state(policy: RetryPolicy(maxRetries: 2))
        #expect(state.next(after: .serverError(status: 503), now: Self.origin, jitter: 0.5) != .stop)
        #expect(state.next(after: .connectionClosed, now: Self.origin, jitter: 0.5) != .stop)
        #expect(state.next(after: .serverError(status: 503), now: Self.origin, jitter: 0.5) == .stop)
        #expect(state.retries == 2)
        var never = Self.state(policy: .never)
        #expect(never.next(after: .couldNotConnect, now: Self.origin, jitter: 0.5) == .stop)
    }

    @Test func backoffIsExponentialWithFullJitter() {
        let policy = RetryPolicy(maxRetries: 6, baseDelay: .milliseconds(100), maxDelay: .milliseconds(1000))
        #expect(
            (0..<6).map { policy.backoffCeiling(beforeRetry: $0) }
                == [100, 200, 400, 800, 1000, 1000].map { Duration.milliseconds($0) }
        )
        // The whole window: jitter 0 waits nothing, jitter just under 1 nearly the ceiling.
        var state = Self.state(policy: policy)
        #expect(state.next(after: .serverError(status: 503), now: Self.origin, jitter: 0) == .retry(after: .zero))
        #expect(
            state.next(after: .serverError(status: 503), now: Self.origin, jitter: 0.5)
                == .retry(after: .milliseconds(100))
        )
        #expect(
            state.next(after: .serverError(status: 503), now: Self.origin, jitter: 0.25)
                == .retry(after: .milliseconds(100))
        )
        // Out-of-range randomness is clamped, never a negative or oversized wait.
        #expect(
            state.next(after: .serverError(status: 503), now: Self.origin, jitter: 7)
                == .retry(after: .milliseconds(800))
        )
        #expect(state.next(after: .serverError(status: 503), now: Self.origin, jitter: -1) == .retry(after: .zero))
    }

    @Test func retryAfterIsHonouredWhenShortAndFailsFastWhenLong() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxRetryAfter: .seconds(5))
        var short = Self.state(policy: policy)
        #expect(
            short.next(after: .rateLimited(retryAfter: .seconds(2)), now: Self.origin, jitter: 0.5)
                == .retry(after: .milliseconds(2050))
        )
        var atTheLimit = Self.state(policy: policy)
        #expect(atTheLimit.next(after: .rateLimited(retryAfter: .seconds(5)), now: Self.origin, jitter: 0) != .stop)
        var long = Self.state(policy: policy)
        #expect(long.next(after: .rateLimited(retryAfter: .seconds(6)), now: Self.origin, jitter: 0) == .stop)
        #expect(long.retries == 0)
        // Without Retry-After (a full transaction queue) it backs off like a 5xx.
        var queue = Self.state(policy: policy)
        #expect(
            queue.next(after: .rateLimited(retryAfter: nil), now: Self.origin, jitter: 0.5)
                == .retry(after: .milliseconds(50))
        )
    }

    @Test func neverWaitsPastTheDeadline() {
        let policy = RetryPolicy(maxRetryAfter: .seconds(10), minimumAttemptTime: .milliseconds(500))
        // 3 s left: a 2 s Retry-After leaves 1 s for the attempt; 3 s would leave nothing.
        let now = Self.origin.advanced(by: .seconds(27))
        var fits = Self.state(policy: policy)
        #expect(
            fits.next(after: .rateLimited(retryAfter: .seconds(2)), now: now, jitter: 0) == .retry(after: .seconds(2))
        )
        var tooLong = Self.state(policy: policy)
        #expect(tooLong.next(after: .rateLimited(retryAfter: .seconds(3)), now: now, jitter: 0) == .stop)
        // A backoff that ends inside the last half second is not made either.
        let late = Self.origin.advanced(by: .milliseconds(29_450))
        var backoff = Self.state(policy: policy)
        #expect(backoff.next(after: .serverError(status: 503), now: late, jitter: 0.9) == .stop)
        var past = Self.state(policy: policy)
        #expect(past.next(after: .couldNotConnect, now: Self.origin.advanced(by: .seconds(31)), jitter: 0) == .stop)
    }
}
