// swift-tools-version:6.2
import PackageDescription

// The engine benchmarks: our `Schema` module side by side with GraphQLSwift/GraphQL in one process, and a checker
// built on GraphQLSwift for the whole-process comparison with `snowgate check`. A package of its own, so that
// snowgate itself never depends on another GraphQL library.
// A path dependency is identified by its folder's name, which is whatever the repository was cloned as.
let snowgate =
    Context.packageDirectory.split(separator: "/").dropLast().last.map { String($0).lowercased() } ?? "snowgate"

let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/GraphQLSwift/GraphQL.git", exact: "4.3.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // Schemas, documents and data both engines work on, generated deterministically.
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "JSON", package: snowgate), .product(name: "Schema", package: snowgate)]
        ),
        .executableTarget(
            name: "EngineBenchmark",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Schema", package: snowgate),
                .product(name: "JSON", package: snowgate),
                .product(name: "Resolvers", package: snowgate),
                .product(name: "GraphQL", package: "GraphQL"),
            ]
        ),
        // `GraphQLSwiftCheck --schema FILE FILE...`: what `snowgate check` does, with GraphQLSwift.
        .executableTarget(
            name: "GraphQLSwiftCheck",
            dependencies: [.product(name: "GraphQL", package: "GraphQL")]
        ),
        // `GenerateCorpus DIR COUNT`: a large schema and realistic documents for check-vs-graphql-js.sh.
        .executableTarget(
            name: "GenerateCorpus",
            dependencies: ["BenchmarkSupport"]
        ),
        // `snowgate` as callgrind can run it (scripts/bench/callgrind.py): the same commands, with a main thread
        // that waits on a semaphore instead of entering `dispatch_main`, where valgrind crashes.
        .executableTarget(
            name: "SnowgateUnderValgrind",
            dependencies: [.product(name: "Gateway", package: snowgate)]
        ),
        // `HTTPFloor hummingbird|nio PORT`: a bare HTTP server of the gateway's kind, answering every POST with the
        // same small JSON; `make bench` measures its CPU per request beside the gateway's (scripts/bench/run.py).
        .executableTarget(
            name: "HTTPFloor",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ]
)
