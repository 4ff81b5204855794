/// Limits and switches for ``Parser``; the defaults are what a gateway facing untrusted clients should use.
///
/// Every limit turns hostile input into a `Syntax Error` before it can cost much: the document size is checked
/// before lexing, tokens are counted as they are read, and nesting is counted as `{` and `[` open, so that even
/// 10,000 nested brackets end in an error rather than a stack overflow.
public struct ParseOptions: Sendable, Hashable {
    /// The most tokens (punctuators, names, numbers, strings; not comments) a document may have, or `nil` for
    /// no limit. Default 15,000: the largest real-world operations (GraphiQL's full introspection query is
    /// about 1,300 tokens) stay far below it, while a 1 MB document of commas-separated tokens does not.
    public var maxTokens: Int?

    /// The deepest nesting of selection sets, list and object values and list types. Default 100: far deeper
    /// than real operations (the full introspection query nests 14 levels), and shallow enough for everything
    /// that walks a document recursively afterwards — printing, comparing, validating, executing, even freeing
    /// the AST — to fit a 512 KiB thread stack in a debug build. The parser itself reads nesting with explicit
    /// stacks, not recursion, so this limit is about what comes after it.
    public var maxNestingDepth: Int

    /// The largest document, in UTF-8 bytes, or `nil` for no limit. Default 1 MiB.
    public var maxDocumentBytes: Int?

    /// Whether to leave every node's location at ``Location/none`` (which makes ASTs of differently formatted
    /// copies of a document equal, as graphql-js's `noLocation` does).
    public var noLocation: Bool

    /// Creates options; every argument defaults to the gateway default.
    public init(
        maxTokens: Int? = 15_000,
        maxNestingDepth: Int = 100,
        maxDocumentBytes: Int? = 1 << 20,
        noLocation: Bool = false
    ) {
        self.maxTokens = maxTokens
        self.maxNestingDepth = maxNestingDepth
        self.maxDocumentBytes = maxDocumentBytes
        self.noLocation = noLocation
    }

    /// The defaults, for documents sent by clients.
    public static let `default` = ParseOptions()

    /// For trusted type-system documents (the gateway's own SDL): no token or size limit; nesting stays bounded
    /// because deep recursion is a crash whoever wrote the document.
    public static let trustedSchema = ParseOptions(maxTokens: nil, maxDocumentBytes: nil)
}
