import JSON
import Synchronization

/// How a planned field gets its value. Plans are not generic over the context, so resolvers are referred to
/// by their position in the executor's tables.
enum PlanResolver: Sendable, Equatable {
    /// A key lookup on a JSON object parent, or ``FieldSource/resolveField(_:arguments:)``.
    case defaultResolver
    /// `__typename`.
    case typename
    /// `__schema` on the query root.
    case schemaMeta
    /// `__type(name:)` on the query root.
    case typeMeta
    /// The synchronous resolver at this position.
    case sync(Int)
    /// The asynchronous resolver at this position.
    case async(Int)

    var isAsync: Bool {
        if case .async = self { return true }
        return false
    }
}

/// The resolvers registered for the schema's fields, by type index, in the form plans need.
struct ResolverIndex: Sendable {
    /// Per type index: field name to resolver (empty for types without registered resolvers).
    let fields: [[String: PlanResolver]]

    func resolver(typeIndex: Int, field: String) -> PlanResolver {
        guard typeIndex < fields.count else { return .defaultResolver }
        return fields[typeIndex][field] ?? .defaultResolver
    }
}

/// How a leaf value is serialized. The built-in scalars are singled out so that the common case (a `String`
/// field holding a string) costs a switch instead of a call through an existential.
enum LeafSerializer: Sendable {
    case string
    case int
    case float
    case boolean
    case id
    case custom(GraphQLScalarType)
    case enumType(GraphQLEnumType)
}

/// Everything an execution needs to turn selection sets into field plans: the document's fragments, the
/// coerced variables and where the resolvers are.
///
/// Plans are built lazily — when a value of a given object type actually needs completing — and cached, so a
/// 1,000-item list collects its item fields once (graphql-js `collectSubfields` memoization) and a field's
/// arguments are coerced once per request rather than once per item.
final class Planner: Sendable {
    let schema: GraphQLSchema
    let fragments: [String: FragmentDefinition]
    let variables: JSONObject
    let resolvers: ResolverIndex
    let source: Source?

    init(
        schema: GraphQLSchema,
        fragments: [String: FragmentDefinition],
        variables: JSONObject,
        resolvers: ResolverIndex,
        source: Source?
    ) {
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.resolvers = resolvers
        self.source = source
    }

    /// The plan of an operation's root selection set.
    func rootPlan(for operation: OperationDefinition, type: GraphQLObjectType) -> ObjectPlan {
        objectPlan(type: type, selectionSets: [operation.selectionSet])
    }

    /// CollectFields (spec §6.3.2) over `selectionSets` for an object of `type`, then one field plan per
    /// response key, in order.
    func objectPlan(type: GraphQLObjectType, selectionSets: [SelectionSet]) -> ObjectPlan {
        var groups = FieldGroups()
        var visited = Set<String>()
        do {
            for selectionSet in selectionSets {
                try collectFields(selectionSet, type: type, into: &groups, visited: &visited)
            }
        } catch {
            return ObjectPlan(type: type, fields: [], error: error)
        }
        var fields: [FieldPlan] = []
        fields.reserveCapacity(groups.keys.count)
        for (position, key) in groups.keys.enumerated() {
            let nodes = groups.nodes[position]
            guard let plan = fieldPlan(key: key, nodes: nodes, parentType: type, ordinal: fields.count) else {
                continue
            }
            fields.append(plan)
        }
        return ObjectPlan(type: type, fields: fields, error: nil)
    }

    private func fieldPlan(key: String, nodes: [Field], parentType: GraphQLObjectType, ordinal: Int) -> FieldPlan? {
        guard let first = nodes.first else { return nil }
        let name = first.name.value
        // A field the type does not have is left out, as graphql-js does (validation rejects it anyway).
        guard let definition = schema.fieldDefinition(in: parentType.reference, named: name) else { return nil }
        let resolver: PlanResolver
        switch name {
        case "__typename": resolver = .typename
        case "__schema" where definition === schema.schemaMetaField: resolver = .schemaMeta
        case "__type" where definition === schema.typeMetaField: resolver = .typeMeta
        default: resolver = resolvers.resolver(typeIndex: parentType.reference.index, field: name)
        }
        let arguments: Result<JSONObject, GraphQLError>
        if definition.arguments.isEmpty {
            arguments = .success(JSONObject())
        } else {
            do {
                arguments = .success(
                    try schema.coerceArgumentValues(
                        first.arguments,
                        definitions: definition.arguments,
                        variables: variables,
                        source: source
                    )
                )
            } catch {
                arguments = .failure(error)
            }
        }
        return FieldPlan(
            planner: self,
            responseKey: key,
            nodes: nodes,
            parentType: parentType,
            definition: definition,
            ordinal: ordinal,
            resolver: resolver,
            arguments: arguments
        )
    }

