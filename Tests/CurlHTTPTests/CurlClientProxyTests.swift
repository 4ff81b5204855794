import CCurl
import CurlHTTP
import Foundation
import Testing

/// Proxies: the configured one is used, the environment's never.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct CurlClientProxyTests {
    @Test func configuredProxyIsUsed() async throws {
        try await withTestServer { proxy in
            try await withClient({ $0.proxyURL = proxy.url("") }) { client in
                // Port 9 (discard) has no server: only the proxy can answer.
                let response = try await client.execute(CurlRequest(url: "http://127.0.0.1:9/api/now/table/incident"))
                #expect(response.text == "via proxy")
                #expect(proxy.stats.snapshot.proxiedRequests == 1)
                #expect(proxy.stats.snapshot.paths == ["http://127.0.0.1:9/api/now/table/incident"])
            }
        }
    }

    /// libcurl reads `http_proxy` unless told otherwise; a stray variable must never route users' tokens elsewhere.
    ///
    /// This changes the process environment, which other tests running at the same time share: the variables
    /// point at a server that only this test counts, and are removed again at the end. Only libcurl reads them, and
    /// ``CurlClient`` never lets it.
    @Test func proxyEnvironmentVariablesAreIgnored() async throws {
        try await withTestServer { proxy in
            try await withTestServer { target in
                let names: [String] = ["http_proxy", "no_proxy", "NO_PROXY"]
                let saved = names.map { ($0, getenv($0).map { String(cString: $0) }) }
                setenv("http_proxy", proxy.url(""), 1)
                setenv("no_proxy", "", 1)
                setenv("NO_PROXY", "", 1)
                defer {
                    for (name, value) in saved {
                        if let value { setenv(name, value, 1) } else { unsetenv(name) }
                    }
                }

                // The control: plain libcurl does go through the variable's proxy, so this test can fail.
                let controlCode = await plainLibcurlGet(target.url("/echo"))
                #expect(controlCode == 0)
                #expect(proxy.stats.snapshot.proxiedRequests == 1)
                #expect(target.stats.snapshot.requests == 0)

                try await withClient { client in
                    let response = try await client.execute(CurlRequest(url: target.url("/echo")))
                    #expect(response.status == 200)
                    #expect(response.headers.value(named: "x-uri") == "/echo")
                }
                #expect(proxy.stats.snapshot.proxiedRequests == 1)
                #expect(target.stats.snapshot.requests == 1)
            }
        }
    }
}

/// A GET with a bare libcurl easy handle and its defaults (so environment proxies apply), on a thread of its own
/// because `curl_easy_perform` blocks. Returns the `CURLcode`.
private func plainLibcurlGet(_ url: String) async -> UInt32 {
    await withCheckedContinuation { (continuation: CheckedContinuation<UInt32, Never>) in
        let thread = Thread {
            guard let handle = curl_easy_init() else {
                continuation.resume(returning: CURLE_OUT_OF_MEMORY.rawValue)
                return
            }
            defer { curl_easy_cleanup(handle) }
            _ = url.withCString { ccurl_easy_setopt_string(handle, CURLOPT_URL, $0) }
            _ = ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
            _ = ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, 5_000)
            _ = ccurl_easy_setopt_write_callback(handle) { _, size, count, _ in size * count }
            continuation.resume(returning: curl_easy_perform(handle).rawValue)
        }
        thread.start()
    }
}
