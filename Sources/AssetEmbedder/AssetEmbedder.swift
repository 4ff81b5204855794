// Writes a Swift file that holds the given files' contents, so the gateway's binary carries its schema and web
// assets instead of needing a resource bundle beside it. Run by the EmbedAssets build-tool plugin:
//
//     AssetEmbedder OUTPUT.swift NAME=PATH ...
//
// UTF-8 text becomes an escaped string literal (readable, and exact: every byte survives); anything else is base64.
// Deliberately tiny and dependency-free, so it builds in seconds before the gateway does.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the tool stopped.
struct EmbedFailure: Error, CustomStringConvertible {
    var description: String
}

/// `text` as the body of a Swift string literal: quotes, backslashes and control characters escaped.
func swiftLiteral(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": output += "\\\\"
        case "\"": output += "\\\""
        case "\n": output += "\\n"
        case "\r": output += "\\r"
        case "\t": output += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                output += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
    }
    return output
}

/// Standard base64 with padding.
func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
        let first = bytes[index]
        let second = index + 1 < bytes.count ? bytes[index + 1] : 0
        let third = index + 2 < bytes.count ? bytes[index + 2] : 0
        output.append(alphabet[Int(first >> 2)])
        output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
        output.append(index + 1 < bytes.count ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : UInt8(ascii: "="))
        output.append(index + 2 < bytes.count ? alphabet[Int(third & 0x3F)] : UInt8(ascii: "="))
        index += 3
    }
    return String(decoding: output, as: UTF8.self)
}

func run(_ arguments: [String]) throws {
    guard arguments.count >= 2 else {
        throw EmbedFailure(description: "usage: AssetEmbedder OUTPUT.swift NAME=PATH ...")
    }
    let outputPath = arguments[1]
    var entries: [String] = []
    for argument in arguments.dropFirst(2) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw EmbedFailure(description: "expected NAME=PATH, got \(argument)")
        }
        let name = String(argument[..<equals])
        let path = String(argument[argument.index(after: equals)...])
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EmbedFailure(description: "cannot read \(path)")
        }
        let bytes = [UInt8](data)
        if let text = String(validating: bytes, as: UTF8.self) {
            entries.append("EmbeddedAsset(path: \"\(swiftLiteral(name))\", text: \"\(swiftLiteral(text))\")")
        } else {
            entries.append("EmbeddedAsset(path: \"\(swiftLiteral(name))\", base64: \"\(base64(bytes))\")")
        }
    }
    var source = "// Generated at build time by AssetEmbedder (the EmbedAssets plugin). Never edit or commit it.\n\n"
    source += "extension EmbeddedAssets {\n"
    source += "    /// Every embedded file, in the order the plugin listed them.\n"
    source += "    static let generated: [EmbeddedAsset] = [\n"
    for entry in entries { source += "        \(entry),\n" }
    source += "    ]\n}\n"
    // Rewrite only on change, so an unchanged asset set does not recompile the gateway.
    if let existing = FileManager.default.contents(atPath: outputPath), [UInt8](existing) == Array(source.utf8) {
        return
    }
    guard FileManager.default.createFile(atPath: outputPath, contents: Data(source.utf8)) else {
        throw EmbedFailure(description: "cannot write \(outputPath)")
    }
}

/// The entry point, as a type rather than top-level code: `swift build --sanitize=fuzzer` (the Fuzz package, which
/// builds the gateway and so this plugin tool) compiles executables with `-parse-as-library`.
@main
enum AssetEmbedder {
    static func main() {
        do {
            try run(CommandLine.arguments)
        } catch {
            print("AssetEmbedder: \(error)")
            exit(1)
        }
    }
}
