import Schema

/// One line of `snowgate check`'s output: an error of one document, at its first location.
///
/// The format is the compiler convention editors and CI annotators understand, `path:line:column: message`. An
/// error with several locations (a field conflict, a duplicate name) stays one line: it is placed at its first
/// location, as graphql-js lists that location first, and the others follow the message as
/// `(also at line:column, …)`, so the line count is the error count. An error without a location (an unreadable
/// file) is written `path: message`.
struct CheckDiagnostic: Sendable, Equatable {
    /// The file as named on the command line (or found below a directory named there).
    var path: String
    /// The error's locations, first one first; empty for a file-level error.
    var locations: [SourceLocation]
    /// The message, on one line.
    var message: String

    init(path: String, locations: [SourceLocation], message: String) {
        self.path = path
        self.locations = locations
        self.message = message
    }

    init(path: String, error: GraphQLError) {
        self.init(path: path, locations: error.locations, message: error.message)
    }

    /// The output line, without its newline.
    var line: String {
        // A message never spans lines in the output: block strings echoed in a message would break the format.
        let flat = message.contains("\n") ? message.split(separator: "\n").joined(separator: " ") : message
        guard let first = locations.first else { return "\(path): \(flat)" }
        var text = "\(path):\(first.line):\(first.column): \(flat)"
        if locations.count > 1 {
            text += " (also at " + locations.dropFirst().map(\.description).joined(separator: ", ") + ")"
        }
        return text
    }
}
