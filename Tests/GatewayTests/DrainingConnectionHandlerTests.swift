import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import Gateway

/// The per-connection drain handler on an `EmbeddedChannel`, for what a real process only shows by chance.
@Suite struct DrainingConnectionHandlerTests {
    /// A connection accepted while the listener was closing: Hummingbird made its `NIOAsyncChannel`, then dropped it
    /// (its stream of new connections had ended), and only then does the connection become active. Handing
    /// `channelActive` on would release the async channel's writer unfinished, which NIO traps on — without the
    /// handler's check this test crashes the test process, as it crashed the gateway.
    @Test func aConnectionThatBecomesActiveAfterTheDrainBeganIsClosedNotHandedOn() throws {
        let drain = ConnectionDrain(grace: .seconds(10))
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(DrainingConnectionHandler(drain: drain))
        do {
            _ = try NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>(
                wrappingChannelSynchronously: channel,
                configuration: .init(isOutboundHalfClosureEnabled: true)
            )
        }
        drain.begin()
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        #expect(!channel.isActive)
    }

    @Test func aConnectionBeforeTheDrainIsHandedOn() throws {
        let drain = ConnectionDrain(grace: .seconds(10))
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(DrainingConnectionHandler(drain: drain))
        let asyncChannel = try NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>(
            wrappingChannelSynchronously: channel,
            configuration: .init(isOutboundHalfClosureEnabled: true)
        )
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        #expect(channel.isActive)
        _ = try channel.finish()
        withExtendedLifetime(asyncChannel) {}
    }
}
