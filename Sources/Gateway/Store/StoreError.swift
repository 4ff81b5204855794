/// A failure of the configuration store, the same for every backend.
///
/// The message is for the operator's log and never holds a secret or token; `code` is what callers branch on.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// ServiceNow has not been configured yet.
        public static let notConfigured = Code("notConfigured")
        /// The configuration changed since the caller read it (tokens or a state of an older version).
        public static let configurationChanged = Code("configurationChanged")
        /// An argument is not acceptable (an empty subject, a negative limit, a non-object audit detail).
        public static let invalidArgument = Code("invalidArgument")
        /// A stored secret does not decrypt: the data key changed, or the row was altered or moved.
        public static let undecryptable = Code("undecryptable")
        /// The database is locked by another process for longer than the busy timeout (or, on PostgreSQL, a
        /// lock timeout, a serialization failure or a deadlock).
        public static let busy = Code("busy")
        /// The database server cannot be reached or the connection broke (a shared backend); the operation may
        /// be retried. For a write whose connection broke midway, whether it took effect is unknown.
        public static let unavailable = Code("unavailable")
        /// Another process has the SQLite database open: one gateway process per SQLite file
        /// (`DatabaseFileLock`).
        public static let inUse = Code("inUse")
        /// The database failed (I/O, corruption, a closed store, an unexpected row).
        public static let backend = Code("backend")
    }

    /// What went wrong.
    public var code: Code
    /// A message for the operator's log.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code)]" }
}
