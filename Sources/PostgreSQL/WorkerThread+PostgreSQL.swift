import DatabaseThread

/// The thread a PostgreSQL connection lives on (libpq's calls block).
typealias WorkerThread = DatabaseThread.WorkerThread<Connection>

extension PostgreSQLError {
    /// The thread of a new connection could not be started.
    init(_ error: WorkerThreadError) {
        self.init(code: .client, message: error.description)
    }
}
