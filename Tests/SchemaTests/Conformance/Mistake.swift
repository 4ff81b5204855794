/// A deliberate mistake the corpus generator may put in a document, named after what it does; the comment says
/// which rule of the specification's section 5 (or which part of the grammar) it is meant to trip.
enum Mistake: String, CaseIterable, Sendable {
    /// Fields on Correct Type: a misspelt field.
    case unknownField
    /// Fields on Correct Type: a member's field selected on the union itself.
    case fieldOnUnion
    /// Argument Names: a misspelt argument.
    case unknownArgument
    /// Argument Names: an argument a directive does not have.
    case unknownDirectiveArgument
    /// Fragment Spread Type Existence / Variables: an unknown type name.
    case unknownType
    /// Directives Are Defined: an unknown directive.
    case unknownDirective
    /// Directives Are In Valid Locations.
    case misplacedDirective
    /// Directives Are Unique Per Location.
    case duplicateDirective
    /// Argument Uniqueness.
    case duplicateArgument
    /// Input Object Field Uniqueness.
    case duplicateInputField
    /// Required Arguments.
    case missingRequiredArgument
    /// Required Arguments on a directive (`@include` without `if`).
    case missingDirectiveArgument
    /// Input Object Required Fields.
    case missingInputField
    /// Values of Correct Type: a literal of the wrong kind.
    case wrongLiteral
    /// Values of Correct Type: a variable's default value of the wrong kind.
    case wrongDefaultValue
    /// Values of Correct Type: `null` where the type is non-null.
    case nullForNonNull
    /// Input Object Field Names.
    case unknownInputField
    /// Values of Correct Type: an enum value the enum does not have.
    case unknownEnumValue
    /// Values of Correct Type: an Int beyond 32 bits.
    case intOverflow
    /// All Variable Usages Are Allowed: a variable of another type.
    case variableWrongType
    /// All Variable Usages Are Allowed: a nullable variable without default where non-null is expected.
    case nullableVariableForNonNull
    /// All Variable Uses Defined.
    case undefinedVariable
    /// All Variables Used.
    case unusedVariable
    /// Variable Uniqueness.
    case duplicateVariable
    /// Variables Are Input Types.
    case outputTypeVariable
    /// Fragment Spread Target Defined.
    case unknownFragment
    /// Fragments Must Be Used.
    case unusedFragment
    /// Fragment Name Uniqueness.
    case duplicateFragment
    /// Fragment Spreads Must Not Form Cycles.
    case fragmentCycle
    /// Fragments On Object, Interface or Union Types.
    case fragmentOnScalar
    /// Fragment Spread Is Possible, inline.
    case impossibleSpread
    /// Fragment Spread Is Possible, named.
    case impossibleNamedSpread
    /// Leaf Field Selections: a selection below a scalar.
    case leafWithSelection
    /// Leaf Field Selections: an object field without a selection.
    case objectWithoutSelection
    /// Field Selection Merging: one response name for two fields.
    case conflictingAliases
    /// Field Selection Merging: one field with two argument sets.
    case conflictingArguments
    /// Field Selection Merging: one response name with two return types under an abstract type.
    case conflictingTypes
    /// Operation Name Uniqueness.
    case duplicateOperationName
    /// Lone Anonymous Operation.
    case anonymousWithOthers
    /// Executable Definitions: a type-system definition in a request.
    case typeDefinition
    /// Single Root Field.
    case subscriptionTwoFields
    /// graphql-js's MaxIntrospectionDepthRule.
    case deepIntrospection
    /// Values of Correct Type, OneOf: two fields given.
    case oneOfTwoFields
    /// Values of Correct Type, OneOf: the one field null.
    case oneOfNull
    /// Values of Correct Type, OneOf: a nullable variable for the one field.
    case oneOfNullableVariable
    /// The grammar: a syntax error somewhere.
    case syntaxError
    /// September 2025 grammar: a description on an operation, fragment or variable definition, which
    /// graphql-core 3.2.8 refuses (left out of the comparison).
    case executableDescription
    /// September 2025 Operation Type Existence: an operation type the schema has no root for, which
    /// graphql-core 3.2.8 does not check (left out of the comparison).
    case missingRootType

    /// Whether documents with this mistake are judged by the September 2025 specification rather than compared
    /// with graphql-core 3.2.8, because the two differ on exactly this point.
    var isSpecDivergence: Bool {
        self == .executableDescription || self == .missingRootType
    }
}
