/// One file compiled into the executable by the EmbedAssets plugin: the package's `schema.graphql`, or a file of
/// `Sources/Gateway/Web/` (named `Web/<relative path>`).
struct EmbeddedAsset: Sendable {
    /// The name it is looked up by, e.g. `schema.graphql` or `Web/oauth-callback.js`.
    let path: String
    /// The file's bytes.
    let bytes: [UInt8]

    /// A UTF-8 text file, as the generator writes it.
    init(path: String, text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
    }

    /// A binary file, as the generator writes it. The generator wrote valid base64, so a failure cannot happen; an
    /// empty file stands in rather than a trap if it ever did.
    init(path: String, base64: String) {
        self.path = path
        self.bytes = Base64.decode(base64, alphabet: .standard, padding: .required) ?? []
    }

    /// The contents as text (the generator embeds text as text, so this is exact for text files).
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
