import CurlHTTP
import Foundation
import Synchronization
import Testing

/// `connectAddressFilter` judges the address each new connection goes to, after name resolution: a refused address
/// is never connected to and the request fails with `addressRefused`; an allowed one goes through.
@Suite struct ConnectAddressFilterTests {
    @Test func aRefusedAddressIsNeverConnectedTo() async throws {
        try await withTestServer { server in
            let seen = Mutex<[CurlSocketAddress]>([])
            try await withClient({ configuration in
                configuration.connectAddressFilter = { address in
                    seen.withLock { $0.append(address) }
                    return false
                }
            }) { client in
                let error = await curlError { try await client.execute(CurlRequest(url: server.url("/status/200"))) }
                #expect(error?.code == .addressRefused)
                #expect(error?.message.contains("127.0.0.1") == true)
            }
            #expect(seen.withLock { $0 }.map(\.description) == ["127.0.0.1"])
            // Nothing reached the server.
            #expect(server.stats.snapshot.requests == 0 && server.stats.snapshot.connectionsOpened == 0)
        }
    }

    @Test func aHostNameIsJudgedByTheAddressItResolvesTo() async throws {
        try await withTestServer { server in
            let seen = Mutex<[CurlSocketAddress]>([])
            try await withClient({ configuration in
                configuration.connectAddressFilter = { address in
                    seen.withLock { $0.append(address) }
                    return address.isIPv4 && address.bytes[0] == 127
                }
            }) { client in
                // `localhost` may resolve to ::1 first (refused here) and then 127.0.0.1 (allowed): libcurl moves on.
                let url = server.url("/status/200").replacingOccurrences(of: "127.0.0.1", with: "localhost")
                let response = try await client.execute(CurlRequest(url: url))
                #expect(response.status == 200)
            }
            #expect(seen.withLock { $0 }.contains { $0.description == "127.0.0.1" })
        }
    }

    @Test func socketAddressesPrintAsAddresses() throws {
        #expect(try #require(CurlSocketAddress(bytes: [169, 254, 169, 254])).description == "169.254.169.254")
        let v6 = try #require(CurlSocketAddress(bytes: [0xFE, 0x80] + [UInt8](repeating: 0, count: 13) + [1]))
        #expect(v6.description == "fe80:0:0:0:0:0:0:1")
        #expect(CurlSocketAddress(bytes: [1, 2, 3]) == nil)
    }
}
