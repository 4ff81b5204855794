/// A page template with `{{name}}` placeholders, filled in one pass, so a value can never introduce a placeholder
/// of its own.
struct HTMLTemplate: Sendable {
    let text: String

    /// The template with each placeholder replaced by its value as given (callers escape with ``escape(_:)``);
    /// unknown placeholders become empty.
    func render(_ values: [String: String]) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + 1024)
        var rest = text[...]
        while let open = rest.firstRange(of: "{{") {
            output += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstRange(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            output += values[String(afterOpen[..<close.lowerBound])] ?? ""
            rest = afterOpen[close.upperBound...]
        }
        output += rest
        return output
    }

    /// `text` safe inside HTML text and double-quoted attribute values.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
