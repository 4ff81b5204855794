/// The three kinds of operation (spec §2.3).
public enum OperationType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A read-only fetch.
    case query
    /// A write followed by a fetch.
    case mutation
    /// A long-lived request that fetches data in response to events.
    case subscription

    /// The keyword.
    public var description: String { rawValue }
}

/// An operation (spec §2.3): `query`, `mutation` or `subscription`, or the shorthand `{ … }` (a query).
public struct OperationDefinition: Sendable, Hashable {
    /// The description (September 2025); never present on the shorthand form.
    public var description: StringValue?
    /// The kind of operation.
    public var operation: OperationType
    /// The operation's name, if named.
    public var name: Name?
    /// The variable definitions in document order.
    public var variableDefinitions: [VariableDefinition]
    /// The directives applied to the operation.
    public var directives: [Directive]
    /// The root selection set.
    public var selectionSet: SelectionSet
    /// Where the operation lies in the source (from its description, if any).
    public var location: Location

    /// Creates an operation.
    public init(
        description: StringValue? = nil,
        operation: OperationType,
        name: Name? = nil,
        variableDefinitions: [VariableDefinition] = [],
        directives: [Directive] = [],
        selectionSet: SelectionSet,
        location: Location = .none
    ) {
        self.description = description
        self.operation = operation
        self.name = name
        self.variableDefinitions = variableDefinitions
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }
}

/// A variable definition, `$name: Type = default @directives` (spec §2.10).
public struct VariableDefinition: Sendable, Hashable {
    /// The description (September 2025).
    public var description: StringValue?
    /// The variable being defined.
    public var variable: Variable
    /// The variable's type.
    public var type: TypeReference
    /// The default value (a constant).
    public var defaultValue: Value?
    /// The directives applied to the definition.
    public var directives: [Directive]
    /// Where the definition lies in the source.
    public var location: Location

    /// Creates a variable definition.
    public init(
        description: StringValue? = nil,
        variable: Variable,
        type: TypeReference,
        defaultValue: Value? = nil,
        directives: [Directive] = [],
        location: Location = .none
    ) {
        self.description = description
        self.variable = variable
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.location = location
    }
}

/// A variable, `$name` (spec §2.10).
public struct Variable: Sendable, Hashable {
    /// The name, without `$`.
    public var name: Name
    /// Where the variable lies in the source (from `$`).
    public var location: Location

    /// Creates a variable.
    public init(name: Name, location: Location = .none) {
        self.name = name
        self.location = location
    }
}

/// A selection set, `{ … }` (spec §2.4).
public struct SelectionSet: Sendable, Hashable {
    /// The selections in document order.
    public var selections: [Selection]
    /// Where the selection set lies in the source (braces included).
    public var location: Location

    /// Creates a selection set.
    public init(selections: [Selection], location: Location = .none) {
        self.selections = selections
        self.location = location
    }
}

/// One selection: a field, a fragment spread or an inline fragment (spec §2.4).
public enum Selection: Sendable, Hashable {
    /// A field.
    case field(Field)
    /// `...FragmentName`.
    case fragmentSpread(FragmentSpread)
    /// `... on Type { … }` or `... @directive { … }`.
    case inlineFragment(InlineFragment)

    /// Where the selection lies in the source.
    public var location: Location {
        switch self {
        case .field(let node): node.location
        case .fragmentSpread(let node): node.location
        case .inlineFragment(let node): node.location
        }
    }

    /// The directives applied to the selection.
    public var directives: [Directive] {
        switch self {
        case .field(let node): node.directives
        case .fragmentSpread(let node): node.directives
        case .inlineFragment(let node): node.directives
        }
    }
}

/// A field selection, `alias: name(arguments) @directives { … }` (spec §2.5).
public struct Field: Sendable, Hashable {
    /// The alias, if any.
    public var alias: Name?
    /// The field's name.
    public var name: Name
    /// The arguments in document order.
    public var arguments: [Argument]
    /// The directives applied to the field.
    public var directives: [Directive]
    /// The sub-selection, for fields of composite type.
    public var selectionSet: SelectionSet?
    /// Where the field lies in the source (from the alias, if any).
    public var location: Location

    /// Creates a field.
    public init(
        alias: Name? = nil,
        name: Name,
        arguments: [Argument] = [],
        directives: [Directive] = [],
        selectionSet: SelectionSet? = nil,
        location: Location = .none
    ) {
        self.alias = alias
        self.name = name
        self.arguments = arguments
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }

    /// The key of the field in the response: the alias if present, else the name (spec §2.7).
    public var responseKey: String { alias?.value ?? name.value }

    /// The argument named `name`, if present.
    public func argument(named name: String) -> Argument? {
        arguments.first { $0.name.value == name }
    }
}

/// A fragment spread, `...Name @directives` (spec §2.8).
public struct FragmentSpread: Sendable, Hashable {
    /// The fragment's name.
    public var name: Name
    /// The directives applied to the spread.
    public var directives: [Directive]
    /// Where the spread lies in the source (from `...`).
    public var location: Location

    /// Creates a fragment spread.
    public init(name: Name, directives: [Directive] = [], location: Location = .none) {
        self.name = name
        self.directives = directives
        self.location = location
    }
}

/// An inline fragment, `... on Type @directives { … }` (spec §2.8.2).
public struct InlineFragment: Sendable, Hashable {
    /// The type condition, if any.
    public var typeCondition: NamedType?
    /// The directives applied to the fragment.
    public var directives: [Directive]
    /// The fragment's selections.
    public var selectionSet: SelectionSet
    /// Where the fragment lies in the source (from `...`).
    public var location: Location

    /// Creates an inline fragment.
    public init(
        typeCondition: NamedType? = nil,
        directives: [Directive] = [],
        selectionSet: SelectionSet,
        location: Location = .none
    ) {
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }
}

/// A fragment definition, `fragment Name on Type @directives { … }` (spec §2.8).
public struct FragmentDefinition: Sendable, Hashable {
    /// The description (September 2025).
    public var description: StringValue?
    /// The fragment's name (never `on`).
    public var name: Name
    /// The type condition.
    public var typeCondition: NamedType
    /// The directives applied to the definition.
    public var directives: [Directive]
    /// The fragment's selections.
    public var selectionSet: SelectionSet
    /// Where the definition lies in the source (from its description, if any).
    public var location: Location

    /// Creates a fragment definition.
    public init(
        description: StringValue? = nil,
        name: Name,
        typeCondition: NamedType,
        directives: [Directive] = [],
        selectionSet: SelectionSet,
        location: Location = .none
    ) {
        self.description = description
        self.name = name
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }
}
