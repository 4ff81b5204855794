// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets for the parts of snowgate that read hostile bytes: the GraphQL lexer, parser and validator, the
// GraphQL-over-HTTP request decoding, and the JWT check. A package of its own, so that `swift build` of snowgate never
// needs `-sanitize=fuzzer`; built and run by `make fuzz` (docs/FUZZING.md).
// A path dependency is identified by its folder's name, which is whatever the repository was cloned as.
// (So the clone itself must not be called `fuzz`: both packages would then have the identity `fuzz`.)
let snowgate =
    Context.packageDirectory.split(separator: "/").dropLast().last.map { String($0).lowercased() } ?? "snowgate"

let package = Package(
    name: "Fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../")
    ],
    targets: [
        // Each target is one file with `@_cdecl("LLVMFuzzerTestOneInput")` and no top-level code (SwiftPM compiles a
        // single-file executable that is not `main.swift` with `-parse-as-library`), so libFuzzer's `main` is the one.
        .executableTarget(
            name: "FuzzGraphQL",
            dependencies: [.product(name: "Schema", package: snowgate)]
        ),
        .executableTarget(
            name: "FuzzHTTPRequest",
            dependencies: [.product(name: "Gateway", package: snowgate)]
        ),
        .executableTarget(
            name: "FuzzJWT",
            dependencies: [.product(name: "Gateway", package: snowgate), .product(name: "JSON", package: snowgate)]
        ),
    ]
)
