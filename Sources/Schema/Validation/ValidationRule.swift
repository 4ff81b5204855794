/// One validation rule: every rule of the specification's section 5 (September 2025), graphql-js's recommended
/// introspection-depth rule, and the optional rules a gateway switches on by configuration.
///
/// The cases are declared in the order graphql-js's `specifiedRules` runs them (with the September 2025
/// `knownOperationTypes` second, where graphql-js 17 puts it): when two rules have something to say about the
/// same node, their errors come out in this order.
public enum ValidationRule: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Executable Definitions.
    case executableDefinitions = "ExecutableDefinitions"
    /// Operation Type Existence (new in the September 2025 edition).
    case knownOperationTypes = "KnownOperationTypes"
    /// Operation Name Uniqueness.
    case uniqueOperationNames = "UniqueOperationNames"
    /// Lone Anonymous Operation.
    case loneAnonymousOperation = "LoneAnonymousOperation"
    /// Single Root Field (subscriptions).
    case singleFieldSubscriptions = "SingleFieldSubscriptions"
    /// Fragment Spread Type Existence, and every other named type in the document.
    case knownTypeNames = "KnownTypeNames"
    /// Fragments On Composite Types.
    case fragmentsOnCompositeTypes = "FragmentsOnCompositeTypes"
    /// Variables Are Input Types.
    case variablesAreInputTypes = "VariablesAreInputTypes"
    /// Leaf Field Selections.
    case scalarLeafs = "ScalarLeafs"
    /// Field Selections.
    case fieldsOnCorrectType = "FieldsOnCorrectType"
    /// Fragment Name Uniqueness.
    case uniqueFragmentNames = "UniqueFragmentNames"
    /// Fragment Spread Target Defined.
    case knownFragmentNames = "KnownFragmentNames"
    /// Fragments Must Be Used.
    case noUnusedFragments = "NoUnusedFragments"
    /// Fragment Spread Is Possible.
    case possibleFragmentSpreads = "PossibleFragmentSpreads"
    /// Fragment Spreads Must Not Form Cycles.
    case noFragmentCycles = "NoFragmentCycles"
    /// Variable Uniqueness.
    case uniqueVariableNames = "UniqueVariableNames"
    /// All Variable Uses Defined.
    case noUndefinedVariables = "NoUndefinedVariables"
    /// All Variables Used.
    case noUnusedVariables = "NoUnusedVariables"
    /// Directives Are Defined, and Directives Are In Valid Locations.
    case knownDirectives = "KnownDirectives"
    /// Directives Are Unique Per Location.
    case uniqueDirectivesPerLocation = "UniqueDirectivesPerLocation"
    /// Argument Names (on fields and directives).
    case knownArgumentNames = "KnownArgumentNames"
    /// Argument Uniqueness.
    case uniqueArgumentNames = "UniqueArgumentNames"
    /// Values of Correct Type (with `@oneOf` input objects).
    case valuesOfCorrectType = "ValuesOfCorrectType"
    /// Required Arguments.
    case providedRequiredArguments = "ProvidedRequiredArguments"
    /// All Variable Usages Are Allowed.
    case variablesInAllowedPosition = "VariablesInAllowedPosition"
    /// Field Selection Merging.
    case overlappingFieldsCanBeMerged = "OverlappingFieldsCanBeMerged"
    /// Input Object Field Uniqueness.
    case uniqueInputFieldNames = "UniqueInputFieldNames"
    /// graphql-js's recommended rule against deeply nested introspection (`fields`, `interfaces`,
    /// `possibleTypes`, `inputFields` three levels deep).
    case maxIntrospectionDepth = "MaxIntrospectionDepth"
    /// Optional: no field of an introspection type may be selected (graphql-js
    /// `NoSchemaIntrospectionCustomRule`); on when ``ValidationOptions/allowsIntrospection`` is false.
    case noSchemaIntrospection = "NoSchemaIntrospection"

    /// The rule's name as graphql-js spells it, without the `Rule` suffix.
    public var description: String { rawValue }

    /// The rules every executable document must pass: the specification's, in graphql-js's order, plus
    /// graphql-js's recommended introspection-depth rule (graphql-js 16.10 and graphql-core 3.2.8 run it too).
    public static let specified: [ValidationRule] = allCases.filter { $0 != .noSchemaIntrospection }
}

