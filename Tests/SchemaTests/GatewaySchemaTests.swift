import JSON
import Schema
import Testing

/// The gateway's own schema and example document, read from the repository root: the SDL must build, and the
/// printed SDL must build to the same schema.
@Suite struct GatewaySchemaTests {
    static func repositoryFile(_ name: String) throws -> String {
        var directory = String(#filePath)
        for _ in 0..<3 { directory = String(directory[..<(directory.lastIndex(of: "/") ?? directory.startIndex)]) }
        return try readTextFile(directory + "/" + name)
    }

    @Test func buildsSchemaGraphQL() throws {
        let sdl = try Self.repositoryFile("schema.graphql")
        let schema = try GraphQLSchema(sdl: sdl, scalars: ["DateTime": DateTimeCoercion()])
        #expect(schema.queryType?.name == "Query")
        #expect(schema.mutationType?.name == "Mutation")
        guard case .scalar(let dateTime)? = schema.type(named: "DateTime") else { throw Failure("no DateTime") }
        #expect(dateTime.coercion is DateTimeCoercion)
        #expect(dateTime.specifiedByURL != nil)

        // Printing the SDL and building again gives the same types.
        let reprinted = try GraphQLSchema(
            sdl: Printer.print(try Parser.parse(sdl, options: .trustedSchema)),
            scalars: ["DateTime": DateTimeCoercion()]
        )
        #expect(reprinted.types.map(\.name) == schema.types.map(\.name))
        #expect(
            reprinted.types.map { $0.fields?.map(\.name) ?? [] } == schema.types.map { $0.fields?.map(\.name) ?? [] }
        )
    }

    @Test func parsesTheExampleWidgetQuery() throws {
        let text = try Self.repositoryFile("examples/widget.graphql")
        let document = try Parser.parse(text)
        #expect(!document.operations.isEmpty)
        #expect(
            try Parser.parse(Printer.print(document), options: ParseOptions(noLocation: true))
                == Parser.parse(text, options: ParseOptions(noLocation: true))
        )
    }
}
