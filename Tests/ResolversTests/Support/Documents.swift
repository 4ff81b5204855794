import Foundation
import Schema

@testable import Resolvers

/// Files of the repository (schema.graphql, examples/widget.graphql), and GraphQL documents turned into the
/// selection trees the resolvers take (fragments spread, with their type conditions).
enum Documents {
    static func repositoryFile(_ name: String) throws -> String {
        var directory = String(#filePath)
        for _ in 0..<4 { directory = String(directory[..<(directory.lastIndex(of: "/") ?? directory.startIndex)]) }
        return try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
    }

    /// The schema the gateway serves.
    static func schema() throws -> GraphQLSchema {
        try GraphQLSchema(sdl: repositoryFile("schema.graphql"), scalars: ["DateTime": DateTimeCoercion()])
    }

    /// The root fields of the first operation of `text`, each with its selection tree and literal arguments.
    static func rootFields(_ text: String) throws -> [(name: String, selection: SelectionTree)] {
        let document = try Parser.parse(text)
        var fragments: [String: FragmentDefinition] = [:]
        for fragment in document.fragments { fragments[fragment.name.value] = fragment }
        guard let operation = document.operations.first else { return [] }
        return tree(operation.selectionSet, fragments: fragments, condition: nil).fields.map { ($0.name, $0.selection) }
    }

    static func tree(_ set: SelectionSet, fragments: [String: FragmentDefinition], condition: String?) -> SelectionTree
    {
        var fields: [SelectionTree.Field] = []
        for selection in set.selections {
            switch selection {
            case .field(let field):
                let below = field.selectionSet.map { tree($0, fragments: fragments, condition: nil) } ?? SelectionTree()
                fields.append(SelectionTree.Field(field.name.value, on: condition, below))
            case .inlineFragment(let fragment):
                let inner = fragment.typeCondition?.name.value ?? condition
                fields += tree(fragment.selectionSet, fragments: fragments, condition: inner).fields
            case .fragmentSpread(let spread):
                guard let definition = fragments[spread.name.value] else { continue }
                fields +=
                    tree(definition.selectionSet, fragments: fragments, condition: definition.typeCondition.name.value)
                    .fields
            }
        }
        return SelectionTree(fields)
    }
}
