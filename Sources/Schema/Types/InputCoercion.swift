public import JSON

/// Why an input value could not be coerced to its type: a message, where in the value the problem is, and
/// the offending part of the value.
public struct InputCoercionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in graphql-js's words (e.g. `Int cannot represent non-integer value: 1.5` or
    /// `Field "id" of required type "ID!" was not provided.`).
    public var message: String
    /// The path inside the value (object keys and list indexes) to the offending part; empty for the value
    /// itself.
    public var path: [PathComponent]
    /// The offending part of the value, when it was given as JSON.
    public var value: JSONValue?
    /// Where the offending literal lies in the document, when it was given as a literal.
    public var location: Location?

    /// Creates an error.
    public init(message: String, path: [PathComponent] = [], value: JSONValue? = nil, location: Location? = nil) {
        self.message = message
        self.path = path
        self.value = value
        self.location = location
    }

    /// The message.
    public var description: String { message }
}

/// Input coercion (spec §3.5 "Input Coercion" of each type, §6.4.1 for variables, §6.4.2 for arguments):
/// turning what a client wrote into the values resolvers receive.
///
/// Coerced values are ``JSONValue``s: enum values are their names, scalars what their coercion returns, input
/// objects `.object`s holding only the fields given or defaulted (an absent field is a missing key, an
/// explicit `null` is `.null`).
extension GraphQLSchema {
    /// Coerces a value given as JSON — a variable's value, or part of one — to `type`, reporting every problem
    /// to `onError` (graphql-js `coerceInputValue`). `nil` stands for an absent value; the result is `nil`
    /// when the value is absent or invalid.
    ///
    /// Lists accept a single value as a list of one; input objects fill in field defaults; `@oneOf` input
    /// objects need exactly one non-null field. With `suggestions`, unknown fields and enum values come with
    /// "Did you mean …?".
    public func coerceInputValue(
        _ value: JSONValue?,
        to type: GraphQLType,
        suggestions: Bool = true,
        onError: (InputCoercionError) -> Void
    ) -> JSONValue? {
        var path: [PathComponent] = []
        return coerceInputValue(value, to: type, path: &path, suggestions: suggestions, onError: onError)
    }

    private func coerceInputValue(
        _ value: JSONValue?,
        to type: GraphQLType,
        path: inout [PathComponent],
        suggestions: Bool,
        onError: (InputCoercionError) -> Void
    ) -> JSONValue? {
        switch type {
        case .nonNull(let inner):
            if let value, value != .null {
                return coerceInputValue(value, to: inner, path: &path, suggestions: suggestions, onError: onError)
            }
            onError(
                InputCoercionError(
                    message: "Expected non-nullable type \"\(type)\" not to be null.",
                    path: path,
                    value: value ?? .null
                )
            )
            return nil
        case .list(let element):
            guard let value else { return .null }
            switch value {
            case .null:
                return .null
            case .array(let items):
                var coerced: [JSONValue] = []
                coerced.reserveCapacity(items.count)
                for (index, item) in items.enumerated() {
                    path.append(.index(index))
                    coerced.append(
                        coerceInputValue(item, to: element, path: &path, suggestions: suggestions, onError: onError)
                            ?? .null
                    )
                    path.removeLast()
                }
                return .array(coerced)
            default:
                // A single value stands for a list of one.
                return coerceInputValue(value, to: element, path: &path, suggestions: suggestions, onError: onError)
                    .map { .array([$0]) }
            }
        case .named(let reference):
            guard let value, value != .null else { return .null }
            switch self[reference] {
            case .scalar(let scalar):
                do {
                    return try scalar.coercion.parseValue(value)
                } catch {
                    // A scalar's own message, as graphql-js reports the GraphQLErrors its scalars throw.
                    onError(InputCoercionError(message: error.message, path: path, value: value))
                    return nil
                }
            case .enumType(let enumType):
                guard case .string(let name) = value else {
                    let described = Inspect.describe(value)
                    onError(
                        InputCoercionError(
                            message: "Enum \"\(enumType.name)\" cannot represent non-string value: \(described)."
                                + enumSuggestion(enumType, described, suggestions),
                            path: path,
                            value: value
                        )
                    )
                    return nil
                }
                guard enumType.value(named: name) != nil else {
                    onError(
                        InputCoercionError(
                            message: "Value \"\(name)\" does not exist in \"\(enumType.name)\" enum."
                                + enumSuggestion(enumType, name, suggestions),
                            path: path,
                            value: value
                        )
                    )
                    return nil
                }
                return value
            case .inputObject(let input):
                guard case .object(let object) = value else {
                    onError(
                        InputCoercionError(
                            message: "Expected type \"\(input.name)\" to be an object.",
                            path: path,
                            value: value
                        )
                    )
                    return nil
                }
                return coerceInputObject(object, input, path: &path, suggestions: suggestions, onError: onError)
            case .object, .interface, .union:
                onError(
                    InputCoercionError(
                        message: "Type \"\(reference.name)\" is not an input type.",
                        path: path,
                        value: value
                    )
                )
                return nil
            }
        }
    }

