public import JSON

/// An error in the shape the GraphQL specification gives to the `errors` entries of a response (§7.1.2):
/// a message, the locations in the document it concerns, the response path of the field that raised it, and
/// an `extensions` map (our machine-readable `code` lives there).
///
/// The parser throws it for syntax errors (the message starts `Syntax Error:`), schema building collects it,
/// validation reports it, and execution attaches it to field paths. When it knows the ``Source`` it came from,
/// its ``description`` ends with an excerpt of the offending lines, as graphql-js prints errors.
public struct GraphQLError: Error, Sendable, CustomStringConvertible {
    /// A description of the error for the client.
    public var message: String

    /// The places in the document the error concerns, in order; empty when it concerns no particular place.
    public var locations: [SourceLocation]

    /// The response path of the field that raised the error; `nil` for errors that are not about a field.
    public var path: [PathComponent]?

    /// Additional machine-readable entries; `nil` when there are none.
    public var extensions: JSONObject?

    /// The document the locations point into, kept so that ``description`` can print an excerpt.
    public var source: Source?

    /// The error that caused this one (a resolver's error, for example), never shown to clients.
    public var underlyingError: (any Error)?

    /// Creates an error.
    public init(
        message: String,
        locations: [SourceLocation] = [],
        path: [PathComponent]? = nil,
        extensions: JSONObject? = nil,
        source: Source? = nil,
        underlyingError: (any Error)? = nil
    ) {
        self.message = message
        self.locations = locations
        self.path = path
        self.extensions = extensions
        self.source = source
        self.underlyingError = underlyingError
    }

    /// Creates an error about the given AST locations of `source` (their start offsets become line/column).
    public init(
        message: String,
        at nodes: [Location],
        in source: Source?,
        path: [PathComponent]? = nil,
        extensions: JSONObject? = nil
    ) {
        var locations: [SourceLocation] = []
        if let source {
            locations.reserveCapacity(nodes.count)
            for node in nodes { locations.append(source.location(at: node.start)) }
        }
        self.init(message: message, locations: locations, path: path, extensions: extensions, source: source)
    }

    /// A syntax error at byte `offset` of `source`: the message reads `Syntax Error: <description>`.
    public static func syntax(_ description: String, source: Source, offset: Int) -> GraphQLError {
        GraphQLError(
            message: "Syntax Error: " + description,
            locations: [source.location(at: offset)],
            source: source
        )
    }

    /// The value of `extensions.code`, if it is a string.
    public var code: String? {
        extensions?["code"]?.stringValue
    }

    /// A copy whose `extensions.code` is `code` (other extensions are kept).
    public func withCode(_ code: String) -> GraphQLError {
        var copy = self
        var extensions = copy.extensions ?? JSONObject()
        extensions["code"] = .string(code)
        copy.extensions = extensions
        return copy
    }

    /// The error as the response's `errors` entry: `message`, then `locations`, `path` and `extensions` when
    /// present (spec §7.1.2).
    public var jsonValue: JSONValue {
        var object = JSONObject(minimumCapacity: 4)
        object["message"] = .string(message)
        if !locations.isEmpty {
            object["locations"] = .array(
                locations.map { .object(["line": .int($0.line), "column": .int($0.column)]) }
            )
        }
        if let path {
            object["path"] = .array(
                path.map { component in
                    switch component {
                    case .key(let key): .string(key)
                    case .index(let index): .int(index)
                    }
                }
            )
        }
        if let extensions, !extensions.isEmpty { object["extensions"] = .object(extensions) }
        return .object(object)
    }

    /// The message followed, when the source is known, by an excerpt of the source at each location.
    public var description: String {
        var output = message
        if let source {
            for location in locations {
                output += "\n\n" + GraphQLError.printSourceLocation(source, location)
            }
        }
        return output
    }

    /// The excerpt graphql-js's `printSourceLocation` prints: the line before, the line, a caret, the line after.
    static func printSourceLocation(_ source: Source, _ location: SourceLocation) -> String {
        let header = "\(source.name):\(location.line):\(location.column)\n"
        let lineText = source.lineText(location.line)
        let previous: String? = location.line > 1 ? source.lineText(location.line - 1) : nil
        let next: String? = source.hasLine(location.line + 1) ? source.lineText(location.line + 1) : nil

        let scalars = Array(lineText.unicodeScalars)
        if scalars.count > 120 {
            // Minified documents: cut the long line into 80-character pieces and point into the right one.
            let subLineIndex = location.column / 80
            let subLineColumn = location.column % 80
            var pieces: [String] = []
            var start = 0
            while start < scalars.count {
                let end = min(start + 80, scalars.count)
                var piece = String.UnicodeScalarView()
                piece.append(contentsOf: scalars[start..<end])
                pieces.append(String(piece))
                start = end
            }
            var rows: [(String, String?)] = [("\(location.line) |", pieces.first)]
            for piece in pieces.dropFirst().prefix(subLineIndex) { rows.append(("|", piece)) }
            rows.append(("|", String(repeating: " ", count: max(0, subLineColumn - 1)) + "^"))
            rows.append(("|", subLineIndex + 1 < pieces.count ? pieces[subLineIndex + 1] : nil))
            return header + printPrefixedLines(rows)
        }
        return header
            + printPrefixedLines([
                ("\(location.line - 1) |", previous),
                ("\(location.line) |", lineText),
                ("|", String(repeating: " ", count: max(0, location.column - 1)) + "^"),
                ("\(location.line + 1) |", next),
            ])
    }

    private static func printPrefixedLines(_ lines: [(String, String?)]) -> String {
        let existing = lines.compactMap { prefix, line in line.map { (prefix, $0) } }
        let width = existing.map(\.0.count).max() ?? 0
        return existing.map { prefix, line in
            String(repeating: " ", count: width - prefix.count) + prefix + (line.isEmpty ? "" : " " + line)
        }.joined(separator: "\n")
    }
}

extension GraphQLError: Equatable {
    /// Errors are equal when what a client would see of them is equal (the underlying error is not compared).
    public static func == (lhs: GraphQLError, rhs: GraphQLError) -> Bool {
        lhs.message == rhs.message && lhs.locations == rhs.locations && lhs.path == rhs.path
            && lhs.extensions == rhs.extensions
    }
}

/// One step of a response path: a field's response key or a list index.
public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
    /// A field's response key (its alias, or its name).
    case key(String)
    /// A position in a list.
    case index(Int)

    /// The key, or the index in decimal.
    public var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): String(index)
        }
    }
}
