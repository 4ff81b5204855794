import Foundation
import Gateway
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The graceful drain of a real `snowgate serve` process on SIGTERM (`ConnectionDrain`): new connections are
/// refused at once, but a keep-alive connection that was idle at the signal still carries one more request, so a
/// load balancer that was about to send on it never sees the connection closed under its request.
@Suite struct GracefulDrainTests {
    /// A gateway process with the given drain grace, and keep-alive connections to it that have each carried one
    /// request and are now idle, as in a load balancer's pool.
    private static func start(
        grace: String,
        connections count: Int,
        harness: GatewayHarness
    ) async throws -> (GatewayProcess, port: Int, [RawConnection]) {
        let process = try await GatewayProcess.start(
            environment: [
                "SNOWGATE_DATABASE": harness.directory.file("drain.sqlite"),
                "SNOWGATE_DATA_KEY": harness.keyText,
                "SNOWGATE_AUTH_SECRET": harness.authSecret,
                "SNOWGATE_DRAIN_GRACE": grace,
            ],
            logPath: harness.directory.file("gateway.log")
        )
        let port = try #require(URLComponents(string: process.baseURL)?.port)
        let connections = try (0..<count).map { _ in try RawConnection(port: port, readTimeout: .seconds(30)) }
        for connection in connections {
            #expect(connection.send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n"))
            let response = try connection.readResponse()
            #expect(response.status == 200)
            #expect(response.headers["connection"] != "close")
        }
        return (process, port, connections)
    }

    /// Sends SIGTERM and waits until the listener refuses connections (the drain has begun).
    private static func beginDrain(_ process: GatewayProcess, port: Int) async throws {
        process.signalTerminate()
        let refusing = ContinuousClock.now + .seconds(20)
        while RawConnection.accepts(port: port), ContinuousClock.now < refusing {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(!RawConnection.accepts(port: port), "the listener still accepts connections after SIGTERM")
    }

    @Test func anIdleKeepAliveConnectionServesOneMoreRequestAfterSIGTERMThenCloses() async throws {
        let harness = try GatewayHarness()
        // A grace far longer than the test, so a slow machine cannot end it before the POST is sent.
        let (process, port, connections) = try await Self.start(grace: "120", connections: 3, harness: harness)
        let token = harness.signer.sign(
            subject: "abel.tuter",
            roles: [],
            issuedAt: Date(),
            expiresAt: Date().addingTimeInterval(600)
        )
        try await Self.beginDrain(process, port: port)

        // A GraphQL POST on a connection that was idle at the signal is answered, and the connection then closed.
        let query = #"{"query":"{ viewer { isAdmin serviceNow { connected } } }"}"#
        let post = connections[0]
        #expect(
            post.send(
                "POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer \(token)\r\nContent-Length: \(query.utf8.count)\r\n\r\n\(query)"
            )
        )
        let answer = try post.readResponse()
        #expect(answer.status == 200)
        #expect(answer.body == #"{"data":{"viewer":{"isAdmin":false,"serviceNow":{"connected":false}}}}"#)
        #expect(answer.headers["connection"] == "close")
        #expect(post.isClosedByServer())

        // Readiness fails while draining, so an orchestrator sends nothing more.
        let ready = connections[1]
        #expect(ready.send("GET /readyz HTTP/1.1\r\nHost: gateway\r\n\r\n"))
        let readiness = try ready.readResponse()
        #expect(readiness.status == 503)
        #expect(readiness.body.contains("draining"))
        #expect(readiness.headers["connection"] == "close")
        #expect(ready.isClosedByServer())

        // Once the client closes the last connection the drain is over, long before its grace: the process exits 0.
        connections[2].close()
        #expect(await process.waitForExit(within: .seconds(30)) == 0)
        let log = try String(contentsOfFile: process.logPath, encoding: .utf8)
        #expect(!log.contains("error"), "\(log)")
    }

    @Test func anIdleConnectionIsClosedWhenTheGraceEnds() async throws {
        let harness = try GatewayHarness()
        let (process, port, connections) = try await Self.start(grace: "1", connections: 1, harness: harness)
        try await Self.beginDrain(process, port: port)
        // Nobody uses it: the gateway closes it when the grace period ends, and exits 0.
        #expect(connections[0].isClosedByServer(), "the idle connection was not closed within the read timeout")
        #expect(await process.waitForExit(within: .seconds(30)) == 0)
    }
}
