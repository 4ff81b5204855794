import JSON

/// Why a field did not complete: an error that propagates (spec §6.4.4) until a nullable position records it
/// and becomes `null`, or the execution's cancellation, which nothing records.
enum FieldFailure: Error, Sendable {
    /// A located field error and the position it was raised at.
    case error(GraphQLError, PathNode)
    /// The task was cancelled: unwind without recording anything.
    case cancelled
}

/// The resolvers of an ``Executor`` in the form an execution reads them: arrays indexed by the plans'
/// ``PlanResolver`` positions and by type index.
struct CompiledResolvers<Context: Sendable>: Sendable {
    let index: ResolverIndex
    let sync: [SyncResolver<Context>]
    let async: [AsyncResolver<Context>]
    /// By type index.
    let typeResolvers: [TypeResolver<Context>?]
    /// By type index.
    let isTypeOf: [IsTypeOfCheck<Context>?]
}

/// One execution of an operation (spec §6.3 and §6.4): resolving fields, completing values, propagating nulls.
///
/// Completion comes in two forms. The synchronous one completes a value whose whole subtree resolves
/// synchronously (``FieldPlan/isDeepSync``) with plain calls — no task, no suspension — which is what the
/// thousands of trivial fields of a large list take. The asynchronous one handles subtrees with asynchronous
/// resolvers: sibling fields and list items that need to wait run as concurrent child tasks, each a unit of the
/// ``BatchScheduler``, so their loads are queued together and dispatched when all of them wait.
final class Execution<Context: Sendable>: Sendable {
    let state: ExecutionState
    let context: Context
    let resolvers: CompiledResolvers<Context>

    init(state: ExecutionState, context: Context, resolvers: CompiledResolvers<Context>) {
        self.state = state
        self.context = context
        self.resolvers = resolvers
    }

    private var schema: GraphQLSchema { state.schema }

    // MARK: Operations

    /// Executes the root selection: concurrently for queries, one field after the other for mutations
    /// (spec §6.2.1, §6.2.2).
    func executeRoot(_ plan: ObjectPlan, serially: Bool) async throws(FieldFailure) -> JSONObject {
        let parent = state.rootValue
        if let error = plan.error {
            throw .error(error, PathNode(parent: nil, component: .key(""), ordinal: 0))
        }
        if plan.isDeepSync { return try executeFieldsSync(plan.fields, parent, nil) }
        if !serially { return try await executeFieldsAsync(plan.fields, parent, nil) }
        var object = JSONObject(minimumCapacity: plan.fields.count)
        let parentObject = parent.jsonObject
        for field in plan.fields {
            let value =
                field.isDeepSync
                ? try executeFieldSync(field, parent, parentObject, nil)
                : try await executeFieldAsync(field, parent, nil)
            object.appendUnchecked(field.responseKey, value)
        }
        return object
    }

    /// Executes the root selection synchronously (only valid when the plan is deep-sync).
    func executeRootSync(_ plan: ObjectPlan) throws(FieldFailure) -> JSONObject {
        if let error = plan.error {
            throw .error(error, PathNode(parent: nil, component: .key(""), ordinal: 0))
        }
        return try executeFieldsSync(plan.fields, state.rootValue, nil)
    }

    // MARK: Synchronous completion

    private func executeFieldsSync(
        _ fields: [FieldPlan],
        _ parent: ResolvedValue,
        _ path: PathNode?
    ) throws(FieldFailure) -> JSONObject {
        var object = JSONObject(minimumCapacity: fields.count)
        // The default resolver reads JSON parents key by key: take the object out of the enum once, not per field.
        let parentObject = parent.jsonObject
        for field in fields {
            // A non-null failure stops the remaining fields, as graphql-js's synchronous loop does.
            object.appendUnchecked(field.responseKey, try executeFieldSync(field, parent, parentObject, path))
        }
        return object
    }

