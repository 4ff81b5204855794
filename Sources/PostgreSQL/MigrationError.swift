/// A migration history this code cannot apply.
public struct MigrationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Sendable, Hashable {
        /// Two migrations share a name.
        case duplicateName
        /// The database records a migration this code does not know.
        case unknownMigration
    }

    /// What is wrong.
    public var kind: Kind
    /// The migration's name.
    public var name: String

    /// Creates an error.
    public init(kind: Kind, name: String) {
        self.kind = kind
        self.name = name
    }

    public var description: String {
        switch kind {
        case .duplicateName:
            "Two migrations are named '\(name)'"
        case .unknownMigration:
            "The database records migration '\(name)', which this version does not know: it was written by a "
                + "newer version"
        }
    }
}
