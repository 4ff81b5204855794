public import Logging
public import PostgreSQL

/// Where a gateway keeps its state, as `snowgate serve --database` names it: a SQLite file (the embedded default)
/// or a PostgreSQL database that several replicas share.
///
/// A value that starts with `postgres://` or `postgresql://` is a PostgreSQL URL; anything else is a file path.
/// The choice also decides where the data key comes from (`resolveKey`): a SQLite file may keep its key in a key
/// file beside it, but replicas on one PostgreSQL database must all read each other's tokens, so there the key
/// comes from `SNOWGATE_DATA_KEY` only. `description` never shows a password: use it in logs and errors.
public enum GatewayDatabase: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite database file.
    case sqlite(path: String)
    /// A PostgreSQL database, by its already validated connection settings.
    case postgreSQL(ConnectionConfiguration)

    /// Reads a `--database` value: a `postgres://` / `postgresql://` URL or a file path.
    ///
    /// Throws `.invalidArgument` for an empty value, a path with a NUL byte, or a URL libpq could not use; the
    /// message never repeats the URL's password.
    public init(_ argument: String) throws(StoreError) {
        guard !argument.isEmpty, !argument.utf8.contains(0) else {
            throw StoreError(
                code: .invalidArgument,
                message: "--database must be a file path or a postgres:// URL, without NUL bytes"
            )
        }
        let lowercased = argument.lowercased()
        guard lowercased.hasPrefix("postgres://") || lowercased.hasPrefix("postgresql://") else {
            self = .sqlite(path: argument)
            return
        }
        do {
            self = .postgreSQL(try ConnectionConfiguration(url: argument))
        } catch {
            // ConnectionConfiguration's messages leave the password out.
            throw StoreError(code: .invalidArgument, message: "The database URL is not usable: \(error.message)")
        }
    }

    /// Whether several replicas may share this database (and so must share one data key).
    public var isShared: Bool {
        switch self {
        case .sqlite: false
        case .postgreSQL: true
        }
    }

    /// The path or the URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgreSQL(let configuration): configuration.description
        }
    }

    /// The data key for this database, from `environmentValue` (the value of `SNOWGATE_DATA_KEY`, `nil` when
    /// unset).
    ///
    /// SQLite: the variable if set, otherwise the key file beside the database (created on first start).
    /// PostgreSQL: the variable, which must be set — a key file would differ on every replica.
    public func resolveKey(environmentValue: String?) throws(EncryptionError) -> (key: DataKey, source: DataKey.Source)
    {
        switch self {
        case .sqlite(let path):
            return try DataKey.resolve(environmentValue: environmentValue, databasePath: path)
        case .postgreSQL:
            return (try DataKey.requireEnvironment(environmentValue), .environment)
        }
    }

    /// Opens (creating and migrating if needed) the store on this database with `key`.
    ///
    /// For PostgreSQL this also checks that `key` is the key the database was written with and starts listening
    /// for other replicas' changes; see `PostgreSQLGatewayStore`.
    public func open(
        key: DataKey,
        clock: any WallClock = SystemWallClock(),
        logger: Logger = Logger(label: "snowgate.store")
    ) async throws -> any GatewayStore {
        switch self {
        case .sqlite(let path):
            return try await SQLiteGatewayStore(path: path, key: key, clock: clock)
        case .postgreSQL(let configuration):
            return try await PostgreSQLGatewayStore(
                configuration: configuration,
                key: key,
                clock: clock,
                logger: logger
            )
        }
    }
}
