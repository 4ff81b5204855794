import Synchronization
import Testing

@testable import Gateway

@Suite struct ExecutionGateTests {
    /// Counts how many bodies run at once and the most ever seen, and records the order they started in.
    private final class Occupancy: Sendable {
        private let state = Mutex<(current: Int, maximum: Int, started: [Int])>((0, 0, []))
        func enter(_ id: Int) {
            state.withLock {
                $0.current += 1
                $0.maximum = max($0.maximum, $0.current)
                $0.started.append(id)
            }
        }
        func leave() { state.withLock { $0.current -= 1 } }
        var maximum: Int { state.withLock { $0.maximum } }
        var started: [Int] { state.withLock { $0.started } }
    }

    /// A flag one task raises and others wait for.
    private final class Flag: Sendable {
        private let state = Mutex(false)
        func raise() { state.withLock { $0 = true } }
        var isRaised: Bool { state.withLock { $0 } }
    }

    /// Waits until `condition` holds, yielding to the other tasks (no sleeping on a clock).
    private func eventually(_ condition: () -> Bool) async {
        for _ in 0..<100_000 where !condition() { await Task.yield() }
    }

    @Test func neverMoreThanTheLimitAtOnce() async throws {
        let gate = ExecutionGate(limit: 3)
        let occupancy = Occupancy()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 0..<40 {
                group.addTask {
                    try await gate.withPermit {
                        occupancy.enter(id)
                        for _ in 0..<5 { await Task.yield() }
                        occupancy.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(occupancy.maximum <= 3)
        #expect(occupancy.started.count == 40)
        #expect(gate.waitingCount == 0)
    }

    @Test func waitersGoInArrivalOrder() async throws {
        let gate = ExecutionGate(limit: 1)
        let occupancy = Occupancy()
        let release = Flag()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await gate.withPermit {
                    occupancy.enter(0)
                    await eventually { release.isRaised }
                    occupancy.leave()
                }
            }
            await eventually { occupancy.started == [0] }
            for id in 1...5 {
                group.addTask { try await gate.withPermit { occupancy.enter(id) } }
                // The next one is queued only once this one waits, so arrival order is known.
                await eventually { gate.waitingCount == id }
            }
            release.raise()
            try await group.waitForAll()
        }
        #expect(occupancy.started == [0, 1, 2, 3, 4, 5])
    }

    @Test func aCancelledWaiterLeavesTheQueueAndNeverRuns() async throws {
        let gate = ExecutionGate(limit: 1)
        let occupancy = Occupancy()
        let release = Flag()
        let holder = Task {
            try await gate.withPermit {
                occupancy.enter(0)
                await eventually { release.isRaised }
                occupancy.leave()
            }
        }
        await eventually { occupancy.started == [0] }
        let cancelled = Task { try await gate.withPermit { occupancy.enter(1) } }
        await eventually { gate.waitingCount == 1 }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(gate.waitingCount == 0)
        let next = Task { try await gate.withPermit { occupancy.enter(2) } }
        await eventually { gate.waitingCount == 1 }
        release.raise()
        try await holder.value
        try await next.value
        #expect(occupancy.started == [0, 2])
        // The permit came back: another request runs at once.
        try await gate.withPermit { occupancy.enter(3) }
        #expect(occupancy.started == [0, 2, 3])
    }
}
