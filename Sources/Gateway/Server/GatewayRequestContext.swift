import Hummingbird
import NIOCore

/// Hummingbird's per-request storage; the gateway keeps its own per-request values (request id, identity) in
/// local variables of the responder rather than here, except the client's address, which only the connection knows.
struct GatewayRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The IP address of the connection's peer (a reverse proxy's, when there is one), for per-address rate limits.
    let clientAddress: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }
}
