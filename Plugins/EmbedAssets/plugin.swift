import Foundation
import PackagePlugin

/// Compiles the package's `schema.graphql` and the target's `Web/` folder into the target as one generated Swift file,
/// so the executable serves them without any file beside it.
///
/// A build command (not a prebuild command) because it runs a tool built from this package; its inputs are listed so
/// that editing an asset regenerates the file and rebuilds the target.
@main
struct EmbedAssets: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        guard let target = target as? any SourceModuleTarget else { return [] }
        let schema = context.package.directoryURL.appending(path: "schema.graphql")
        var assets: [(name: String, url: URL)] = [("schema.graphql", schema)]
        let web = target.directoryURL.appending(path: "Web")
        assets += Self.relativeFiles(under: web).map { relative in
            ("Web/" + relative, web.appending(path: relative))
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedAssets+Generated.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(assets.count) assets into \(target.name)",
                executable: try context.tool(named: "AssetEmbedder").url,
                arguments: [output.path] + assets.map { "\($0.name)=\($0.url.path)" },
                inputFiles: assets.map(\.url),
                outputFiles: [output]
            )
        ]
    }

    /// Paths (relative to `directory`) of the regular files below it, sorted, skipping hidden ones (editor swap
    /// files, `.DS_Store`).
    static func relativeFiles(under directory: URL) -> [String] {
        let root = directory.path
        guard let paths = try? FileManager.default.subpathsOfDirectory(atPath: root) else { return [] }
        return paths.filter { path in
            guard !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { return false }
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }.sorted()
    }
}
