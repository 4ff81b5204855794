/// Why a JSON text was refused, and where.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The text ended inside a value.
        public static let unexpectedEnd = Code("unexpectedEnd")
        /// A byte that cannot start or continue a value here.
        public static let unexpectedCharacter = Code("unexpectedCharacter")
        /// A malformed number.
        public static let invalidNumber = Code("invalidNumber")
        /// A malformed string: a bad escape, a control character, or invalid UTF-8.
        public static let invalidString = Code("invalidString")
        /// A value after the top-level value.
        public static let trailingCharacters = Code("trailingCharacters")
        /// Arrays and objects nested deeper than the limit.
        public static let tooDeep = Code("tooDeep")
        /// The text is longer than the limit.
        public static let tooLarge = Code("tooLarge")
    }

    /// What went wrong.
    public var code: Code
    /// The byte offset in the text where it went wrong.
    public var offset: Int
    /// A sentence for people.
    public var message: String

    public init(code: Code, offset: Int, message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(message) (at byte \(offset))" }
}
