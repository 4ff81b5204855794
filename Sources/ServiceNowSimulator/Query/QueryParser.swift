/// Parses encoded query strings into an `EncodedQuery`.
///
/// The grammar is the instance's: terms separated by `^` (a literal caret in a value is written `^^`), a term
/// starting `OR` continues the previous term's disjunction, `NQ` starts a new group, `ORDERBY`/`ORDERBYDESC`
/// add sort keys, `EQ` ends the query. A condition is a field name (lowercase letters, digits, `_`, `.`)
/// immediately followed by an operator and its value. Terms that do not parse are dropped, which is what the
/// instance does with invalid parts of a query by default.
enum QueryParser {
    static func parse(_ text: String) -> EncodedQuery {
        var query = EncodedQuery.empty
        var group: [[QueryCondition]] = []
        for rawTerm in splitTerms(text) {
            var term = Substring(rawTerm)
            if term.isEmpty || term == "EQ" { continue }
            if term.hasPrefix("ORDERBYDESC") {
                let field = String(term.dropFirst("ORDERBYDESC".count))
                if !field.isEmpty { query.ordering.append(OrderTerm(field: field, descending: true)) }
                continue
            }
            if term.hasPrefix("ORDERBY") {
                let field = String(term.dropFirst("ORDERBY".count))
                if !field.isEmpty { query.ordering.append(OrderTerm(field: field, descending: false)) }
                continue
            }
            if term.hasPrefix("GROUPBY") { continue }
            if term.hasPrefix("NQ") {
                if !group.isEmpty { query.groups.append(group) }
                group = []
                term = term.dropFirst(2)
            }
            var isOr = false
            if term.hasPrefix("OR") {
                isOr = true
                term = term.dropFirst(2)
            }
            guard let condition = parseCondition(term) else { continue }
            if isOr, !group.isEmpty {
                group[group.count - 1].append(condition)
            } else {
                group.append([condition])
            }
        }
        if !group.isEmpty { query.groups.append(group) }
        return query
    }

    /// Splits at single carets; `^^` stands for a literal caret inside a value.
    static func splitTerms(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var iterator = Array(text.unicodeScalars)[...]
        while let scalar = iterator.popFirst() {
            if scalar == "^" {
                if iterator.first == "^" {
                    iterator.removeFirst()
                    current.unicodeScalars.append("^")
                } else {
                    terms.append(current)
                    current = ""
                }
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        terms.append(current)
        return terms
    }

    static func parseCondition(_ term: Substring) -> QueryCondition? {
        let textQueryField = "123TEXTQUERY321"
        if term.hasPrefix(textQueryField) {
            var rest = term.dropFirst(textQueryField.count)
            guard rest.first == "=" else { return nil }
            rest = rest.dropFirst()
            return QueryCondition(field: textQueryField, op: .textQuery, value: String(rest))
        }
        let fieldEnd = term.firstIndex { !isFieldCharacter($0) } ?? term.endIndex
        let field = term[..<fieldEnd]
        guard !field.isEmpty, !field.hasPrefix("."), !field.hasSuffix(".") else { return nil }
        let rest = term[fieldEnd...]
        for op in QueryOperator.parseOrder where rest.hasPrefix(op.rawValue) {
            let value = rest.dropFirst(op.rawValue.count)
            if op.isUnary, !value.isEmpty { continue }
            return QueryCondition(field: String(field), op: op, value: String(value))
        }
        return nil
    }

    private static func isFieldCharacter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (ascii >= 97 && ascii <= 122) || (ascii >= 48 && ascii <= 57) || ascii == 95 || ascii == 46
    }
}