    private func executeFieldSync(
        _ plan: FieldPlan,
        _ parent: ResolvedValue,
        _ parentObject: JSONObject?,
        _ parentPath: PathNode?
    ) throws(FieldFailure) -> JSONValue {
        let slot = PathSlot(parent: parentPath, component: .key(plan.responseKey), ordinal: plan.ordinal)
        let value: ResolvedValue
        do {
            if plan.resolver == .defaultResolver, plan.argumentError == nil, let parentObject {
                value = parentObject[plan.name].map(ResolvedValue.json) ?? .null
            } else {
                value = try resolveSync(plan, parent, parentPath)
            }
        } catch {
            return try handle(fieldFailure(error, plan, slot.node()), plan.returnType)
        }
        do throws(FieldFailure) {
            return try completeSync(plan.returnType, plan, value, slot)
        } catch {
            return try handle(error, plan.returnType)
        }
    }

    private func resolveSync(
        _ plan: FieldPlan,
        _ parent: ResolvedValue,
        _ parentPath: PathNode?
    ) throws
        -> ResolvedValue
    {
        if let error = plan.argumentError { throw error }
        let arguments = plan.argumentValues
        switch plan.resolver {
        case .defaultResolver:
            switch parent {
            case .json(.object(let object)):
                guard let value = object[plan.name] else { return .null }
                return .json(value)
            case .object(let source):
                return try source.resolveField(plan.name, arguments: arguments)
            default:
                return .null
            }
        case .typename:
            return .json(.string(plan.parentType.name))
        case .schemaMeta:
            return .object(IntrospectionSchema(schema: schema))
        case .typeMeta:
            guard case .string(let name)? = arguments["name"], let type = schema.type(named: name) else { return .null }
            return .object(IntrospectionType(schema: schema, type: .named(type.reference)))
        case .sync(let position):
            let info = ResolveInfo(plan: plan, parentPath: parentPath, execution: state)
            return try resolvers.sync[position](parent, arguments, context, info)
        case .async:
            // Plans with asynchronous resolvers are never deep-sync, so they never come here.
            throw GraphQLError(message: "Internal error: an asynchronous resolver was called synchronously.")
        }
    }

    private func completeSync(
        _ type: GraphQLType,
        _ plan: FieldPlan,
        _ value: ResolvedValue,
        _ slot: PathSlot
    ) throws(FieldFailure) -> JSONValue {
        switch type {
        case .nonNull(let inner):
            let completed = try completeSync(inner, plan, value, slot)
            if case .null = completed { throw nullFailure(plan, slot) }
            return completed
        case .list(let element):
            switch value {
            case .null, .json(.null):
                return .null
            case .list(let items):
                return try completeListSync(element, plan, items.count, slot) { items[$0] }
            case .json(.array(let items)):
                return try completeListSync(element, plan, items.count, slot) { .json(items[$0]) }
            default:
                throw failure(
                    "Expected Iterable, but did not find one for field \"\(plan.parentType.name).\(plan.name)\".",
                    plan,
                    slot.node()
                )
            }
        case .named:
            if value.isNull { return .null }
            if let leaf = plan.leaf { return try serialize(leaf, value, plan, slot) }
            let node = slot.node()
            let objectType = try runtimeType(plan, value, node)
            let objectPlan = try checkedObjectPlan(objectType, plan, value, node)
            return .object(try executeFieldsSync(objectPlan.fields, value, node))
        }
    }

    private func completeListSync(
        _ element: GraphQLType,
        _ plan: FieldPlan,
        _ count: Int,
        _ slot: PathSlot,
        _ item: (Int) -> ResolvedValue
    ) throws(FieldFailure) -> JSONValue {
        let listNode = slot.node()
        var completed: [JSONValue] = []
        completed.reserveCapacity(count)
        for index in 0..<count {
            let itemSlot = PathSlot(parent: listNode, component: .index(index), ordinal: index)
            do throws(FieldFailure) {
                completed.append(try completeSync(element, plan, item(index), itemSlot))
            } catch {
                completed.append(try handle(error, element))
            }
        }
        return .array(completed)
    }

    // MARK: Asynchronous completion

