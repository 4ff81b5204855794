import JSON
import Schema
import Testing

/// Our validator against graphql-core 3.2.8 on 2,000 generated documents, valid and invalid, against the
/// validation harness schema, the gateway's `schema.graphql` and a schema with mutations, subscriptions, `@oneOf`
/// and repeatable directives: the same errors (messages and locations, in order) for every document.
///
/// `Fixtures/validation-differential/generate.py` made `corpus.json` with graphql-core as the oracle
/// (`python3 generate.py 2025 2000 corpus.json small`). graphql-core's message templates use single quotes and
/// lower-case directive locations where graphql-js (whose wording we follow) has double quotes and `FIELD`; its
/// `GraphQLError.locations` are off for nodes at column 1, so the script takes lines and columns from the nodes'
/// start tokens. Documents with an operation the schema has no root type for are left out: graphql-core 3.2.8
/// predates the September 2025 rule that rejects them.
@Suite struct DifferentialValidationTests {
    struct Outcome: Equatable, CustomStringConvertible {
        let message: String
        let locations: [[Int]]
        var description: String { message + " @ " + locations.map { "\($0[0]):\($0[1])" }.joined(separator: ",") }
    }

    static var directory: String { ValidationVectors.fixtures + "validation-differential/" }

    /// graphql-core's wording in graphql-js's quotes.
    static func jsWording(_ message: String) -> String {
        var text = String(message.map { $0 == "'" ? "\"" : $0 })
        if let range = text.firstRange(of: " may not be used on "), text.hasSuffix(".") {
            let location = text[range.upperBound...].dropLast()
            text = text[..<range.upperBound] + location.uppercased().map { $0 == " " ? "_" : $0 } + "."
        }
        return text
    }

    @Test func agreesWithGraphQLCore() async throws {
        let schemas = [
            "harness": ValidationVectors.harnessSchema,
            "snowgate": try GraphQLSchema(sdl: readTextFile(Self.directory + "../../../../schema.graphql")),
            "extra": try GraphQLSchema(sdl: readTextFile(Self.directory + "extra.graphql")),
        ]
        let corpus = try JSONValue.parse(readTextFile(Self.directory + "corpus.json")).arrayValue ?? []
        #expect(corpus.count == 2_000)
        var compared = 0
        var same = 0
        var differences: [String] = []
        let options = ValidationOptions(limits: .unlimited)
        for (index, item) in corpus.enumerated() {
            // 2,000 validations in a debug build take seconds; yielding keeps the cooperative pool (2 threads on CI)
            // free for the tests running beside this one.
            if index % 20 == 0 { await Task.yield() }
            let schema = try #require(schemas[item["schema"]?.stringValue ?? ""])
            let text = item["document"]?.stringValue ?? ""
            let errors = Validator.validate(schema: schema, document: try Parser.parse(text), options: options)
            if errors.contains(where: { $0.message.hasSuffix("operation is not supported by the schema.") }) {
                continue
            }
            compared += 1
            let ours = errors.map {
                Outcome(message: $0.message, locations: $0.locations.map { [$0.line, $0.column] })
            }
            let theirs = (item["errors"]?.arrayValue ?? []).map { error in
                Outcome(
                    message: Self.jsWording(error["message"]?.stringValue ?? ""),
                    locations: (error["locations"]?.arrayValue ?? []).map {
                        ($0.arrayValue ?? []).compactMap(\.intValue)
                    }
                )
            }
            if ours == theirs {
                same += 1
            } else if differences.count < 5 {
                differences.append("\(text)\ngraphql-core: \(theirs)\nours: \(ours)")
            }
        }
        #expect(compared > 1_800)
        #expect(same == compared, "\(same) of \(compared) agree\n\n\(differences.joined(separator: "\n\n"))")
    }
}
