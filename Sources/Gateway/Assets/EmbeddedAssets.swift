/// The files built into the executable: looked up by name, so a deployed `snowgate` needs nothing beside it.
///
/// The list itself (`generated`) is written at build time by the EmbedAssets plugin into an extension of this type.
enum EmbeddedAssets {
    /// The assets by path, built once.
    private static let byPath: [String: EmbeddedAsset] = {
        var index: [String: EmbeddedAsset] = [:]
        for asset in generated { index[asset.path] = asset }
        return index
    }()

    /// The asset at `path` (`schema.graphql`, `Web/…`), if it was embedded.
    static func asset(_ path: String) -> EmbeddedAsset? {
        byPath[path]
    }

    /// The GraphQL schema the gateway serves, as SDL.
    static var schemaSDL: String {
        asset("schema.graphql")?.text ?? ""
    }

    /// A web asset's text by its name in `Web/`, or an empty string when it is missing (tests check every asset the
    /// server names is present).
    static func webText(_ name: String) -> String {
        asset("Web/" + name)?.text ?? ""
    }
}
