import Testing

@testable import CurlHTTP

@Suite struct PreparedRequestTests {
    @Test func mapsMethodsAndBodiesOntoLibcurlModes() throws {
        func mode(_ method: CurlRequest.Method, _ body: [UInt8]?) throws -> PreparedRequest.Mode {
            try PreparedRequest(
                CurlRequest(method: method, url: "https://x.test/", body: body),
                defaultTimeout: .seconds(1)
            )
            .mode
        }
        #expect(try mode(.get, nil) == .get)
        #expect(try mode(.head, nil) == .head)
        #expect(try mode(.delete, nil) == .custom)
        #expect(try mode(.post, nil) == .body([]))
        #expect(try mode(.put, nil) == .body([]))
        #expect(try mode(.patch, [1, 2]) == .body([1, 2]))
        #expect(try mode(.get, [1]) == .body([1]))
    }

    @Test func addsEmptyExpectAndContentTypeOnlyForBodies() throws {
        let post = try PreparedRequest(
            CurlRequest(method: .post, url: "https://x.test/", headers: [CurlHeader(name: "A", value: "b")], body: [1]),
            defaultTimeout: .seconds(1)
        )
        #expect(post.headerLines == ["A: b", "Expect:", "Content-Type:"])

        let typed = try PreparedRequest(
            CurlRequest(
                method: .post,
                url: "https://x.test/",
                headers: [CurlHeader(name: "content-type", value: "application/json")],
                body: [1]
            ),
            defaultTimeout: .seconds(1)
        )
        #expect(typed.headerLines == ["content-type: application/json", "Expect:"])

        let get = try PreparedRequest(
            CurlRequest(url: "https://x.test/", headers: [CurlHeader(name: "X-Empty", value: "")]),
            defaultTimeout: .seconds(1)
        )
        #expect(get.headerLines == ["X-Empty;"])
    }

    @Test func timeoutRoundsUpToWholeMilliseconds() throws {
        func milliseconds(_ timeout: Duration?) throws -> Int {
            try PreparedRequest(CurlRequest(url: "http://x.test/", timeout: timeout), defaultTimeout: .seconds(10))
                .timeoutMilliseconds
        }
        #expect(try milliseconds(nil) == 10_000)
        #expect(try milliseconds(.milliseconds(200)) == 200)
        #expect(try milliseconds(.microseconds(1)) == 1)
        #expect(try milliseconds(.microseconds(1500)) == 2)
        #expect(try milliseconds(.seconds(1_000_000_000)) == Int(Int32.max))
    }

    @Test(arguments: [
        "HTTP://x.test/", "https://x.test", "http://127.0.0.1:8080/api/now/table/incident?sysparm_limit=1",
    ])
    func acceptsAbsoluteHTTPURLs(url: String) throws {
        _ = try PreparedRequest(CurlRequest(url: url), defaultTimeout: .seconds(1))
    }
}
