import BenchmarkSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// GenerateCorpus DIR COUNT [TYPES]: writes DIR/schema.graphql (TYPES object types, default 400) and COUNT documents
// DIR/docs/NNNNN.graphql against it, for check-vs-graphql-js.sh.
let arguments = CommandLine.arguments
guard arguments.count >= 3, let count = Int(arguments[2]) else {
    print("usage: GenerateCorpus DIR COUNT [TYPES]")
    exit(64)
}
let directory = arguments[1]
let types = arguments.count > 3 ? Int(arguments[3]) ?? 400 : 400

func write(_ text: String, to path: String) {
    guard let file = fopen(path, "wb") else {
        print("cannot write \(path)")
        exit(1)
    }
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
}

mkdir(directory, 0o755)
mkdir(directory + "/docs", 0o755)
write(Workloads.largeSchemaSDL(typeCount: types), to: directory + "/schema.graphql")
for (index, document) in Workloads.largeSchemaDocuments(count: count, typeCount: types).enumerated() {
    let name = String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index)
    write(document, to: directory + "/docs/\(name).graphql")
}
print("\(count) documents and a schema of \(types) object types in \(directory)")
