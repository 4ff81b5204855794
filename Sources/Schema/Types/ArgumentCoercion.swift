public import JSON

extension GraphQLSchema {
    /// The coerced values of the arguments written at a field or directive (spec §6.4.1
    /// `CoerceArgumentValues`, graphql-js `getArgumentValues`), with graphql-js's messages.
    ///
    /// An argument given neither a value nor a provided variable takes its default, or is left out (an absent
    /// key, as opposed to an explicit `null`). Variables must already be coerced (`coerceInputValue`).
    ///
    /// - Parameters:
    ///   - arguments: The arguments as written in the document.
    ///   - definitions: The field's or directive's argument definitions.
    ///   - variables: The operation's coerced variable values.
    ///   - source: The document, to locate errors.
    /// - Throws: ``GraphQLError`` located at the offending argument.
    public func coerceArgumentValues(
        _ arguments: [Argument],
        definitions: [GraphQLArgument],
        variables: JSONObject,
        source: Source? = nil
    ) throws(GraphQLError) -> JSONObject {
        var coerced = JSONObject(minimumCapacity: definitions.count)
        for definition in definitions {
            let name = definition.name
            let argument = arguments.first { $0.name.value == name }
            guard let argument else {
                if let defaultValue = definition.coercedDefaultValue {
                    coerced[name] = defaultValue
                } else if definition.type.isNonNull {
                    throw GraphQLError(
                        message: "Argument \"\(name)\" of required type \"\(definition.type)\" was not provided.",
                        at: [],
                        in: source
                    )
                }
                continue
            }
            if case .variable(let variable) = argument.value {
                let variableName = variable.name.value
                guard let value = variables[variableName] else {
                    if let defaultValue = definition.coercedDefaultValue {
                        coerced[name] = defaultValue
                    } else if definition.type.isNonNull {
                        throw GraphQLError(
                            message:
                                "Argument \"\(name)\" of required type \"\(definition.type)\" was provided the variable \"$\(variableName)\" which was not provided a runtime value.",
                            at: [argument.value.location],
                            in: source
                        )
                    }
                    continue
                }
                if value == .null && definition.type.isNonNull {
                    throw GraphQLError(
                        message: "Argument \"\(name)\" of non-null type \"\(definition.type)\" must not be null.",
                        at: [argument.value.location],
                        in: source
                    )
                }
                coerced[name] = value
                continue
            }
            if argument.value.isNull && definition.type.isNonNull {
                throw GraphQLError(
                    message: "Argument \"\(name)\" of non-null type \"\(definition.type)\" must not be null.",
                    at: [argument.value.location],
                    in: source
                )
            }
            do throws(InputCoercionError) {
                if let value = try coerceLiteral(argument.value, to: definition.type, variables: variables) {
                    coerced[name] = value
                }
            } catch {
                // Validation (ValuesOfCorrectTypeRule) reports this before execution; this is the runtime check.
                throw GraphQLError(
                    message: "Argument \"\(name)\" has invalid value \(Printer.print(argument.value)).",
                    at: [argument.value.location],
                    in: source
                )
            }
        }
        return coerced
    }

    /// Whether `@skip` and `@include` among `directives` let a field or fragment be included (spec §6.3.2
    /// `CollectFields`, steps for `@skip` and `@include`).
    public func shouldInclude(
        _ directives: [Directive],
        variables: JSONObject,
        source: Source? = nil
    )
        throws(GraphQLError) -> Bool
    {
        for directive in directives {
            let name = directive.name.value
            guard name == "skip" || name == "include", let definition = self.directive(named: name) else { continue }
            let values = try coerceArgumentValues(
                directive.arguments,
                definitions: definition.arguments,
                variables: variables,
                source: source
            )
            let condition = values["if"]?.boolValue ?? false
            if name == "skip" && condition { return false }
            if name == "include" && !condition { return false }
        }
        return true
    }
}

extension Document {
    /// The operation to execute (spec §6.1 `GetOperation`): the one named `name`, or the only one when `name`
    /// is `nil`; `nil` when there is no such operation, or several and no name.
    public func operation(named name: String?) -> OperationDefinition? {
        let operations = self.operations
        guard let name else { return operations.count == 1 ? operations.first : nil }
        return operations.first { $0.name?.value == name }
    }

    /// The fragment definitions by name (the first of each name).
    public var fragmentsByName: [String: FragmentDefinition] {
        var fragments: [String: FragmentDefinition] = [:]
        for fragment in self.fragments where fragments[fragment.name.value] == nil {
            fragments[fragment.name.value] = fragment
        }
        return fragments
    }
}
