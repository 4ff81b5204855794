import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small HTTP/1.1 server on 127.0.0.1 with a random port, whose behaviour the path chooses, for testing an HTTP
/// client against real sockets. Copy it into another test target if you need the same tricks there.
///
/// Routes:
/// - `/echo` — 200; the request body back, plus `x-method`, `x-uri`, `x-body-length` and every request header as
///   `x-echo-<lowercased name>`.
/// - `/status/<code>` — that status, body `status <code>`.
/// - `/delay/<ms>` — 200 `delayed` after `ms` milliseconds.
/// - `/hang` — never answers.
/// - `/drop` — announces 1000 bytes, sends 10, closes the connection.
/// - `/close` — closes the connection without answering.
/// - `/then-close` — answers normally (keep-alive), then closes the idle connection.
/// - `/set-cookie` — 200 with `Set-Cookie: session=…`.
/// - `/big/<n>` — `n` bytes with Content-Length; `/big-chunked/<n>` — `n` bytes chunked, without it.
/// - `/redirect?to=<url>` — 302 to `url` (default `/echo`).
/// - `/gzip` — `hello, gzip` gzip-encoded.
/// - `/continue` — a `100 Continue` with `x-informational`, then 200 with `x-final`.
/// - `/headers/<n>` — 200 with `n` headers of 100 bytes each.
/// - any absolute-form request target (`GET http://…`, i.e. the server used as a proxy) — 200 `via proxy`.
///
/// ``stats`` counts connections and requests so tests can prove keep-alive reuse, concurrency and aborted transfers.
final class TestHTTPServer: Sendable {
    let port: Int
    let stats: ServerStats
    private let channel: any Channel
    private let children: ChildRegistry

    private init(port: Int, stats: ServerStats, channel: any Channel, children: ChildRegistry) {
        self.port = port
        self.stats = stats
        self.channel = channel
        self.children = children
    }

    /// `http://127.0.0.1:<port><path>`.
    func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    static func start() async throws -> TestHTTPServer {
        let stats = ServerStats()
        let registry = ChildRegistry()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                registry.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FinBeforeClose())
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(TestHTTPHandler(stats: stats))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            try await channel.close()
            throw TestServerError.noPort
        }
        return TestHTTPServer(port: port, stats: stats, channel: channel, children: registry)
    }

    /// Closes the listening socket and every open connection.
    func shutdown() async {
        try? await channel.close()
        let open = children.channels.withLock { Array($0.values) }
        for child in open {
            try? await child.close()
        }
    }
}

