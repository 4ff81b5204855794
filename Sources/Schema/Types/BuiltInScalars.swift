public import JSON

/// The coercions of the five built-in scalars (spec §3.5), with graphql-js's rules and messages.
///
/// Internal values: `Int` is `.int` within 32 bits, `Float` is `.double` (finite), `String` and `ID` are
/// `.string`, `Boolean` is `.bool`.
public enum BuiltInScalars {
    /// The names of the built-in scalars, in the order the specification lists them.
    public static let names: [String] = ["Int", "Float", "String", "Boolean", "ID"]

    /// The coercion of the built-in scalar named `name`.
    public static func coercion(named name: String) -> (any ScalarCoercion)? {
        switch name {
        case "Int": IntCoercion()
        case "Float": FloatCoercion()
        case "String": StringCoercion()
        case "Boolean": BooleanCoercion()
        case "ID": IDCoercion()
        default: nil
        }
    }

    /// The built-in scalars' descriptions, as graphql-js gives them.
    static let descriptions: [String: String] = [
        "Int":
            "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.",
        "Float":
            "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).",
        "String":
            "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.",
        "Boolean": "The `Boolean` scalar type represents `true` or `false`.",
        "ID":
            "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.",
    ]

    /// A JavaScript-like `Number(string)`: trims whitespace, accepts decimal and exponent forms.
    static func number(from string: String) -> Double? {
        let trimmed = string.trimmingASCIIWhitespace()
        if trimmed.isEmpty { return nil }
        return Double(trimmed)
    }
}

extension String {
    fileprivate func trimmingASCIIWhitespace() -> Substring {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" || first == "\n" || first == "\r" {
            slice = slice.dropFirst()
        }
        while let last = slice.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
            slice = slice.dropLast()
        }
        return slice
    }
}

/// `Int`: a signed 32-bit integer.
public struct IntCoercion: ScalarCoercion {
    /// Creates the coercion.
    public init() {}

    private static func int32(_ value: Double) -> Int? {
        guard value == value.rounded(), value >= Double(Int32.min), value <= Double(Int32.max) else { return nil }
        return Int(value)
    }

    /// Integers within 32 bits; Booleans as 1 and 0; numeric strings and integral doubles as their number.
    public func serialize(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        let number: Double
        switch value {
        case .bool(let bool): return .int(bool ? 1 : 0)
        case .int(let int):
            guard int >= Int(Int32.min), int <= Int(Int32.max) else {
                throw ScalarCoercionError("Int cannot represent non 32-bit signed integer value: \(int)")
            }
            return .int(int)
        case .double(let double): number = double
        case .string(let string):
            guard let parsed = BuiltInScalars.number(from: string) else {
                throw ScalarCoercionError("Int cannot represent non-integer value: \(Inspect.describe(value))")
            }
            number = parsed
        default:
            throw ScalarCoercionError("Int cannot represent non-integer value: \(Inspect.describe(value))")
        }
        guard number.isFinite, number == number.rounded() else {
            throw ScalarCoercionError("Int cannot represent non-integer value: \(Inspect.describe(value))")
        }
        guard let int = Self.int32(number) else {
            throw ScalarCoercionError(
                "Int cannot represent non 32-bit signed integer value: \(Inspect.describe(value))"
            )
        }
        return .int(int)
    }

    /// Only numbers with an integral value within 32 bits.
    public func parseValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        switch value {
        case .int(let int):
            guard int >= Int(Int32.min), int <= Int(Int32.max) else {
                throw ScalarCoercionError("Int cannot represent non 32-bit signed integer value: \(int)")
            }
            return .int(int)
        case .double(let double) where double.isFinite && double == double.rounded():
            guard let int = Self.int32(double) else {
                throw ScalarCoercionError(
                    "Int cannot represent non 32-bit signed integer value: \(Inspect.number(double))"
                )
            }
            return .int(int)
        default:
            throw ScalarCoercionError("Int cannot represent non-integer value: \(Inspect.describe(value))")
        }
    }

    /// Only integer literals within 32 bits.
    public func parseLiteral(_ value: Value, variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
        guard case .int(let literal) = value else {
            throw ScalarCoercionError("Int cannot represent non-integer value: \(Printer.print(value))")
        }
        guard let int = Int32(literal.value) else {
            throw ScalarCoercionError("Int cannot represent non 32-bit signed integer value: \(literal.value)")
        }
        return .int(Int(int))
    }
}

/// `Float`: a finite double-precision number.
public struct FloatCoercion: ScalarCoercion {
    /// Creates the coercion.
    public init() {}

