/// A value literal (spec §2.9). In a constant context (default values, SDL) it never holds a variable.
///
/// Numbers keep their source text (`IntValue.value`), as graphql-js does: Int and Float coercion decide what
/// the text means, and printing gives it back unchanged.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    /// `$name`.
    case variable(Variable)
    /// An integer literal.
    case int(IntValue)
    /// A floating-point literal.
    case float(FloatValue)
    /// A string or block string.
    case string(StringValue)
    /// `true` or `false`.
    case boolean(BooleanValue)
    /// `null`.
    case null(NullValue)
    /// An enum value: a name other than `true`, `false` and `null`.
    case enumValue(EnumValue)
    /// `[ … ]`.
    case list(ListValue)
    /// `{ name: value, … }`.
    case object(ObjectValue)

    /// Where the value lies in the source.
    public var location: Location {
        switch self {
        case .variable(let node): node.location
        case .int(let node): node.location
        case .float(let node): node.location
        case .string(let node): node.location
        case .boolean(let node): node.location
        case .null(let node): node.location
        case .enumValue(let node): node.location
        case .list(let node): node.location
        case .object(let node): node.location
        }
    }

    /// Whether the value is the `null` literal.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Whether the value contains no variable at any depth.
    public var isConstant: Bool {
        switch self {
        case .variable: false
        case .list(let list): list.values.allSatisfy(\.isConstant)
        case .object(let object): object.fields.allSatisfy(\.value.isConstant)
        default: true
        }
    }

    /// The value printed as GraphQL (graphql-js `print`), e.g. `{a: [1, "x"]}`.
    public var description: String { Printer.print(self) }
}

/// An integer literal, kept as its source text (e.g. `-12`).
public struct IntValue: Sendable, Hashable {
    /// The literal's text.
    public var value: String
    /// Where the literal lies in the source.
    public var location: Location

    /// Creates an integer literal.
    public init(_ value: String, location: Location = .none) {
        self.value = value
        self.location = location
    }
}

/// A floating-point literal, kept as its source text (e.g. `1.5e3`).
public struct FloatValue: Sendable, Hashable {
    /// The literal's text.
    public var value: String
    /// Where the literal lies in the source.
    public var location: Location

    /// Creates a floating-point literal.
    public init(_ value: String, location: Location = .none) {
        self.value = value
        self.location = location
    }
}

/// A string literal: its value (escapes resolved, block strings dedented) and whether it was a block string.
public struct StringValue: Sendable, Hashable {
    /// The string's value.
    public var value: String
    /// Whether it was written as a block string (`"""…"""`); the printer keeps the form.
    public var block: Bool
    /// Where the literal lies in the source.
    public var location: Location

    /// Creates a string literal.
    public init(_ value: String, block: Bool = false, location: Location = .none) {
        self.value = value
        self.block = block
        self.location = location
    }
}

/// `true` or `false`.
public struct BooleanValue: Sendable, Hashable {
    /// The Boolean.
    public var value: Bool
    /// Where the literal lies in the source.
    public var location: Location

    /// Creates a Boolean literal.
    public init(_ value: Bool, location: Location = .none) {
        self.value = value
        self.location = location
    }
}

/// `null`.
public struct NullValue: Sendable, Hashable {
    /// Where the literal lies in the source.
    public var location: Location

    /// Creates a null literal.
    public init(location: Location = .none) {
        self.location = location
    }
}

/// An enum value literal: a bare name.
public struct EnumValue: Sendable, Hashable {
    /// The enum value's name.
    public var value: String
    /// Where the literal lies in the source.
    public var location: Location

    /// Creates an enum value literal.
    public init(_ value: String, location: Location = .none) {
        self.value = value
        self.location = location
    }
}

/// A list literal, `[ … ]`.
public struct ListValue: Sendable, Hashable {
    /// The elements in order.
    public var values: [Value]
    /// Where the literal lies in the source (brackets included).
    public var location: Location

    /// Creates a list literal.
    public init(_ values: [Value], location: Location = .none) {
        self.values = values
        self.location = location
    }
}

/// An input object literal, `{ name: value, … }`.
public struct ObjectValue: Sendable, Hashable {
    /// The fields in document order.
    public var fields: [ObjectField]
    /// Where the literal lies in the source (braces included).
    public var location: Location

    /// Creates an object literal.
    public init(_ fields: [ObjectField], location: Location = .none) {
        self.fields = fields
        self.location = location
    }

    /// The field named `name`, if present.
    public func field(named name: String) -> ObjectField? {
        fields.first { $0.name.value == name }
    }
}

/// One field of an input object literal, `name: value`.
public struct ObjectField: Sendable, Hashable {
    /// The field's name.
    public var name: Name
    /// The field's value.
    public var value: Value
    /// Where the field lies in the source.
    public var location: Location

    /// Creates an object field.
    public init(name: Name, value: Value, location: Location = .none) {
        self.name = name
        self.value = value
        self.location = location
    }
}
