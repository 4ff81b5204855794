import GraphQL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// GraphQLSwiftCheck --schema FILE FILE...: parses and validates each document with GraphQLSwift and prints
// `path:line:column: message` per error, as `snowgate check` does — the GraphQLSwift column of
// check-vs-graphql-js.sh. Files are checked one after the other (GraphQLSwift offers no batch API; the
// schema is built once).
func readText(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
        if count < chunk.count { break }
    }
    return String(decoding: bytes, as: UTF8.self)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3, arguments[0] == "--schema", let sdl = readText(arguments[1]) else {
    print("usage: GraphQLSwiftCheck --schema FILE FILE...")
    exit(64)
}
let schema: GraphQLSchema
do {
    schema = try buildSchema(source: sdl)
} catch {
    print("schema: \(error)")
    exit(2)
}
var output = ""
var errors = 0
for path in arguments.dropFirst(2) {
    guard let text = readText(path) else {
        output += "\(path): error: cannot read\n"
        errors += 1
        continue
    }
    do {
        let document = try parse(source: Source(body: text, name: path))
        for error in validate(schema: schema, ast: document) {
            let location = error.locations.first.map { "\($0.line):\($0.column)" } ?? "0:0"
            output += "\(path):\(location): \(error.message)\n"
            errors += 1
        }
    } catch let error as GraphQLError {
        let location = error.locations.first.map { "\($0.line):\($0.column)" } ?? "0:0"
        output += "\(path):\(location): \(error.message)\n"
        errors += 1
    } catch {
        output += "\(path): \(error)\n"
        errors += 1
    }
}
print(output, terminator: "")
exit(errors > 0 ? 1 : 0)
