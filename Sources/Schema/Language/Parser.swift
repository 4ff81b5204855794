/// Parses GraphQL documents (spec §2 and the type-system grammar of §3) into a ``Document``.
///
/// A recursive-descent parser over the UTF-8 bytes of a ``Source``, following graphql-js's `Parser` method for
/// method so that its error messages and locations match (`Syntax Error: Expected Name, found <EOF>.`). It
/// reads executable and type-system documents alike, including the September 2025 additions: descriptions on
/// operations, fragments and variable definitions. ``ParseOptions`` bounds its work.
public enum Parser {
    /// Parses a whole document.
    public static func parse(_ source: Source, options: ParseOptions = .default) throws(GraphQLError) -> Document {
        try run(source, options) { (parser: inout ParserCore) throws(GraphQLError) in try parser.parseDocument() }
    }

    /// Parses a whole document from text (named `GraphQL request` in error messages).
    public static func parse(_ text: String, options: ParseOptions = .default) throws(GraphQLError) -> Document {
        try parse(Source(text), options: options)
    }

    /// Parses a lone value literal, which may contain variables (graphql-js `parseValue`).
    public static func parseValue(_ text: String, options: ParseOptions = .default) throws(GraphQLError) -> Value {
        try run(Source(text), options) { (parser: inout ParserCore) throws(GraphQLError) in
            try parser.parseWhole { (parser: inout ParserCore) throws(GraphQLError) in
                try parser.parseValueLiteral(isConst: false)
            }
        }
    }

    /// Parses a lone constant value literal (graphql-js `parseConstValue`).
    public static func parseConstValue(_ text: String, options: ParseOptions = .default) throws(GraphQLError)
        -> Value
    {
        try run(Source(text), options) { (parser: inout ParserCore) throws(GraphQLError) in
            try parser.parseWhole { (parser: inout ParserCore) throws(GraphQLError) in
                try parser.parseValueLiteral(isConst: true)
            }
        }
    }

    /// Parses a lone type reference such as `[String!]!` (graphql-js `parseType`).
    public static func parseType(_ text: String, options: ParseOptions = .default) throws(GraphQLError)
        -> TypeReference
    {
        try run(Source(text), options) { (parser: inout ParserCore) throws(GraphQLError) in
            try parser.parseWhole { (parser: inout ParserCore) throws(GraphQLError) in try parser.parseTypeReference() }
        }
    }

