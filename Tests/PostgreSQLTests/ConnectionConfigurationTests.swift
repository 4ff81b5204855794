import Testing

@testable import PostgreSQL

@Suite struct ConnectionConfigurationTests {
    @Test func aFullURLIsParsed() throws {
        let configuration = try ConnectionConfiguration(
            url: "postgres://snowgate:s3cr%40t%2Fpw@db.example.com:6432/gateway?sslmode=verify-full"
                + "&sslrootcert=/etc/ssl/ca.pem&application_name=replica-a&connect_timeout=5"
        )
        #expect(configuration.user == "snowgate")
        #expect(configuration.password == "s3cr@t/pw")
        #expect(configuration.host == "db.example.com")
        #expect(configuration.port == 6432)
        #expect(configuration.database == "gateway")
        #expect(configuration.sslMode == .verifyFull)
        #expect(configuration.sslRootCertificate == "/etc/ssl/ca.pem")
        #expect(configuration.applicationName == "replica-a")
        #expect(configuration.connectTimeoutSeconds == 5)
    }

    @Test(arguments: ["postgres", "postgresql", "POSTGRES", "PostgreSQL"])
    func bothSchemesAreAccepted(scheme: String) throws {
        let configuration = try ConnectionConfiguration(url: "\(scheme)://u@h/d")
        #expect(configuration.host == "h")
        #expect(configuration.port == 5432)
        #expect(configuration.user == "u")
        #expect(configuration.password == nil)
        #expect(configuration.database == "d")
        #expect(ConnectionConfiguration.isURL("\(scheme)://u@h/d"))
    }

    @Test func defaultsAndUnusualHosts() throws {
        let bare = try ConnectionConfiguration(url: "postgres://")
        #expect(bare.host == "localhost" && bare.port == 5432 && bare.user == nil && bare.database == nil)

        let ipv6 = try ConnectionConfiguration(url: "postgresql://u:p@[::1]:5433/db")
        #expect(ipv6.host == "::1" && ipv6.port == 5433)
        #expect(ipv6.description == "postgres://u:<redacted>@[::1]:5433/db")

        let socket = try ConnectionConfiguration(url: "postgres://app@/gateway?host=/var/run/postgresql&port=5444")
        #expect(socket.host == "/var/run/postgresql" && socket.port == 5444 && socket.database == "gateway")

        // A raw `@` in the password: the last one separates it from the host.
        let rawAt = try ConnectionConfiguration(url: "postgres://u:p@ss@h:1/d")
        #expect(rawAt.password == "p@ss" && rawAt.host == "h" && rawAt.port == 1)
        #expect(ConnectionConfiguration.isURL("/var/lib/snowgate/gateway.sqlite") == false)
    }

    @Test(arguments: [
        "mysql://u@h/d",
        "postgres:/u@h/d",
        "postgres://u@h:0/d",
        "postgres://u@h:65536/d",
        "postgres://u@h:port/d",
        "postgres://u@h1,h2/d",
        "postgres://u@h/d/e",
        "postgres://u@[::1/d",
        "postgres://u@h/d?sslmode=verify_full",
        "postgres://u@h/d?sslmod=require",
        "postgres://u@h/d?connect_timeout=-1",
        "postgres://u%zz@h/d",
        "postgres://u@h/d%ff",
    ])
    func malformedURLsAreRefused(url: String) {
        let error = #expect(throws: PostgreSQLError.self) { try ConnectionConfiguration(url: url) }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func thePasswordIsNeverShown() throws {
        let url = "postgres://snowgate:Pa55-w0rd-XYZ@db:5432/gateway?sslmode=require"
        let configuration = try ConnectionConfiguration(url: url)
        #expect(configuration.password == "Pa55-w0rd-XYZ")
        for text in [configuration.description, configuration.debugDescription, "\(configuration)"] {
            #expect(!text.contains("Pa55-w0rd-XYZ"))
        }
        #expect(configuration.description == "postgres://snowgate:<redacted>@db:5432/gateway?sslmode=require")
        // Nor in an error about another part of the URL.
        let error = #expect(throws: PostgreSQLError.self) {
            try ConnectionConfiguration(url: "postgres://u:Pa55-w0rd-XYZ@h/d?sslmode=bogus")
        }
        #expect(error.map { !"\($0)".contains("Pa55") } == true)
    }

    @Test func libpqGetsPlainKeywordsWithUTF8AndHexBytea() throws {
        let configuration = try ConnectionConfiguration(url: "postgres://u:p@h:7/d?sslmode=disable")
        let parameters = Dictionary(configuration.libpqParameters, uniquingKeysWith: { $1 })
        #expect(parameters["host"] == "h")
        #expect(parameters["port"] == "7")
        #expect(parameters["dbname"] == "d")
        #expect(parameters["user"] == "u")
        #expect(parameters["password"] == "p")
        #expect(parameters["sslmode"] == "disable")
        #expect(parameters["client_encoding"] == "UTF8")
        #expect(parameters["options"] == "-c bytea_output=hex")
    }
}
