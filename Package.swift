// swift-tools-version:6.2
import PackageDescription

// The same upcoming features Hummingbird turns on: every existential spelled `any`, imports visible only where
// they are written, and imports internal unless a module re-exports on purpose.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "snowgate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "snowgate", targets: ["snowgate"]),
        // The engine and its JSON, for the Benchmarks package (its own package, so the product never depends on a
        // benchmark or on another GraphQL library).
        .library(name: "Schema", targets: ["Schema"]),
        .library(name: "JSON", targets: ["JSON"]),
        // The ServiceNow mapping, for the Benchmarks package's gateway hot paths (a 100-record page mapped).
        .library(name: "Resolvers", targets: ["Resolvers"]),
        // The server module, for the Fuzz package's HTTP-decoding and JWT targets (its `@_spi(Fuzzing)` seam).
        .library(name: "Gateway", targets: ["Gateway"]),
    ],
    dependencies: [
        // Traits off: neither swift-configuration nor the full-Foundation extras are used, and both cost build time.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // Already in the graph through Hummingbird; named here for the HTTP part types of the drain's channel handler.
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // System libraries: the only C the project links, wrapped by typed shims (Swift cannot call variadic C).
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CPostgreSQL",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),

        // A JSON value with an order-preserving object, a bounded parser and a fast serializer, shared by all.
        .target(name: "JSON", swiftSettings: swiftSettings),

        // The GraphQL engine: no ServiceNow, no HTTP.
        .target(name: "Schema", dependencies: ["JSON"], swiftSettings: swiftSettings),

        // Outgoing HTTP over libcurl's multi interface on a thread of its own.
        .target(name: "CurlHTTP", dependencies: ["CCurl"], swiftSettings: swiftSettings),

        // SQLite connections on a thread of their own, prepared statements only.
        // The one thread a database connection lives on, shared by both store backends.
        .target(name: "DatabaseThread", swiftSettings: swiftSettings),
        .target(name: "SQLite", dependencies: ["CSQLite", "DatabaseThread"], swiftSettings: swiftSettings),

        // PostgreSQL over libpq: pooled connections on threads of their own, parameterised statements only,
        // LISTEN/NOTIFY. libpq rather than postgres-nio keeps swift-nio-ssl and BoringSSL out of the build.
        .target(name: "PostgreSQL", dependencies: ["CPostgreSQL", "DatabaseThread"], swiftSettings: swiftSettings),

        // The fake ServiceNow instance that tests and the demo talk to.
        .target(
            name: "ServiceNowSimulator",
            dependencies: [
                "JSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // ServiceNow behind the schema: the client, the field-to-API mapping and the per-request loaders.
        .target(
            name: "Resolvers",
            dependencies: [
                "JSON", "Schema", "CurlHTTP",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Turns `schema.graphql` and the web assets into a Swift file at build time, so the `snowgate` binary needs no
        // resource bundle beside it. The generator is one small file without dependencies, so it builds in seconds.
        .executableTarget(name: "AssetEmbedder"),
        .plugin(name: "EmbedAssets", capability: .buildTool(), dependencies: ["AssetEmbedder"]),

        // The server: HTTP, identity, OAuth, the configuration store, admin, and the commands.
        .target(
            name: "Gateway",
            dependencies: [
                "JSON", "Schema", "Resolvers", "CurlHTTP", "SQLite", "PostgreSQL", "ServiceNowSimulator",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                // RS256 user tokens (RSA public keys from a JWKS or a PEM file).
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                // Its thread pool runs the blocking getaddrinfo of the instance URL's SSRF check.
                .product(name: "NIOPosix", package: "swift-nio"),
                // The HTTP part types of the connection handler that keeps idle connections open during a drain.
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // Web/ holds the pages and scripts the server serves; they are compiled in by EmbedAssets, not as sources.
            exclude: ["Web"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedAssets"]
        ),

        .executableTarget(
            name: "snowgate",
            dependencies: ["Gateway"],
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "JSONTests", dependencies: ["JSON"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SchemaTests",
            dependencies: ["Schema", "JSON"],
            exclude: ["Fixtures", "Oracle"],  // read through #filePath, not bundled; the oracle is a Python script
            swiftSettings: swiftSettings
        ),
        // NIO only for the tests' own controllable HTTP server; CCurl for a raw-libcurl control in one test.
        .testTarget(
            name: "CurlHTTPTests",
            dependencies: [
                "CurlHTTP", "CCurl",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"], swiftSettings: swiftSettings),
        .testTarget(name: "PostgreSQLTests", dependencies: ["PostgreSQL"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ServiceNowSimulatorTests",
            dependencies: ["ServiceNowSimulator", "CurlHTTP", "JSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ResolversTests",
            dependencies: ["Resolvers", "Schema", "JSON", "CurlHTTP", "ServiceNowSimulator"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "Schema", "JSON", "CurlHTTP", "SQLite", "PostgreSQL", "ServiceNowSimulator", "Resolvers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                // RS256 tokens signed in tests; a tiny JWKS server on loopback (both already built for Gateway).
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // Channel handlers tested on an EmbeddedChannel (NIO is built for Gateway already).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings
        ),
        // The widget and the explorer in headless Chromium, driven through chromedriver's W3C WebDriver API with our
        // own libcurl client, against an in-process `snowgate demo` set-up.
        .testTarget(
            name: "BrowserTests",
            dependencies: [
                "Gateway", "JSON", "CurlHTTP", "ServiceNowSimulator",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
