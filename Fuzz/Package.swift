// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets for the parts of snowgate that read hostile bytes: the GraphQL lexer, parser and validator, the
// GraphQL-over-HTTP request decoding, and the JWT check. A package of its own, so that `swift build` of snowgate never
// needs `-sanitize=fuzzer`; built and run by `make fuzz` (docs/FUZZING.md).
// A path dependency is identified by its folder's name, which is whatever the repository was cloned as.
// (So the clone itself must not be called `fuzz`: both packages would then have the identity `fuzz`.)
let snowgate =
    Context.packageDirectory.split(separator: "/").dropLast().last.map { String($0).lowercased() } ?? "snowgate"

// Each fuzz executable links libFuzzer (its `main` and its coverage runtime) and nothing else does: the libraries are
// compiled with AddressSanitizer and libFuzzer's coverage instrumentation by `make fuzz` (scripts/fuzz.sh says why
// not with SwiftPM's `--sanitize=fuzzer`).
let fuzzerLink: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]
// Each target's file is compiled as a library (its globals initialised lazily, no top-level code; SwiftPM does this
// by itself only under its own `--sanitize=fuzzer`), and its `@_cdecl("<Target>_main")` function — the name SwiftPM
// links as an executable's `main` — starts libFuzzer's driver (`LLVMFuzzerRunDriver`, declared by CFuzzerDriver).
let fuzzerSwift: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "Fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../")
    ],
    targets: [
        // The declaration of libFuzzer's driver entry point.
        .target(name: "CFuzzerDriver"),
        // Each target is one file: `@_cdecl("LLVMFuzzerTestOneInput")`, the input's handling, and its entry point.
        .executableTarget(
            name: "FuzzGraphQL",
            dependencies: ["CFuzzerDriver", .product(name: "Schema", package: snowgate)],
            swiftSettings: fuzzerSwift,
            linkerSettings: fuzzerLink
        ),
        .executableTarget(
            name: "FuzzHTTPRequest",
            dependencies: ["CFuzzerDriver", .product(name: "Gateway", package: snowgate)],
            swiftSettings: fuzzerSwift,
            linkerSettings: fuzzerLink
        ),
        .executableTarget(
            name: "FuzzJWT",
            dependencies: [
                "CFuzzerDriver", .product(name: "Gateway", package: snowgate),
                .product(name: "JSON", package: snowgate),
            ],
            swiftSettings: fuzzerSwift,
            linkerSettings: fuzzerLink
        ),
    ]
)
