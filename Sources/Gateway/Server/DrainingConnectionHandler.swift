import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// One connection's part of the graceful drain (``ConnectionDrain``): it sits just before Hummingbird's connection
/// state handler, which closes a connection as soon as it is told to quiesce while idle, and holds that news back.
///
/// - A connection busy when the drain begins is told at once: it closes after its answer.
/// - An idle one stays open. Its next request is passed on first, then the quiesce, so it closes after that answer.
///   If no request comes, it closes when the client closes it or when the grace period ends.
/// - Every answer written once the drain has begun says `Connection: close`, so the client (nginx) does not put the
///   connection back in its pool and pick it again.
final class DrainingConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let drain: ConnectionDrain
    /// Requests read whose answer is not fully written.
    private var requestsInProgress = 0
    /// Whether this connection knows of the drain.
    private var draining = false
    /// Whether the quiesce has been passed on to the state handler (which then closes when idle).
    private var quiescePassedOn = false

    init(drain: ConnectionDrain) {
        self.drain = drain
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let isHead: Bool
        if case .head = unwrapInboundIn(data) {
            requestsInProgress += 1
            isHead = true
        } else {
            isHead = false
        }
        context.fireChannelRead(data)
        // After the head, so the state handler counts this request in progress and closes after its answer.
        if isHead, draining, !quiescePassedOn { passQuiesceOn(context) }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var response) where draining:
            response.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .end:
            requestsInProgress -= 1
            context.write(data, promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelShouldQuiesceEvent:
            guard !draining else { return }
            draining = true
            let withinGrace = drain.register(context.channel)
            if requestsInProgress > 0 || !withinGrace { passQuiesceOn(context) }
        case is DrainDeadlineEvent:
            if !quiescePassedOn { passQuiesceOn(context) }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// A connection that becomes active after the drain began is closed at once, as if the listener had refused it.
    ///
    /// It was accepted while the listener was closing. Hummingbird may already have dropped the `NIOAsyncChannel` it
    /// made for it (the server's stream of new connections had ended), and then `channelActive` reaching that
    /// channel's handler releases the last reference to its writer, which NIO answers with a precondition failure
    /// ("Deinited NIOAsyncWriter without calling finish()"): the whole process crashed in the drain, losing every
    /// request in flight (seen once in a few dozen test runs). Withheld `channelActive` and a close instead: the
    /// handler finishes its writer on `channelInactive`, and nothing is lost but a connection that carried nothing.
    func channelActive(context: ChannelHandlerContext) {
        if drain.isDraining {
            context.close(promise: nil)
            return
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if draining { drain.unregister(context.channel) }
        context.fireChannelInactive()
    }

    private func passQuiesceOn(_ context: ChannelHandlerContext) {
        quiescePassedOn = true
        context.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
    }
}