    private func executeFieldsAsync(
        _ fields: [FieldPlan],
        _ parent: ResolvedValue,
        _ path: PathNode?
    ) async throws(FieldFailure) -> JSONObject {
        var object = JSONObject(minimumCapacity: fields.count)
        let parentObject = parent.jsonObject
        // Fields that complete synchronously are done in place; the others run afterwards, concurrently, and
        // their slots are filled in (keeping selection order).
        var deferred: [FieldPlan] = []
        for field in fields {
            guard field.isDeepSync else {
                object.appendUnchecked(field.responseKey, .null)
                deferred.append(field)
                continue
            }
            do throws(FieldFailure) {
                object.appendUnchecked(field.responseKey, try executeFieldSync(field, parent, parentObject, path))
            } catch {
                // graphql-js would have started the asynchronous fields before this one; run them so their own
                // errors are reported, then propagate.
                if !deferred.isEmpty { _ = await runConcurrently(deferred, parent, path) }
                throw error
            }
        }
        switch deferred.count {
        case 0:
            break
        case 1:
            object[deferred[0].responseKey] = try await executeFieldAsync(deferred[0], parent, path)
        default:
            let results = await runConcurrently(deferred, parent, path)
            var firstFailure: FieldFailure?
            for (field, result) in zip(deferred, results) {
                switch result {
                case .success(let value):
                    object[field.responseKey] = value
                case .failure(.cancelled):
                    throw .cancelled
                case .failure(let failure):
                    if firstFailure == nil { firstFailure = failure }
                }
            }
            if let firstFailure { throw firstFailure }
        }
        return object
    }

    private func runConcurrently(
        _ fields: [FieldPlan],
        _ parent: ResolvedValue,
        _ path: PathNode?
    ) async -> [Result<JSONValue, FieldFailure>] {
        await state.scheduler.concurrently(fields.count) { position in
            do throws(FieldFailure) {
                return .success(try await self.executeFieldAsync(fields[position], parent, path))
            } catch {
                return .failure(error)
            }
        }
    }

    private func executeFieldAsync(
        _ plan: FieldPlan,
        _ parent: ResolvedValue,
        _ parentPath: PathNode?
    ) async throws(FieldFailure) -> JSONValue {
        if Task.isCancelled { throw .cancelled }
        let slot = PathSlot(parent: parentPath, component: .key(plan.responseKey), ordinal: plan.ordinal)
        let value: ResolvedValue
        do {
            if case .async(let position) = plan.resolver {
                if let error = plan.argumentError { throw error }
                let info = ResolveInfo(plan: plan, parentPath: parentPath, execution: state)
                value = try await resolvers.async[position](parent, plan.argumentValues, context, info)
            } else {
                value = try resolveSync(plan, parent, parentPath)
            }
        } catch {
            return try handle(fieldFailure(error, plan, slot.node()), plan.returnType)
        }
        do throws(FieldFailure) {
            return try await completeAsync(plan.returnType, plan, value, slot)
        } catch {
            return try handle(error, plan.returnType)
        }
    }

    private func completeAsync(
        _ type: GraphQLType,
        _ plan: FieldPlan,
        _ value: ResolvedValue,
        _ slot: PathSlot
    ) async throws(FieldFailure) -> JSONValue {
        if plan.childrenDeepSync { return try completeSync(type, plan, value, slot) }
        switch type {
        case .nonNull(let inner):
            let completed = try await completeAsync(inner, plan, value, slot)
            if case .null = completed { throw nullFailure(plan, slot) }
            return completed
        case .list(let element):
            let items: [ResolvedValue]
            switch value {
            case .null, .json(.null):
                return .null
            case .list(let list):
                items = list
            case .json(.array(let array)):
                items = array.map(ResolvedValue.json)
            default:
                throw failure(
                    "Expected Iterable, but did not find one for field \"\(plan.parentType.name).\(plan.name)\".",
                    plan,
                    slot.node()
                )
            }
            return try await completeListAsync(element, plan, items, slot)
        case .named:
            if value.isNull { return .null }
            if let leaf = plan.leaf { return try serialize(leaf, value, plan, slot) }
            let node = slot.node()
            let objectType = try runtimeType(plan, value, node)
            let objectPlan = try checkedObjectPlan(objectType, plan, value, node)
            if objectPlan.isDeepSync { return .object(try executeFieldsSync(objectPlan.fields, value, node)) }
            return .object(try await executeFieldsAsync(objectPlan.fields, value, node))
        }
    }