    private func collectFields(
        _ selectionSet: SelectionSet,
        type: GraphQLObjectType,
        into groups: inout FieldGroups,
        visited: inout Set<String>
    ) throws(GraphQLError) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                guard try shouldInclude(field.directives) else { continue }
                groups.add(field)
            case .inlineFragment(let fragment):
                guard try shouldInclude(fragment.directives), conditionMatches(fragment.typeCondition, type) else {
                    continue
                }
                try collectFields(fragment.selectionSet, type: type, into: &groups, visited: &visited)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visited.contains(name), try shouldInclude(spread.directives) else { continue }
                visited.insert(name)
                guard let fragment = fragments[name], conditionMatches(fragment.typeCondition, type) else { continue }
                try collectFields(fragment.selectionSet, type: type, into: &groups, visited: &visited)
            }
        }
    }

    /// `@skip(if:)` and `@include(if:)` (spec §6.3.2 steps 3.a and 3.b).
    private func shouldInclude(_ directives: [Directive]) throws(GraphQLError) -> Bool {
        if directives.isEmpty { return true }
        return try schema.shouldInclude(directives, variables: variables, source: source)
    }

    private func conditionMatches(_ condition: NamedType?, _ type: GraphQLObjectType) -> Bool {
        guard let condition else { return true }
        guard let reference = schema.reference(named: condition.name.value) else { return false }
        if reference == type.reference { return true }
        return schema[reference].isAbstract && schema.isSubType(type.reference, of: reference)
    }

    /// Collected fields by response key, in the order keys first appear.
    private struct FieldGroups {
        var keys: [String] = []
        var nodes: [[Field]] = []
        var positions: [String: Int] = [:]

        mutating func add(_ field: Field) {
            let key = field.responseKey
            if let position = positions[key] {
                nodes[position].append(field)
            } else {
                positions[key] = keys.count
                keys.append(key)
                nodes.append([field])
            }
        }
    }
}

/// The fields to execute on an object of one type: the result of CollectFields for a selection, with a plan per
/// response key.
final class ObjectPlan: Sendable {
    let type: GraphQLObjectType
    let fields: [FieldPlan]
    /// Set when collecting failed (a `@skip`/`@include` argument that could not be coerced): completing an object
    /// with this plan is a field error.
    let error: GraphQLError?
    private let deepSync = Mutex<Bool?>(nil)

    init(type: GraphQLObjectType, fields: [FieldPlan], error: GraphQLError?) {
        self.type = type
        self.fields = fields
        self.error = error
    }

    /// Whether every field here, and everything below them, resolves synchronously: such an object is completed
    /// without any task or suspension.
    var isDeepSync: Bool {
        if let known = deepSync.withLock({ $0 }) { return known }
        let computed = error == nil && fields.allSatisfy(\.isDeepSync)
        deepSync.withLock { $0 = computed }
        return computed
    }
}

/// One field of a collected selection: its response key, the merged AST nodes, its definition, how it is
/// resolved, its coerced arguments, and (lazily) the plans of its sub-selection per object type.
final class FieldPlan: Sendable {
    let planner: Planner
    let responseKey: String
    let name: String
    let nodes: [Field]
    let parentType: GraphQLObjectType
    let definition: GraphQLField
    /// The field's position among its siblings (to order errors).
    let ordinal: Int
    let resolver: PlanResolver
    /// The coerced arguments (empty when coercion failed).
    let argumentValues: JSONObject
    /// Why the arguments could not be coerced: resolving the field is then this error. Kept apart from the
    /// values so the hot path checks one optional instead of copying a `Result`.
    let argumentError: GraphQLError?
    /// The field's type's named type.
    let namedType: GraphQLNamedType
    /// For leaf types, how to serialize.
    let leaf: LeafSerializer?

