import Hummingbird
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

// `HTTPFloor hummingbird|nio PORT`: the cheapest server of the gateway's kind, for the floor under `make bench`'s
// CPU figure (scripts/bench/run.py, docs/PERFORMANCE.md). Both read a POST's whole body and answer 200 with the
// JSON `{ __typename }` gets from the gateway, on kept-alive HTTP/1.1 connections; no authentication, no GraphQL,
// no logging.
// - `hummingbird`: Hummingbird 2 as the gateway configures it (HTTP/1 server, a responder that collects the body
//   into a buffer), so the difference to the gateway's own `{ __typename }` is everything the gateway does itself.
// - `nio`: SwiftNIO's HTTP/1 pipeline with one synchronous handler, no Swift concurrency: what is left of the HTTP
//   server without Hummingbird's async layer.
// It prints `listening PORT` once bound (port 0 picks one).

let answer = #"{"data":{"__typename":"Query"}}"#

/// `listening PORT` on standard output, unbuffered: the benchmark waits for it.
func announce(_ port: Int) {
    let line = Array("listening \(port)\n".utf8)
    _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[2]), ["hummingbird", "nio"].contains(arguments[1]) else {
    print("usage: HTTPFloor hummingbird|nio PORT")
    exit(2)
}

switch arguments[1] {
case "hummingbird":
    let application = Application(
        responder: FloorResponder(),
        server: .http1(),
        configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: nil),
        onServerRunning: { channel in
            announce(channel.localAddress?.port ?? port)
        }
    )
    try await application.runService()
default:
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .serverChannelOption(.backlog, value: 256)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelInitializer { channel in
            channel.pipeline.configureHTTPServerPipeline().flatMap { channel.pipeline.addHandler(FloorHandler()) }
        }
        .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .bind(host: "127.0.0.1", port: port)
        .get()
    announce(channel.localAddress?.port ?? port)
    try await channel.closeFuture.get()
}

/// Hummingbird's side: collect the body, answer the fixed JSON.
struct FloorResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    func respond(to request: Request, context: Context) async throws -> Response {
        _ = try await request.body.collect(upTo: 1 << 20)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: answer))
        )
    }
}

/// NIO's side: answer each request once its end has arrived.
final class FloorHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(answer.utf8.count))
        let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: answer)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
