public import JSON

/// How much work an operation asks for, estimated before any resolver runs: each field costs
/// ``defaultFieldCost`` (or its own cost from ``fieldCosts``), and a list field multiplies the cost of what is
/// selected below it by the list's size.
///
/// A list's size is the value of a size argument (``sizeArguments``: `first`, `last`, `limit`) on the list
/// field, or on the field just above it when that field returns a page object rather than a list (a Relay
/// connection: `incidents(first: 5) { nodes { … } edges { … } }` sizes `nodes` and `edges`). Without one, the
/// size is the field's entry in ``listSizes``, else ``defaultListSize``.
///
/// A size argument given as a variable takes the variable's value when the values are known. When they are not
/// (validating a document on its own), the cost is a static upper bound: such a size is ``maxListSize`` when
/// set — a client may send anything up to it — and otherwise the variable's default, else the argument's.
///
/// Fragments are expanded at every spread, and fields in fragments on different types of an abstract type all
/// count, so the cost of a selection on a union or an interface is an upper bound. `__typename` costs nothing;
/// introspection (`__schema`, `__type`) counts only with ``countsIntrospection``, since it never reaches the
/// upstream service and ``OperationLimits/maxDepth`` and graphql-js's introspection-depth rule bound it.
public struct CostModel: Sendable, Hashable {
    /// The cost of a field without an entry in ``fieldCosts``.
    public var defaultFieldCost: Int
    /// Costs of particular fields, by `Type.field` (e.g. `"Query.incidents": 5`).
    public var fieldCosts: [String: Int]
    /// The arguments that give a list's size; the largest given counts.
    public var sizeArguments: [String]
    /// The assumed size of a list without a size argument.
    public var defaultListSize: Int
    /// Assumed sizes of particular list fields without a size argument, by `Type.field`.
    public var listSizes: [String: Int]
    /// The largest size a client may ask for, assumed for a size given by a variable whose value is unknown;
    /// `nil` when there is no such maximum.
    public var maxListSize: Int?
    /// Whether introspection fields count.
    public var countsIntrospection: Bool

    /// Creates a cost model; the defaults suit snowgate's schema (pages of at most 100 records).
    public init(
        defaultFieldCost: Int = 1,
        fieldCosts: [String: Int] = [:],
        sizeArguments: [String] = ["first", "last", "limit"],
        defaultListSize: Int = 10,
        listSizes: [String: Int] = [:],
        maxListSize: Int? = 100,
        countsIntrospection: Bool = false
    ) {
        self.defaultFieldCost = defaultFieldCost
        self.fieldCosts = fieldCosts
        self.sizeArguments = sizeArguments
        self.defaultListSize = defaultListSize
        self.listSizes = listSizes
        self.maxListSize = maxListSize
        self.countsIntrospection = countsIntrospection
    }

    /// The defaults.
    public static let `default` = CostModel()

    /// The cost of `operation`, whose fragments `document` defines.
    ///
    /// - Parameters:
    ///   - variableValues: The request's variables (as sent, before coercion), or `nil` for the static upper
    ///     bound.
    /// - Returns: The cost; it saturates at `Int.max` rather than overflowing.
    public func cost(
        of operation: OperationDefinition,
        in document: Document,
        schema: GraphQLSchema,
        variableValues: JSONObject?
    ) -> Int {
        var calculator = CostCalculator(
            model: self,
            schema: schema,
            document: document,
            operation: operation,
            variableValues: variableValues
        )
        let root = schema.rootType(for: operation.operation)?.reference
        return calculator.cost(of: operation.selectionSet, parentType: root, inheritedSize: nil)
    }

    /// The cost of the operation named `operationName` in `document` (the only one when `nil`), or `nil` when
    /// there is no such operation.
    public func cost(
        of document: Document,
        operationName: String?,
        schema: GraphQLSchema,
        variableValues: JSONObject?
    ) -> Int? {
        let operations = document.operations
        let operation =
            operationName.map { name in operations.first { $0.name?.value == name } }
            ?? (operations.count == 1 ? operations.first : nil)
        return operation.map { cost(of: $0, in: document, schema: schema, variableValues: variableValues) }
    }
}

/// One cost computation: fragments are costed once per inherited size, and a fragment spread inside itself
/// (an invalid document) costs nothing more.
private struct CostCalculator {
    let model: CostModel
    let schema: GraphQLSchema
    let document: Document
    let operation: OperationDefinition
    let variableValues: JSONObject?
    private var fragments: [String: FragmentDefinition] = [:]
    private var fragmentCosts: [FragmentKey: Int] = [:]
    private var inProgress: Set<String> = []

