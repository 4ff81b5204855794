import JSON
import ServiceNowSimulator
import Testing

/// One running simulator per test, with helpers to call it the way a client would.
struct SimulatorFixture: Sendable {
    static let clientID = "test-client"
    static let clientSecret = "test-secret"
    static let redirectURL = "http://127.0.0.1:9/callback"
    static let otherRedirectURL = "http://127.0.0.1:9/other"

    static let application = OAuthApplication(
        clientID: clientID,
        clientSecret: clientSecret,
        redirectURLs: [redirectURL, otherRedirectURL]
    )

    let running: RunningSimulator
    let http = TestHTTPClient()

    var baseURL: String { running.baseURL }
    var control: SimulatorControl { running.control }
    var seed: SimulatorSeed { running.seed }

    /// Runs `body` against a fresh simulator with the test client registered.
    static func run(
        clock: any SimulatorClock = ManualClock(start: SimulatorSeed.epoch),
        latency: LatencyModel = .none,
        rowSecurity: RowSecurity = .queryLevel,
        generatedUsers: Int = 0,
        controlEndpoints: Bool = false,
        applications: [OAuthApplication] = [application],
        _ body: (SimulatorFixture) async throws -> Void
    ) async throws {
        let configuration = SimulatorConfiguration(
            applications: applications,
            seed: SeedConfiguration(generatedUsers: generatedUsers),
            latency: latency,
            clock: clock,
            rowSecurity: rowSecurity,
            controlEndpoints: controlEndpoints
        )
        try await ServiceNowSimulator.withRunning(configuration) { running in
            try await body(SimulatorFixture(running: running))
        }
    }

    /// A bearer token for `userName`, issued directly.
    func token(_ userName: String) throws -> String {
        try control.issueToken(forUser: userName, clientID: Self.clientID).accessToken
    }

    /// The sys_id of a seeded user.
    func userID(_ userName: String) throws -> String {
        try #require(seed.user(named: userName)).sysID
    }

    /// A GET with `Accept: application/json` and, if given, a bearer token.
    func get(_ path: String, token: String?, headers: [(String, String)] = []) async throws -> TestHTTPClient.Response {
        var all = [("Accept", "application/json")] + headers
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        return try await http.send("GET", baseURL + path, headers: all)
    }

    /// A request with a JSON body.
    func send(
        _ method: String,
        _ path: String,
        token: String?,
        json: JSONValue?,
        headers: [(String, String)] = []
    )
        async throws -> TestHTTPClient.Response
    {
        var all = [("Accept", "application/json")] + headers
        if json != nil { all.append(("Content-Type", "application/json")) }
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        return try await http.send(method, baseURL + path, headers: all, body: json?.serialized())
    }

    /// A form POST (the token endpoint).
    func postForm(
        _ path: String,
        _ fields: [(String, String)],
        headers: [(String, String)] = []
    ) async throws -> TestHTTPClient.Response {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await http.send(
            "POST",
            baseURL + path,
            headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
            body: Array(body.utf8)
        )
    }

    /// The `result` array of a list call.
    func list(_ path: String, token: String?) async throws -> [JSONValue] {
        let response = try await get(path, token: token)
        #expect(response.status == 200, "\(path): \(response.text)")
        return try #require(try JSONValue.parse(response.body)["result"]?.arrayValue)
    }

    /// Percent-encodes a query or form component.
    static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }
}

extension TestHTTPClient.Response {
    /// The body parsed as JSON.
    func json() throws -> JSONValue {
        try JSONValue.parse(body)
    }
}

/// The expected error envelope.
func errorEnvelope(_ message: String, _ detail: String?) -> JSONValue {
    ["error": ["message": .string(message), "detail": detail.map(JSONValue.string) ?? .null], "status": "failure"]
}

/// Whether `text` is a sys_id: 32 lowercase hex characters.
func isSysID(_ text: String) -> Bool {
    text.utf8.count == 32 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
}

/// Whether `text` is a wire date `YYYY-MM-DD HH:MM:SS`.
func isWireDate(_ text: String) -> Bool {
    UTCTime(formatted: text) != nil && text.count == 19
}
