import Testing

@testable import CurlHTTP

/// The inbox state machine without threads or libcurl: jobs are Ints, shutdown waiters Strings.
@Suite struct LoopInboxTests {
    typealias Inbox = LoopInbox<Int, String>

    @Test func wakesOncePerBatch() {
        var inbox = Inbox()
        #expect(isWake(inbox.submit(1)))
        #expect(isNone(inbox.submit(2)))
        #expect(inbox.cancel(7) == .none)
        let batch = inbox.drain()
        #expect(batch.jobs == [1, 2])
        #expect(batch.cancellations == [7])
        #expect(!batch.stop)
        // After a drain the next arrival wakes the loop again.
        #expect(inbox.cancel(1) == .wakeLoop)
        #expect(inbox.drain().cancellations == [1])
        #expect(inbox.drain().jobs.isEmpty)
    }

    @Test func shutdownRejectsNewJobsAndDrainsTheQueuedOnes() {
        var inbox = Inbox()
        _ = inbox.submit(1)
        #expect(isNone(inbox.shutdown(waiter: "a")))  // a wakeup is already pending for job 1
        guard case .reject(let rejected) = inbox.submit(2) else {
            Issue.record("a job was accepted after shutdown")
            return
        }
        #expect(rejected == 2)
        #expect(inbox.cancel(1) == .none)
        let batch = inbox.drain()
        #expect(batch.stop)
        #expect(batch.jobs == [1])
        #expect(batch.cancellations.isEmpty)
    }

    @Test func shutdownWakesAnIdleLoop() {
        var inbox = Inbox()
        #expect(isWake(inbox.shutdown(waiter: nil)))
        #expect(inbox.lifecycle == .stopping)
    }

    @Test func everyShutdownWaiterIsResumedOnce() {
        var inbox = Inbox()
        _ = inbox.shutdown(waiter: "first")
        #expect(isNone(inbox.shutdown(waiter: "second")))
        #expect(inbox.drain().stop)
        #expect(inbox.markStopped() == ["first", "second"])
        #expect(inbox.lifecycle == .stopped)
        // Late callers are resumed at once; nobody may wake a stopped loop.
        guard case .resume(let waiter) = inbox.shutdown(waiter: "late") else {
            Issue.record("a waiter after stop was not resumed at once")
            return
        }
        #expect(waiter == "late")
        #expect(isNone(inbox.shutdown(waiter: nil)))
        #expect(inbox.cancel(3) == .none)
        #expect(inbox.markStopped().isEmpty)
    }

    private func isWake(_ action: Inbox.SubmitAction) -> Bool {
        if case .wakeLoop = action { return true }
        return false
    }

    private func isNone(_ action: Inbox.SubmitAction) -> Bool {
        if case .none = action { return true }
        return false
    }

    private func isWake(_ action: Inbox.ShutdownAction) -> Bool {
        if case .wakeLoop = action { return true }
        return false
    }

    private func isNone(_ action: Inbox.ShutdownAction) -> Bool {
        if case .none = action { return true }
        return false
    }
}