    private struct FragmentKey: Hashable {
        let name: String
        let inheritedSize: Int?
    }

    init(
        model: CostModel,
        schema: GraphQLSchema,
        document: Document,
        operation: OperationDefinition,
        variableValues: JSONObject?
    ) {
        self.model = model
        self.schema = schema
        self.document = document
        self.operation = operation
        self.variableValues = variableValues
        for fragment in document.fragments { fragments[fragment.name.value] = fragment }
    }

    mutating func cost(of selectionSet: SelectionSet, parentType: NamedTypeReference?, inheritedSize: Int?) -> Int {
        var total = 0
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                total = Saturating.add(total, cost(of: field, parentType: parentType, inheritedSize: inheritedSize))
            case .inlineFragment(let fragment):
                var type = parentType
                if let condition = fragment.typeCondition { type = schema.reference(named: condition.name.value) }
                total = Saturating.add(
                    total,
                    cost(of: fragment.selectionSet, parentType: type, inheritedSize: inheritedSize)
                )
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard let fragment = fragments[name], !inProgress.contains(name) else { continue }
                let key = FragmentKey(name: name, inheritedSize: inheritedSize)
                if let known = fragmentCosts[key] {
                    total = Saturating.add(total, known)
                    continue
                }
                inProgress.insert(name)
                let type = schema.reference(named: fragment.typeCondition.name.value)
                let fragmentCost = cost(of: fragment.selectionSet, parentType: type, inheritedSize: inheritedSize)
                inProgress.remove(name)
                fragmentCosts[key] = fragmentCost
                total = Saturating.add(total, fragmentCost)
            }
        }
        return total
    }

    private mutating func cost(of field: Field, parentType: NamedTypeReference?, inheritedSize: Int?) -> Int {
        let name = field.name.value
        if name.hasPrefix("__") {
            if name == "__typename" || !model.countsIntrospection { return 0 }
        }
        let definition = parentType.flatMap { schema.fieldDefinition(in: $0, named: name) }
        let key = parentType.map { $0.name + "." + name }
        let ownCost = key.flatMap { model.fieldCosts[$0] } ?? model.defaultFieldCost
        let size = sizeArgument(of: field, definition: definition)
        let isList = definition?.type.isList ?? false
        guard let selectionSet = field.selectionSet else {
            return ownCost
        }
        let childType = definition.map { $0.type.namedType }.flatMap { schema[$0].isComposite ? $0 : nil }
        // A page object passes its size on to the lists directly inside it.
        let childCost = cost(of: selectionSet, parentType: childType, inheritedSize: isList ? nil : size)
        guard isList else { return Saturating.add(ownCost, childCost) }
        let multiplier = size ?? key.flatMap { model.listSizes[$0] } ?? inheritedSize ?? model.defaultListSize
        return Saturating.add(ownCost, Saturating.multiply(max(0, multiplier), childCost))
    }

    /// The largest size argument given to the field (or defaulted), if any.
    private func sizeArgument(of field: Field, definition: GraphQLField?) -> Int? {
        var largest: Int?
        for name in model.sizeArguments {
            let defaultValue = definition?.argument(named: name)?.defaultValue.flatMap(Self.intValue)
            var size: Int?
            if let argument = field.argument(named: name) {
                size = value(of: argument.value) ?? defaultValue
            } else {
                size = defaultValue
            }
            if let size { largest = max(largest ?? size, size) }
        }
        return largest
    }

    /// A size given as a literal or a variable; `nil` for `null` or anything not an integer.
    private func value(of literal: Value) -> Int? {
        guard case .variable(let variable) = literal else { return Self.intValue(literal) }
        let name = variable.name.value
        let variableDefault = operation.variableDefinitions.first { $0.variable.name.value == name }?.defaultValue
        guard let variableValues else {
            // Unknown until the request comes: as large as a client may ask for.
            return model.maxListSize ?? variableDefault.flatMap(Self.intValue)
        }
        switch variableValues[name] {
        case .int(let int): return int
        case .double(let double) where double.isFinite && double == double.rounded():
            return Int(exactly: double)
        case nil: return variableDefault.flatMap(Self.intValue)
        default: return nil
        }
    }

    private static func intValue(_ literal: Value) -> Int? {
        if case .int(let int) = literal { return Int(int.value) }
        return nil
    }
}

/// Integer arithmetic that stops at `Int.max` instead of trapping: costs of hostile documents overflow.
enum Saturating {
    static func add(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : result
    }

    static func multiply(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : result
    }
}
