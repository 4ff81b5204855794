public import JSON

/// A field of an object or interface type (spec §3.6.1): arguments and an output type.
public final class GraphQLField: Sendable {
    /// The field's name.
    public let name: String
    /// The field's description.
    public let description: String?
    /// The arguments, in definition order.
    public let arguments: [GraphQLArgument]
    /// The field's type.
    public let type: GraphQLType
    /// Why the field is deprecated, if it is (`@deprecated`).
    public let deprecationReason: String?
    /// The directives applied to the field.
    public let appliedDirectives: [Directive]
    /// The SDL definition (`nil` for the meta fields `__typename`, `__schema` and `__type`).
    public let definition: FieldDefinition?

    /// Creates a field.
    public init(
        name: String,
        description: String?,
        arguments: [GraphQLArgument],
        type: GraphQLType,
        deprecationReason: String?,
        appliedDirectives: [Directive],
        definition: FieldDefinition?
    ) {
        self.name = name
        self.description = description
        self.arguments = arguments
        self.type = type
        self.deprecationReason = deprecationReason
        self.appliedDirectives = appliedDirectives
        self.definition = definition
    }

    /// Whether the field is deprecated.
    public var isDeprecated: Bool { deprecationReason != nil }

    /// The argument named `name`.
    public func argument(named name: String) -> GraphQLArgument? {
        arguments.first { $0.name == name }
    }

    static func index(_ fields: [GraphQLField]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(fields.count)
        for (position, field) in fields.enumerated() where index[field.name] == nil { index[field.name] = position }
        return index
    }
}

/// An argument of a field or directive.
public typealias GraphQLArgument = GraphQLInputValue

/// A field of an input object type.
public typealias GraphQLInputField = GraphQLInputValue

/// An input value definition: an argument of a field or directive, or a field of an input object
/// (spec §3.6.1, §3.10). Its default value is kept both as written and coerced.
public final class GraphQLInputValue: Sendable {
    /// The name.
    public let name: String
    /// The description.
    public let description: String?
    /// The input type.
    public let type: GraphQLType
    /// The default value as written in SDL (`nil` when there is none).
    public let defaultValue: Value?
    /// The default value coerced to the input type, ready for execution (`nil` when there is none; an
    /// explicit `null` default is `.null`).
    public let coercedDefaultValue: JSONValue?
    /// Why the input value is deprecated, if it is (`@deprecated`).
    public let deprecationReason: String?
    /// The directives applied to the definition.
    public let appliedDirectives: [Directive]
    /// The SDL definition.
    public let definition: InputValueDefinition?

    /// Creates an input value.
    public init(
        name: String,
        description: String?,
        type: GraphQLType,
        defaultValue: Value?,
        coercedDefaultValue: JSONValue?,
        deprecationReason: String?,
        appliedDirectives: [Directive],
        definition: InputValueDefinition?
    ) {
        self.name = name
        self.description = description
        self.type = type
        self.defaultValue = defaultValue
        self.coercedDefaultValue = coercedDefaultValue
        self.deprecationReason = deprecationReason
        self.appliedDirectives = appliedDirectives
        self.definition = definition
    }

    /// Whether the input value is deprecated.
    public var isDeprecated: Bool { deprecationReason != nil }

    /// Whether a value must be given: the type is non-null and there is no default (spec §5.4.2.1).
    public var isRequired: Bool { type.isNonNull && defaultValue == nil }

    static func index(_ values: [GraphQLInputValue]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(values.count)
        for (position, value) in values.enumerated() where index[value.name] == nil { index[value.name] = position }
        return index
    }
}

/// A directive definition (spec §3.13): where it may appear, whether it may repeat, and its arguments.
public final class GraphQLDirective: Sendable {
    /// The directive's name, without `@`.
    public let name: String
    /// The directive's description.
    public let description: String?
    /// The arguments, in definition order.
    public let arguments: [GraphQLArgument]
    /// The locations where the directive may be applied.
    public let locations: [DirectiveLocation]
    /// Whether the directive may be applied more than once at one location.
    public let isRepeatable: Bool
    /// The SDL definition (`nil` for a built-in directive).
    public let definition: DirectiveDefinition?

    /// Creates a directive definition.
    public init(
        name: String,
        description: String?,
        arguments: [GraphQLArgument],
        locations: [DirectiveLocation],
        isRepeatable: Bool,
        definition: DirectiveDefinition?
    ) {
        self.name = name
        self.description = description
        self.arguments = arguments
        self.locations = locations
        self.isRepeatable = isRepeatable
        self.definition = definition
    }

    /// The argument named `name`.
    public func argument(named name: String) -> GraphQLArgument? {
        arguments.first { $0.name == name }
    }

    /// Whether the directive may be applied at `location`.
    public func isAllowed(at location: DirectiveLocation) -> Bool {
        locations.contains(location)
    }

    /// Whether this is one of the directives every schema has (`@include`, `@skip`, `@deprecated`,
    /// `@specifiedBy`, `@oneOf`).
    public var isBuiltIn: Bool { definition == nil }
}
