public import JSON

/// How a scalar's values are checked and converted (spec §3.5 "Result Coercion" and "Input Coercion").
///
/// Values are ``JSONValue``s on both sides: what a resolver returns is serialized to what goes in the response,
/// and what a client sends (a variable's JSON, or a literal in the document) is parsed into the internal value
/// that resolvers receive among their arguments. Custom scalars are registered by name when the schema is built
/// (`GraphQLSchema(sdl:scalars:)`); a custom scalar without a registered coercion passes values through.
///
/// Throw ``ScalarCoercionError`` with a message a client can act on; the executor and validator put it in the
/// error they report (graphql-js wording: `Int cannot represent non-integer value: 1.5`).
public protocol ScalarCoercion: Sendable {
    /// Output coercion: a resolver's value to the value written in the response.
    func serialize(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue

    /// Input coercion of a value given as JSON (a variable, or part of one).
    func parseValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue

    /// Input coercion of a literal written in the document. Variables inside the literal (possible only in a
    /// list or object literal) are looked up in `variables`, already coerced.
    func parseLiteral(_ value: Value, variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue
}

extension ScalarCoercion {
    /// By default a literal is converted to JSON as written and then parsed like a variable value.
    public func parseLiteral(_ value: Value, variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
        guard let json = value.untypedJSONValue(variables: variables) else {
            throw ScalarCoercionError("Cannot coerce a missing variable.")
        }
        return try parseValue(json)
    }
}

/// Why a scalar refused a value.
public struct ScalarCoercionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The explanation, e.g. `Int cannot represent non-integer value: 1.5`.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// The coercion of a custom scalar nobody registered a coercion for: values pass through unchanged
/// (graphql-js's default for scalars built from SDL).
public struct PassthroughScalarCoercion: ScalarCoercion {
    /// Creates the coercion.
    public init() {}

    /// Returns `value` unchanged.
    public func serialize(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue { value }

    /// Returns `value` unchanged.
    public func parseValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue { value }
}

extension Value {
    /// The literal as JSON without a type to guide it (graphql-js `valueFromASTUntyped`): numbers become
    /// numbers, enum values strings, and variables their value in `variables`. `nil` when a variable the
    /// value consists of is missing; missing variables inside lists become `null` and inside objects are left
    /// out.
    public func untypedJSONValue(variables: JSONObject?) -> JSONValue? {
        switch self {
        case .null: return .null
        case .int(let node):
            if let integer = Int(node.value) { return .int(integer) }
            return Double(node.value).map(JSONValue.double)
        case .float(let node): return Double(node.value).map(JSONValue.double)
        case .string(let node): return .string(node.value)
        case .boolean(let node): return .bool(node.value)
        case .enumValue(let node): return .string(node.value)
        case .list(let node):
            return .array(node.values.map { $0.untypedJSONValue(variables: variables) ?? .null })
        case .object(let node):
            var object = JSONObject(minimumCapacity: node.fields.count)
            for field in node.fields {
                if let value = field.value.untypedJSONValue(variables: variables) { object[field.name.value] = value }
            }
            return .object(object)
        case .variable(let variable):
            return variables?[variable.name.value]
        }
    }
}

/// Renders values in messages the way graphql-js's `inspect` does: strings quoted, objects as
/// `{ key: value }`, nesting beyond two levels as `[Array]` and `[Object]`.
public enum Inspect {
    /// `value` as graphql-js's `inspect` prints it.
    public static func describe(_ value: JSONValue) -> String {
        describe(value, depth: 0)
    }

    private static func describe(_ value: JSONValue, depth: Int) -> String {
        switch value {
        case .null: return "null"
        case .bool(let bool): return bool ? "true" : "false"
        case .int(let int): return String(int)
        case .double(let double): return number(double)
        case .string(let string): return jsonString(string)
        case .array(let elements):
            if elements.isEmpty { return "[]" }
            if depth >= 2 { return "[Array]" }
            var items = elements.prefix(10).map { describe($0, depth: depth + 1) }
            if elements.count > 10 {
                let remaining = elements.count - 10
                items.append(remaining == 1 ? "... 1 more item" : "... \(remaining) more items")
            }
            return "[" + items.joined(separator: ", ") + "]"
        case .object(let object):
            if object.isEmpty { return "{}" }
            if depth >= 2 { return "[Object]" }
            let items = object.map { "\($0.key): \(describe($0.value, depth: depth + 1))" }
            return "{ " + items.joined(separator: ", ") + " }"
        }
    }

    /// A number as JavaScript prints it: integral values without a fraction, others as Swift's shortest form.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == value.rounded(), abs(value) < 1e21, let integer = Int64(exactly: value) { return String(integer) }
        return String(value)
    }

    /// A string as `JSON.stringify` writes it.
    static func jsonString(_ value: String) -> String {
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{8}": output += "\\b"
            case "\u{C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    var hex = String(scalar.value, radix: 16)
                    while hex.count < 4 { hex = "0" + hex }
                    output += "\\u" + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
