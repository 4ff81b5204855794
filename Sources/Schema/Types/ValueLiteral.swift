public import JSON

extension GraphQLSchema {
    /// A literal that denotes `value` for `type` (graphql-js `astFromValue`): what introspection prints as an
    /// input value's `defaultValue` (`Printer.print(literal)`), from the coerced default. `nil` when the value
    /// cannot be written for the type.
    ///
    /// Scalars write their serialized value: integral numbers as Int literals, others as Float literals,
    /// strings as strings (an `ID` that looks like an integer as an Int literal), enum values as names.
    public func literal(for value: JSONValue, type: GraphQLType) -> Value? {
        switch type {
        case .nonNull(let inner):
            guard let literal = literal(for: value, type: inner), !literal.isNull else { return nil }
            return literal
        case .list(let element):
            if value == .null { return .null(NullValue()) }
            guard case .array(let items) = value else { return literal(for: value, type: element) }
            return .list(ListValue(items.compactMap { literal(for: $0, type: element) }))
        case .named(let reference):
            if value == .null { return .null(NullValue()) }
            switch self[reference] {
            case .inputObject(let input):
                guard case .object(let object) = value else { return nil }
                var fields: [ObjectField] = []
                for field in input.fields {
                    guard let fieldValue = object[field.name],
                        let fieldLiteral = literal(for: fieldValue, type: field.type)
                    else { continue }
                    fields.append(ObjectField(name: Name(field.name), value: fieldLiteral))
                }
                return .object(ObjectValue(fields))
            case .enumType(let enumType):
                guard case .string(let name) = value, enumType.value(named: name) != nil else { return nil }
                return .enumValue(EnumValue(name))
            case .scalar(let scalar):
                guard let serialized = try? scalar.coercion.serialize(value) else { return nil }
                return Self.scalarLiteral(serialized, isID: scalar.name == "ID")
            case .object, .interface, .union:
                return nil
            }
        }
    }

    private static func scalarLiteral(_ value: JSONValue, isID: Bool) -> Value? {
        switch value {
        case .null: return .null(NullValue())
        case .bool(let bool): return .boolean(BooleanValue(bool))
        case .int(let int): return .int(IntValue(String(int)))
        case .double(let double):
            guard double.isFinite else { return nil }
            let text = Inspect.number(double)
            return double == double.rounded() && !text.contains("e") ? .int(IntValue(text)) : .float(FloatValue(text))
        case .string(let string):
            if isID, isIntegerText(string) { return .int(IntValue(string)) }
            return .string(StringValue(string))
        case .array(let items):
            // A custom scalar may serialize to structured JSON: write it as the untyped literal it reads back as.
            return .list(ListValue(items.compactMap { scalarLiteral($0, isID: false) }))
        case .object(let object):
            return .object(
                ObjectValue(
                    object.compactMap { key, item in
                        scalarLiteral(item, isID: false).map { ObjectField(name: Name(key), value: $0) }
                    }
                )
            )
        }
    }

    /// `-?(0|[1-9][0-9]*)`.
    private static func isIntegerText(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard let first = digits.first, first.isASCII, first.isNumber else { return false }
        if first == "0" { return digits.count == 1 }
        return digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
