/// "Did you mean …?" suggestions, computed as graphql-js does (`suggestionList` and `didYouMean`), so that
/// messages match the reference implementation word for word.
public enum Suggestions {
    /// The options close enough to `input` to suggest, closest first: within an edit distance of 40% of the
    /// input's length (case changes and transpositions count as one edit), ties in natural order.
    public static func list(for input: String, among options: some Sequence<String>) -> [String] {
        let distance = LexicalDistance(input)
        let threshold = input.utf16.count * 4 / 10 + 1
        var scored: [(option: String, distance: Int)] = []
        for option in options {
            if let measured = distance.measure(option, threshold: threshold) { scored.append((option, measured)) }
        }
        scored.sort { lhs, rhs in
            lhs.distance != rhs.distance ? lhs.distance < rhs.distance : naturalLess(lhs.option, rhs.option)
        }
        var seen = Set<String>()
        return scored.compactMap { seen.insert($0.option).inserted ? $0.option : nil }
    }

    /// ` Did you mean "a", "b", or "c"?` for up to five suggestions (an empty string for none). `subMessage`
    /// goes between `mean` and the list, e.g. `the enum value`.
    public static func didYouMean(_ suggestions: [String], subMessage: String? = nil) -> String {
        if suggestions.isEmpty { return "" }
        var message = " Did you mean "
        if let subMessage { message += subMessage + " " }
        let quoted = suggestions.prefix(5).map { "\"\($0)\"" }
        switch quoted.count {
        case 1: return message + quoted[0] + "?"
        case 2: return message + quoted[0] + " or " + quoted[1] + "?"
        default: return message + quoted.dropLast().joined(separator: ", ") + ", or " + (quoted.last ?? "") + "?"
        }
    }

    /// graphql-js's `naturalCompare`: runs of digits compare by their numeric value.
    static func naturalLess(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf16)
        let b = Array(rhs.utf16)
        var i = 0
        var j = 0
        func isDigit(_ code: UInt16) -> Bool { code >= 0x30 && code <= 0x39 }
        while i < a.count && j < b.count {
            if isDigit(a[i]) && isDigit(b[j]) {
                var numberA = 0.0
                repeat {
                    numberA = numberA * 10 + Double(a[i] - 0x30)
                    i += 1
                } while i < a.count && isDigit(a[i]) && numberA > 0
                var numberB = 0.0
                repeat {
                    numberB = numberB * 10 + Double(b[j] - 0x30)
                    j += 1
                } while j < b.count && isDigit(b[j]) && numberB > 0
                if numberA != numberB { return numberA < numberB }
            } else {
                if a[i] != b[j] { return a[i] < b[j] }
                i += 1
                j += 1
            }
        }
        return a.count < b.count
    }

    /// Damerau-Levenshtein distance with a threshold, over lowercased UTF-16 units (graphql-js
    /// `LexicalDistance`).
    private struct LexicalDistance {
        let input: String
        let inputLowercased: String
        let inputUnits: [UInt16]

        init(_ input: String) {
            self.input = input
            self.inputLowercased = input.lowercased()
            self.inputUnits = Array(inputLowercased.utf16)
        }

        func measure(_ option: String, threshold: Int) -> Int? {
            if input == option { return 0 }
            let optionLowercased = option.lowercased()
            if inputLowercased == optionLowercased { return 1 }  // a case change is one edit
            var a = Array(optionLowercased.utf16)
            var b = inputUnits
            if a.count < b.count { swap(&a, &b) }
            if a.count - b.count > threshold { return nil }

            var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: 3)
            for column in 0...b.count { rows[0][column] = column }
            if a.isEmpty { return b.count <= threshold ? b.count : nil }
            for i in 1...a.count {
                let up = (i - 1) % 3
                let current = i % 3
                rows[current][0] = i
                var smallest = i
                if b.count >= 1 {
                    for j in 1...b.count {
                        let cost = a[i - 1] == b[j - 1] ? 0 : 1
                        var cell = min(rows[up][j] + 1, rows[current][j - 1] + 1, rows[up][j - 1] + cost)
                        if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                            cell = min(cell, rows[(i - 2) % 3][j - 2] + 1)  // a transposition
                        }
                        if cell < smallest { smallest = cell }
                        rows[current][j] = cell
                    }
                }
                // The distance cannot shrink below the smallest cell of a row.
                if smallest > threshold { return nil }
            }
            let result = rows[a.count % 3][b.count]
            return result <= threshold ? result : nil
        }
    }
}
