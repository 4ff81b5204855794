import CurlHTTP
import Foundation
import JSON
import SQLite
import ServiceNowSimulator
import Synchronization
import Testing

@testable import Gateway

/// Crash safety for real: `snowgate serve` as a separate process on a SQLite file is killed with SIGKILL at random
/// moments while an administrator saves configurations and users' tokens are being refreshed, restarted, and the
/// database checked each time: intact; the configuration exactly one save's (instance URL, client ID, secret and
/// version together), never a lost acknowledged save; each user's tokens present and usable, or purged by a
/// committed reconfiguration, never half-written and never lost by a refresh.
///
/// `SNOWGATE_KILL_ROUNDS` sets the number of kills (default 8; `make kill-test` runs 60).
// Not skipped when the executable is missing: `ServeProcess.start` fails with a clear message instead.
@Suite(.timeLimit(.minutes(5)))
struct KillTests {
    static let rounds = ProcessInfo.processInfo.environment["SNOWGATE_KILL_ROUNDS"].flatMap { Int($0) } ?? 8
    static let logins = ["abel.tuter", "fred.luddy", "beth.anglin", "david.loo"]
    static let authSecret = "kill-test-secret-that-is-long-enough-0123456789"

    /// What the test knows of the gateway's writes, to hold the database against.
    struct Model {
        /// Saves made so far, each with a client ID and secret of its own; the last may be in flight.
        var attempts = 0
        /// The highest save whose answer came back.
        var acknowledged = 0
        /// Saves known to have committed (the store's version must equal this).
        var committed = 0
        /// The save each user connected under (absent: not connected).
        var connectedUnder: [String: Int] = [:]
        /// Kills that caught a save in flight, refresh grants seen.
        var savesInFlightAtKill = 0
        var refreshGrants = 0

        /// The model, shared by the test's tasks.
        final class Shared: Sendable {
            let state = Mutex(Model())
            func withLock<T>(_ body: (inout Model) -> T) -> T { state.withLock { body(&$0) } }
        }

        static func clientID(_ save: Int) -> String { "kill-client-\(save)" }
        static func secret(_ save: Int) -> String { "kill-secret-\(save)-\(String(repeating: "s", count: save % 7))" }
    }