    private func completeListAsync(
        _ element: GraphQLType,
        _ plan: FieldPlan,
        _ items: [ResolvedValue],
        _ slot: PathSlot
    ) async throws(FieldFailure) -> JSONValue {
        let listNode = slot.node()
        if items.count <= 1 {
            var completed: [JSONValue] = []
            for (index, item) in items.enumerated() {
                let itemSlot = PathSlot(parent: listNode, component: .index(index), ordinal: index)
                do throws(FieldFailure) {
                    completed.append(try await completeAsync(element, plan, item, itemSlot))
                } catch {
                    completed.append(try handle(error, element))
                }
            }
            return .array(completed)
        }
        // Items complete concurrently, so that the loads of all of them are queued before any dispatch.
        let results = await state.scheduler.concurrently(items.count) { index in
            let itemSlot = PathSlot(parent: listNode, component: .index(index), ordinal: index)
            do throws(FieldFailure) {
                return Result<JSONValue, FieldFailure>.success(
                    try await self.completeAsync(element, plan, items[index], itemSlot)
                )
            } catch {
                return .failure(error)
            }
        }
        var completed: [JSONValue] = []
        completed.reserveCapacity(items.count)
        var firstFailure: FieldFailure?
        for result in results {
            switch result {
            case .success(let value):
                completed.append(value)
            case .failure(.cancelled):
                throw .cancelled
            case .failure(let failure):
                if element.isNonNull {
                    if firstFailure == nil { firstFailure = failure }
                    completed.append(.null)
                } else {
                    completed.append(try handle(failure, element))
                }
            }
        }
        if let firstFailure { throw firstFailure }
        return .array(completed)
    }

    // MARK: Shared steps

    /// graphql-js `handleFieldError`: a failure at a non-null position propagates; at a nullable one it is
    /// recorded and the position becomes `null`.
    private func handle(_ failure: FieldFailure, _ type: GraphQLType) throws(FieldFailure) -> JSONValue {
        guard case .error(let error, let path) = failure, !type.isNonNull else { throw failure }
        state.record(error, at: path)
        return .null
    }

    /// A resolver's error as a located field error (graphql-js `locatedError`).
    private func fieldFailure(_ error: any Error, _ plan: FieldPlan, _ node: PathNode) -> FieldFailure {
        if error is CancellationError, Task.isCancelled { return .cancelled }
        var located: GraphQLError
        switch error {
        case let graphQLError as GraphQLError:
            located = graphQLError
        case let convertible as any GraphQLErrorConvertible:
            located = convertible.graphQLError
            if located.underlyingError == nil { located.underlyingError = convertible }
        default:
            if let mapError = state.options.mapError {
                located = mapError(error)
                if located.underlyingError == nil { located.underlyingError = error }
            } else {
                located = GraphQLError(message: String(describing: error), underlyingError: error)
            }
        }
        if located.path == nil {
            located.path = node.components
            if located.locations.isEmpty, let source = state.source {
                located.locations = plan.nodes.map { source.location(at: $0.location.start) }
            }
            if located.source == nil { located.source = state.source }
        }
        return .error(located, node)
    }

    private func failure(_ message: String, _ plan: FieldPlan, _ node: PathNode) -> FieldFailure {
        .error(
            GraphQLError(message: message, at: plan.nodes.map(\.location), in: state.source, path: node.components),
            node
        )
    }

    private func nullFailure(_ plan: FieldPlan, _ slot: PathSlot) -> FieldFailure {
        failure("Cannot return null for non-nullable field \(plan.parentType.name).\(plan.name).", plan, slot.node())
    }

    /// Leaf completion (spec §6.4.3 CompleteValue step 3): serialization by the scalar or enum.
    private func serialize(
        _ leaf: LeafSerializer,
        _ value: ResolvedValue,
        _ plan: FieldPlan,
        _ slot: PathSlot
    ) throws(FieldFailure) -> JSONValue {
        // The common cases, where serialization returns the value unchanged.
        if case .json(let json) = value {
            switch (leaf, json) {
            case (.string, .string), (.id, .string), (.boolean, .bool):
                return json
            case (.int, .int(let integer)) where integer >= Int(Int32.min) && integer <= Int(Int32.max):
                return json
            case (.float, .double(let double)) where double.isFinite:
                return json
            default:
                break
            }
        }
        let typeName = plan.namedType.name
        guard let json = value.plainJSON else {
            throw failure("\(typeName) cannot represent value: \(value.inspected)", plan, slot.node())
        }
        let serialized: JSONValue
        switch (leaf, plan.namedType) {
        case (.enumType(let enumType), _):
            guard case .string(let name) = json, enumType.value(named: name) != nil else {
                throw failure(
                    "Enum \"\(enumType.name)\" cannot represent value: \(Inspect.describe(json))",
                    plan,
                    slot.node()
                )
            }
            serialized = json
        case (_, .scalar(let scalar)):
            do {
                serialized = try scalar.coercion.serialize(json)
            } catch {
                throw failure(error.message, plan, slot.node())
            }
        default:
            serialized = json
        }
        if case .null = serialized {
            throw failure(
                "Expected `\(typeName).serialize(\(Inspect.describe(json)))` to return non-nullable value, returned: null",
                plan,
                slot.node()
            )
        }
        return serialized
    }

