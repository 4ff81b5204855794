import JSON
import Testing

@_spi(Fuzzing) @testable import Gateway

@Suite struct MediaTypeTests {
    static let negotiations: [(String?, ResponseMediaType?)] = [
        (nil, .json),
        ("", .json),
        ("*/*", .json),
        ("application/*", .json),
        ("application/json", .json),
        ("application/graphql-response+json", .graphQLResponse),
        ("application/graphql-response+json, application/json", .graphQLResponse),
        ("application/json, application/graphql-response+json", .graphQLResponse),
        ("application/graphql-response+json;q=0.9, application/json", .json),
        ("application/json;q=0.5, application/graphql-response+json", .graphQLResponse),
        ("APPLICATION/GRAPHQL-RESPONSE+JSON", .graphQLResponse),
        ("text/html, */*;q=0.1", .json),
        ("text/html", nil),
        ("application/json;q=0", nil),
        ("application/xml, text/plain", nil),
    ]

    @Test(arguments: negotiations)
    func negotiates(accept: String?, expected: ResponseMediaType?) {
        #expect(ResponseMediaType.negotiate(accept: accept) == expected)
    }

    static let contentTypes: [(String?, Bool)] = [
        ("application/json", true),
        ("Application/JSON", true),
        ("application/json; charset=utf-8", true),
        ("application/json;charset=\"UTF-8\"", true),
        ("application/json; charset=latin1", false),
        ("application/graphql", false),
        ("text/plain", false),
        ("application/x-www-form-urlencoded", false),
        ("multipart/form-data; boundary=x", false),
        (nil, false),
    ]

    @Test(arguments: contentTypes)
    func acceptsOnlyJSONBodies(contentType: String?, accepted: Bool) {
        #expect(GraphQLHTTPDecoding.isJSONContentType(contentType) == accepted)
    }

    @Test func decodesAGetQueryString() throws {
        let request = try GraphQLHTTPDecoding.decodeQueryString(
            "query=query%20Q(%24n%3A%20Int)%20%7B%20a%20%7D&variables=%7B%22n%22%3A1%7D&operationName=Q",
            maxDepth: 8
        )
        #expect(request.query == "query Q($n: Int) { a }")
        #expect(request.variables == ["n": 1])
        #expect(request.operationName == "Q")
    }

    static let badBodies: [String] = [
        "",
        "{",
        "[]",
        "{\"query\": 1}",
        "{}",
        "{\"query\": null}",
        "{\"query\": \"{ a }\", \"variables\": []}",
        "{\"query\": \"{ a }\", \"variables\": \"{}\"}",
        "{\"query\": \"{ a }\", \"operationName\": 3}",
        "{\"query\": \"{ a }\", \"extensions\": true}",
        "{\"query\": \"{ a }\", \"variables\": [[[[[[[[[[[[]]]]]]]]]]]]}",
    ]

    @Test(arguments: badBodies)
    func refusesMalformedBodiesWith400(body: String) {
        #expect {
            try GraphQLHTTPDecoding.decodeBody(Array(body.utf8), maxDepth: 8)
        } throws: { error in
            guard let refusal = error as? GraphQLHTTPDecoding.Refusal else { return false }
            return refusal.status == 400 && refusal.error.code == .badRequest
        }
    }

    @Test func nullsAreAbsent() throws {
        let request = try GraphQLHTTPDecoding.decodeBody(
            Array(#"{"query":"{ a }","variables":null,"operationName":null,"extensions":null}"#.utf8),
            maxDepth: 8
        )
        #expect(request == GraphQLRequestParameters(query: "{ a }"))
    }
}
