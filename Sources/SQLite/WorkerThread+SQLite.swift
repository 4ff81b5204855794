import DatabaseThread

/// The thread a SQLite connection lives on.
typealias WorkerThread = DatabaseThread.WorkerThread<Connection>

extension SQLiteError {
    /// The thread of a new connection could not be started.
    init(_ error: WorkerThreadError) {
        self.init(code: .error, message: error.description)
    }
}
