import Logging
import Synchronization

/// Everything one simulated instance holds: its data, its OAuth server, faults, the request log, the
/// transaction pool and its clock. Shared by the HTTP responder, Batch items and the control handle.
final class Instance: Sendable {
    let configuration: SimulatorConfiguration
    let clock: any SimulatorClock
    let database: Mutex<Database>
    let oauth: OAuthServer
    let faults = FaultInjector()
    let requestLog = RequestLog()
    let transactions: TransactionPool
    let seed: SimulatorSeed
    let logger: Logger

    init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        clock = configuration.clock
        let built = SeedBuilder.build(configuration.seed)
        database = Mutex(built.database)
        seed = built.seed
        oauth = OAuthServer(applications: configuration.applications)
        transactions = TransactionPool(
            capacity: configuration.latency.concurrentTransactions,
            queueLength: configuration.latency.queueLength
        )
        logger = configuration.logger
    }

    /// The sys_id of the active, unlocked user `userName` if `password` is theirs.
    func checkPassword(userName: String, password: String) -> String? {
        database.withLock { database in
            guard let user = database.user(named: userName), database.passwords[userName] == password,
                user["active"] == "true", user["locked_out"] != "true"
            else { return nil }
            return user.sysID
        }
    }

    /// The caller for user `userID`, with roles and time zone, if the user exists.
    func caller(userID: String) -> Caller? {
        database.withLock { database in
            guard let user = database.record(in: "sys_user", sysID: userID)?.record else { return nil }
            return Caller(
                userID: userID,
                userName: user["user_name"],
                roles: database.roles[userID] ?? [],
                timeZone: user["time_zone"]
            )
        }
    }
}
