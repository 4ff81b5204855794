/// Where an AST node lies in its source: a byte range, turned into a line and column with
/// ``Source/location(at:)`` when an error needs one.
///
/// Offsets rather than line/column are stored because computing columns costs a scan and almost no node is
/// ever reported. A document parsed with ``ParseOptions/noLocation`` gives every node `Location.none`, which
/// makes ASTs of the same document comparable regardless of formatting.
public struct Location: Sendable, Hashable {
    /// The byte offset of the node's first token.
    public var start: Int
    /// The byte offset just past the node's last token.
    public var end: Int

    /// Creates a location.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// The location of nodes parsed without locations, or built by hand.
    public static let none = Location(start: 0, end: 0)
}
