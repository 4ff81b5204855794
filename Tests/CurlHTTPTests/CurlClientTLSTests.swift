import CurlHTTP
import Foundation
import Testing

/// TLS verification for real, against `openssl s_server` with a throwaway self-signed certificate.
@Suite(.timeLimit(.minutes(1)), .enabled(if: OpenSSLTestServer.isAvailable))
struct CurlClientTLSTests {
    @Test func untrustedCertificateIsRefused() async throws {
        try await OpenSSLTestServer.with { server in
            try await withClient { client in
                let error = await curlError { try await client.execute(CurlRequest(url: server.url)) }
                #expect(error?.code == .tlsFailure)
                #expect(error?.curlCode == 60)
                #expect(error?.message.contains("certificate") == true)
            }
        }
    }

    @Test func certificateTrustedThroughTheCABundle() async throws {
        try await OpenSSLTestServer.with { server in
            try await withClient({ $0.caBundlePath = server.certificatePath }) { client in
                let response = try await client.execute(CurlRequest(url: server.url))
                #expect(response.status == 200)
                #expect(response.timing.tlsHandshake > .zero)
            }
        }
    }

    @Test func hostNameMismatchIsRefusedEvenWithTheCA() async throws {
        try await OpenSSLTestServer.with { server in
            try await withClient({ $0.caBundlePath = server.certificatePath }) { client in
                // The certificate names IP 127.0.0.1 only.
                let url = "https://localhost:\(server.port)/"
                let error = await curlError { try await client.execute(CurlRequest(url: url)) }
                #expect(error?.code == .tlsFailure)
            }
        }
    }

    @Test func plainHTTPServerOnAnHTTPSURLIsATLSFailure() async throws {
        try await withTestServer { server in
            try await withClient { client in
                let url = "https://127.0.0.1:\(server.port)/echo"
                let error = await curlError { try await client.execute(CurlRequest(url: url)) }
                #expect(error?.code == .tlsFailure)
            }
        }
    }
}
