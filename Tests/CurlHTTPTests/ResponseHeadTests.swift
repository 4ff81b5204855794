import Testing

@testable import CurlHTTP

@Suite struct ResponseHeadTests {
    private func feed(_ lines: [String], maxBytes: Int = 10_000) -> (ResponseHead, [ResponseHead.Action]) {
        var head = ResponseHead(maxBytes: maxBytes)
        var actions: [ResponseHead.Action] = []
        for line in lines {
            let bytes = Array(line.utf8)
            actions.append(bytes.withUnsafeBytes { head.consume($0) })
        }
        return (head, actions)
    }

    @Test func collectsFieldsInOrderWithTrimmedValues() {
        let (head, _) = feed([
            "HTTP/1.1 200 OK\r\n",
            "Content-Type:  application/json \r\n",
            "Set-Cookie: a=1\r\n",
            "set-cookie: b=2\r\n",
            "X-Total-Count: 42\r\n",
            "Content-Length: 17\r\n",
            "\r\n",
        ])
        #expect(
            head.fields == [
                CurlHeader(name: "Content-Type", value: "application/json"),
                CurlHeader(name: "Set-Cookie", value: "a=1"),
                CurlHeader(name: "set-cookie", value: "b=2"),
                CurlHeader(name: "X-Total-Count", value: "42"),
                CurlHeader(name: "Content-Length", value: "17"),
            ]
        )
        #expect(head.fields.values(named: "SET-COOKIE") == ["a=1", "b=2"])
        #expect(head.fields.value(named: "x-total-count") == "42")
        #expect(head.contentLength == 17)
    }

    @Test func keepsOnlyTheFinalBlock() {
        let (head, _) = feed([
            "HTTP/1.1 100 Continue\r\n", "X-Informational: 1\r\n", "\r\n",
            "HTTP/1.1 200 Connection established\r\n", "Via: proxy\r\n", "\r\n",
            "HTTP/2 201 \r\n", "Location: /x\r\n", "\r\n",
        ])
        #expect(head.fields == [CurlHeader(name: "Location", value: "/x")])
    }

    @Test func ignoresTrailersAndJoinsFoldedLines() {
        let (head, _) = feed([
            "HTTP/1.1 200 OK\r\n", "X-Long: first\r\n", "   second\r\n", "\r\n",
            "X-Trailer: checksum\r\n", "\r\n",
        ])
        #expect(head.fields == [CurlHeader(name: "X-Long", value: "first second")])
    }

    @Test func skipsMalformedLinesAndEmptyValues() {
        let (head, _) = feed(["HTTP/1.1 200 OK\n", "no colon here\n", ": no name\n", "X-Empty:\n", "\n"])
        #expect(head.fields == [CurlHeader(name: "X-Empty", value: "")])
    }

    @Test func refusesOnceOverTheByteLimit() {
        let (head, actions) = feed(["HTTP/1.1 200 OK\r\n", "X-A: 1234567890\r\n", "X-B: 1234567890\r\n"], maxBytes: 40)
        #expect(actions == [.accept, .accept, .refuse])
        #expect(head.exceededLimit)
    }
}