    private func coerceInputObject(
        _ object: JSONObject,
        _ input: GraphQLInputObjectType,
        path: inout [PathComponent],
        suggestions: Bool,
        onError: (InputCoercionError) -> Void
    ) -> JSONValue? {
        var coerced = JSONObject(minimumCapacity: input.fields.count)
        for field in input.fields {
            guard let fieldValue = object[field.name] else {
                if let defaultValue = field.coercedDefaultValue {
                    coerced[field.name] = defaultValue
                } else if field.type.isNonNull {
                    onError(
                        InputCoercionError(
                            message: "Field \"\(field.name)\" of required type \"\(field.type)\" was not provided.",
                            path: path,
                            value: .object(object)
                        )
                    )
                }
                continue
            }
            path.append(.key(field.name))
            if let value = coerceInputValue(
                fieldValue,
                to: field.type,
                path: &path,
                suggestions: suggestions,
                onError: onError
            ) {
                coerced[field.name] = value
            }
            path.removeLast()
        }
        for key in object.keys where input.field(named: key) == nil {
            let hint =
                suggestions ? Suggestions.didYouMean(Suggestions.list(for: key, among: input.fields.map(\.name))) : ""
            onError(
                InputCoercionError(
                    message: "Field \"\(key)\" is not defined by type \"\(input.name)\"." + hint,
                    path: path,
                    value: .object(object)
                )
            )
        }
        if input.isOneOf {
            if coerced.count != 1 {
                onError(
                    InputCoercionError(
                        message: "Exactly one key must be specified for OneOf type \"\(input.name)\".",
                        path: path,
                        value: .object(object)
                    )
                )
            } else if let key = coerced.keys.first, coerced[key] == .null {
                onError(
                    InputCoercionError(
                        message: "Field \"\(key)\" must be non-null.",
                        path: path + [.key(key)],
                        value: .null
                    )
                )
            }
        }
        return .object(coerced)
    }

    private func enumSuggestion(_ enumType: GraphQLEnumType, _ input: String, _ enabled: Bool) -> String {
        guard enabled else { return "" }
        return Suggestions.didYouMean(
            Suggestions.list(for: input, among: enumType.values.map(\.name)),
            subMessage: "the enum value"
        )
    }

    /// Coerces a literal written in a document to `type` (graphql-js `valueFromAST`, with the reason when it
    /// fails). Variables are looked up in `variables`, which must hold already coerced values.
    ///
    /// - Returns: The coerced value, or `nil` when the literal is a variable that was not provided (the
    ///   caller then applies the argument's default or leaves it out).
    /// - Throws: ``InputCoercionError`` with the first problem, located at the offending literal.
    public func coerceLiteral(
        _ value: Value,
        to type: GraphQLType,
        variables: JSONObject?
    ) throws(InputCoercionError)
        -> JSONValue?
    {
        var path: [PathComponent] = []
        return try coerceLiteral(value, to: type, variables: variables, path: &path, depth: 0)
    }

    /// Default values refer to other input objects' defaults; a cycle of them can only be caught by depth.
    private static let maxDefaultDepth = 64

