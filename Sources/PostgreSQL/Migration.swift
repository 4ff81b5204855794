/// One named, ordered step of a schema's history.
///
/// A migration, once released, never changes: a database records the names it has applied and never runs them
/// again, so a fix is a new migration.
public struct Migration: Sendable {
    /// The unique name recorded in the migrations table.
    public let name: String
    let apply: @Sendable (Connection) throws -> Void

    /// A migration that runs Swift code on the connection, inside the migration's transaction.
    public init(_ name: String, apply: @escaping @Sendable (Connection) throws -> Void) {
        self.name = name
        self.apply = apply
    }

    /// A migration that runs a script of SQL statements (no parameters), inside the migration's transaction.
    public init(_ name: String, sql: String) {
        self.init(name) { connection in try connection.executeScript(sql) }
    }
}
