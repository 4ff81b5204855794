import JSON

/// A named type of a schema (spec §3.4): one of the six kinds, each a final class with immutable properties.
///
/// Switch over it to handle each kind; the computed properties answer the questions validation and execution
/// ask of any type (is it a leaf? an input type? abstract?).
public enum GraphQLNamedType: Sendable {
    /// A scalar: a leaf whose values are coerced by a ``ScalarCoercion``.
    case scalar(GraphQLScalarType)
    /// An object type with fields.
    case object(GraphQLObjectType)
    /// An interface: an abstract type with fields.
    case interface(GraphQLInterfaceType)
    /// A union: an abstract type listing object types.
    case union(GraphQLUnionType)
    /// An enum: a leaf with a fixed set of values.
    case enumType(GraphQLEnumType)
    /// An input object: a composite input value.
    case inputObject(GraphQLInputObjectType)

    /// The type's name.
    public var name: String {
        switch self {
        case .scalar(let type): type.name
        case .object(let type): type.name
        case .interface(let type): type.name
        case .union(let type): type.name
        case .enumType(let type): type.name
        case .inputObject(let type): type.name
        }
    }

    /// The type's description.
    public var description: String? {
        switch self {
        case .scalar(let type): type.description
        case .object(let type): type.description
        case .interface(let type): type.description
        case .union(let type): type.description
        case .enumType(let type): type.description
        case .inputObject(let type): type.description
        }
    }

    /// The reference to this type in its schema.
    public var reference: NamedTypeReference {
        switch self {
        case .scalar(let type): type.reference
        case .object(let type): type.reference
        case .interface(let type): type.reference
        case .union(let type): type.reference
        case .enumType(let type): type.reference
        case .inputObject(let type): type.reference
        }
    }

    /// The type's kind, as introspection reports it.
    public var kind: TypeKind {
        switch self {
        case .scalar: .scalar
        case .object: .object
        case .interface: .interface
        case .union: .union
        case .enumType: .enumType
        case .inputObject: .inputObject
        }
    }

    /// The directives applied to the type's definition and extensions, in document order.
    public var appliedDirectives: [Directive] {
        switch self {
        case .scalar(let type): type.appliedDirectives
        case .object(let type): type.appliedDirectives
        case .interface(let type): type.appliedDirectives
        case .union(let type): type.appliedDirectives
        case .enumType(let type): type.appliedDirectives
        case .inputObject(let type): type.appliedDirectives
        }
    }

    /// Where the type is defined, if it came from SDL (built-in types have no location).
    public var definitionLocation: Location? {
        switch self {
        case .scalar(let type): type.definition?.location
        case .object(let type): type.definition?.location
        case .interface(let type): type.definition?.location
        case .union(let type): type.definition?.location
        case .enumType(let type): type.definition?.location
        case .inputObject(let type): type.definition?.location
        }
    }

    /// Whether values of this type can be inputs: scalars, enums and input objects (spec §3.4.3).
    public var isInputType: Bool {
        switch self {
        case .scalar, .enumType, .inputObject: true
        default: false
        }
    }

    /// Whether values of this type can be outputs: everything but input objects (spec §3.4.3).
    public var isOutputType: Bool {
        if case .inputObject = self { return false }
        return true
    }

    /// Whether this is a scalar or an enum.
    public var isLeaf: Bool {
        switch self {
        case .scalar, .enumType: true
        default: false
        }
    }

    /// Whether this is an object, an interface or a union (a type that takes a selection set).
    public var isComposite: Bool {
        switch self {
        case .object, .interface, .union: true
        default: false
        }
    }

    /// Whether this is an interface or a union.
    public var isAbstract: Bool {
        switch self {
        case .interface, .union: true
        default: false
        }
    }

    /// Whether this is one of the types of the introspection system (`__Schema`, `__Type`, …).
    public var isIntrospectionType: Bool { Introspection.typeNames.contains(name) }

    /// Whether this is one of the built-in scalars (`Int`, `Float`, `String`, `Boolean`, `ID`).
    public var isBuiltInScalar: Bool { BuiltInScalars.names.contains(name) }

    /// The fields, for an object or an interface.
    public var fields: [GraphQLField]? {
        switch self {
        case .object(let type): type.fields
        case .interface(let type): type.fields
        default: nil
        }
    }

    /// The field named `name`, for an object or an interface.
    public func field(named name: String) -> GraphQLField? {
        switch self {
        case .object(let type): type.field(named: name)
        case .interface(let type): type.field(named: name)
        default: nil
        }
    }

    /// The interfaces implemented, for an object or an interface.
    public var interfaces: [NamedTypeReference] {
        switch self {
        case .object(let type): type.interfaces
        case .interface(let type): type.interfaces
        default: []
        }
    }
}
