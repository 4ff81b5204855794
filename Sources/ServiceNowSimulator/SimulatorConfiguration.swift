public import Logging

/// How a simulator is set up: where it listens, which OAuth clients exist, how big its data is, how slow it is,
/// and which clock it reads.
public struct SimulatorConfiguration: Sendable {
    /// The address to bind (default `127.0.0.1`).
    public var host: String
    /// The port to bind; 0 (the default) picks a free one, read back from `RunningSimulator.baseURL`.
    public var port: Int
    /// The OAuth application registry.
    public var applications: [OAuthApplication]
    /// The size of the seeded data.
    public var seed: SeedConfiguration
    /// Added latency and the transaction pool; none by default.
    public var latency: LatencyModel
    /// The clock for record dates, token expiry and latency. Tests inject a `ManualClock`.
    public var clock: any SimulatorClock
    /// Where per-user visibility is applied to lists.
    public var rowSecurity: RowSecurity
    /// Whether the control API under `/_simulator/` answers (for a simulator in another process). Off by default:
    /// then those paths are unknown resources like any other.
    public var controlEndpoints: Bool
    /// The logger; the simulator logs at debug and trace level and never logs tokens or secrets.
    public var logger: Logger

    /// A configuration; every parameter has the default a test wants.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        applications: [OAuthApplication] = [],
        seed: SeedConfiguration = SeedConfiguration(),
        latency: LatencyModel = .none,
        clock: any SimulatorClock = WallClock(),
        rowSecurity: RowSecurity = .queryLevel,
        controlEndpoints: Bool = false,
        logger: Logger = Logger(label: "snowgate.simulator")
    ) {
        self.host = host
        self.port = port
        self.applications = applications
        self.seed = seed
        self.latency = latency
        self.clock = clock
        self.rowSecurity = rowSecurity
        self.controlEndpoints = controlEndpoints
        self.logger = logger
    }
}

/// Where the access rules remove rows a user may not read from a list (§8.2).
public enum RowSecurity: Sendable, Hashable {
    /// Like a "before query" business rule: hidden rows are filtered in the query, so counts and pages agree.
    case queryLevel
    /// Like row ACLs: the page is cut first and hidden rows removed after, so pages can come back short while
    /// `X-Total-Count` still counts the hidden rows.
    case afterLimit
}

/// The size of the seeded data.
public struct SeedConfiguration: Sendable, Hashable {
    /// How many generated users (`user0001`, `user0002`, ...) to add to the named demo users, each with password
    /// `password` and a few tickets of their own; for load tests that give every test user an account.
    public var generatedUsers: Int

    /// A seed with `generatedUsers` extra users (none by default).
    public init(generatedUsers: Int = 0) {
        self.generatedUsers = generatedUsers
    }
}

/// Latency like a real instance's (§3.4, §10): a network round trip per HTTP request, processing time per
/// transaction, and a bounded pool of concurrent transactions (the instance's API semaphores) with a bounded
/// queue, beyond which requests get 429 without rate-limit headers.
public struct LatencyModel: Sendable, Hashable {
    /// Added once per HTTP request, before it is handled.
    public var roundTrip: Duration
    /// Added per transaction: per API request, and per item of a Batch call (items run one after another).
    public var transaction: Duration
    /// How many API transactions run at once; nil for no limit.
    public var concurrentTransactions: Int?
    /// How many transactions may wait for a free slot; one more is answered 429.
    public var queueLength: Int

    /// A latency model.
    public init(
        roundTrip: Duration = .zero,
        transaction: Duration = .zero,
        concurrentTransactions: Int? = nil,
        queueLength: Int = 50
    ) {
        self.roundTrip = roundTrip
        self.transaction = transaction
        self.concurrentTransactions = concurrentTransactions
        self.queueLength = queueLength
    }

    /// No added latency and no limit: the default, so tests stay fast.
    public static let none = LatencyModel()
}