    @Test func killingTheGatewayMidWriteNeverLosesOrMixesAnything() async throws {
        let directory = try TemporaryDirectory()
        let databasePath = directory.file("kill.sqlite")
        let keyText = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let key = try DataKey(base64: keyText)
        let signer = try JWTSigner(secret: Self.authSecret)
        let http = try CurlClient()
        let port = try TLSFront.freePort()
        let baseURL = "http://127.0.0.1:\(port)"
        let environment = [
            "SNOWGATE_AUTH_SECRET": Self.authSecret, "SNOWGATE_DATA_KEY": keyText, "SNOWGATE_DATABASE": databasePath,
            "SNOWGATE_ALLOW_HTTP_LOOPBACK_INSTANCE": "true", "SNOWGATE_LOG_LEVEL": "warning",
            "SNOWGATE_PORT": String(port), "SNOWGATE_PUBLIC_URL": baseURL,
        ]
        @Sendable func token(_ subject: String, admin: Bool = false) -> String {
            signer.sign(
                subject: subject,
                roles: admin ? ["admin"] : [],
                issuedAt: Date(),
                expiresAt: Date().addingTimeInterval(3600)
            )
        }
        @Sendable func graphQL(_ query: String, as subject: String, admin: Bool = false) async throws -> JSONValue {
            let response = try await http.execute(
                CurlRequest(
                    method: .post,
                    url: baseURL + "/graphql",
                    headers: [
                        CurlHeader(name: "Content-Type", value: "application/json"),
                        CurlHeader(name: "Authorization", value: "Bearer " + token(subject, admin: admin)),
                    ],
                    body: JSONValue.object(["query": .string(query)]).serialized(),
                    timeout: .seconds(10)
                )
            )
            return try JSONParser().parse(response.body)
        }
        func start() async throws -> ServeProcess {
            let gateway = try ServeProcess.start(
                arguments: [],
                environment: environment,
                logPath: directory.file("serve.log")
            )
            try await gateway.waitUntilReady(baseURL: baseURL, client: http)
            return gateway
        }

        try await ServiceNowSimulator.withRunning(SimulatorConfiguration()) { simulator in
            let model = Model.Shared()
            /// One save through the admin mutation; true when its answer came back.
            @Sendable func save() async -> Bool {
                let number = model.withLock {
                    $0.attempts += 1
                    return $0.attempts
                }
                simulator.control.register(
                    OAuthApplication(
                        clientID: Model.clientID(number),
                        clientSecret: Model.secret(number),
                        redirectURLs: [baseURL + "/oauth/callback"]
                    )
                )
                let mutation = """
                    mutation { configureServiceNow(input: { instanceUrl: "\(simulator.baseURL)", \
                    clientId: "\(Model.clientID(number))", clientSecret: "\(Model.secret(number))" }) \
                    { configuration { clientId } } }
                    """
                guard let answer = try? await graphQL(mutation, as: "admin-1", admin: true),
                    answer["data"]?["configureServiceNow"]?["configuration"]?["clientId"]?.stringValue
                        == Model.clientID(number)
                else { return false }
                model.withLock {
                    $0.acknowledged = number
                    $0.committed += 1
                    for login in Self.logins { $0.connectedUnder[login] = nil }
                }
                return true
            }
            func connect(_ login: String) async throws {
                let answer = try await graphQL("{ viewer { serviceNow { authorizeUrl } } }", as: login)
                let link = try #require(answer["data"]?["viewer"]?["serviceNow"]?["authorizeUrl"]?.stringValue)
                let redirect = try simulator.control.approveAuthorization(url: link, asUser: login)
                let page = try await http.execute(CurlRequest(url: redirect, timeout: .seconds(10)))
                #expect(page.status == 200, "\(String(decoding: page.body, as: UTF8.self))")
                let save = model.withLock { $0.committed > 0 ? $0.acknowledged : 0 }
                model.withLock { $0.connectedUnder[login] = save }
            }

            var gateway = try await start()
            #expect(await save())
            for login in Self.logins { try await connect(login) }

            for round in 0..<Self.rounds {
                // Chaos: refreshes for everyone (expired tokens, again and again), and on odd rounds a stream of
                // configuration saves; then SIGKILL at a random moment.
                let reconfigure = round % 2 == 1
                let grantsBefore = simulator.control.requests.filter { $0.path == "/oauth_token.do" }.count
                let stop = StopFlag()
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        while !stop.isSet {
                            simulator.control.expireAllTokens()
                            try? await Task.sleep(for: .milliseconds(15))
                        }
                    }
                    for login in Self.logins {
                        group.addTask {
                            while !stop.isSet {
                                guard (try? await graphQL("{ viewer { user { name } } }", as: login)) != nil else {
                                    return
                                }
                            }
                        }
                    }
                    if reconfigure {
                        group.addTask {
                            while !stop.isSet {
                                guard await save() else { return }
                            }
                        }
                    }
                    try? await Task.sleep(for: .milliseconds(Int.random(in: 40...400)))
                    gateway.kill9()
                    stop.set()
                }
                model.withLock {
                    $0.refreshGrants +=
                        simulator.control.requests.filter { $0.path == "/oauth_token.do" }.count - grantsBefore
                }

                // The process is dead: look at the files.
                try await Self.check(databasePath: databasePath, key: key, model: model, instanceURL: simulator.baseURL)

                // Restart; whoever has tokens can use them, whoever was purged connects again.
                gateway = try await start()
                for login in Self.logins {
                    if model.withLock({ $0.connectedUnder[login] }) != nil {
                        let answer = try await graphQL(
                            "{ viewer { user { name } } incidents(first: 1) { totalCount } }",
                            as: login
                        )
                        #expect(answer["errors"] == nil, "round \(round), \(login): \(answer)")
                        #expect(answer["data"]?["viewer"]?["user"]?["name"]?.stringValue?.isEmpty == false)
                    } else {
                        try await connect(login)
                    }
                }
            }
            gateway.kill9()
            try await Self.check(databasePath: databasePath, key: key, model: model, instanceURL: simulator.baseURL)
            // Not vacuous: saves were acknowledged, some caught mid-flight, and refreshes happened under fire.
            let final = model.withLock { $0 }
            #expect(final.acknowledged >= Self.rounds / 2)
            #expect(final.refreshGrants >= Self.rounds)
        }
        await http.shutdown()
    }

    /// Holds the database (with no gateway running) against what the test knows.
    static func check(databasePath: String, key: DataKey, model: Model.Shared, instanceURL: String) async throws {
        let database = try await Database(path: databasePath)
        let (integrity, tokenVersions, staleStates, audits) = try await database.read { connection in
            (
                try connection.queryFirst("PRAGMA integrity_check")?.text("integrity_check"),
                try connection.query("SELECT subject, configuration_version FROM user_tokens").map {
                    (try $0.text("subject"), try $0.integer("configuration_version"))
                },
                try connection.queryFirst(
                    """
                    SELECT count(*) AS count FROM oauth_states
                    WHERE configuration_version != (SELECT version FROM servicenow_configuration WHERE id = 1)
                    """
                )?.int("count"),
                try connection.queryFirst(
                    "SELECT count(*) AS count FROM audit_log WHERE action = 'configureServiceNow'"
                )?.int("count")
            )
        }
        await database.close()
        #expect(integrity == "ok")

        let store = try await SQLiteGatewayStore(path: databasePath, key: key)
        let credentials = try #require(try await store.serviceNowCredentials())
        let configuration = credentials.configuration
        let saveText = configuration.clientID.replacingOccurrences(of: "kill-client-", with: "")
        let save = try #require(Int(saveText), "client ID \(configuration.clientID)")
        // Exactly one save's values, all of them.
        #expect(configuration.instanceURL == instanceURL)
        #expect(credentials.clientSecret == Model.secret(save))
        model.withLock { model in
            // The last acknowledged save, or the one that was in flight when the process died (it committed).
            #expect(save == model.acknowledged || (save == model.attempts && save > model.acknowledged))
            if save != model.acknowledged {
                model.savesInFlightAtKill += 1
                model.acknowledged = save
                model.committed += 1
                for login in logins { model.connectedUnder[login] = nil }
            }
            #expect(configuration.version == Int64(model.committed))
        }
        // The audit entry is in the save's transaction.
        #expect(audits == Int(configuration.version))
        // Tokens and pending sign-ins of another version were purged in that transaction.
        #expect(tokenVersions.allSatisfy { $0.1 == configuration.version }, "\(tokenVersions)")
        #expect(staleStates == 0)
        let expected = model.withLock { $0.connectedUnder }
        for login in logins {
            let tokens = try await store.tokens(subject: login)
            if expected[login] == save {
                // Connected under this configuration: not lost, whatever refresh was cut short.
                let tokens = try #require(tokens, "\(login) lost their tokens")
                #expect(!tokens.accessToken.isEmpty)
                #expect(tokens.refreshToken?.isEmpty == false)
            } else {
                #expect(tokens == nil, "\(login) kept tokens of an older configuration")
            }
        }
        await store.close()
    }
}

/// A flag the chaos tasks poll.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .relaxed) }
    func set() { flag.store(true, ordering: .relaxed) }
}
