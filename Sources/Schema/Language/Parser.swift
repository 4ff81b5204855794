/// Parses GraphQL documents (spec §2 and the type-system grammar of §3) into a ``Document``.
///
/// A recursive-descent parser over the UTF-8 bytes of a ``Source``, following graphql-js's `Parser` method for
/// method so that its error messages and locations match (`Syntax Error: Expected Name, found <EOF>.`). It
/// reads executable and type-system documents alike, including the September 2025 additions: descriptions on
/// operations, fragments and variable definitions. ``ParseOptions`` bounds its work.
public enum Parser {
    /// Parses a whole document.
    public static func parse(_ source: Source, options: ParseOptions = .default) throws(GraphQLError) -> Document {
        try run(source, options) { (parser: inout ParserCore) throws(SyntaxFailure) in try parser.parseDocument() }
    }

    /// Parses a whole document from text (named `GraphQL request` in error messages).
    public static func parse(_ text: String, options: ParseOptions = .default) throws(GraphQLError) -> Document {
        try parse(Source(text), options: options)
    }

    /// Parses a lone value literal, which may contain variables (graphql-js `parseValue`).
    public static func parseValue(_ text: String, options: ParseOptions = .default) throws(GraphQLError) -> Value {
        try run(Source(text), options) { (parser: inout ParserCore) throws(SyntaxFailure) in
            try parser.parseWhole { (parser: inout ParserCore) throws(SyntaxFailure) in
                try parser.parseValueLiteral(isConst: false)
            }
        }
    }

    /// Parses a lone constant value literal (graphql-js `parseConstValue`).
    public static func parseConstValue(
        _ text: String,
        options: ParseOptions = .default
    ) throws(GraphQLError)
        -> Value
    {
        try run(Source(text), options) { (parser: inout ParserCore) throws(SyntaxFailure) in
            try parser.parseWhole { (parser: inout ParserCore) throws(SyntaxFailure) in
                try parser.parseValueLiteral(isConst: true)
            }
        }
    }

    /// Parses a lone type reference such as `[String!]!` (graphql-js `parseType`).
    public static func parseType(
        _ text: String,
        options: ParseOptions = .default
    ) throws(GraphQLError)
        -> TypeReference
    {
        try run(Source(text), options) { (parser: inout ParserCore) throws(SyntaxFailure) in
            try parser.parseWhole { (parser: inout ParserCore) throws(SyntaxFailure) in try parser.parseTypeReference()
            }
        }
    }

    private static func run<T>(
        _ source: Source,
        _ options: ParseOptions,
        _ body: (inout ParserCore) throws(SyntaxFailure) -> T
    ) throws(GraphQLError) -> T {
        if let limit = options.maxDocumentBytes, source.byteCount > limit {
            throw GraphQLError(
                message: "Syntax Error: Document is larger than \(limit) bytes. Parsing aborted.",
                source: source
            )
        }
        let result = source.withUTF8 { bytes -> Result<T, GraphQLError> in
            do throws(SyntaxFailure) {
                var parser = try ParserCore(bytes: bytes, source: source, options: options)
                return .success(try body(&parser))
            } catch {
                return .failure(GraphQLError.syntax(error.message, source: source, offset: error.offset))
            }
        }
        return try result.get()
    }
}

