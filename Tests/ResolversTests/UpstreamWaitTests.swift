import Testing

@testable import Resolvers

/// A request's ServiceNow time is the union of its calls' intervals: concurrent calls are not counted twice.
@Suite struct UpstreamWaitTests {
    let start = ContinuousClock.now

    func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }

    @Test func sequentialCallsAddUp() {
        let wait = UpstreamWait()
        wait.begin(at: at(0))
        wait.end(at: at(30))
        wait.begin(at: at(50))
        wait.end(at: at(70))
        #expect(wait.total(at: at(100)) == .milliseconds(50))
    }

    @Test func overlappingCallsCountOnce() {
        let wait = UpstreamWait()
        wait.begin(at: at(0))
        wait.begin(at: at(10))
        wait.end(at: at(30))
        wait.end(at: at(50))
        #expect(wait.total(at: at(100)) == .milliseconds(50))
    }

    @Test func aCallInFlightCountsUpToNow() {
        let wait = UpstreamWait()
        wait.begin(at: at(0))
        wait.end(at: at(20))
        wait.begin(at: at(40))
        #expect(wait.total(at: at(65)) == .milliseconds(45))
    }

    @Test func callsOfChildTasksCountAgainstTheAccountTheirParentSet() async {
        let wait = UpstreamWait()
        let calls = await UpstreamWait.$current.withValue(wait) {
            await withTaskGroup(of: Bool.self, returning: Int.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        // Inside the call, the parent's account has a call in flight: a second later it would count it.
                        await UpstreamWait.during { wait.total(at: .now + .seconds(1)) >= .seconds(1) }
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
        }
        #expect(calls == 2)
        // Both calls ended: nothing is in flight any more, so later instants add nothing.
        #expect(wait.total(at: .now + .seconds(60)) == wait.total())
        // Outside a request nothing is counted anywhere.
        #expect(await UpstreamWait.during { 1 } == 1)
        #expect(UpstreamWait.current == nil)
    }
}
