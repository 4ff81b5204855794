import JSON

/// The coercion of an operation's variables (spec §6.4.1 CoerceVariableValues), with graphql-js's messages.
/// (Arguments are coerced by ``GraphQLSchema/coerceArgumentValues(_:definitions:variables:source:)``.)
enum VariableValues {
    /// Coerces the values a client sent for an operation's variables. Every problem is reported (up to
    /// `maxErrors`, then one more error saying so, as graphql-js does); the result holds a key only for variables
    /// that were given or have a default, so "absent" stays distinguishable from an explicit `null`.
    static func coerce(
        schema: GraphQLSchema,
        definitions: [VariableDefinition],
        inputs: JSONObject,
        source: Source?,
        suggestions: Bool,
        maxErrors: Int
    ) -> Result<JSONObject, RequestErrors> {
        var coerced = JSONObject(minimumCapacity: definitions.count)
        var errors: [GraphQLError] = []
        var tooMany = false

        func report(_ error: GraphQLError) {
            guard !tooMany else { return }
            if errors.count >= maxErrors {
                errors.append(
                    GraphQLError(
                        message: "Too many errors processing variables, error limit reached. Execution aborted."
                    )
                )
                tooMany = true
                return
            }
            errors.append(error)
        }

        for definition in definitions {
            if tooMany { break }
            let name = definition.variable.name.value
            guard let type = schema.type(from: definition.type), schema[type].isInputType else {
                report(
                    GraphQLError(
                        message: "Variable \"$\(name)\" expected value of type \"\(definition.type)\" which cannot be "
                            + "used as an input type.",
                        at: [definition.type.location],
                        in: source
                    )
                )
                continue
            }
            guard let value = inputs[name] else {
                if let defaultValue = definition.defaultValue {
                    // Validation has checked the default; a value that still fails to coerce is left absent.
                    if let value = try? schema.coerceLiteral(defaultValue, to: type, variables: nil) {
                        coerced[name] = value
                    }
                } else if type.isNonNull {
                    report(
                        GraphQLError(
                            message: "Variable \"$\(name)\" of required type \"\(type)\" was not provided.",
                            at: [definition.location],
                            in: source
                        )
                    )
                }
                continue
            }
            if value == .null, type.isNonNull {
                report(
                    GraphQLError(
                        message: "Variable \"$\(name)\" of non-null type \"\(type)\" must not be null.",
                        at: [definition.location],
                        in: source
                    )
                )
                continue
            }
            let result = schema.coerceInputValue(value, to: type, suggestions: suggestions) { problem in
                var prefix = "Variable \"$\(name)\" got invalid value " + Inspect.describe(problem.value ?? .null)
                if !problem.path.isEmpty {
                    prefix += " at \"\(name)\(printPath(problem.path))\""
                }
                report(GraphQLError(message: prefix + "; " + problem.message, at: [definition.location], in: source))
            }
            if let result { coerced[name] = result }
        }
        return errors.isEmpty ? .success(coerced) : .failure(RequestErrors(errors))
    }

    /// graphql-js `printPathArray`: `.key` for object keys, `[index]` for list positions.
    static func printPath(_ path: [PathComponent]) -> String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key): text += "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
