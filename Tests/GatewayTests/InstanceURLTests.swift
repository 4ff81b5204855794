import Testing

@testable import Gateway

@Suite struct InstanceURLTests {
    /// Accepted inputs and their normal form, with http on loopback allowed.
    static let accepted: [(String, String)] = [
        ("https://acme.service-now.com", "https://acme.service-now.com"),
        ("https://acme.service-now.com/", "https://acme.service-now.com"),
        ("  https://acme.service-now.com  ", "https://acme.service-now.com"),
        ("HTTPS://ACME.Service-Now.COM", "https://acme.service-now.com"),
        ("https://acme.service-now.com:443", "https://acme.service-now.com"),
        ("https://acme.service-now.com:8443", "https://acme.service-now.com:8443"),
        ("https://10.1.2.3", "https://10.1.2.3"),
        ("https://[2001:db8::1]:9443/", "https://[2001:db8::1]:9443"),
        ("http://127.0.0.1:8081", "http://127.0.0.1:8081"),
        ("http://127.10.0.1", "http://127.10.0.1"),
        ("http://localhost:8081/", "http://localhost:8081"),
        ("http://LOCALHOST:80", "http://localhost"),
        ("http://[::1]:8081", "http://[::1]:8081"),
        ("http://[0:0:0:0:0:0:0:1]:8081", "http://[0:0:0:0:0:0:0:1]:8081"),
    ]

    @Test(arguments: accepted)
    func normalises(input: String, expected: String) throws {
        #expect(try InstanceURL.normalize(input, allowHTTPLoopback: true) == expected)
    }

    /// Refused inputs, with the words the admin's message must contain.
    static let refused: [(String, String)] = [
        ("", "empty"),
        ("acme.service-now.com", "https://"),
        ("ftp://acme.service-now.com", "https://"),
        ("http://acme.service-now.com", "must use https://"),
        ("http://10.0.0.1", "must use https://"),
        ("http://127.0.0.1.example.com", "must use https://"),
        ("https://admin:pw@acme.service-now.com", "user name or password"),
        ("https://acme.service-now.com@evil.example", "user name or password"),
        ("https://acme.service-now.com/navpage.do", "path"),
        ("https://acme.service-now.com/?x=1", "query"),
        ("https://acme.service-now.com#top", "fragment"),
        ("https://acme.service-now.com:0", "port"),
        ("https://acme.service-now.com:65536", "port"),
        ("https://acme.service-now.com:-1", "port"),
        ("https://acme service-now.com", "spaces"),
        ("https://acme_now.com", "letters, digits"),
        ("https://-acme.com", "letters, digits"),
        ("https://acme..com", "letters, digits"),
        ("https://", "host is missing"),
        ("https://[::1", "closing bracket"),
        ("https://1.2.3.999", "letters, digits"),
        ("https://ácme.com", "non-ASCII"),
    ]

    @Test(arguments: refused)
    func refuses(input: String, words: String) {
        #expect {
            try InstanceURL.normalize(input, allowHTTPLoopback: true)
        } throws: { error in
            guard let failure = error as? InstanceURL.Failure else { return false }
            return failure.message.contains(words)
        }
    }

    @Test func httpOnLoopbackNeedsTheFlag() {
        #expect {
            try InstanceURL.normalize("http://127.0.0.1:8081", allowHTTPLoopback: false)
        } throws: { error in
            (error as? InstanceURL.Failure)?.message.contains("--allow-http-loopback-instance") == true
        }
        #expect(throws: Never.self) {
            try InstanceURL.normalize("https://127.0.0.1:8443", allowHTTPLoopback: false)
        }
    }
}