    private static func run<T>(
        _ source: Source,
        _ options: ParseOptions,
        _ body: (inout ParserCore) throws(GraphQLError) -> T
    ) throws(GraphQLError) -> T {
        if let limit = options.maxDocumentBytes, source.byteCount > limit {
            throw GraphQLError(
                message: "Syntax Error: Document is larger than \(limit) bytes. Parsing aborted.",
                source: source
            )
        }
        let result = source.withUTF8 { bytes -> Result<T, GraphQLError> in
            do throws(GraphQLError) {
                var parser = try ParserCore(bytes: bytes, source: source, options: options)
                return .success(try body(&parser))
            } catch {
                return .failure(error)
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

    init(bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ParseOptions) throws(GraphQLError) {
        self.scanner = Scanner(bytes: bytes, source: source)
        self.source = source
        self.options = options
        self.token = Token(kind: .startOfFile, start: 0, end: 0)
        try advance()
    }

    // MARK: Tokens

    private mutating func advance() throws(GraphQLError) {
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
                throw GraphQLError.syntax(
                    "Document contains more than \(limit) tokens. Parsing aborted.",
                    source: source,
                    offset: token.start
                )
            }
        }
    }

    private mutating func lookahead() throws(GraphQLError) -> Token {
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
    private mutating func expect(_ kind: TokenKind) throws(GraphQLError) -> Token {
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

    private mutating func expectOptional(_ kind: TokenKind) throws(GraphQLError) -> Bool {
        guard token.kind == kind else { return false }
        try advance()
        return true
    }

    private mutating func expectKeyword(_ keyword: String) throws(GraphQLError) {
        guard token.kind == .name, token.value == keyword else {
            throw syntaxError("Expected \"\(keyword)\", found \(token.messageDescription).", at: token.start)
        }
        try advance()
    }

    private mutating func expectOptionalKeyword(_ keyword: String) throws(GraphQLError) -> Bool {
        guard token.kind == .name, token.value == keyword else { return false }
        try advance()
        return true
    }

    private func unexpected(_ at: Token? = nil) -> GraphQLError {
        let offending = at ?? token
        return syntaxError("Unexpected \(offending.messageDescription).", at: offending.start)
    }

    private func syntaxError(_ message: String, at offset: Int) -> GraphQLError {
        GraphQLError.syntax(message, source: source, offset: offset)
    }

    /// Enters one level of `{` or `[` nesting, failing cleanly past the limit instead of recursing on.
    private mutating func enterNesting() throws(GraphQLError) {
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
        _ item: (inout ParserCore) throws(GraphQLError) -> T,
        _ close: TokenKind
    ) throws(GraphQLError) -> [T] {
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
        _ item: (inout ParserCore) throws(GraphQLError) -> T,
        _ close: TokenKind
    ) throws(GraphQLError) -> [T] {
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
        _ item: (inout ParserCore) throws(GraphQLError) -> T,
        _ close: TokenKind
    ) throws(GraphQLError) -> [T] {
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
        _ item: (inout ParserCore) throws(GraphQLError) -> T
    ) throws(GraphQLError) -> [T] {
        _ = try expectOptional(delimiter)
        var nodes: [T] = []
        repeat {
            nodes.append(try item(&self))
        } while try expectOptional(delimiter)
        return nodes
    }

    /// Runs `body` and requires that it consumed the whole input.
    mutating func parseWhole<T>(_ body: (inout ParserCore) throws(GraphQLError) -> T) throws(GraphQLError) -> T {
        let result = try body(&self)
        try expect(.endOfFile)
        return result
    }

    // MARK: Document

    mutating func parseDocument() throws(GraphQLError) -> Document {
        var definitions: [Definition] = []
        repeat {
            definitions.append(try parseDefinition())
        } while !peek(.endOfFile)
        let location = options.noLocation ? Location.none : Location(start: 0, end: scanner.bytes.count)
        return Document(definitions: definitions, location: location, source: source)
    }

    private mutating func parseDefinition() throws(GraphQLError) -> Definition {
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

    private mutating func parseOperationDefinition() throws(GraphQLError) -> OperationDefinition {
        let start = token.start
        if peek(.braceLeft) {
            let selectionSet = try parseSelectionSet()
            return OperationDefinition(operation: .query, selectionSet: selectionSet, location: location(from: start))
        }
        let description = try parseDescription()
        let operation = try parseOperationType()
        let name: Name? = peek(.name) ? try parseName() : nil
        let variableDefinitions = try optionalMany(.parenLeft, { (p: inout ParserCore) throws(GraphQLError) in
            try p.parseVariableDefinition()
        }, .parenRight)
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

    private mutating func parseOperationType() throws(GraphQLError) -> OperationType {
        let operationToken = try expect(.name)
        switch operationToken.value {
        case "query": return .query
        case "mutation": return .mutation
        case "subscription": return .subscription
        default: throw unexpected(operationToken)
        }
    }

    private mutating func parseVariableDefinition() throws(GraphQLError) -> VariableDefinition {
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

    private mutating func parseVariable() throws(GraphQLError) -> Variable {
        let start = token.start
        try expect(.dollar)
        let name = try parseName()
        return Variable(name: name, location: location(from: start))
    }

    private mutating func parseSelectionSet() throws(GraphQLError) -> SelectionSet {
        let start = token.start
        try enterNesting()
        let selections = try many(.braceLeft, { (p: inout ParserCore) throws(GraphQLError) in
            try p.parseSelection()
        }, .braceRight)
        depth -= 1
        return SelectionSet(selections: selections, location: location(from: start))
    }

    private mutating func parseSelection() throws(GraphQLError) -> Selection {
        peek(.spread) ? try parseFragment() : .field(try parseField())
    }

    private mutating func parseField() throws(GraphQLError) -> Field {
        let start = token.start
        let nameOrAlias = try parseName()
        let alias: Name?
        let name: Name
        if try expectOptional(.colon) {
            alias = nameOrAlias
            name = try parseName()
        } else {
            alias = nil
            name = nameOrAlias
        }
        let arguments = try parseArguments(isConst: false)
        let directives = try parseDirectives(isConst: false)
        let selectionSet: SelectionSet? = peek(.braceLeft) ? try parseSelectionSet() : nil
        return Field(
            alias: alias,
            name: name,
            arguments: arguments,
            directives: directives,
            selectionSet: selectionSet,
            location: location(from: start)
        )
    }

    private mutating func parseArguments(isConst: Bool) throws(GraphQLError) -> [Argument] {
        try optionalMany(.parenLeft, { (p: inout ParserCore) throws(GraphQLError) in
            try p.parseArgument(isConst: isConst)
        }, .parenRight)
    }

    private mutating func parseArgument(isConst: Bool) throws(GraphQLError) -> Argument {
        let start = token.start
        let name = try parseName()
        try expect(.colon)
        let value = try parseValueLiteral(isConst: isConst)
        return Argument(name: name, value: value, location: location(from: start))
    }

    // MARK: Fragments

    private mutating func parseFragment() throws(GraphQLError) -> Selection {
        let start = token.start
        try expect(.spread)
        let hasTypeCondition = try expectOptionalKeyword("on")
        if !hasTypeCondition && peek(.name) {
            let name = try parseFragmentName()
            let directives = try parseDirectives(isConst: false)
            return .fragmentSpread(FragmentSpread(name: name, directives: directives, location: location(from: start)))
        }
        let typeCondition: NamedType? = hasTypeCondition ? try parseNamedType() : nil
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return .inlineFragment(
            InlineFragment(
                typeCondition: typeCondition,
                directives: directives,
                selectionSet: selectionSet,
                location: location(from: start)
            )
        )
    }

    private mutating func parseFragmentDefinition() throws(GraphQLError) -> FragmentDefinition {
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

    private mutating func parseFragmentName() throws(GraphQLError) -> Name {
        if token.kind == .name && token.value == "on" { throw unexpected() }
        return try parseName()
    }

    // MARK: Values

    mutating func parseValueLiteral(isConst: Bool) throws(GraphQLError) -> Value {
        let current = token
        switch current.kind {
        case .bracketLeft:
            return .list(try parseList(isConst: isConst))
        case .braceLeft:
            return .object(try parseObject(isConst: isConst))
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

    private mutating func parseStringLiteral() throws(GraphQLError) -> StringValue {
        let current = token
        try advance()
        return StringValue(
            current.value ?? "",
            block: current.kind == .blockString,
            location: tokenLocation(current)
        )
    }

    private mutating func parseList(isConst: Bool) throws(GraphQLError) -> ListValue {
        let start = token.start
        try enterNesting()
        let values = try any(.bracketLeft, { (p: inout ParserCore) throws(GraphQLError) in
            try p.parseValueLiteral(isConst: isConst)
        }, .bracketRight)
        depth -= 1
        return ListValue(values, location: location(from: start))
    }

    private mutating func parseObject(isConst: Bool) throws(GraphQLError) -> ObjectValue {
        let start = token.start
        try enterNesting()
        let fields = try any(.braceLeft, { (p: inout ParserCore) throws(GraphQLError) in
            try p.parseObjectField(isConst: isConst)
        }, .braceRight)
        depth -= 1
        return ObjectValue(fields, location: location(from: start))
    }

    private mutating func parseObjectField(isConst: Bool) throws(GraphQLError) -> ObjectField {
        let start = token.start
        let name = try parseName()
        try expect(.colon)
        let value = try parseValueLiteral(isConst: isConst)
        return ObjectField(name: name, value: value, location: location(from: start))
    }

    // MARK: Directives and types

    private mutating func parseDirectives(isConst: Bool) throws(GraphQLError) -> [Directive] {
        var directives: [Directive] = []
        while peek(.at) {
            directives.append(try parseDirective(isConst: isConst))
        }
        return directives
    }

    private mutating func parseDirective(isConst: Bool) throws(GraphQLError) -> Directive {
        let start = token.start
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArguments(isConst: isConst)
        return Directive(name: name, arguments: arguments, location: location(from: start))
    }

    mutating func parseTypeReference() throws(GraphQLError) -> TypeReference {
        let start = token.start
        let type: TypeReference
        if peek(.bracketLeft) {
            try enterNesting()
            try advance()
            let inner = try parseTypeReference()
            try expect(.bracketRight)
            depth -= 1
            type = .list(ListType(inner, location: location(from: start)))
        } else {
            type = .named(try parseNamedType())
        }
        if try expectOptional(.bang) {
            return .nonNull(NonNullType(type, location: location(from: start)))
        }
        return type
    }

    private mutating func parseNamedType() throws(GraphQLError) -> NamedType {
        let start = token.start
        let name = try parseName()
        return NamedType(name: name, location: location(from: start))
    }

    private mutating func parseName() throws(GraphQLError) -> Name {
        let nameToken = try expect(.name)
        return Name(nameToken.value ?? "", location: tokenLocation(nameToken))
    }

    // MARK: Type system definitions

    private func peekDescription() -> Bool {
        token.kind == .string || token.kind == .blockString
    }

    private mutating func parseDescription() throws(GraphQLError) -> StringValue? {
        peekDescription() ? try parseStringLiteral() : nil
    }

    private mutating func parseSchemaDefinition() throws(GraphQLError) -> SchemaDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        let operationTypes = try many(.braceLeft, { (p: inout ParserCore) throws(GraphQLError) in
            try p.parseOperationTypeDefinition()
        }, .braceRight)
        return SchemaDefinition(
            description: description,
            directives: directives,
            operationTypes: operationTypes,
            location: location(from: start)
        )
    }

    private mutating func parseOperationTypeDefinition() throws(GraphQLError) -> OperationTypeDefinition {
        let start = token.start
        let operation = try parseOperationType()
        try expect(.colon)
        let type = try parseNamedType()
        return OperationTypeDefinition(operation: operation, type: type, location: location(from: start))
    }

    private mutating func parseScalarTypeDefinition() throws(GraphQLError) -> ScalarTypeDefinition {
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

    private mutating func parseObjectTypeDefinition() throws(GraphQLError) -> ObjectTypeDefinition {
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

    private mutating func parseImplementsInterfaces() throws(GraphQLError) -> [NamedType] {
        guard try expectOptionalKeyword("implements") else { return [] }
        return try delimitedMany(.ampersand) { (p: inout ParserCore) throws(GraphQLError) in try p.parseNamedType() }
    }

    private mutating func parseFieldsDefinition() throws(GraphQLError) -> [FieldDefinition] {
        try optionalMany(.braceLeft, { (p: inout ParserCore) throws(GraphQLError) in
            try p.parseFieldDefinition()
        }, .braceRight)
    }

    private mutating func parseFieldDefinition() throws(GraphQLError) -> FieldDefinition {
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

    private mutating func parseArgumentDefinitions() throws(GraphQLError) -> [InputValueDefinition] {
        try optionalMany(.parenLeft, { (p: inout ParserCore) throws(GraphQLError) in
            try p.parseInputValueDefinition()
        }, .parenRight)
    }

    private mutating func parseInputValueDefinition() throws(GraphQLError) -> InputValueDefinition {
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

    private mutating func parseInterfaceTypeDefinition() throws(GraphQLError) -> InterfaceTypeDefinition {
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

    private mutating func parseUnionTypeDefinition() throws(GraphQLError) -> UnionTypeDefinition {
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

    private mutating func parseUnionMemberTypes() throws(GraphQLError) -> [NamedType] {
        guard try expectOptional(.equals) else { return [] }
        return try delimitedMany(.pipe) { (p: inout ParserCore) throws(GraphQLError) in try p.parseNamedType() }
    }

    private mutating func parseEnumTypeDefinition() throws(GraphQLError) -> EnumTypeDefinition {
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

    private mutating func parseEnumValuesDefinition() throws(GraphQLError) -> [EnumValueDefinition] {
        try optionalMany(.braceLeft, { (p: inout ParserCore) throws(GraphQLError) in
            try p.parseEnumValueDefinition()
        }, .braceRight)
    }

    private mutating func parseEnumValueDefinition() throws(GraphQLError) -> EnumValueDefinition {
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

    private mutating func parseInputObjectTypeDefinition() throws(GraphQLError) -> InputObjectTypeDefinition {
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

    private mutating func parseInputFieldsDefinition() throws(GraphQLError) -> [InputValueDefinition] {
        try optionalMany(.braceLeft, { (p: inout ParserCore) throws(GraphQLError) in
            try p.parseInputValueDefinition()
        }, .braceRight)
    }

    private mutating func parseDirectiveDefinition() throws(GraphQLError) -> DirectiveDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("directive")
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        let repeatable = try expectOptionalKeyword("repeatable")
        try expectKeyword("on")
        let locations = try delimitedMany(.pipe) { (p: inout ParserCore) throws(GraphQLError) in
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

    private mutating func parseDirectiveLocation() throws(GraphQLError) -> Name {
        let start = token
        let name = try parseName()
        guard DirectiveLocation(rawValue: name.value) != nil else { throw unexpected(start) }
        return name
    }

    // MARK: Type system extensions

    private mutating func parseTypeSystemExtension() throws(GraphQLError) -> Definition {
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

    private mutating func parseSchemaExtension() throws(GraphQLError) -> SchemaExtension {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        let operationTypes = try optionalMany(.braceLeft, { (p: inout ParserCore) throws(GraphQLError) in
            try p.parseOperationTypeDefinition()
        }, .braceRight)
        if directives.isEmpty && operationTypes.isEmpty { throw unexpected() }
        return SchemaExtension(directives: directives, operationTypes: operationTypes, location: location(from: start))
    }

    private mutating func parseScalarTypeExtension() throws(GraphQLError) -> ScalarTypeExtension {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("scalar")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        if directives.isEmpty { throw unexpected() }
        return ScalarTypeExtension(name: name, directives: directives, location: location(from: start))
    }

    private mutating func parseObjectTypeExtension() throws(GraphQLError) -> ObjectTypeExtension {
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

    private mutating func parseInterfaceTypeExtension() throws(GraphQLError) -> InterfaceTypeExtension {
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

    private mutating func parseUnionTypeExtension() throws(GraphQLError) -> UnionTypeExtension {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("union")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let types = try parseUnionMemberTypes()
        if directives.isEmpty && types.isEmpty { throw unexpected() }
        return UnionTypeExtension(name: name, directives: directives, types: types, location: location(from: start))
    }

    private mutating func parseEnumTypeExtension() throws(GraphQLError) -> EnumTypeExtension {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("enum")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let values = try parseEnumValuesDefinition()
        if directives.isEmpty && values.isEmpty { throw unexpected() }
        return EnumTypeExtension(name: name, directives: directives, values: values, location: location(from: start))
    }

    private mutating func parseInputObjectTypeExtension() throws(GraphQLError) -> InputObjectTypeExtension {
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
