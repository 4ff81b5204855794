/// The data a simulator starts with, read-only, so tests can compute expected answers instead of hard-coding
/// them. The same `SeedConfiguration` always gives the same seed (sys_ids, numbers, dates and all).
public struct SimulatorSeed: Sendable {
    /// The password of every seeded user.
    public static let password = "password"

    /// The fixed moment the seed's dates are relative to (tickets were opened in the months before it).
    public static let epoch = UTCTime(year: 2026, month: 6, day: 1, hour: 9)

    /// A seeded user, with the facts tests usually need.
    public struct User: Sendable, Hashable {
        /// The sys_id.
        public var sysID: String
        /// The login (`abel.tuter`).
        public var userName: String
        /// The display name (`Abel Tuter`).
        public var name: String
        /// The email address.
        public var email: String
        /// The roles (`admin`, `itil`, ...).
        public var roles: Set<String>
        /// The time zone.
        public var timeZone: String
        /// Whether the user was generated for load tests (`user0001`, ...) rather than a named demo user.
        public var isGenerated: Bool
    }

    /// Every user, named demo users first, then generated ones.
    public let users: [User]
    private let tables: [String: [Record]]
    private let usersByName: [String: Int]

    init(users: [User], tables: [String: [Record]]) {
        self.users = users
        self.tables = tables
        var index: [String: Int] = [:]
        for (position, user) in users.enumerated() { index[user.userName] = position }
        usersByName = index
    }

    /// The user with login `userName`.
    public func user(named userName: String) -> User? {
        usersByName[userName].map { users[$0] }
    }

    /// The seeded rows of `table` (a concrete table: `incident`, not `task`), in stored order.
    public func records(in table: String) -> [Record] {
        tables[table] ?? []
    }

    /// The names of the seeded tables.
    public var tableNames: [String] { tables.keys.sorted() }
}
