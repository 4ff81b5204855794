import Resolvers
import Testing

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

    @Test func childTasksReportToTheAccountTheirParentSet() async {
        let wait = UpstreamWait()
        await UpstreamWait.$current.withValue(wait) {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { #expect(UpstreamWait.current === wait) }
            }
        }
        #expect(UpstreamWait.current == nil)
    }
}
