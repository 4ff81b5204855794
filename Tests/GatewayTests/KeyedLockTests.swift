import Synchronization
import Testing

@testable import Gateway

@Suite struct KeyedLockTests {
    /// Counts how many bodies run at once, per key, and the most ever seen.
    private final class Occupancy: Sendable {
        private let state = Mutex<(current: Int, maximum: Int)>((0, 0))
        func enter() {
            state.withLock {
                $0.current += 1
                $0.maximum = max($0.maximum, $0.current)
            }
        }
        func leave() { state.withLock { $0.current -= 1 } }
        var maximum: Int { state.withLock { $0.maximum } }
    }

    @Test func oneHolderPerKeyAtATime() async throws {
        let lock = KeyedLock<String>()
        let occupancy = Occupancy()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await lock.withLock("alice") {
                        occupancy.enter()
                        await Task.yield()
                        try await Task.sleep(for: .milliseconds(1))
                        occupancy.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(occupancy.maximum == 1)
        #expect(!lock.isHeld("alice"))
    }

    @Test func differentKeysDoNotWaitForEachOther() async throws {
        let lock = KeyedLock<String>()
        try await lock.withLock("alice") {
            // Inside alice's lock, bob's is free: taking it must not deadlock.
            try await lock.withLock("bob") {
                #expect(lock.isHeld("alice") && lock.isHeld("bob"))
            }
        }
        #expect(!lock.isHeld("alice") && !lock.isHeld("bob"))
    }

    @Test func aCancelledWaiterLeavesTheQueueAndTheLockStillWorks() async throws {
        let lock = KeyedLock<String>()
        let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await lock.withLock("alice") {
                enteredContinuation.yield()
                for await _ in release { break }
            }
        }
        for await _ in entered { break }
        let waiter = Task { try await lock.withLock("alice") { "ran" } }
        while lock.waiterCount("alice") == 0 { await Task.yield() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        releaseContinuation.yield()
        try await holder.value
        #expect(lock.waiterCount("alice") == 0)
        #expect(try await lock.withLock("alice") { "free" } == "free")
        #expect(!lock.isHeld("alice"))
    }

    @Test func aThrowingBodyReleasesTheLock() async throws {
        struct Failure: Error {}
        let lock = KeyedLock<String>()
        await #expect(throws: Failure.self) { try await lock.withLock("alice") { throw Failure() } }
        #expect(!lock.isHeld("alice"))
    }
}