/// The kinds of traversal event a rule listens to; the walker calls a rule only for the events it declares.
struct RuleEvents: OptionSet, Sendable {
    let rawValue: UInt32

    static let document = RuleEvents(rawValue: 1 << 0)
    static let operation = RuleEvents(rawValue: 1 << 1)
    static let variableDefinition = RuleEvents(rawValue: 1 << 2)
    static let selectionSet = RuleEvents(rawValue: 1 << 3)
    static let field = RuleEvents(rawValue: 1 << 4)
    static let argument = RuleEvents(rawValue: 1 << 5)
    static let fragmentSpread = RuleEvents(rawValue: 1 << 6)
    static let inlineFragment = RuleEvents(rawValue: 1 << 7)
    static let fragmentDefinition = RuleEvents(rawValue: 1 << 8)
    static let directive = RuleEvents(rawValue: 1 << 9)
    static let namedType = RuleEvents(rawValue: 1 << 10)
    static let value = RuleEvents(rawValue: 1 << 11)
    static let objectField = RuleEvents(rawValue: 1 << 12)
    static let typeSystemDirectives = RuleEvents(rawValue: 1 << 13)
}

/// Where a type-system node's directives are counted for uniqueness: a schema definition and its extensions
/// share one scope, a named type and its extensions another, and every other node has its own.
enum DirectiveScope {
    /// `schema` and `extend schema`.
    case schema
    /// A type definition or extension, by type name.
    case type(String)
    /// A field, argument, input field or enum value definition.
    case node
}

/// The visitor side of one rule: the walker calls these as it enters and leaves nodes, after updating the
/// context's type information (graphql-js `visitWithTypeInfo`), for the events in ``events``.
///
/// Every rule of one validation run receives every event in the same traversal, in rule order, as graphql-js's
/// `visitInParallel` does; rules only read the AST and the context and report errors to the context.
protocol RuleVisitor: AnyObject {
    /// The events the rule wants.
    var events: RuleEvents { get }

    func enterDocument(_ document: Document)
    func leaveDocument(_ document: Document)
    func enterOperation(_ operation: OperationDefinition)
    func leaveOperation(_ operation: OperationDefinition)
    func enterVariableDefinition(_ definition: VariableDefinition)
    func enterSelectionSet(_ selectionSet: SelectionSet)
    func enterField(_ field: Field)
    func leaveField(_ field: Field)
    func enterArgument(_ argument: Argument)
    func enterFragmentSpread(_ spread: FragmentSpread)
    func enterInlineFragment(_ fragment: InlineFragment)
    func enterFragmentDefinition(_ fragment: FragmentDefinition)
    func enterDirective(_ directive: Directive)
    func leaveDirective(_ directive: Directive)
    func enterNamedType(_ type: NamedType)
    /// Every value literal (variables included); `leaveValue` only for lists and objects.
    func enterValue(_ value: Value)
    func leaveValue(_ value: Value)
    func enterObjectField(_ field: ObjectField)
    /// A type-system node with directives (schema, type, field, argument, input field or enum value definition
    /// or extension), entered before its children.
    func enterTypeSystemDirectives(_ directives: [Directive], scope: DirectiveScope)
}

extension RuleVisitor {
    func enterDocument(_ document: Document) {}
    func leaveDocument(_ document: Document) {}
    func enterOperation(_ operation: OperationDefinition) {}
    func leaveOperation(_ operation: OperationDefinition) {}
    func enterVariableDefinition(_ definition: VariableDefinition) {}
    func enterSelectionSet(_ selectionSet: SelectionSet) {}
    func enterField(_ field: Field) {}
    func leaveField(_ field: Field) {}
    func enterArgument(_ argument: Argument) {}
    func enterFragmentSpread(_ spread: FragmentSpread) {}
    func enterInlineFragment(_ fragment: InlineFragment) {}
    func enterFragmentDefinition(_ fragment: FragmentDefinition) {}
    func enterDirective(_ directive: Directive) {}
    func leaveDirective(_ directive: Directive) {}
    func enterNamedType(_ type: NamedType) {}
    func enterValue(_ value: Value) {}
    func leaveValue(_ value: Value) {}
    func enterObjectField(_ field: ObjectField) {}
    func enterTypeSystemDirectives(_ directives: [Directive], scope: DirectiveScope) {}
}
