import JSON
import Schema
import Testing

/// One validation test vector: a document, the rule it is validated with alone, the schema, and the errors
/// (message and `[line, column]` locations, in order) graphql-js 16 reports.
///
/// The vectors are graphql-js's `src/validation/__tests__/*-test.ts` cases as graphql-core 3.2.8 ports them
/// (same documents, same expectations; graphql-core's single-quoted message templates written back in
/// graphql-js's double quotes), plus graphql-js 17's `KnownOperationTypesRule` cases for the September 2025
/// rule. They live as data in `Fixtures/validation/<Rule>.json`; a case names the schema it runs against:
/// `harness` (`Fixtures/validation-harness.graphql`) or one of its file's `schemas`.
struct ValidationVector: Sendable, CustomTestStringConvertible {
    let rule: ValidationRule
    let name: String
    let schema: GraphQLSchema
    let document: String
    let errors: [ExpectedError]

    var testDescription: String { name }

    /// Validates the document with the vector's rule alone and no limits, and compares every error.
    func check() throws {
        let parsed = try Parser.parse(document)
        let options = ValidationOptions(limits: .unlimited)
        let actual = Validator.validate(schema: schema, document: parsed, rules: [rule], options: options).map {
            ExpectedError(message: $0.message, locations: $0.locations.map { [$0.line, $0.column] })
        }
        #expect(actual == errors, "\(rule): \(name)")
    }
}

/// An error as a vector gives it.
struct ExpectedError: Sendable, Equatable, CustomStringConvertible {
    let message: String
    let locations: [[Int]]

    var description: String {
        message + " @ " + locations.map { "\($0[0]):\($0[1])" }.joined(separator: ", ")
    }
}

/// A custom scalar that refuses every literal, as graphql-js's `Invalid` test scalar does.
struct AlwaysInvalidScalar: ScalarCoercion {
    func serialize(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue { value }
    func parseValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        throw ScalarCoercionError("Invalid scalar is always invalid: \(value)")
    }
    func parseLiteral(_ value: Value, variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
        throw ScalarCoercionError("Invalid scalar is always invalid: \(Printer.print(value))")
    }
}

/// Loads the vector files once.
enum ValidationVectors {
    /// Cases that cannot be expressed here, with the reason.
    static let skipped: [String: String] = [
        "validate values of correct type / invalid input object value / reports error for custom scalar that returns undefined":
            "a Swift scalar coercion refuses a literal by throwing; there is no `undefined` to return"
    ]

    static var fixtures: String {
        let directory = String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/") ?? #filePath.endIndex))
        return directory + "/../Fixtures/"
    }

    static let harnessSchema: GraphQLSchema = {
        do {
            return try GraphQLSchema(sdl: readTextFile(fixtures + "validation-harness.graphql"))
        } catch {
            fatalError("the validation harness schema does not build: \(error)")
        }
    }()

    /// The vectors of `rule`, from `Fixtures/validation/<Rule>.json`.
    static func cases(_ rule: ValidationRule) -> [ValidationVector] {
        let fileName = rule == .noSchemaIntrospection ? "NoSchemaIntrospectionCustom" : rule.rawValue
        do {
            let json = try JSONValue.parse(readTextFile(fixtures + "validation/" + fileName + ".json"))
            var schemas: [String: GraphQLSchema] = ["harness": harnessSchema]
            for (name, value) in json["schemas"]?.objectValue ?? [:] {
                let sdl = value.stringValue ?? ""
                let scalars: [String: any ScalarCoercion] =
                    sdl.contains("scalar Invalid") ? ["Invalid": AlwaysInvalidScalar()] : [:]
                schemas[name] = try GraphQLSchema(sdl: sdl, scalars: scalars)
            }
            return try (json["cases"]?.arrayValue ?? []).compactMap { item -> ValidationVector? in
                let name = item["name"]?.stringValue ?? ""
                if skipped[name] != nil { return nil }
                guard let schema = schemas[item["schema"]?.stringValue ?? ""] else {
                    throw Failure("no schema for \(name)")
                }
                let errors = (item["errors"]?.arrayValue ?? []).map { error in
                    ExpectedError(
                        message: error["message"]?.stringValue ?? "",
                        locations: (error["locations"]?.arrayValue ?? []).map { pair in
                            (pair.arrayValue ?? []).compactMap(\.intValue)
                        }
                    )
                }
                return ValidationVector(
                    rule: rule,
                    name: name,
                    schema: schema,
                    document: item["document"]?.stringValue ?? "",
                    errors: errors
                )
            }
        } catch {
            fatalError("cannot load the \(rule) vectors: \(error)")
        }
    }
}
