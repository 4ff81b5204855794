/// Where and how to connect: parsed from a `postgres://USER:PASS@HOST:PORT/DB?sslmode=…` URL.
///
/// The URL is parsed here rather than handed to libpq so that a mistake is reported at startup with a clear
/// message, the password can be kept out of every description, and libpq receives plain keyword/value pairs that
/// it does not reinterpret. `description` never shows the password.
public struct ConnectionConfiguration: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// libpq's `sslmode`.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS only if the server insists.
        case allow
        /// TLS if the server offers it (libpq's default), without verifying the certificate.
        case prefer
        /// TLS, without verifying the certificate.
        case require
        /// TLS with a certificate signed by a trusted authority.
        case verifyCA = "verify-ca"
        /// TLS with a trusted certificate for this host name.
        case verifyFull = "verify-full"
    }

    /// A host name, an IP address (IPv6 without brackets), or an absolute path to a Unix-socket directory.
    public var host: String
    /// The TCP port (also the Unix socket's number).
    public var port: Int
    /// The database name; `nil` means libpq's default (the user name).
    public var database: String?
    /// The user name; `nil` means libpq's default (the operating system user).
    public var user: String?
    /// The password, if any. Never part of a description.
    public var password: String?
    /// The TLS mode; `nil` leaves libpq's default (`prefer`, or `PGSSLMODE`).
    public var sslMode: SSLMode?
    /// The file of trusted certificate authorities, for `verify-ca` and `verify-full`.
    public var sslRootCertificate: String?
    /// A client certificate file.
    public var sslCertificate: String?
    /// The client certificate's key file.
    public var sslKey: String?
    /// The `application_name` the server shows in `pg_stat_activity`.
    public var applicationName: String?
    /// How long opening a connection may take, in seconds (libpq's `connect_timeout`).
    public var connectTimeoutSeconds: Int?

    /// Creates a configuration.
    public init(
        host: String = "localhost",
        port: Int = 5432,
        database: String? = nil,
        user: String? = nil,
        password: String? = nil,
        sslMode: SSLMode? = nil,
        applicationName: String? = nil,
        connectTimeoutSeconds: Int? = 10
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.sslMode = sslMode
        self.applicationName = applicationName
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// Whether `text` looks like a PostgreSQL URL (`postgres://` or `postgresql://`) rather than a file path.
    public static func isURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Parses `postgres://[USER[:PASSWORD]@][HOST][:PORT][/DATABASE][?KEY=VALUE&…]` (or `postgresql://`).
    ///
    /// User, password, database and query values are percent-decoded, so a password with `@`, `/` or `:` is
    /// written `%40`, `%2F`, `%3A`. The host may be `[IPv6]`. Query keys: `sslmode`, `sslrootcert`, `sslcert`,
    /// `sslkey`, `application_name`, `connect_timeout`, and `host` / `port` (a `host` that is an absolute path is a
    /// Unix-socket directory). Anything else is an error, so a misspelt `sslmode` cannot silently weaken TLS.
    /// Errors never quote the password.
    public init(url text: String) throws(PostgreSQLError) {
        let lowered = text.lowercased()
        let prefix = ["postgresql://", "postgres://"].first { lowered.hasPrefix($0) }
        guard let prefix else {
            throw Self.invalid("The database URL must start with postgres:// or postgresql://")
        }
        // The prefix is ASCII, so its length in characters is the same in `text` as in `lowered`.
        var rest = text.dropFirst(prefix.count)
        if let hash = rest.firstIndex(of: "#") {
            rest = rest[..<hash]
        }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        // The authority ends at the first slash after the last `@`, so a raw slash in a password is not mistaken
        // for the path (it still should be percent-encoded).
        let authorityStart = rest.lastIndex(of: "@").map { rest.index(after: $0) } ?? rest.startIndex
        if let slash = rest[authorityStart...].firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }

        self.init(host: "", port: 5432)
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(userInfo[..<colon], "user name")
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], "password")
            } else {
                user = try Self.decode(userInfo, "user name")
            }
            if user == "" { user = nil }
        }
        try parseHostAndPort(rest)
        if !path.isEmpty {
            guard !path.contains("/") else {
                throw Self.invalid("The database URL's path must be one database name")
            }
            database = try Self.decode(path, "database name")
        }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decode(parts[0], "query key")
            let value = try Self.decode(parts.count > 1 ? parts[1] : "", "value of \(key)")
            try apply(key: key, value: value)
        }
        if host.isEmpty { host = "localhost" }
    }

    private mutating func parseHostAndPort(_ authority: Substring) throws(PostgreSQLError) {
        guard !authority.contains(",") else {
            throw Self.invalid("The database URL names several hosts; give exactly one")
        }
        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw Self.invalid("The database URL's IPv6 address lacks its closing bracket")
            }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portPart = after.dropFirst()
            } else if !after.isEmpty {
                throw Self.invalid("Unexpected text after the database URL's IPv6 address")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        host = try Self.decode(hostPart, "host")
        if let portPart, !portPart.isEmpty {
            port = try Self.port(String(portPart))
        }
    }

    private mutating func apply(key: String, value: String) throws(PostgreSQLError) {
        switch key {
        case "sslmode":
            guard let mode = SSLMode(rawValue: value) else {
                let known = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw Self.invalid("The database URL's sslmode must be one of \(known)")
            }
            sslMode = mode
        case "sslrootcert": sslRootCertificate = value
        case "sslcert": sslCertificate = value
        case "sslkey": sslKey = value
        case "application_name": applicationName = value
        case "connect_timeout":
            guard let seconds = Int(value), seconds >= 0 else {
                throw Self.invalid("The database URL's connect_timeout must be a whole number of seconds")
            }
            connectTimeoutSeconds = seconds
        case "host":
            guard !value.isEmpty else { throw Self.invalid("The database URL's host parameter is empty") }
            host = value
        case "port":
            port = try Self.port(value)
        default:
            throw Self.invalid(
                "The database URL has an unsupported parameter '\(key)' (supported: sslmode, sslrootcert, sslcert, "
                    + "sslkey, application_name, connect_timeout, host, port)"
            )
        }
    }

    /// The keyword/value pairs for `PQconnectdbParams`.
    ///
    /// `client_encoding` is UTF-8 whatever the server's default; `bytea_output` is hex, the one format this
    /// module decodes.
    var libpqParameters: [(String, String)] {
        var parameters: [(String, String)] = [("host", host), ("port", String(port))]
        if let database { parameters.append(("dbname", database)) }
        if let user { parameters.append(("user", user)) }
        if let password { parameters.append(("password", password)) }
        if let sslMode { parameters.append(("sslmode", sslMode.rawValue)) }
        if let sslRootCertificate { parameters.append(("sslrootcert", sslRootCertificate)) }
        if let sslCertificate { parameters.append(("sslcert", sslCertificate)) }
        if let sslKey { parameters.append(("sslkey", sslKey)) }
        if let applicationName { parameters.append(("application_name", applicationName)) }
        if let connectTimeoutSeconds { parameters.append(("connect_timeout", String(connectTimeoutSeconds))) }
        parameters.append(("client_encoding", "UTF8"))
        parameters.append(("options", "-c bytea_output=hex"))
        return parameters
    }

    /// The URL without the password, safe for a log line.
    public var description: String {
        var text = "postgres://"
        if let user {
            text += Self.encode(user)
            if password != nil { text += ":<redacted>" }
            text += "@"
        }
        let isSocket = host.hasPrefix("/")
        if !isSocket {
            text += host.contains(":") ? "[\(host)]" : Self.encode(host)
            text += ":\(port)"
        }
        text += "/" + Self.encode(database ?? "")
        var query: [String] = []
        if isSocket { query.append("host=\(Self.encode(host))&port=\(port)") }
        if let sslMode { query.append("sslmode=\(sslMode.rawValue)") }
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        return text
    }

    public var debugDescription: String { description }

    private static func port(_ text: String) throws(PostgreSQLError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw invalid("The database URL's port must be a number from 1 to 65535")
        }
        return port
    }

    private static func invalid(_ message: String) -> PostgreSQLError {
        PostgreSQLError(code: .invalidConfiguration, message: message)
    }

    /// Percent-decodes one URL component; `what` names it in the error (never its value: it may be the password).
    private static func decode(_ text: Substring, _ what: String) throws(PostgreSQLError) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < utf8.count, let high = hexValue(utf8[index + 1]),
                    let low = hexValue(utf8[index + 2])
                else {
                    throw invalid("The database URL's \(what) has a malformed percent-escape")
                }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw invalid("The database URL's \(what) is not valid UTF-8 once decoded")
        }
        return decoded
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Percent-encodes what is not unreserved, for descriptions.
    private static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                output += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
            }
        }
        return output
    }
}
