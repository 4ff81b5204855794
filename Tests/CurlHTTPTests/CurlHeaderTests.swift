import CurlHTTP
import Testing

@Suite struct CurlHeaderTests {
    @Test func lookupIgnoresCase() {
        let headers = [
            CurlHeader(name: "X-Total-Count", value: "7"),
            CurlHeader(name: "Link", value: "<a>"),
            CurlHeader(name: "link", value: "<b>"),
        ]
        #expect(headers.value(named: "x-total-count") == "7")
        #expect(headers.values(named: "LINK") == ["<a>", "<b>"])
        #expect(headers.value(named: "missing") == nil)
        #expect(headers.value(named: "X-Total-Coun") == nil)
        #expect(CurlHeader(name: "ÄB", value: "").hasName("äb") == false)
    }

    @Test func credentialValuesAreRedactedWhenPrinted() {
        let authorization = CurlHeader(name: "Authorization", value: "Bearer secret-token")
        let cookie = CurlHeader(name: "set-cookie", value: "JSESSIONID=secret-session")
        #expect("\(authorization)" == "Authorization: <redacted>")
        #expect(String(reflecting: cookie) == "set-cookie: <redacted>")
        #expect("\(CurlHeader(name: "Accept", value: "application/json"))" == "Accept: application/json")

        let request = CurlRequest(method: .post, url: "https://x.test/", headers: [authorization], body: [1, 2])
        for text in ["\(request)", String(reflecting: request), dumped(request)] {
            #expect(!text.contains("secret-token"))
        }
        #expect("\(request)" == "POST https://x.test/ headers: [Authorization] body: 2 bytes")
        let response = CurlResponse(status: 200, headers: [cookie], body: [])
        #expect(!"\(response)".contains("secret-session"))
    }

    private func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
