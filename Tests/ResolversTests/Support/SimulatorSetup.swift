import CurlHTTP
import JSON
import ServiceNowSimulator
import Synchronization
import Testing

@testable import Resolvers

/// One simulator and one libcurl client per test, and helpers to act as a seeded user through the resolvers.
struct SimulatorSetup: Sendable {
    static let clientID = "resolvers-test"

    let running: RunningSimulator
    let http: CurlClient

    var control: SimulatorControl { running.control }
    var seed: SimulatorSeed { running.seed }
    var baseURL: String { running.baseURL }

    /// Runs `body` against a fresh simulator with the test OAuth client registered.
    static func run(
        clock: any SimulatorClock = ManualClock(start: SimulatorSeed.epoch),
        latency: LatencyModel = .none,
        rowSecurity: RowSecurity = .queryLevel,
        generatedUsers: Int = 0,
        _ body: (SimulatorSetup) async throws -> Void
    ) async throws {
        let configuration = SimulatorConfiguration(
            applications: [
                OAuthApplication(clientID: clientID, clientSecret: "secret", redirectURLs: ["http://127.0.0.1:9/cb"])
            ],
            seed: SeedConfiguration(generatedUsers: generatedUsers),
            latency: latency,
            clock: clock,
            rowSecurity: rowSecurity
        )
        let http = try CurlClient()
        do {
            try await ServiceNowSimulator.withRunning(configuration) { running in
                try await body(SimulatorSetup(running: running, http: http))
            }
        } catch {
            await http.shutdown()
            throw error
        }
        await http.shutdown()
    }

    /// Credentials for a seeded user, with a token issued by the simulator.
    func credentials(_ userName: String) throws -> TestCredentials {
        TestCredentials(userName: userName, control: control, clientID: Self.clientID)
    }

    /// A client acting as `userName`.
    func client(_ userName: String, options: ServiceNowClient.Options = .init()) throws -> ServiceNowClient {
        try ServiceNowClient(instanceURL: baseURL, http: http, credentials: credentials(userName), options: options)
    }

    /// The sys_id of a seeded user.
    func userID(_ userName: String) throws -> String {
        try #require(seed.user(named: userName)).sysID
    }

    /// The display name of a user sys_id.
    func userName(ofID sysID: String) -> String? {
        seed.users.first { $0.sysID == sysID }?.name
    }
}

/// `UserCredentials` over the simulator's token issuing: a refresh asks the simulator for a fresh token (revoking
/// or expiring the old one is the test's business) and is counted.
final class TestCredentials: UserCredentials {
    let userName: String
    let control: SimulatorControl
    let clientID: String
    private let state: Mutex<(token: String?, refreshes: Int, refreshedTokens: [String])>
    /// When set, refreshes return this instead of a fresh token (to test a second 401).
    let refreshOverride: Mutex<String?> = Mutex(nil)
    /// When set, the credentials refuse to give a token, as the gateway's do for a user who disconnected.
    let refusing = Mutex(false)

    init(userName: String, control: SimulatorControl, clientID: String) {
        self.userName = userName
        self.control = control
        self.clientID = clientID
        state = Mutex((nil, 0, []))
    }

    var subject: String { "test|" + userName }

    var refreshes: Int { state.withLock { $0.refreshes } }

    /// The token in use (issuing one first if needed).
    func currentToken() throws(ServiceNowError) -> String {
        if let token = state.withLock({ $0.token }) { return token }
        let issued = try issue()
        state.withLock { $0.token = issued }
        return issued
    }

    /// Every token this user's requests may have carried.
    var allTokens: [String] {
        state.withLock { ($0.token.map { [$0] } ?? []) + $0.refreshedTokens }
    }

    func accessToken() async throws(ServiceNowError) -> String {
        if refusing.withLock({ $0 }) { throw .authRequired(authorizeURL: nil, message: "test: not connected") }
        return try currentToken()
    }

    func refreshedAccessToken(after rejectedToken: String) async throws(ServiceNowError) -> String {
        if let override = refreshOverride.withLock({ $0 }) {
            state.withLock { $0.refreshes += 1 }
            return override
        }
        let fresh = try issue()
        state.withLock {
            $0.refreshes += 1
            if let old = $0.token { $0.refreshedTokens.append(old) }
            $0.token = fresh
        }
        return fresh
    }

    /// Replaces the token in use (e.g. with one the test then revokes).
    func use(token: String) {
        state.withLock { $0.token = token }
    }

    private func issue() throws(ServiceNowError) -> String {
        do {
            return try control.issueToken(forUser: userName, clientID: clientID).accessToken
        } catch {
            throw ServiceNowError(.authRequired, "test: \(error)")
        }
    }
}

/// Records of a seeded table as `[field: value]`.
extension SimulatorSeed {
    func rows(_ table: String) -> [[String: String]] {
        records(in: table).map(\.values)
    }
}
