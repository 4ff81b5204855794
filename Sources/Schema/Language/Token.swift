/// The kinds of lexical token (spec §2.1.6), named as graphql-js names them in messages.
public enum TokenKind: String, Sendable, Hashable, CaseIterable {
    /// The start of the document (before the first token).
    case startOfFile = "<SOF>"
    /// The end of the document.
    case endOfFile = "<EOF>"
    /// `!`
    case bang = "!"
    /// `$`
    case dollar = "$"
    /// `&`
    case ampersand = "&"
    /// `(`
    case parenLeft = "("
    /// `)`
    case parenRight = ")"
    /// `...`
    case spread = "..."
    /// `:`
    case colon = ":"
    /// `=`
    case equals = "="
    /// `@`
    case at = "@"
    /// `[`
    case bracketLeft = "["
    /// `]`
    case bracketRight = "]"
    /// `{`
    case braceLeft = "{"
    /// `|`
    case pipe = "|"
    /// `}`
    case braceRight = "}"
    /// A name.
    case name = "Name"
    /// An integer literal.
    case int = "Int"
    /// A floating-point literal.
    case float = "Float"
    /// A string literal.
    case string = "String"
    /// A block string literal.
    case blockString = "BlockString"
    /// A comment (from `#` to the end of the line).
    case comment = "Comment"

    /// Whether the kind is a punctuator (its text is its name).
    public var isPunctuator: Bool {
        switch self {
        case .bang, .dollar, .ampersand, .parenLeft, .parenRight, .spread, .colon, .equals, .at, .bracketLeft,
            .bracketRight, .braceLeft, .pipe, .braceRight:
            true
        default:
            false
        }
    }

    /// The kind as error messages name it: punctuators in quotes (`"{"`), the others bare (`Name`, `<EOF>`).
    public var messageDescription: String {
        isPunctuator ? "\"\(rawValue)\"" : rawValue
    }
}

/// A lexical token: its kind, its byte range in the source, and for names, numbers, strings and comments its
/// value (string values with escapes resolved and block strings dedented).
public struct Token: Sendable, Hashable {
    /// What kind of token this is.
    public var kind: TokenKind
    /// The byte offset of the token's first character.
    public var start: Int
    /// The byte offset just past the token's last character.
    public var end: Int
    /// The token's value: the name, the number's text, the string's content or the comment's text after `#`.
    public var value: String?

    /// Creates a token.
    public init(kind: TokenKind, start: Int, end: Int, value: String? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.value = value
    }

    /// The token as error messages name it: `Name "foo"`, `"{"`, `<EOF>`.
    public var messageDescription: String {
        if let value { return "\(kind.messageDescription) \"\(value)\"" }
        return kind.messageDescription
    }
}