    private func coerceLiteral(
        _ value: Value,
        to type: GraphQLType,
        variables: JSONObject?,
        path: inout [PathComponent],
        depth: Int
    ) throws(InputCoercionError) -> JSONValue? {
        if case .variable(let variable) = value {
            guard let variableValue = variables?[variable.name.value] else { return nil }
            if variableValue == .null, type.isNonNull {
                throw InputCoercionError(
                    message: "Expected value of type \"\(type)\", found null.",
                    path: path,
                    location: value.location
                )
            }
            return variableValue
        }
        switch type {
        case .nonNull(let inner):
            if value.isNull {
                throw InputCoercionError(
                    message: "Expected value of type \"\(type)\", found null.",
                    path: path,
                    location: value.location
                )
            }
            return try coerceLiteral(value, to: inner, variables: variables, path: &path, depth: depth)
        case .list(let element):
            if value.isNull { return .null }
            guard case .list(let list) = value else {
                return try coerceLiteral(value, to: element, variables: variables, path: &path, depth: depth)
                    .map { .array([$0]) }
            }
            var coerced: [JSONValue] = []
            coerced.reserveCapacity(list.values.count)
            for (index, item) in list.values.enumerated() {
                path.append(.index(index))
                if let itemValue = try coerceLiteral(item, to: element, variables: variables, path: &path, depth: depth)
                {
                    coerced.append(itemValue)
                } else if element.isNonNull {
                    // A missing variable in a list of non-null elements.
                    throw InputCoercionError(
                        message: "Expected value of type \"\(element)\", found null.",
                        path: path,
                        location: item.location
                    )
                } else {
                    coerced.append(.null)
                }
                path.removeLast()
            }
            return .array(coerced)
        case .named(let reference):
            if value.isNull { return .null }
            switch self[reference] {
            case .scalar(let scalar):
                do {
                    return try scalar.coercion.parseLiteral(value, variables: variables)
                } catch {
                    throw InputCoercionError(message: error.message, path: path, location: value.location)
                }
            case .enumType(let enumType):
                guard case .enumValue(let literal) = value else {
                    throw InputCoercionError(
                        message: "Enum \"\(enumType.name)\" cannot represent non-enum value: \(Printer.print(value)).",
                        path: path,
                        location: value.location
                    )
                }
                guard enumType.value(named: literal.value) != nil else {
                    throw InputCoercionError(
                        message: "Value \"\(literal.value)\" does not exist in \"\(enumType.name)\" enum.",
                        path: path,
                        location: value.location
                    )
                }
                return .string(literal.value)
            case .inputObject(let input):
                guard case .object(let object) = value else {
                    throw InputCoercionError(
                        message: "Expected value of type \"\(input.name)\", found \(Printer.print(value)).",
                        path: path,
                        location: value.location
                    )
                }
                return try coerceInputObjectLiteral(object, input, variables: variables, path: &path, depth: depth)
            case .object, .interface, .union:
                throw InputCoercionError(
                    message: "Type \"\(reference.name)\" is not an input type.",
                    path: path,
                    location: value.location
                )
            }
        }
    }

    private func coerceInputObjectLiteral(
        _ object: ObjectValue,
        _ input: GraphQLInputObjectType,
        variables: JSONObject?,
        path: inout [PathComponent],
        depth: Int
    ) throws(InputCoercionError) -> JSONValue {
        for field in object.fields where input.field(named: field.name.value) == nil {
            throw InputCoercionError(
                message: "Field \"\(field.name.value)\" is not defined by type \"\(input.name)\".",
                path: path,
                location: field.location
            )
        }
        var coerced = JSONObject(minimumCapacity: input.fields.count)
        for field in input.fields {
            let given = object.field(named: field.name)
            var fieldValue: JSONValue?
            if let given {
                path.append(.key(field.name))
                fieldValue = try coerceLiteral(
                    given.value,
                    to: field.type,
                    variables: variables,
                    path: &path,
                    depth: depth
                )
                path.removeLast()
            }
            if fieldValue == nil {
                // Absent, or a variable that was not provided: the default, if any.
                if let defaultValue = field.coercedDefaultValue {
                    fieldValue = defaultValue
                } else if let literal = field.defaultValue {
                    // Only while the schema is being built: defaults are coerced from their literals.
                    guard depth < Self.maxDefaultDepth else {
                        throw InputCoercionError(
                            message: "Default values of \"\(input.name)\" refer to each other in a cycle.",
                            path: path,
                            location: literal.location
                        )
                    }
                    path.append(.key(field.name))
                    fieldValue = try coerceLiteral(
                        literal,
                        to: field.type,
                        variables: nil,
                        path: &path,
                        depth: depth + 1
                    )
                    path.removeLast()
                } else if field.type.isNonNull {
                    throw InputCoercionError(
                        message:
                            "Field \"\(input.name).\(field.name)\" of required type \"\(field.type)\" was not provided.",
                        path: path,
                        location: object.location
                    )
                }
            }
            if let fieldValue { coerced[field.name] = fieldValue }
        }
        if input.isOneOf {
            guard coerced.count == 1, let key = coerced.keys.first else {
                throw InputCoercionError(
                    message: "OneOf Input Object \"\(input.name)\" must specify exactly one key.",
                    path: path,
                    location: object.location
                )
            }
            if coerced[key] == .null {
                throw InputCoercionError(
                    message: "Field \"\(input.name).\(key)\" must be non-null.",
                    path: path + [.key(key)],
                    location: object.field(named: key)?.value.location ?? object.location
                )
            }
        }
        return .object(coerced)
    }
}
