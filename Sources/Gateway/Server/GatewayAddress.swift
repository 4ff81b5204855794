import Synchronization

/// Where the gateway is reachable: the configured public URL, or, when none is configured, `http://HOST:PORT` with
/// the port the server actually bound (port 0 in tests and the demo).
///
/// The redirect URL and the callback page's `postMessage` origin come from here and never from a request's `Host`.
final class GatewayAddress: Sendable {
    private let configuration: GatewayConfiguration
    private let boundPort = Mutex<Int?>(nil)

    init(configuration: GatewayConfiguration) {
        self.configuration = configuration
    }

    /// Records the port the listener got.
    func bound(port: Int) {
        boundPort.withLock { $0 = port }
    }

    /// The port the server listens on, once bound.
    var port: Int? { boundPort.withLock { $0 } }

    /// The public URL. Before the listener is bound (no request can arrive then) the configured port stands in.
    var publicURL: PublicURL {
        if let configured = configuration.publicURL { return configured }
        return configuration.defaultPublicURL(boundPort: port ?? configuration.port)
    }

    /// The OAuth redirect URL, `<public URL>/oauth/callback`.
    var redirectURL: String { publicURL.redirectURL }
}
