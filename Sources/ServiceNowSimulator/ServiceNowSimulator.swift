import Hummingbird
import Logging
import NIOCore
public import ServiceLifecycle
import Synchronization

/// A simulated ServiceNow instance served over HTTP: OAuth, Table, Batch, Service Catalog, Knowledge, Aggregate
/// and current-user APIs, answering as a real instance does (`shared/servicenow-api.md`), with seeded data,
/// a request log, fault injection and a latency model.
///
/// Two ways to run it:
/// - Scoped, for tests: `try await ServiceNowSimulator.withRunning(configuration) { running in ... }` starts it on
///   its port (0 picks a free one), hands over `running.baseURL` and `running.control`, and stops it when the
///   closure returns.
/// - As a `Service` in a `ServiceGroup` (`snowgate simulator`, `snowgate demo`): `run()` serves until cancelled or
///   gracefully shut down; `baseURL()` waits until the port is bound.
public final class ServiceNowSimulator: Service, Sendable {
    /// The configuration it was created with.
    public let configuration: SimulatorConfiguration
    let instance: Instance
    private let listening = Mutex<ListeningState>(.starting([]))

    private enum ListeningState {
        case starting([CheckedContinuation<String, any Error>])
        case listening(String)
        case failed(SimulatorError)
    }

    /// A simulator with freshly seeded data; it does not listen until `run()`.
    public init(configuration: SimulatorConfiguration = SimulatorConfiguration()) {
        self.configuration = configuration
        instance = Instance(configuration: configuration)
    }

    /// The test and control handle.
    public var control: SimulatorControl { SimulatorControl(instance: instance) }

    /// The data the simulator started with.
    public var seed: SimulatorSeed { instance.seed }

    /// Serves HTTP until the task is cancelled or the service group shuts down gracefully.
    public func run() async throws {
        let handler = RequestHandler(instance: instance)
        let host = configuration.host
        let responder = SimulatorResponder(handler: handler) { [self] in
            self.listening.withLock { state in
                if case .listening(let url) = state { return String(url.dropFirst("http://".count)) }
                return host
            }
        }
        var logger = configuration.logger
        logger[metadataKey: "component"] = "simulator"
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil
            ),
            onServerRunning: { [self] channel in
                let port = channel.localAddress?.port ?? 0
                let url = "http://\(Self.urlHost(host)):\(port)"
                let waiters = self.listening.withLock { state -> [CheckedContinuation<String, any Error>] in
                    guard case .starting(let waiters) = state else { return [] }
                    state = .listening(url)
                    return waiters
                }
                for waiter in waiters { waiter.resume(returning: url) }
            },
            logger: logger
        )
        do {
            try await application.run()
        } catch {
            fail(
                SimulatorError(
                    code: .startFailed,
                    message: "The simulator could not serve on \(configuration.host):\(configuration.port): \(error)"
                )
            )
            throw error
        }
        fail(SimulatorError(code: .startFailed, message: "The simulator stopped"))
    }

    private func fail(_ error: SimulatorError) {
        let waiters = listening.withLock { state -> [CheckedContinuation<String, any Error>] in
            guard case .starting(let waiters) = state else { return [] }
            state = .failed(error)
            return waiters
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    /// `http://HOST:PORT` once the server listens (waits for it while it starts; throws if it could not start).
    public func baseURL() async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            let result = listening.withLock { state -> Result<String, SimulatorError>? in
                switch state {
                case .starting(var waiters):
                    waiters.append(continuation)
                    state = .starting(waiters)
                    return nil
                case .listening(let url): return .success(url)
                case .failed(let error): return .failure(error)
                }
            }
            if let result { continuation.resume(with: result) }
        }
    }

    /// Starts a simulator, runs `body` with it, and stops it when `body` returns or throws.
    public static func withRunning<Result: Sendable>(
        _ configuration: SimulatorConfiguration = SimulatorConfiguration(),
        _ body: (RunningSimulator) async throws -> Result
    ) async throws -> Result {
        let simulator = ServiceNowSimulator(configuration: configuration)
        // A service group of its own, so the server stops through graceful shutdown (closing its listener and
        // connections in order) rather than by cancellation.
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [simulator],
                gracefulShutdownSignals: [],
                logger: configuration.logger
            )
        )
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                let url = try await simulator.baseURL()
                let result = try await body(
                    RunningSimulator(baseURL: url, control: simulator.control, seed: simulator.seed)
                )
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                tasks.cancelAll()
                throw error
            }
        }
    }

    static func urlHost(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }
}