/// The parser's state while it runs over borrowed bytes; see ``Parser``.
struct ParserCore {
    private var scanner: Scanner
    private let source: Source
    private let options: ParseOptions
    /// The current token (the next one to consume).
    private var token: Token
    /// A token read ahead by ``lookahead()``, handed out by the next advance.
    private var peeked: Token?
    /// The end of the last consumed token: where the node being built ends.
    private var lastEnd = 0
    private var tokenCount = 0
    private var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ParseOptions) throws(SyntaxFailure) {
        self.scanner = Scanner(bytes: bytes, source: source)
        self.source = source
        self.options = options
        self.token = Token(kind: .startOfFile, start: 0, end: 0)
        try advance()
    }

    // MARK: Tokens

    private mutating func advance() throws(SyntaxFailure) {
        lastEnd = token.end
        if let next = peeked {
            token = next
            peeked = nil
        } else {
            token = try scanner.next()
        }
        if token.kind != .endOfFile {
            tokenCount += 1
            if let limit = options.maxTokens, tokenCount > limit {
                throw SyntaxFailure(
                    message: "Document contains more than \(limit) tokens. Parsing aborted.",
                    offset: token.start
                )
            }
        }
    }

    private mutating func lookahead() throws(SyntaxFailure) -> Token {
        if let peeked { return peeked }
        let next = try scanner.next()
        peeked = next
        return next
    }

    @inline(__always)
    private func peek(_ kind: TokenKind) -> Bool { token.kind == kind }

    private func location(from start: Int) -> Location {
        options.noLocation ? .none : Location(start: start, end: lastEnd)
    }

    private func tokenLocation(_ token: Token) -> Location {
        options.noLocation ? .none : Location(start: token.start, end: token.end)
    }

    @discardableResult
    private mutating func expect(_ kind: TokenKind) throws(SyntaxFailure) -> Token {
        let current = token
        guard current.kind == kind else {
            throw syntaxError(
                "Expected \(kind.messageDescription), found \(current.messageDescription).",
                at: current.start
            )
        }
        try advance()
        return current
    }

    private mutating func expectOptional(_ kind: TokenKind) throws(SyntaxFailure) -> Bool {
        guard token.kind == kind else { return false }
        try advance()
        return true
    }

    private mutating func expectKeyword(_ keyword: String) throws(SyntaxFailure) {
        guard token.kind == .name, token.value == keyword else {
            throw syntaxError("Expected \"\(keyword)\", found \(token.messageDescription).", at: token.start)
        }
        try advance()
    }

    private mutating func expectOptionalKeyword(_ keyword: String) throws(SyntaxFailure) -> Bool {
        guard token.kind == .name, token.value == keyword else { return false }
        try advance()
        return true
    }

    private func unexpected(_ at: Token? = nil) -> SyntaxFailure {
        let offending = at ?? token
        return syntaxError("Unexpected \(offending.messageDescription).", at: offending.start)
    }

    private func syntaxError(_ message: String, at offset: Int) -> SyntaxFailure {
        SyntaxFailure(message: message, offset: offset)
    }

    /// Enters one level of `{` or `[` nesting, failing cleanly past the limit instead of recursing on.
    private mutating func enterNesting() throws(SyntaxFailure) {
        depth += 1
        if depth > options.maxNestingDepth {
            throw syntaxError(
                "Document nests more than \(options.maxNestingDepth) levels deep. Parsing aborted.",
                at: token.start
            )
        }
    }

    // MARK: Lists of things

    /// `open item+ close`.
    private mutating func many<T>(
        _ open: TokenKind,
        _ item: (inout ParserCore) throws(SyntaxFailure) -> T,
        _ close: TokenKind
    ) throws(SyntaxFailure) -> [T] {
        try expect(open)
        var nodes: [T] = []
        repeat {
            nodes.append(try item(&self))
        } while try !expectOptional(close)
        return nodes
    }

    /// `(open item+ close)?`.
    private mutating func optionalMany<T>(
        _ open: TokenKind,
        _ item: (inout ParserCore) throws(SyntaxFailure) -> T,
        _ close: TokenKind
    ) throws(SyntaxFailure) -> [T] {
        guard try expectOptional(open) else { return [] }
        var nodes: [T] = []
        repeat {
            nodes.append(try item(&self))
        } while try !expectOptional(close)
        return nodes
    }

    /// `open item* close`.
    private mutating func any<T>(
        _ open: TokenKind,
        _ item: (inout ParserCore) throws(SyntaxFailure) -> T,
        _ close: TokenKind
    ) throws(SyntaxFailure) -> [T] {
        try expect(open)
        var nodes: [T] = []
        while try !expectOptional(close) {
            nodes.append(try item(&self))
        }
        return nodes
    }

    /// `delimiter? item (delimiter item)*`.
    private mutating func delimitedMany<T>(
        _ delimiter: TokenKind,
        _ item: (inout ParserCore) throws(SyntaxFailure) -> T
    ) throws(SyntaxFailure) -> [T] {
        _ = try expectOptional(delimiter)
        var nodes: [T] = []
        repeat {
            nodes.append(try item(&self))
        } while try expectOptional(delimiter)
        return nodes
    }

    /// Runs `body` and requires that it consumed the whole input.
    mutating func parseWhole<T>(_ body: (inout ParserCore) throws(SyntaxFailure) -> T) throws(SyntaxFailure) -> T {
        let result = try body(&self)
        try expect(.endOfFile)
        return result
    }

    // MARK: Document

    mutating func parseDocument() throws(SyntaxFailure) -> Document {
        var definitions: [Definition] = []
        repeat {
            definitions.append(try parseDefinition())
        } while !peek(.endOfFile)
        let location = options.noLocation ? Location.none : Location(start: 0, end: scanner.bytes.count)
        return Document(definitions: definitions, location: location, source: source)
    }

    private mutating func parseDefinition() throws(SyntaxFailure) -> Definition {
        if peek(.braceLeft) { return .operation(try parseOperationDefinition()) }

        // Many definitions start with a description: the keyword after it decides.
        let hasDescription = peekDescription()
        let keyword = hasDescription ? try lookahead() : token
        if hasDescription && keyword.kind == .braceLeft {
            throw syntaxError(
                "Unexpected description, descriptions are not supported on shorthand queries.",
                at: token.start
            )
        }
        if keyword.kind == .name, let value = keyword.value {
            switch value {
            case "schema": return .schema(try parseSchemaDefinition())
            case "scalar": return .type(.scalar(try parseScalarTypeDefinition()))
            case "type": return .type(.object(try parseObjectTypeDefinition()))
            case "interface": return .type(.interface(try parseInterfaceTypeDefinition()))
            case "union": return .type(.union(try parseUnionTypeDefinition()))
            case "enum": return .type(.enumType(try parseEnumTypeDefinition()))
            case "input": return .type(.inputObject(try parseInputObjectTypeDefinition()))
            case "directive": return .directive(try parseDirectiveDefinition())
            case "query", "mutation", "subscription": return .operation(try parseOperationDefinition())
            case "fragment": return .fragment(try parseFragmentDefinition())
            default: break
            }
            if hasDescription {
                throw syntaxError(
                    "Unexpected description, only GraphQL definitions support descriptions.",
                    at: token.start
                )
            }
            if value == "extend" { return try parseTypeSystemExtension() }
        }
        throw unexpected(keyword)
    }

    // MARK: Operations

    private mutating func parseOperationDefinition() throws(SyntaxFailure) -> OperationDefinition {
        let start = token.start
        if peek(.braceLeft) {
            let selectionSet = try parseSelectionSet()
            return OperationDefinition(operation: .query, selectionSet: selectionSet, location: location(from: start))
        }
        let description = try parseDescription()
        let operation = try parseOperationType()
        let name: Name? = peek(.name) ? try parseName() : nil
        let variableDefinitions = try optionalMany(
            .parenLeft,
            { (p: inout ParserCore) throws(SyntaxFailure) in
                try p.parseVariableDefinition()
            },
            .parenRight
        )
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return OperationDefinition(
            description: description,
            operation: operation,
            name: name,
            variableDefinitions: variableDefinitions,
            directives: directives,
            selectionSet: selectionSet,
            location: location(from: start)
        )
    }

    private mutating func parseOperationType() throws(SyntaxFailure) -> OperationType {
        let operationToken = try expect(.name)
        switch operationToken.value {
        case "query": return .query
        case "mutation": return .mutation
        case "subscription": return .subscription
        default: throw unexpected(operationToken)
        }
    }

    private mutating func parseVariableDefinition() throws(SyntaxFailure) -> VariableDefinition {
        let start = token.start
        let description = try parseDescription()
        let variable = try parseVariable()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue: Value? = try expectOptional(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return VariableDefinition(
            description: description,
            variable: variable,
            type: type,
            defaultValue: defaultValue,
            directives: directives,
            location: location(from: start)
        )
    }

    private mutating func parseVariable() throws(SyntaxFailure) -> Variable {
        let start = token.start
        try expect(.dollar)
        let name = try parseName()
        return Variable(name: name, location: location(from: start))
    }

    /// A selection set being read: the selections so far, and what it belongs to.
    private struct OpenSelectionSet {
        enum Owner {
            case root
            case field(alias: Name?, name: Name, arguments: [Argument], directives: [Directive], start: Int)
            case inlineFragment(typeCondition: NamedType?, directives: [Directive], start: Int)
        }
        var owner: Owner
        var start: Int
        var selections: [Selection] = []
    }

    /// `{ selection+ }`, read with an explicit stack rather than by recursion, so that nesting costs heap,
    /// not call stack: the nesting limit is then a limit on work, and a deep document can never overflow the
    /// stack of the thread that parses it.
    private mutating func parseSelectionSet() throws(SyntaxFailure) -> SelectionSet {
        var stack: [OpenSelectionSet] = []
        try openSelectionSet(.root, &stack)
        while true {
            let top = stack.count - 1
            // A set needs at least one selection; `}` before that reads as a missing field name.
            if token.kind == .braceRight && !stack[top].selections.isEmpty {
                try advance()
                depth -= 1
                let closed = stack.removeLast()
                let set = SelectionSet(selections: closed.selections, location: location(from: closed.start))
                let selection: Selection
                switch closed.owner {
                case .root:
                    return set
                case .field(let alias, let name, let arguments, let directives, let start):
                    selection = .field(
                        Field(
                            alias: alias,
                            name: name,
                            arguments: arguments,
                            directives: directives,
                            selectionSet: set,
                            location: location(from: start)
                        )
                    )
                case .inlineFragment(let typeCondition, let directives, let start):
                    selection = .inlineFragment(
                        InlineFragment(
                            typeCondition: typeCondition,
                            directives: directives,
                            selectionSet: set,
                            location: location(from: start)
                        )
                    )
                }
                stack[stack.count - 1].selections.append(selection)
                continue
            }
            if peek(.spread) {
                let start = token.start
                try advance()
                let hasTypeCondition = try expectOptionalKeyword("on")
                if !hasTypeCondition && peek(.name) {
                    let name = try parseFragmentName()
                    let directives = try parseDirectives(isConst: false)
                    stack[top].selections.append(
                        .fragmentSpread(
                            FragmentSpread(name: name, directives: directives, location: location(from: start))
                        )
                    )
                    continue
                }
                let typeCondition: NamedType? = hasTypeCondition ? try parseNamedType() : nil
                let directives = try parseDirectives(isConst: false)
                try openSelectionSet(
                    .inlineFragment(typeCondition: typeCondition, directives: directives, start: start),
                    &stack
                )
                continue
            }
            let start = token.start
            let nameOrAlias = try parseName()
            var alias: Name?
            var name = nameOrAlias
            if try expectOptional(.colon) {
                alias = nameOrAlias
                name = try parseName()
            }
            let arguments = try parseArguments(isConst: false)
            let directives = try parseDirectives(isConst: false)
            if peek(.braceLeft) {
                try openSelectionSet(
                    .field(alias: alias, name: name, arguments: arguments, directives: directives, start: start),
                    &stack
                )
            } else {
                stack[top].selections.append(
                    .field(
                        Field(
                            alias: alias,
                            name: name,
                            arguments: arguments,
                            directives: directives,
                            location: location(from: start)
                        )
                    )
                )
            }
        }
    }

    private mutating func openSelectionSet(
        _ owner: OpenSelectionSet.Owner,
        _ stack: inout [OpenSelectionSet]
    ) throws(SyntaxFailure) {
        let start = token.start
        try enterNesting()
        try expect(.braceLeft)
        stack.append(OpenSelectionSet(owner: owner, start: start))
    }

    private mutating func parseArguments(isConst: Bool) throws(SyntaxFailure) -> [Argument] {
        try optionalMany(
            .parenLeft,
            { (p: inout ParserCore) throws(SyntaxFailure) in
                try p.parseArgument(isConst: isConst)
            },
            .parenRight
        )
    }

    private mutating func parseArgument(isConst: Bool) throws(SyntaxFailure) -> Argument {
        let start = token.start
        let name = try parseName()
        try expect(.colon)
        let value = try parseValueLiteral(isConst: isConst)
        return Argument(name: name, value: value, location: location(from: start))
    }

    // MARK: Fragments

    private mutating func parseFragmentDefinition() throws(SyntaxFailure) -> FragmentDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("fragment")
        let name = try parseFragmentName()
        try expectKeyword("on")
        let typeCondition = try parseNamedType()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return FragmentDefinition(
            description: description,
            name: name,
            typeCondition: typeCondition,
            directives: directives,
            selectionSet: selectionSet,
            location: location(from: start)
        )
    }

    private mutating func parseFragmentName() throws(SyntaxFailure) -> Name {
        if token.kind == .name && token.value == "on" { throw unexpected() }
        return try parseName()
    }

    // MARK: Values

    /// A list or object literal being read.
    private struct OpenValue {
        var isList: Bool
        var start: Int
        var values: [Value] = []
        var fields: [ObjectField] = []
        /// The name and start of the object field whose value is being read.
        var pendingField: (name: Name, start: Int)?
    }

    /// A value literal, read with an explicit stack of open lists and objects (see ``parseSelectionSet()``).
    mutating func parseValueLiteral(isConst: Bool) throws(SyntaxFailure) -> Value {
        var stack: [OpenValue] = []
        while true {
            var value: Value
            if let top = stack.last {
                if top.isList && token.kind == .bracketRight {
                    try advance()
                    depth -= 1
                    let list = stack.removeLast()
                    value = .list(ListValue(list.values, location: location(from: list.start)))
                } else if !top.isList && token.kind == .braceRight {
                    try advance()
                    depth -= 1
                    let object = stack.removeLast()
                    value = .object(ObjectValue(object.fields, location: location(from: object.start)))
                } else {
                    if !top.isList {
                        let start = token.start
                        let name = try parseName()
                        try expect(.colon)
                        stack[stack.count - 1].pendingField = (name, start)
                    }
                    guard let scalar = try parseValueStart(isConst: isConst, &stack) else { continue }
                    value = scalar
                }
            } else {
                guard let scalar = try parseValueStart(isConst: isConst, &stack) else { continue }
                value = scalar
            }
            // Hand the finished value to the innermost open list or object, or return it.
            let top = stack.count - 1
            guard top >= 0 else { return value }
            if stack[top].isList {
                stack[top].values.append(value)
            } else if let field = stack[top].pendingField {
                stack[top].fields.append(
                    ObjectField(name: field.name, value: value, location: location(from: field.start))
                )
                stack[top].pendingField = nil
            }
        }
    }

    /// Opens a list or object (returning `nil`), or reads a value without nesting.
    private mutating func parseValueStart(isConst: Bool, _ stack: inout [OpenValue]) throws(SyntaxFailure) -> Value? {
        let current = token
        switch current.kind {
        case .bracketLeft, .braceLeft:
            try enterNesting()
            try advance()
            stack.append(OpenValue(isList: current.kind == .bracketLeft, start: current.start))
            return nil
        case .int:
            try advance()
            return .int(IntValue(current.value ?? "", location: tokenLocation(current)))
        case .float:
            try advance()
            return .float(FloatValue(current.value ?? "", location: tokenLocation(current)))
        case .string, .blockString:
            return .string(try parseStringLiteral())
        case .name:
            try advance()
            let location = tokenLocation(current)
            switch current.value {
            case "true": return .boolean(BooleanValue(true, location: location))
            case "false": return .boolean(BooleanValue(false, location: location))
            case "null": return .null(NullValue(location: location))
            default: return .enumValue(EnumValue(current.value ?? "", location: location))
            }
        case .dollar:
            if isConst {
                try expect(.dollar)
                if token.kind == .name, let name = token.value {
                    throw syntaxError("Unexpected variable \"$\(name)\" in constant value.", at: current.start)
                }
                throw unexpected(current)
            }
            return .variable(try parseVariable())
        default:
            throw unexpected()
        }
    }

    private mutating func parseStringLiteral() throws(SyntaxFailure) -> StringValue {
        let current = token
        try advance()
        return StringValue(
            current.value ?? "",
            block: current.kind == .blockString,
            location: tokenLocation(current)
        )
    }

    // MARK: Directives and types

    private mutating func parseDirectives(isConst: Bool) throws(SyntaxFailure) -> [Directive] {
        var directives: [Directive] = []
        while peek(.at) {
            directives.append(try parseDirective(isConst: isConst))
        }
        return directives
    }

    private mutating func parseDirective(isConst: Bool) throws(SyntaxFailure) -> Directive {
        let start = token.start
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArguments(isConst: isConst)
        return Directive(name: name, arguments: arguments, location: location(from: start))
    }

    /// A type reference: the `[`s are counted rather than recursed into.
    mutating func parseTypeReference() throws(SyntaxFailure) -> TypeReference {
        var listStarts: [Int] = []
        while peek(.bracketLeft) {
            try enterNesting()
            listStarts.append(token.start)
            try advance()
        }
        let namedStart = token.start
        var type = TypeReference.named(try parseNamedType())
        if try expectOptional(.bang) {
            type = .nonNull(NonNullType(type, location: location(from: namedStart)))
        }
        for start in listStarts.reversed() {
            try expect(.bracketRight)
            depth -= 1
            type = .list(ListType(type, location: location(from: start)))
            if try expectOptional(.bang) {
                type = .nonNull(NonNullType(type, location: location(from: start)))
            }
        }
        return type
    }

    private mutating func parseNamedType() throws(SyntaxFailure) -> NamedType {
        let start = token.start
        let name = try parseName()
        return NamedType(name: name, location: location(from: start))
    }

    private mutating func parseName() throws(SyntaxFailure) -> Name {
        let nameToken = try expect(.name)
        return Name(nameToken.value ?? "", location: tokenLocation(nameToken))
    }

    // MARK: Type system definitions

    private func peekDescription() -> Bool {
        token.kind == .string || token.kind == .blockString
    }

    private mutating func parseDescription() throws(SyntaxFailure) -> StringValue? {
        peekDescription() ? try parseStringLiteral() : nil
    }

    private mutating func parseSchemaDefinition() throws(SyntaxFailure) -> SchemaDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        let operationTypes = try many(
            .braceLeft,
            { (p: inout ParserCore) throws(SyntaxFailure) in
                try p.parseOperationTypeDefinition()
            },
            .braceRight
        )
        return SchemaDefinition(
            description: description,
            directives: directives,
            operationTypes: operationTypes,
            location: location(from: start)
        )
    }

    private mutating func parseOperationTypeDefinition() throws(SyntaxFailure) -> OperationTypeDefinition {
        let start = token.start
        let operation = try parseOperationType()
        try expect(.colon)
        let type = try parseNamedType()
        return OperationTypeDefinition(operation: operation, type: type, location: location(from: start))
    }

    private mutating func parseScalarTypeDefinition() throws(SyntaxFailure) -> ScalarTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("scalar")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        return ScalarTypeDefinition(
            description: description,
            name: name,
            directives: directives,
            location: location(from: start)
        )
    }

    private mutating func parseObjectTypeDefinition() throws(SyntaxFailure) -> ObjectTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("type")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        return ObjectTypeDefinition(
            description: description,
            name: name,
            interfaces: interfaces,
            directives: directives,
            fields: fields,
            location: location(from: start)
        )
    }

    private mutating func parseImplementsInterfaces() throws(SyntaxFailure) -> [NamedType] {
        guard try expectOptionalKeyword("implements") else { return [] }
        return try delimitedMany(.ampersand) { (p: inout ParserCore) throws(SyntaxFailure) in try p.parseNamedType() }
    }

    private mutating func parseFieldsDefinition() throws(SyntaxFailure) -> [FieldDefinition] {
        try optionalMany(
            .braceLeft,
            { (p: inout ParserCore) throws(SyntaxFailure) in
                try p.parseFieldDefinition()
            },
            .braceRight
        )
    }

    private mutating func parseFieldDefinition() throws(SyntaxFailure) -> FieldDefinition {
        let start = token.start
        let description = try parseDescription()
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        try expect(.colon)
        let type = try parseTypeReference()
        let directives = try parseDirectives(isConst: true)
        return FieldDefinition(
            description: description,
            name: name,
            arguments: arguments,
            type: type,
            directives: directives,
            location: location(from: start)
        )
    }

    private mutating func parseArgumentDefinitions() throws(SyntaxFailure) -> [InputValueDefinition] {
        try optionalMany(
            .parenLeft,
            { (p: inout ParserCore) throws(SyntaxFailure) in
                try p.parseInputValueDefinition()
            },
            .parenRight
        )
    }

    private mutating func parseInputValueDefinition() throws(SyntaxFailure) -> InputValueDefinition {
        let start = token.start
        let description = try parseDescription()
        let name = try parseName()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue: Value? = try expectOptional(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return InputValueDefinition(
            description: description,
            name: name,
            type: type,
            defaultValue: defaultValue,
            directives: directives,
            location: location(from: start)
        )
    }

    private mutating func parseInterfaceTypeDefinition() throws(SyntaxFailure) -> InterfaceTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("interface")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        return InterfaceTypeDefinition(
            description: description,
            name: name,
            interfaces: interfaces,
            directives: directives,
            fields: fields,
            location: location(from: start)
        )
    }

    private mutating func parseUnionTypeDefinition() throws(SyntaxFailure) -> UnionTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("union")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let types = try parseUnionMemberTypes()
        return UnionTypeDefinition(
            description: description,
            name: name,
            directives: directives,
            types: types,
            location: location(from: start)
        )
    }

    private mutating func parseUnionMemberTypes() throws(SyntaxFailure) -> [NamedType] {
        guard try expectOptional(.equals) else { return [] }
        return try delimitedMany(.pipe) { (p: inout ParserCore) throws(SyntaxFailure) in try p.parseNamedType() }
    }

    private mutating func parseEnumTypeDefinition() throws(SyntaxFailure) -> EnumTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("enum")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let values = try parseEnumValuesDefinition()
        return EnumTypeDefinition(
            description: description,
            name: name,
            directives: directives,
            values: values,
            location: location(from: start)
        )
    }

    private mutating func parseEnumValuesDefinition() throws(SyntaxFailure) -> [EnumValueDefinition] {
        try optionalMany(
            .braceLeft,
            { (p: inout ParserCore) throws(SyntaxFailure) in
                try p.parseEnumValueDefinition()
            },
            .braceRight
        )
    }

    private mutating func parseEnumValueDefinition() throws(SyntaxFailure) -> EnumValueDefinition {
        let start = token.start
        let description = try parseDescription()
        if token.kind == .name, let value = token.value, value == "true" || value == "false" || value == "null" {
            throw syntaxError(
                "\(token.messageDescription) is reserved and cannot be used for an enum value.",
                at: token.start
            )
        }
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        return EnumValueDefinition(
            description: description,
            name: name,
            directives: directives,
            location: location(from: start)
        )
    }

    private mutating func parseInputObjectTypeDefinition() throws(SyntaxFailure) -> InputObjectTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("input")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseInputFieldsDefinition()
        return InputObjectTypeDefinition(
            description: description,
            name: name,
            directives: directives,
            fields: fields,
            location: location(from: start)
        )
    }

    private mutating func parseInputFieldsDefinition() throws(SyntaxFailure) -> [InputValueDefinition] {
        try optionalMany(
            .braceLeft,
            { (p: inout ParserCore) throws(SyntaxFailure) in
                try p.parseInputValueDefinition()
            },
            .braceRight
        )
    }

    private mutating func parseDirectiveDefinition() throws(SyntaxFailure) -> DirectiveDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("directive")
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        let repeatable = try expectOptionalKeyword("repeatable")
        try expectKeyword("on")
        let locations = try delimitedMany(.pipe) { (p: inout ParserCore) throws(SyntaxFailure) in
            try p.parseDirectiveLocation()
        }
        return DirectiveDefinition(
            description: description,
            name: name,
            arguments: arguments,
            repeatable: repeatable,
            locations: locations,
            location: location(from: start)
        )
    }

    private mutating func parseDirectiveLocation() throws(SyntaxFailure) -> Name {
        let start = token
        let name = try parseName()
        guard DirectiveLocation(rawValue: name.value) != nil else { throw unexpected(start) }
        return name
    }

    // MARK: Type system extensions

    private mutating func parseTypeSystemExtension() throws(SyntaxFailure) -> Definition {
        let keyword = try lookahead()
        if keyword.kind == .name, let value = keyword.value {
            switch value {
            case "schema": return .schemaExtension(try parseSchemaExtension())
            case "scalar": return .typeExtension(.scalar(try parseScalarTypeExtension()))
            case "type": return .typeExtension(.object(try parseObjectTypeExtension()))
            case "interface": return .typeExtension(.interface(try parseInterfaceTypeExtension()))
            case "union": return .typeExtension(.union(try parseUnionTypeExtension()))
            case "enum": return .typeExtension(.enumType(try parseEnumTypeExtension()))
            case "input": return .typeExtension(.inputObject(try parseInputObjectTypeExtension()))
            default: break
            }
        }
        throw unexpected(keyword)
    }

    private mutating func parseSchemaExtension() throws(SyntaxFailure) -> SchemaExtension {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        let operationTypes = try optionalMany(
            .braceLeft,
            { (p: inout ParserCore) throws(SyntaxFailure) in
                try p.parseOperationTypeDefinition()
            },
            .braceRight
        )
        if directives.isEmpty && operationTypes.isEmpty { throw unexpected() }
        return SchemaExtension(directives: directives, operationTypes: operationTypes, location: location(from: start))
    }

    private mutating func parseScalarTypeExtension() throws(SyntaxFailure) -> ScalarTypeExtension {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("scalar")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        if directives.isEmpty { throw unexpected() }
        return ScalarTypeExtension(name: name, directives: directives, location: location(from: start))
    }

    private mutating func parseObjectTypeExtension() throws(SyntaxFailure) -> ObjectTypeExtension {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("type")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        if interfaces.isEmpty && directives.isEmpty && fields.isEmpty { throw unexpected() }
        return ObjectTypeExtension(
            name: name,
            interfaces: interfaces,
            directives: directives,
            fields: fields,
            location: location(from: start)
        )
    }

    private mutating func parseInterfaceTypeExtension() throws(SyntaxFailure) -> InterfaceTypeExtension {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("interface")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        if interfaces.isEmpty && directives.isEmpty && fields.isEmpty { throw unexpected() }
        return InterfaceTypeExtension(
            name: name,
            interfaces: interfaces,
            directives: directives,
            fields: fields,
            location: location(from: start)
        )
    }

    private mutating func parseUnionTypeExtension() throws(SyntaxFailure) -> UnionTypeExtension {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("union")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let types = try parseUnionMemberTypes()
        if directives.isEmpty && types.isEmpty { throw unexpected() }
        return UnionTypeExtension(name: name, directives: directives, types: types, location: location(from: start))
    }

    private mutating func parseEnumTypeExtension() throws(SyntaxFailure) -> EnumTypeExtension {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("enum")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let values = try parseEnumValuesDefinition()
        if directives.isEmpty && values.isEmpty { throw unexpected() }
        return EnumTypeExtension(name: name, directives: directives, values: values, location: location(from: start))
    }

    private mutating func parseInputObjectTypeExtension() throws(SyntaxFailure) -> InputObjectTypeExtension {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("input")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseInputFieldsDefinition()
        if directives.isEmpty && fields.isEmpty { throw unexpected() }
        return InputObjectTypeExtension(
            name: name,
            directives: directives,
            fields: fields,
            location: location(from: start)
        )
    }
}
