/// HTML to plain text for short excerpts: tags removed, the common character references decoded, whitespace
/// collapsed. Search snippets from the Knowledge API may carry highlight markup (`<b>…</b>`), and the schema
/// promises plain text.
enum PlainText {
    static func fromHTML(_ html: String) -> String {
        var output = ""
        output.reserveCapacity(html.utf8.count)
        var inTag = false
        var entity: String?
        var lastWasSpace = true
        func append(_ character: Character) {
            if character.isWhitespace {
                if !lastWasSpace { output.append(" ") }
                lastWasSpace = true
            } else {
                output.append(character)
                lastWasSpace = false
            }
        }
        for character in html {
            if inTag {
                if character == ">" {
                    inTag = false
                    // A tag separates words (`</p><p>`), so it reads as a space.
                    append(" ")
                }
                continue
            }
            if var pending = entity {
                if character == ";" {
                    entity = nil
                    if let decoded = decodeEntity(pending) {
                        append(decoded)
                    } else {
                        for literal in "&" + pending + ";" { append(literal) }
                    }
                    continue
                }
                if character.isLetter || character.isNumber || character == "#", pending.count < 10 {
                    pending.append(character)
                    entity = pending
                    continue
                }
                entity = nil
                for literal in "&" + pending { append(literal) }
            }
            switch character {
            case "<": inTag = true
            case "&": entity = ""
            default: append(character)
            }
        }
        if let pending = entity {
            for literal in "&" + pending { append(literal) }
        }
        while output.last == " " { output.removeLast() }
        return output
    }

    private static func decodeEntity(_ name: String) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return " "
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return nil }
            return Character(scalar)
        }
    }
}