/// Runs `body` with a fresh server and shuts it down afterwards, also when `body` throws.
func withTestServer<T>(_ body: (TestHTTPServer) async throws -> T) async throws -> T {
    let server = try await TestHTTPServer.start()
    do {
        let result = try await body(server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

enum TestServerError: Error {
    case noPort
}

/// What the server has seen; tests read a snapshot or wait for a condition.
final class ServerStats: Sendable {
    struct Snapshot: Sendable {
        var connectionsOpened = 0
        var connectionsClosed = 0
        var requests = 0
        var inFlight = 0
        var maxInFlight = 0
        var proxiedRequests = 0
        var paths: [String] = []
    }

    private struct Waiter {
        let isSatisfied: @Sendable (Snapshot) -> Bool
        let continuation: CheckedContinuation<Void, Never>
    }

    private let state = Mutex<(snapshot: Snapshot, waiters: [Waiter])>((Snapshot(), []))

    var snapshot: Snapshot { state.withLock { $0.snapshot } }

    func update(_ change: (inout Snapshot) -> Void) {
        let ready: [CheckedContinuation<Void, Never>] = state.withLock { state in
            change(&state.snapshot)
            let snapshot = state.snapshot
            var ready: [CheckedContinuation<Void, Never>] = []
            state.waiters.removeAll { waiter in
                guard waiter.isSatisfied(snapshot) else { return false }
                ready.append(waiter.continuation)
                return true
            }
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    /// Returns once `condition` holds (at once if it already does). Tests bound this with `.timeLimit`.
    func wait(until condition: @escaping @Sendable (Snapshot) -> Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let satisfied = state.withLock { state in
                if condition(state.snapshot) { return true }
                state.waiters.append(Waiter(isSatisfied: condition, continuation: continuation))
                return false
            }
            if satisfied { continuation.resume() }
        }
    }
}

private final class ChildRegistry: Sendable {
    let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        channels.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [self] _ in
            _ = channels.withLock { $0.removeValue(forKey: id) }
        }
    }
}

/// Shuts the socket's output down before every full close, so the client sees the server close (FIN) at once.
///
/// `close()` alone sends no FIN while another process holds a copy of the socket: NIO accepts without close-on-exec,
/// and a child process that any test of this shared test process spawns at that moment inherits it. The client then
/// finds the "closed" connection alive, reuses it, and waits its whole timeout for an answer nobody sends (once on CI,
/// `idleConnectionClosedByTheServerIsReplacedTransparently`). `shutdown()` acts on the connection itself, whoever
/// else holds the descriptor.
private final class FinBeforeClose: ChannelOutboundHandler {
    typealias OutboundIn = Never

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode == .all {
            context.close(mode: .output, promise: nil)
        }
        context.close(mode: mode, promise: promise)
    }
}

/// One connection's request handling. Runs on the channel's event loop only.
private final class TestHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let stats: ServerStats
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(stats: ServerStats) {
        self.stats = stats
    }

    func channelActive(context: ChannelHandlerContext) {
        stats.update { $0.connectionsOpened += 1 }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stats.update { $0.connectionsClosed += 1 }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            self.head = nil
            stats.update {
                $0.requests += 1
                $0.inFlight += 1
                $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
                $0.paths.append(head.uri)
            }
            route(context: context, head: head, body: body)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func route(context: ChannelHandlerContext, head: HTTPRequestHead, body: [UInt8]) {
        let (path, query) = Self.split(head.uri)
        let parts = path.split(separator: "/").map(String.init)
        if head.uri.hasPrefix("http://") {
            stats.update { $0.proxiedRequests += 1 }
            respond(context, head, status: .ok, body: Array("via proxy".utf8))
            return
        }
        switch (parts.first ?? "", parts.count > 1 ? parts[1] : "") {
        case ("echo", _):
            var headers = HTTPHeaders()
            headers.add(name: "x-method", value: head.method.rawValue)
            headers.add(name: "x-uri", value: head.uri)
            headers.add(name: "x-body-length", value: String(body.count))
            for (name, value) in head.headers {
                headers.add(name: "x-echo-\(name.lowercased())", value: value)
            }
            respond(context, head, status: .ok, headers: headers, body: body)
        case ("status", let code):
            let status = HTTPResponseStatus(statusCode: Int(code) ?? 500)
            let hasBody = status.code != 204 && status.code != 304
            respond(context, head, status: status, body: hasBody ? Array("status \(code)".utf8) : [])
        case ("delay", let milliseconds):
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(milliseconds) ?? 0)) {
                self.respond(context, head, status: .ok, body: Array("delayed".utf8))
            }
        case ("hang", _):
            break
        case ("drop", _):
            var headers = HTTPHeaders()
            headers.add(name: "content-length", value: "1000")
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))),
                promise: nil
            )
            context.writeAndFlush(
                wrapOutboundOut(.body(.byteBuffer(ByteBuffer(repeating: 0x61, count: 10)))),
                promise: nil
            )
            context.close(promise: nil)
        case ("close", _):
            context.close(promise: nil)
        case ("then-close", _):
            // Answers as if keeping the connection, then drops it while idle (as a load balancer's idle timeout does).
            respond(context, head, status: .ok, body: Array("bye".utf8))
            context.close(promise: nil)
        case ("set-cookie", _):
            var headers = HTTPHeaders()
            headers.add(name: "set-cookie", value: "session=secret-session-id; Path=/; HttpOnly")
            headers.add(name: "set-cookie", value: "glide_user_route=route-1; Path=/")
            respond(context, head, status: .ok, headers: headers, body: Array("cookie set".utf8))
        case ("big", let size):
            respond(context, head, status: .ok, body: [UInt8](repeating: 0x62, count: Int(size) ?? 0))
        case ("big-chunked", let size):
            sendChunked(context, head, count: Int(size) ?? 0)
        case ("redirect", _):
            var headers = HTTPHeaders()
            let target = query.hasPrefix("to=") ? String(query.dropFirst(3)) : "/echo"
            headers.add(name: "location", value: target)
            respond(context, head, status: .found, headers: headers, body: Array("moved".utf8))
        case ("gzip", _):
            var headers = HTTPHeaders()
            headers.add(name: "content-encoding", value: "gzip")
            respond(context, head, status: .ok, headers: headers, body: Self.helloGzip)
        case ("continue", _):
            var informational = HTTPHeaders()
            informational.add(name: "x-informational", value: "1")
            context.write(
                wrapOutboundOut(
                    .head(HTTPResponseHead(version: head.version, status: .continue, headers: informational))
                ),
                promise: nil
            )
            var headers = HTTPHeaders()
            headers.add(name: "x-final", value: "1")
            respond(context, head, status: .ok, headers: headers, body: Array("final".utf8))
        case ("headers", let count):
            var headers = HTTPHeaders()
            for index in 0..<(Int(count) ?? 0) {
                headers.add(name: "x-h-\(index)", value: String(repeating: "h", count: 100))
            }
            respond(context, head, status: .ok, headers: headers, body: Array("many headers".utf8))
        default:
            respond(context, head, status: .notFound, body: Array("no route".utf8))
        }
    }

    private func respond(
        _ context: ChannelHandlerContext,
        _ request: HTTPRequestHead,
        status: HTTPResponseStatus,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8]
    ) {
        var headers = headers
        headers.replaceOrAdd(name: "content-length", value: String(body.count))
        if !request.isKeepAlive {
            headers.replaceOrAdd(name: "connection", value: "close")
        }
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))),
            promise: nil
        )
        if !body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        }
        finish(context, request)
    }

    private func sendChunked(_ context: ChannelHandlerContext, _ request: HTTPRequestHead, count: Int) {
        var headers = HTTPHeaders()
        headers.add(name: "transfer-encoding", value: "chunked")
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: .ok, headers: headers))),
            promise: nil
        )
        var remaining = count
        while remaining > 0 {
            let size = min(remaining, 8192)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(repeating: 0x63, count: size)))), promise: nil)
            remaining -= size
        }
        finish(context, request)
    }

    private func finish(_ context: ChannelHandlerContext, _ request: HTTPRequestHead) {
        stats.update { $0.inFlight -= 1 }
        let keepAlive = request.isKeepAlive
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            if !keepAlive { context.close(promise: nil) }
        }
    }

    private static func split(_ uri: String) -> (path: String, query: String) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri, "") }
        return (String(uri[..<mark]), String(uri[uri.index(after: mark)...]))
    }

    /// `printf 'hello, gzip' | gzip -9n`.
    static let helloGzip: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48,
        0xcd, 0xc9, 0xc9, 0xd7, 0x51, 0x48, 0xaf, 0xca, 0x2c, 0x00, 0x00, 0x4a,
        0x9b, 0xb1, 0x5c, 0x0b, 0x00, 0x00, 0x00,
    ]
}
