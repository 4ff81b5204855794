@testable import Resolvers

/// Builds a `SelectionTree` from GraphQL-like text for tests: `nodes { id assignedTo { name } ... on Incident { urgency { label } } }`.
/// Aliases (`a: name`) and arguments are not needed by the tests and not supported.
func selection(_ text: String) -> SelectionTree {
    var tokens: [String] = []
    var current = ""
    for character in text {
        if character == "{" || character == "}" {
            if !current.isEmpty { tokens.append(current) }
            current = ""
            tokens.append(String(character))
        } else if character == " " || character == "\n" || character == "," {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        } else {
            current.append(character)
        }
    }
    if !current.isEmpty { tokens.append(current) }
    var position = 0
    func parse(condition: String?) -> [SelectionTree.Field] {
        var fields: [SelectionTree.Field] = []
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            if token == "}" { return fields }
            if token == "..." {
                // `... on Type {`
                let type = tokens[position + 1]
                position += 3
                fields += parse(condition: type)
                continue
            }
            var children = SelectionTree()
            if position < tokens.count, tokens[position] == "{" {
                position += 1
                children = SelectionTree(parse(condition: nil))
            }
            fields.append(SelectionTree.Field(token, on: condition, children))
        }
        return fields
    }
    return SelectionTree(parse(condition: nil))
}
