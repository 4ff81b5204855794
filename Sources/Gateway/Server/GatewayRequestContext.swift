import Hummingbird

/// Hummingbird's per-request storage; the gateway keeps its own per-request values (request id, identity) in
/// local variables of the responder rather than here.
struct GatewayRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
