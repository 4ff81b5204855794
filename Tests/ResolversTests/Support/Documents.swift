import Foundation
import Schema

@testable import Resolvers

/// Files of the repository: schema.graphql, examples/widget.graphql.
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
}