    /// Finite numbers; Booleans as 1 and 0; numeric strings as their number.
    public func serialize(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        switch value {
        case .bool(let bool): return .double(bool ? 1 : 0)
        case .int(let int): return .double(Double(int))
        case .double(let double) where double.isFinite: return .double(double)
        case .string(let string):
            if let number = BuiltInScalars.number(from: string), number.isFinite { return .double(number) }
        default: break
        }
        throw ScalarCoercionError("Float cannot represent non numeric value: \(Inspect.describe(value))")
    }

    /// Only finite numbers.
    public func parseValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        switch value {
        case .int(let int): return .double(Double(int))
        case .double(let double) where double.isFinite: return .double(double)
        default: throw ScalarCoercionError("Float cannot represent non numeric value: \(Inspect.describe(value))")
        }
    }

    /// Integer and float literals (a literal too large for a double is refused rather than made infinite).
    public func parseLiteral(_ value: Value, variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
        let text: String
        switch value {
        case .int(let literal): text = literal.value
        case .float(let literal): text = literal.value
        default: throw ScalarCoercionError("Float cannot represent non numeric value: \(Printer.print(value))")
        }
        guard let double = Double(text), double.isFinite else {
            throw ScalarCoercionError("Float cannot represent non numeric value: \(text)")
        }
        return .double(double)
    }
}

/// `String`: text.
public struct StringCoercion: ScalarCoercion {
    /// Creates the coercion.
    public init() {}

    /// Strings; Booleans as `"true"`/`"false"`; finite numbers as their decimal text.
    public func serialize(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        switch value {
        case .string: return value
        case .bool(let bool): return .string(bool ? "true" : "false")
        case .int(let int): return .string(String(int))
        case .double(let double) where double.isFinite: return .string(Inspect.number(double))
        default: throw ScalarCoercionError("String cannot represent value: \(Inspect.describe(value))")
        }
    }

    /// Only strings.
    public func parseValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        guard case .string = value else {
            throw ScalarCoercionError("String cannot represent a non string value: \(Inspect.describe(value))")
        }
        return value
    }

    /// Only string literals.
    public func parseLiteral(_ value: Value, variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
        guard case .string(let literal) = value else {
            throw ScalarCoercionError("String cannot represent a non string value: \(Printer.print(value))")
        }
        return .string(literal.value)
    }
}

/// `Boolean`: `true` or `false`.
public struct BooleanCoercion: ScalarCoercion {
    /// Creates the coercion.
    public init() {}

    /// Booleans; finite numbers as whether they are non-zero.
    public func serialize(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        switch value {
        case .bool: return value
        case .int(let int): return .bool(int != 0)
        case .double(let double) where double.isFinite: return .bool(double != 0)
        default: throw ScalarCoercionError("Boolean cannot represent a non boolean value: \(Inspect.describe(value))")
        }
    }

    /// Only Booleans.
    public func parseValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        guard case .bool = value else {
            throw ScalarCoercionError("Boolean cannot represent a non boolean value: \(Inspect.describe(value))")
        }
        return value
    }

    /// Only `true` and `false`.
    public func parseLiteral(_ value: Value, variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
        guard case .boolean(let literal) = value else {
            throw ScalarCoercionError("Boolean cannot represent a non boolean value: \(Printer.print(value))")
        }
        return .bool(literal.value)
    }
}

/// `ID`: an opaque identifier, serialized as a string; integers are accepted as input.
public struct IDCoercion: ScalarCoercion {
    /// Creates the coercion.
    public init() {}

    /// Strings; integers as their decimal text.
    public func serialize(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        switch value {
        case .string: return value
        case .int(let int): return .string(String(int))
        case .double(let double) where double == double.rounded() && abs(double) < 1e21:
            return .string(Inspect.number(double))
        default: throw ScalarCoercionError("ID cannot represent value: \(Inspect.describe(value))")
        }
    }

    /// Strings, and integers as their decimal text.
    public func parseValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        switch value {
        case .string: return value
        case .int(let int): return .string(String(int))
        case .double(let double) where double == double.rounded() && abs(double) < 1e21:
            return .string(Inspect.number(double))
        default: throw ScalarCoercionError("ID cannot represent value: \(Inspect.describe(value))")
        }
    }

    /// String and integer literals, as their text.
    public func parseLiteral(_ value: Value, variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
        switch value {
        case .string(let literal): return .string(literal.value)
        case .int(let literal): return .string(literal.value)
        default:
            throw ScalarCoercionError("ID cannot represent a non-string and non-integer value: \(Printer.print(value))")
        }
    }
}
