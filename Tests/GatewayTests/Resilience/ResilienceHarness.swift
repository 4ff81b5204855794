import CurlHTTP
import Foundation
import JSON
import Logging
import Resolvers
import ServiceLifecycle
import ServiceNowSimulator
import Synchronization
import Testing

@testable import Gateway

/// A ``ResilienceClock`` that never waits: `sleep` moves its time forward at once and remembers the wait, so the
/// gateway's retries and its breaker's cool-down cost a test nothing.
final class ManualResilienceClock: ResilienceClock {
    private let origin = ContinuousClock.now
    private let state = Mutex<(offset: Duration, sleeps: [Duration])>((.zero, []))

    var now: ContinuousClock.Instant { origin.advanced(by: state.withLock { $0.offset }) }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.offset += duration
            $0.sleeps.append(duration)
        }
        await Task.yield()
    }

    /// Moves time forward.
    func advance(by duration: Duration) {
        state.withLock { $0.offset += duration }
    }

    /// Every wait asked for, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }
}

extension GatewayHarness {
    /// Like ``withGateway(graphQL:limits:publicURL:_:)``, with the resilience settings and clock given (and a CA
    /// bundle for ServiceNow, when given).
    func withResilientGateway<Result: Sendable>(
        resilience: GatewayConfiguration.Resilience = .init(),
        clock: ManualResilienceClock,
        upstreamTimeout: Duration = .seconds(20),
        caBundlePath: String? = nil,
        _ body: (RunningGateway) async throws -> Result
    ) async throws -> Result {
        var configuration = try GatewayConfiguration(
            port: 0,
            databasePath: databasePath,
            allowHTTPLoopbackInstance: true,
            upstreamTimeout: upstreamTimeout,
            caBundlePath: caBundlePath,
            authSecret: authSecret
        )
        configuration.resilience = resilience
        // The harness's client keeps idle keep-alive connections open, and a graceful shutdown would keep those for the
        // drain's grace period at the end of every test; the drain itself is GracefulDrainTests'.
        configuration.drainGrace = .zero
        try configuration.validate()
        // A client of its own when a CA bundle is given: the harness's trusts only the system's CAs.
        var clientConfiguration = CurlClient.Configuration()
        clientConfiguration.caBundlePath = caBundlePath
        let client = caBundlePath == nil ? self.client : try CurlClient(configuration: clientConfiguration)
        let store = try await SQLiteGatewayStore(path: databasePath, key: key, clock: self.clock)
        let server = try GatewayServer(
            configuration: configuration,
            store: store,
            client: client,
            clock: self.clock,
            logger: logs.logger(),
            resilienceClock: clock
        )
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [server],
                gracefulShutdownSignals: [],
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            )
        )
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await group.run() }
                    do {
                        let running = RunningGateway(
                            harness: self,
                            server: server,
                            store: store,
                            baseURL: try await server.listeningURL(),
                            shutdown: { await group.triggerGracefulShutdown() }
                        )
                        let result = try await body(running)
                        await group.triggerGracefulShutdown()
                        try await tasks.waitForAll()
                        return result
                    } catch {
                        await group.triggerGracefulShutdown()
                        tasks.cancelAll()
                        throw error
                    }
                }
            )
        } catch {
            outcome = .failure(error)
        }
        await store.close()
        if caBundlePath != nil { await client.shutdown() }
        return try outcome.get()
    }

    /// The reference widget's render, `examples/widget.graphql`.
    static let widgetQuery: String = {
        var directory = String(#filePath)
        for _ in 0..<4 { directory = String(directory[..<(directory.lastIndex(of: "/") ?? directory.startIndex)]) }
        return (try? String(contentsOfFile: directory + "/examples/widget.graphql", encoding: .utf8)) ?? ""
    }()
}

extension RunningGateway {
    /// The widget's render as `subject`, parsed; the HTTP status must be 200.
    func widget(as subject: String) async throws -> JSONValue {
        let response = try await graphQL(GatewayHarness.widgetQuery, token: harness.token(subject))
        #expect(response.status == 200, "\(response.text)")
        return try response.json()
    }
}

extension JSONValue {
    /// The `extensions.code` of every error, by the first key of its path (`incidents`, …).
    var errorCodesByField: [String: String] {
        var codes: [String: String] = [:]
        for error in self["errors"]?.arrayValue ?? [] {
            let field = error["path"]?.arrayValue?.first?.stringValue ?? ""
            codes[field] = error["extensions"]?["code"]?.stringValue ?? ""
        }
        return codes
    }
}