    /// The object type of a value of the field's named type: the type itself, or for an interface or union the
    /// type the hooks or the value name (graphql-js `completeAbstractValue` and `ensureValidRuntimeType`).
    private func runtimeType(
        _ plan: FieldPlan,
        _ value: ResolvedValue,
        _ node: PathNode
    ) throws(FieldFailure) -> GraphQLObjectType {
        let abstractName: String
        switch plan.namedType {
        case .object(let object): return object
        case .interface(let interface): abstractName = interface.name
        case .union(let union): abstractName = union.name
        default:
            throw failure("Cannot complete value of unexpected output type: \"\(plan.namedType.name)\".", plan, node)
        }
        let abstract = plan.namedType.reference
        let info = ResolveInfo(plan: plan, parentPath: node.parent, valuePath: node, execution: state)
        var typeName: String?
        do {
            if let hook = resolvers.typeResolvers[abstract.index] {
                typeName = try hook(value, context, info)
            }
            if typeName == nil {
                switch value {
                case .object(let source): typeName = source.graphQLTypeName
                case .json(.object(let object)): typeName = object["__typename"]?.stringValue
                default: break
                }
            }
            if typeName == nil {
                for candidate in schema.possibleTypes(of: abstract) {
                    if let check = resolvers.isTypeOf[candidate.index], try check(value, context, info) {
                        typeName = candidate.name
                        break
                    }
                }
            }
        } catch {
            throw fieldFailure(error, plan, node)
        }
        let fieldName = "\(plan.parentType.name).\(plan.name)"
        guard let typeName else {
            throw failure(
                "Abstract type \"\(abstractName)\" must resolve to an Object type at runtime for field \"\(fieldName)\". "
                    + "Either the \"\(abstractName)\" type should provide a \"resolveType\" function or each possible "
                    + "type should provide an \"isTypeOf\" function.",
                plan,
                node
            )
        }
        guard let runtimeType = schema.type(named: typeName) else {
            throw failure(
                "Abstract type \"\(abstractName)\" was resolved to a type \"\(typeName)\" that does not exist inside "
                    + "the schema.",
                plan,
                node
            )
        }
        guard case .object(let object) = runtimeType else {
            throw failure(
                "Abstract type \"\(abstractName)\" was resolved to a non-object type \"\(typeName)\".",
                plan,
                node
            )
        }
        guard schema.isSubType(object.reference, of: abstract) else {
            throw failure(
                "Runtime Object type \"\(typeName)\" is not a possible type for \"\(abstractName)\".",
                plan,
                node
            )
        }
        return object
    }

    /// The sub-selection's plan for `objectType`, after the object type's `isTypeOf` check (graphql-js
    /// `completeObjectValue`).
    private func checkedObjectPlan(
        _ objectType: GraphQLObjectType,
        _ plan: FieldPlan,
        _ value: ResolvedValue,
        _ node: PathNode
    ) throws(FieldFailure) -> ObjectPlan {
        let objectPlan = plan.objectPlan(for: objectType)
        if let error = objectPlan.error {
            var located = error
            located.path = node.components
            throw .error(located, node)
        }
        if let check = resolvers.isTypeOf[objectType.reference.index] {
            let info = ResolveInfo(plan: plan, parentPath: node.parent, valuePath: node, execution: state)
            let matches: Bool
            do {
                matches = try check(value, context, info)
            } catch {
                throw fieldFailure(error, plan, node)
            }
            if !matches {
                throw failure("Expected value of type \"\(objectType.name)\" but got: \(value.inspected).", plan, node)
            }
        }
        return objectPlan
    }
}