    private struct Memo {
        var objectPlans: [Int: ObjectPlan] = [:]
        var childrenDeepSync: Bool?
        /// Values resolvers derived from this field's selection (``FieldSelection/memoized(_:_:)``), by name and type.
        var derived: [DerivedKey: any Sendable] = [:]
    }
    private struct DerivedKey: Hashable {
        var name: String
        var type: ObjectIdentifier
    }
    private let memo = Mutex(Memo())
    /// The sub-selection's plan when the field's named type is an object type: read for every item of a list, so
    /// it is kept where a load is one atomic read rather than a lock.
    private let concretePlan = AtomicLazyReference<ObjectPlan>()

    init(
        planner: Planner,
        responseKey: String,
        nodes: [Field],
        parentType: GraphQLObjectType,
        definition: GraphQLField,
        ordinal: Int,
        resolver: PlanResolver,
        arguments: Result<JSONObject, GraphQLError>
    ) {
        self.planner = planner
        self.responseKey = responseKey
        self.name = definition.name
        self.nodes = nodes
        self.parentType = parentType
        self.definition = definition
        self.ordinal = ordinal
        self.resolver = resolver
        switch arguments {
        case .success(let values):
            argumentValues = values
            argumentError = nil
        case .failure(let error):
            argumentValues = JSONObject()
            argumentError = error
        }
        let namedType = planner.schema[definition.type]
        self.namedType = namedType
        switch namedType {
        case .scalar(let scalar):
            // The built-in scalars always have their built-in coercion (the schema refuses to replace it).
            switch scalar.name {
            case "String": leaf = .string
            case "Int": leaf = .int
            case "Float": leaf = .float
            case "Boolean": leaf = .boolean
            case "ID": leaf = .id
            default: leaf = .custom(scalar)
            }
        case .enumType(let enumType):
            leaf = .enumType(enumType)
        default:
            leaf = nil
        }
    }

    /// The field's type.
    var returnType: GraphQLType { definition.type }

    /// The plan of the sub-selection for a value of the object type `type` (built once, then cached).
    func objectPlan(for type: GraphQLObjectType) -> ObjectPlan {
        if let concrete = concretePlan.load(), concrete.type === type { return concrete }
        let index = type.reference.index
        if let cached = memo.withLock({ $0.objectPlans[index] }) { return cached }
        let built = planner.objectPlan(type: type, selectionSets: nodes.compactMap(\.selectionSet))
        let plan = memo.withLock { memo in
            // Another task may have built it meanwhile; keep the first so that everyone shares one plan.
            if let existing = memo.objectPlans[index] { return existing }
            memo.objectPlans[index] = built
            return built
        }
        if case .object(let object) = namedType, object === type { return concretePlan.storeIfNil(plan) }
        return plan
    }

    /// The value derived under `name` from this field's selection: computed once per plan, so once per cached
    /// plan rather than once per request. Two tasks computing it at once both compute; the first stored wins.
    func derived<Value: Sendable>(_ name: String, _ compute: () -> Value) -> Value {
        let key = DerivedKey(name: name, type: ObjectIdentifier(Value.self))
        // Unwrap the lookup before casting: `nil as? Value` succeeds when `Value` is itself optional.
        if let stored = memo.withLock({ $0.derived[key] }), let known = stored as? Value { return known }
        let computed = compute()
        return memo.withLock { memo in
            if let stored = memo.derived[key], let existing = stored as? Value { return existing }
            memo.derived[key] = computed
            return computed
        }
    }

    /// The object types a value of this field can be: the type itself, or an abstract type's possible types.
    var possibleObjectTypes: [GraphQLObjectType] {
        switch namedType {
        case .object(let object): return [object]
        case .interface, .union:
            return planner.schema.possibleTypes(of: namedType.reference).compactMap { reference in
                if case .object(let object) = planner.schema[reference] { return object }
                return nil
            }
        default: return []
        }
    }

    /// Whether the field resolves synchronously and so does everything below it, for every object type its value
    /// can be: then it completes with no task and no suspension.
    var isDeepSync: Bool {
        !resolver.isAsync && childrenDeepSync
    }

    /// Whether everything below the field resolves synchronously, whatever the field's own resolver.
    var childrenDeepSync: Bool {
        if leaf != nil { return true }
        if let known = memo.withLock({ $0.childrenDeepSync }) { return known }
        let computed = possibleObjectTypes.allSatisfy { objectPlan(for: $0).isDeepSync }
        memo.withLock { $0.childrenDeepSync = computed }
        return computed
    }
}
