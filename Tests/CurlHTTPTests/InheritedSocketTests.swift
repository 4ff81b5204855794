import CurlHTTP
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Connections whose socket is also held elsewhere. `swift test` runs every suite in one process, and a child that
/// any test spawns holds a copy of each descriptor not marked close-on-exec; while a copy is open, closing a socket
/// sends no FIN. That is how `idleConnectionClosedByTheServerIsReplacedTransparently` once waited 10 s on CI: the
/// test server's "closed" socket was still open in a gateway process another test had spawned, so libcurl found the
/// connection alive, reused it and sent the POST to nobody.
@Suite(.timeLimit(.minutes(1)))
struct InheritedSocketTests {
    @Test func theClientsConnectionsAreNotInheritedByChildProcesses() async throws {
        try await withTestServer { server in
            try await withClient { client in
                _ = try await client.execute(CurlRequest(url: server.url("/echo")))
                // The idle keep-alive connection, from the client's side.
                let connection = Set(OpenSockets.ofThisProcess().filter { $0.peerPort == server.port }.map(\.socket))
                try #require(!connection.isEmpty)
                // A socket without close-on-exec, to show that the child does inherit what it may.
                let control = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                try #require(control >= 0)
                defer { close(control) }
                let controlSocket = try #require(OpenSockets.socket(of: control))

                let held = try ChildProcess.withInheritingChild { OpenSockets.held(by: $0) }
                #expect(held.contains(controlSocket))
                #expect(held.isDisjoint(with: connection))
            }
        }
    }

    @Test func idleConnectionClosedByTheServerIsReplacedEvenWhileACopyOfItsSocketIsOpen() async throws {
        try await withTestServer { server in
            try await withClient { client in
                _ = try await client.execute(CurlRequest(url: server.url("/echo")))
                // A second descriptor of the server's side of that connection, as a spawned child would hold.
                let serverSide = try #require(
                    OpenSockets.ofThisProcess().first { $0.localPort == server.port && $0.peerPort != nil }
                )
                let copy = dup(serverSide.descriptor)
                try #require(copy >= 0)
                defer { close(copy) }
                try #require(OpenSockets.socket(of: copy) == serverSide.socket)

                // Reuses the connection; the server answers, then closes it.
                let first = try await client.execute(CurlRequest(url: server.url("/then-close")))
                #expect(first.connectionReused)
                await server.stats.wait { $0.connectionsClosed == 1 }
                // Unless the server's close sends the FIN itself, the POST goes out on the connection the copy keeps
                // open and waits for its whole timeout.
                let second = try await client.execute(
                    CurlRequest(method: .post, url: server.url("/echo"), body: [7], timeout: .seconds(5))
                )
                #expect(second.status == 200)
                #expect(second.body == [7])
                #expect(!second.connectionReused)
                #expect(server.stats.snapshot.connectionsOpened == 2)
            }
        }
    }
}
