import Synchronization
import Testing

@testable import Gateway

@Suite struct SingleFlightTests {
    @Test func concurrentCallersShareOneRun() async {
        let flight = SingleFlight<String, Int, Never>()
        let runs = RunCounter()
        let gate = AsyncGate()
        let results = await withTaskGroup(of: Int.self) { group in
            group.addTask {
                await flight.run("a") { () async -> Result<Int, Never> in
                    runs.increment()
                    await gate.wait()
                    return .success(42)
                }.get()
            }
            // Wait until the leader runs, then queue followers behind it.
            while runs.value == 0 { await Task.yield() }
            for _ in 0..<10 {
                group.addTask {
                    await flight.run("a") { () async -> Result<Int, Never> in
                        runs.increment()
                        return .success(-1)
                    }.get()
                }
            }
            while flight.followerCount("a") < 10 { await Task.yield() }
            gate.open()
            var all: [Int] = []
            for await value in group { all.append(value) }
            return all
        }
        #expect(results == Array(repeating: 42, count: 11))
        #expect(runs.value == 1)
        // Nothing is cached: a later call runs again.
        let later = await flight.run("a") { () async -> Result<Int, Never> in .success(7) }
        #expect(later.get() == 7)
    }

    @Test func keysAreIndependent() async {
        let flight = SingleFlight<String, String, Never>()
        async let a = flight.run("a") { () async -> Result<String, Never> in .success("A") }
        async let b = flight.run("b") { () async -> Result<String, Never> in .success("B") }
        #expect(await a.get() == "A")
        #expect(await b.get() == "B")
    }
}

/// Counts runs across tasks.
final class RunCounter: Sendable {
    private let count = Atomic<Int>(0)
    func increment() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// A one-shot gate: `wait()` suspends until `open()`.
final class AsyncGate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let proceed = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if proceed { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
