// Once any file of the module imports Dispatch, Clang may attribute `struct stat` to CDispatch (its headers include
// <sys/stat.h>), and MemberImportVisibility then asks for that module here.
#if canImport(CDispatch)
import CDispatch
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading the files `snowgate check` is given, with plain POSIX calls: thousands of small files are read per CI
/// run, and a failure must name the file and the reason.
enum SourceFiles {
    /// Why a file could not be read.
    struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file.
        var path: String
        /// `strerror` of the failing call, or a reason of ours.
        var reason: String

        var description: String { "cannot read \(path): \(reason)" }
    }

    /// The file extensions taken from a directory given on the command line.
    static let documentExtensions = [".graphql", ".gql"]

    /// Expands the command-line operands: a file stays as it is (whatever its extension, since it was named); a
    /// directory becomes the GraphQL documents below it, sorted by path so the output order is stable.
    static func expand(_ operands: [String]) -> [String] {
        var paths: [String] = []
        for operand in operands {
            if isDirectory(operand) {
                var found: [String] = []
                collect(directory: operand, into: &found)
                paths += found.sorted()
            } else {
                paths.append(operand)
            }
        }
        return paths
    }

    /// The file's contents as text (invalid UTF-8 is replaced, and then reported by the parser where it matters).
    static func readText(_ path: String) throws(ReadError) -> String {
        guard let file = fopen(path, "rb") else { throw ReadError(path: path, reason: currentError()) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
            if count < chunk.count {
                if ferror(file) != 0 { throw ReadError(path: path, reason: currentError()) }
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func currentError() -> String {
        guard let message = strerror(errno) else { return "error \(errno)" }
        return String(cString: message)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func collect(directory: String, into paths: inout [String]) {
        guard let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." || name.hasPrefix(".") { continue }
            let path = prefix + name
            if isDirectory(path) {
                collect(directory: path, into: &paths)
            } else if documentExtensions.contains(where: { name.hasSuffix($0) }) {
                paths.append(path)
            }
        }
    }
}
