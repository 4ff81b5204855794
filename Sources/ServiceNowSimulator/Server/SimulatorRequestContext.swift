import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage plus the connection, which the "dropped connection"
/// fault closes without answering.
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
