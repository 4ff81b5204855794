/// Names the rule (or the grammar) behind a graphql-js / graphql-core validation message, so that the differential
/// test can show the corpus reaches every rule. graphql-core quotes with `'` where graphql-js uses `"`; messages
/// are normalised to `"` first.
enum RuleClassifier {
    /// Every rule the corpus must trip, by graphql-js's rule names, and `Syntax` for parse errors.
    static let required: [String] = [
        "Syntax", "ExecutableDefinitions", "UniqueOperationNames", "LoneAnonymousOperation",
        "SingleFieldSubscriptions", "KnownTypeNames", "FragmentsOnCompositeTypes", "VariablesAreInputTypes",
        "ScalarLeafs", "FieldsOnCorrectType", "UniqueFragmentNames", "KnownFragmentNames", "NoUnusedFragments",
        "PossibleFragmentSpreads", "NoFragmentCycles", "UniqueVariableNames", "NoUndefinedVariables",
        "NoUnusedVariables", "KnownDirectives", "UniqueDirectivesPerLocation", "KnownArgumentNames",
        "UniqueArgumentNames", "ValuesOfCorrectType", "ProvidedRequiredArguments", "VariablesInAllowedPosition",
        "OverlappingFieldsCanBeMerged", "UniqueInputFieldNames", "MaxIntrospectionDepth",
    ]

    static func normalized(_ message: String) -> String {
        String(message.map { $0 == "'" ? "\"" : $0 })
    }

    /// The rule that writes `message`, or nil for a message this table does not know.
    static func rule(of message: String) -> String? {
        let text = normalized(message)
        let table: [(String, (String) -> Bool)] = [
            ("Syntax", { $0.hasPrefix("Syntax Error") }),
            ("ExecutableDefinitions", { $0.hasSuffix("definition is not executable.") }),
            ("UniqueOperationNames", { $0.hasPrefix("There can be only one operation named") }),
            ("LoneAnonymousOperation", { $0.hasPrefix("This anonymous operation must be the only") }),
            (
                "SingleFieldSubscriptions",
                { $0.contains("must select only one top level field") || $0.contains("introspection top level field") }
            ),
            ("KnownTypeNames", { $0.hasPrefix("Unknown type \"") }),
            ("FragmentsOnCompositeTypes", { $0.contains("cannot condition on non composite type") }),
            ("VariablesAreInputTypes", { $0.contains("cannot be non-input type") }),
            (
                "ScalarLeafs",
                {
                    $0.contains("must not have a selection since type")
                        || $0.contains("must have a selection of subfields")
                }
            ),
            ("FieldsOnCorrectType", { $0.hasPrefix("Cannot query field") }),
            ("UniqueFragmentNames", { $0.hasPrefix("There can be only one fragment named") }),
            ("KnownFragmentNames", { $0.hasPrefix("Unknown fragment") }),
            ("NoUnusedFragments", { $0.hasPrefix("Fragment \"") && $0.hasSuffix("is never used.") }),
            ("PossibleFragmentSpreads", { $0.contains("can never be of type") }),
            ("NoFragmentCycles", { $0.hasPrefix("Cannot spread fragment") }),
            ("UniqueVariableNames", { $0.hasPrefix("There can be only one variable named") }),
            ("NoUndefinedVariables", { $0.hasPrefix("Variable \"$") && $0.contains("is not defined") }),
            ("NoUnusedVariables", { $0.hasPrefix("Variable \"$") && $0.contains("is never used") }),
            ("KnownDirectives", { $0.hasPrefix("Unknown directive") || $0.contains("may not be used on") }),
            ("UniqueDirectivesPerLocation", { $0.contains("can only be used once at this location") }),
            ("KnownArgumentNames", { $0.hasPrefix("Unknown argument") }),
            ("UniqueArgumentNames", { $0.hasPrefix("There can be only one argument named") }),
            ("ProvidedRequiredArguments", { $0.contains("is required, but it was not provided") }),
            ("VariablesInAllowedPosition", { $0.contains("used in position expecting type") }),
            ("OverlappingFieldsCanBeMerged", { $0.contains("conflict because") }),
            ("UniqueInputFieldNames", { $0.hasPrefix("There can be only one input field named") }),
            ("MaxIntrospectionDepth", { $0.hasPrefix("Maximum introspection depth exceeded") }),
            ("KnownOperationTypes", { $0.contains("operation is not supported by the schema") }),
            (
                "ValuesOfCorrectType",
                {
                    $0.hasPrefix("Expected value of type") || $0.contains("cannot represent")
                        || $0.contains("does not exist in") || $0.contains("is not defined by type")
                        || $0.contains("of required type") || $0.contains("OneOf Input Object")
                        || $0.contains("must be non-null") || $0.hasPrefix("Expected type")
                }
            ),
        ]
        return table.first { $0.1(text) }?.0
    }
}
