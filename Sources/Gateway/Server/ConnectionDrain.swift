import NIOCore
import Resolvers
import Synchronization

/// The graceful drain of a gateway's connections, shared by the server and every connection's
/// ``DrainingConnectionHandler``.
///
/// Why a drain needs more than Hummingbird's graceful shutdown: that shutdown closes every *idle* keep-alive
/// connection at once. A load balancer (nginx) that picked one of those connections for its next request a moment
/// earlier has then written a POST the replica never reads, and answers its client 502: nginx re-sends only what is
/// safe to repeat, and a GraphQL POST is not. So during a drain the listener closes (new connections are refused,
/// which a balancer retries safely elsewhere), but an idle connection stays open until it carries one more request
/// (answered with `Connection: close`, then closed), until the client closes it (nginx does after its upstream
/// `keepalive_timeout`), or until the grace period ends. A grace longer than the balancer's keep-alive timeout leaves
/// no idle connection for the replica to close under it.
///
/// States: serving → draining (graceful shutdown began; connections register as they learn of it) → deadline passed
/// (every registered connection is told to close once idle; later ones close at once).
final class ConnectionDrain: Sendable {
    /// How long idle connections are kept open after the drain begins.
    let grace: Duration

    private enum State {
        case serving
        case draining(connections: [ObjectIdentifier: any Channel])
        case deadlinePassed
    }

    private let state = Mutex<State>(.serving)
    private let begun: AsyncStream<Void>
    private let beginContinuation: AsyncStream<Void>.Continuation

    /// A drain that keeps idle connections open for `grace` once it begins.
    init(grace: Duration) {
        self.grace = grace
        (begun, beginContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Whether the drain has begun (readiness then fails, so an orchestrator stops sending requests).
    var isDraining: Bool {
        state.withLock { state in
            if case .serving = state { return false }
            return true
        }
    }

    /// Starts the drain (graceful shutdown began). Idempotent.
    func begin() {
        let started = state.withLock { state -> Bool in
            guard case .serving = state else { return false }
            state = grace > .zero ? .draining(connections: [:]) : .deadlinePassed
            return true
        }
        if started {
            beginContinuation.yield()
            beginContinuation.finish()
        }
    }

    /// Waits for the drain to begin, then for the grace period on `clock`, then tells every connection still open
    /// to close once idle. Returns early, doing nothing, when the task is cancelled (the server stopped first).
    func runDeadline(clock: any ResilienceClock) async {
        var iterator = begun.makeAsyncIterator()
        guard await iterator.next() != nil, !Task.isCancelled else { return }
        do {
            try await clock.sleep(for: grace)
        } catch {
            return
        }
        expire()
    }

    /// Ends the grace period now: every registered connection closes once its current request (if any) is answered.
    func expire() {
        let connections = state.withLock { state -> [any Channel] in
            guard case .draining(let connections) = state else { return [] }
            state = .deadlinePassed
            return Array(connections.values)
        }
        for channel in connections {
            channel.pipeline.fireUserInboundEventTriggered(DrainDeadlineEvent())
        }
    }

    /// A connection learnt of the drain: false means the grace period is over, and it should close once idle now.
    func register(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard case .draining(var connections) = state else { return false }
            connections[ObjectIdentifier(channel)] = channel
            state = .draining(connections: connections)
            return true
        }
    }

    /// A registered connection closed.
    func unregister(_ channel: any Channel) {
        state.withLock { state in
            guard case .draining(var connections) = state else { return }
            connections[ObjectIdentifier(channel)] = nil
            state = .draining(connections: connections)
        }
    }
}

/// Sent down a connection's pipeline when the drain's grace period ends.
struct DrainDeadlineEvent: Sendable {}
