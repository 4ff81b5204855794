import JSON

/// graphql-js `astFromValue`: a coerced input value written back as a literal of its type, which is how
/// introspection reports default values (`__InputValue.defaultValue`).
enum ValueLiteral {
    /// The literal for `value` of `type`, or `nil` when there is none (an absent value, or a value the type's
    /// serialization cannot write).
    static func literal(for value: JSONValue, type: GraphQLType, schema: GraphQLSchema) -> Value? {
        switch type {
        case .nonNull(let inner):
            guard let literal = literal(for: value, type: inner, schema: schema) else { return nil }
            if literal.isNull { return nil }
            return literal
        case .list(let element):
            if value == .null { return .null(NullValue()) }
            guard case .array(let items) = value else { return literal(for: value, type: element, schema: schema) }
            return .list(ListValue(items.compactMap { literal(for: $0, type: element, schema: schema) }))
        case .named(let reference):
            if value == .null { return .null(NullValue()) }
            switch schema[reference] {
            case .inputObject(let input):
                guard case .object(let object) = value else { return nil }
                var fields: [ObjectField] = []
                for field in input.fields {
                    guard let fieldValue = object[field.name],
                        let fieldLiteral = literal(for: fieldValue, type: field.type, schema: schema)
                    else { continue }
                    fields.append(ObjectField(name: Name(field.name), value: fieldLiteral))
                }
                return .object(ObjectValue(fields))
            case .enumType(let enumType):
                guard case .string(let name) = value, enumType.value(named: name) != nil else { return nil }
                return .enumValue(EnumValue(name))
            case .scalar(let scalar):
                guard let serialized = try? scalar.coercion.serialize(value) else { return nil }
                return leafLiteral(serialized, isID: scalar.name == "ID")
            case .object, .interface, .union:
                return nil
            }
        }
    }

    private static func leafLiteral(_ serialized: JSONValue, isID: Bool) -> Value? {
        switch serialized {
        case .null: return nil
        case .bool(let bool): return .boolean(BooleanValue(bool))
        case .int(let integer): return .int(IntValue(String(integer)))
        case .double(let double):
            guard double.isFinite else { return nil }
            let text = Inspect.number(double)
            return isIntegerText(text) ? .int(IntValue(text)) : .float(FloatValue(text))
        case .string(let string):
            if isID, isIntegerText(string) { return .int(IntValue(string)) }
            return .string(StringValue(string))
        case .array, .object:
            // graphql-js throws "Cannot convert value to AST" here; the caller falls back to the SDL literal.
            return nil
        }
    }

    /// `/^-?(?:0|[1-9][0-9]*)$/`.
    private static func isIntegerText(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard let first = digits.first, first.isASCII, first.isNumber else { return false }
        if first == "0" { return digits.count == 1 }
        return digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
