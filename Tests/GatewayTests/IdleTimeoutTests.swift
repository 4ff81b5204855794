import Foundation
import Testing

/// `--idle-timeout` on a real `snowgate serve`: a connection that stays silent — idle between requests, or stalled in
/// the middle of one (slowloris) — is closed once the timeout passes, so such connections cannot pile up.
@Suite struct IdleTimeoutTests {
    @Test func silentConnectionsAreClosedAfterTheIdleTimeout() async throws {
        let harness = try GatewayHarness()
        let process = try await GatewayProcess.start(
            environment: [
                "SNOWGATE_DATABASE": harness.directory.file("idle.sqlite"),
                "SNOWGATE_DATA_KEY": harness.keyText,
                "SNOWGATE_AUTH_SECRET": harness.authSecret,
                "SNOWGATE_IDLE_TIMEOUT": "1",
            ],
            logPath: harness.directory.file("gateway.log")
        )
        let port = try #require(URLComponents(string: process.baseURL)?.port)

        let idle = try RawConnection(port: port, readTimeout: .seconds(8))
        // Before the first request: the server's idle clock starts no earlier than its answer.
        let started = ContinuousClock.now
        #expect(idle.send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n"))
        #expect(try idle.readResponse().status == 200)
        let stalled = try RawConnection(port: port, readTimeout: .seconds(8))
        // A request head that never ends.
        #expect(stalled.send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n"))

        #expect(idle.isClosedByServer(), "an idle keep-alive connection was still open after 8 s")
        #expect(stalled.isClosedByServer(), "a stalled request was still open after 8 s")
        // Closed by the timeout, not at once.
        #expect(ContinuousClock.now - started >= .milliseconds(500))
        #expect(await process.terminate() == 0)
    }
}
