import JSON

/// Executes validated GraphQL operations against a schema with a set of resolvers (spec §6).
///
/// ```swift
/// var resolvers = ResolverMap<RequestContext>()
/// resolvers.sync("Query", "hello") { _, arguments, _, _ in
///     .string("Hello, \(arguments["name"]?.stringValue ?? "world")")
/// }
/// let executor = try Executor(schema: schema, resolvers: resolvers)
/// let result = await executor.execute(ExecutionRequest(document: document, context: context))
/// let body = result.serialized()   // {"data":{"hello":"Hello, world"}}
/// ```
///
/// - Query root fields run concurrently, mutation root fields one after the other (each finished, its loaders
///   included, before the next starts); subscriptions are refused.
/// - Synchronous resolvers and the default resolver run inline; asynchronous ones run concurrently with their
///   siblings and with the other items of their list, so the ``DataLoader`` keys they ask for are dispatched
///   together (see ``BatchScheduler``).
/// - Field errors are located (`locations`, `path`) and propagate to the nearest nullable position
///   (spec §6.4.4); the response lists them in the order a depth-first execution in document order would have
///   raised them.
/// - Cancelling the task that runs ``execute(_:)`` stops execution promptly: pending loads fail, no further field
///   starts, and the result is a request error with `extensions.code` `EXECUTION_CANCELLED`.
///
/// An executor is immutable and `Sendable`: build one at startup and share it between requests.
public struct Executor<Context: Sendable>: Sendable {
    /// The schema operations are executed against.
    public let schema: GraphQLSchema
    /// How problems are reported.
    public let options: ExecutorOptions
    private let compiled: CompiledResolvers<Context>
    /// This executor's identity in plan caches: plans refer to its resolvers by position.
    private let planOwner = ExecutionPlanCache.Owner()

    /// Creates an executor.
    ///
    /// A resolver registered on an interface field applies to every object type implementing the interface that
    /// has no resolver of its own for that field.
    ///
    /// - Throws: ``ResolverMapError`` when a registration names a type or field the schema does not have, a
    ///   `resolveType` hook is registered for a type that is not an interface or union, or an `isTypeOf` check
    ///   for a type that is not an object type.
    public init(
        schema: GraphQLSchema,
        resolvers: ResolverMap<Context> = ResolverMap(),
        options: ExecutorOptions = .default
    ) throws(ResolverMapError) {
        self.schema = schema
        self.options = options
        self.compiled = try Self.compile(resolvers, schema: schema)
    }

    private static func compile(
        _ map: ResolverMap<Context>,
        schema: GraphQLSchema
    ) throws(ResolverMapError) -> CompiledResolvers<Context> {
        var problems: [String] = []
        var fieldTable = [[String: PlanResolver]](repeating: [:], count: schema.types.count)
        var syncResolvers: [SyncResolver<Context>] = []
        var asyncResolvers: [AsyncResolver<Context>] = []
        var interfaceResolvers: [(interface: NamedTypeReference, field: String, resolver: PlanResolver)] = []

        for coordinate in map.fieldOrder {
            guard let resolver = map.fields[coordinate] else { continue }
            guard let type = schema.type(named: coordinate.type) else {
                problems.append(
                    "A resolver is registered for \"\(coordinate.type).\(coordinate.field)\", but the "
                        + "schema has no type \"\(coordinate.type)\"."
                )
                continue
            }
            guard type.field(named: coordinate.field) != nil else {
                problems.append(
                    "A resolver is registered for \"\(coordinate.type).\(coordinate.field)\", but "
                        + "\"\(coordinate.type)\" has no field \"\(coordinate.field)\"."
                )
                continue
            }
            let planResolver: PlanResolver
            switch resolver {
            case .sync(let resolve):
                planResolver = .sync(syncResolvers.count)
                syncResolvers.append(resolve)
            case .async(let resolve):
                planResolver = .async(asyncResolvers.count)
                asyncResolvers.append(resolve)
            }
            switch type {
            case .object(let object):
                fieldTable[object.reference.index][coordinate.field] = planResolver
            case .interface(let interface):
                interfaceResolvers.append((interface.reference, coordinate.field, planResolver))
            default:
                break
            }
        }
        // Interface resolvers fill in the implementing object types that have none of their own.
        for (interface, field, resolver) in interfaceResolvers {
            for object in schema.possibleTypes(of: interface) where fieldTable[object.index][field] == nil {
                fieldTable[object.index][field] = resolver
            }
        }

        var typeResolvers = [TypeResolver<Context>?](repeating: nil, count: schema.types.count)
        for (name, resolve) in map.typeResolvers.sorted(by: { $0.key < $1.key }) {
            guard let type = schema.type(named: name), type.isAbstract else {
                problems.append(
                    "A resolveType hook is registered for \"\(name)\", which is not an interface or "
                        + "union of the schema."
                )
                continue
            }
            typeResolvers[type.reference.index] = resolve
        }
        var isTypeOf = [IsTypeOfCheck<Context>?](repeating: nil, count: schema.types.count)
        for (name, check) in map.isTypeOfChecks.sorted(by: { $0.key < $1.key }) {
            guard case .object(let object)? = schema.type(named: name) else {
                problems.append(
                    "An isTypeOf check is registered for \"\(name)\", which is not an object type of "
                        + "the schema."
                )
                continue
            }
            isTypeOf[object.reference.index] = check
        }
        if !problems.isEmpty { throw ResolverMapError(problems: problems) }
        return CompiledResolvers(
            index: ResolverIndex(fields: fieldTable),
            sync: syncResolvers,
            async: asyncResolvers,
            typeResolvers: typeResolvers,
            isTypeOf: isTypeOf
        )
    }

    /// Executes the request's operation and returns the response (never throws: every problem is in `errors`).
    ///
    /// Request errors — no such operation, a subscription, invalid variables (`extensions.code`
    /// `BAD_USER_INPUT`) — give a result without `data`.
    public func execute(_ request: ExecutionRequest<Context>) async -> ExecutionResult {
        let document = request.document
        let source = document.source
        let operation: OperationDefinition
        switch Self.selectOperation(in: document, named: request.operationName) {
        case .success(let selected): operation = selected
        case .failure(let error): return .requestError([error])
        }
        if operation.operation == .subscription {
            return .requestError([
                GraphQLError(
                    message: "Subscriptions are not supported.",
                    at: [operation.location],
                    in: source,
                    extensions: ["code": "OPERATION_NOT_SUPPORTED"]
                )
            ])
        }
        guard let rootType = schema.rootType(for: operation.operation) else {
            return ExecutionResult(
                data: .null,
                errors: [
                    GraphQLError(
                        message: "Schema is not configured to execute \(operation.operation) operation.",
                        at: [operation.location],
                        in: source
                    )
                ]
            )
        }
        let variables: JSONObject
        switch VariableValues.coerce(
            schema: schema,
            definitions: operation.variableDefinitions,
            inputs: request.variables ?? JSONObject(),
            source: source,
            suggestions: options.suggestions,
            maxErrors: options.maxVariableErrors
        ) {
        case .success(let coerced): variables = coerced
        case .failure(let failure): return .requestError(failure.errors.map { $0.withCode("BAD_USER_INPUT") })
        }

        let planner: Planner
        let rootPlan: ObjectPlan
        if let plans = request.plans {
            let entry = plans.cache.entry(
                owner: planOwner,
                document: plans.document,
                operationName: request.operationName,
                variables: variables
            ) {
                let planner = makePlanner(document, variables: variables)
                return (planner, planner.rootPlan(for: operation, type: rootType))
            }
            planner = entry.planner
            rootPlan = entry.root
        } else {
            planner = makePlanner(document, variables: variables)
            rootPlan = planner.rootPlan(for: operation, type: rootType)
        }
        let scheduler = request.batchScheduler ?? BatchScheduler()
        let state = ExecutionState(
            schema: schema,
            planner: planner,
            operation: operation,
            fragments: planner.fragments,
            variables: variables,
            rootValue: request.rootValue,
            scheduler: scheduler,
            source: source,
            options: options
        )
        let execution = Execution(state: state, context: request.context, resolvers: compiled)

        let outcome: Result<JSONObject, FieldFailure>
        if rootPlan.isDeepSync {
            // Nothing can wait on a loader: no scheduler, no task.
            do throws(FieldFailure) {
                outcome = .success(try execution.executeRootSync(rootPlan))
            } catch {
                outcome = .failure(error)
            }
        } else {
            guard let root = scheduler.begin() else {
                return .requestError([
                    GraphQLError(
                        message: "The request's BatchScheduler is already running another execution.",
                        extensions: ["code": "INTERNAL_SERVER_ERROR"]
                    )
                ])
            }
            outcome = await Self.run(execution, rootPlan, serially: operation.operation == .mutation, root: root)
        }
        switch outcome {
        case .success(let data):
            return ExecutionResult(data: .object(data), errors: state.sortedErrors())
        case .failure(.error(let error, let path)):
            state.record(error, at: path)
            return ExecutionResult(data: .null, errors: state.sortedErrors())
        case .failure(.cancelled):
            return .requestError([
                GraphQLError(
                    message: "Execution was cancelled before it completed.",
                    extensions: ["code": "EXECUTION_CANCELLED"]
                )
            ])
        }
    }

    /// A planner for one execution of `document` with these coerced variables.
    private func makePlanner(_ document: Document, variables: JSONObject) -> Planner {
        var fragments: [String: FragmentDefinition] = [:]
        for definition in document.definitions {
            if case .fragment(let fragment) = definition { fragments[fragment.name.value] = fragment }
        }
        return Planner(
            schema: schema,
            fragments: fragments,
            variables: variables,
            resolvers: compiled.index,
            source: document.source
        )
    }

    /// Runs the root selection with the scheduler's dispatcher alongside it, as one structured task group.
    private static func run(
        _ execution: Execution<Context>,
        _ plan: ObjectPlan,
        serially: Bool,
        root: WorkUnit
    ) async -> Result<JSONObject, FieldFailure> {
        let scheduler = execution.state.scheduler
        return await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self, returning: Result<JSONObject, FieldFailure>.self) { group in
                group.addTask { await scheduler.runDispatcher() }
                let outcome = await BatchScheduler.$currentUnit.withValue(root) {
                    () async -> Result<JSONObject, FieldFailure> in
                    do throws(FieldFailure) {
                        return .success(try await execution.executeRoot(plan, serially: serially))
                    } catch {
                        return .failure(error)
                    }
                }
                scheduler.end(root: root)
                await group.waitForAll()
                if Task.isCancelled, case .failure(.error) = outcome { return .failure(.cancelled) }
                return outcome
            }
        } onCancel: {
            scheduler.cancel()
        }
    }

    /// The operation to run (graphql-js `buildExecutionContext`): the one named, or the only one.
    static func selectOperation(in document: Document, named name: String?) -> Result<OperationDefinition, GraphQLError>
    {
        var selected: OperationDefinition?
        for definition in document.definitions {
            guard case .operation(let operation) = definition else { continue }
            if let name {
                if operation.name?.value == name { selected = operation }
            } else {
                if selected != nil {
                    return .failure(
                        GraphQLError(
                            message: "Must provide operation name if query contains multiple operations.",
                            extensions: ["code": "OPERATION_RESOLUTION_FAILURE"]
                        )
                    )
                }
                selected = operation
            }
        }
        guard let selected else {
            let message = name.map { "Unknown operation named \"\($0)\"." } ?? "Must provide an operation."
            return .failure(GraphQLError(message: message, extensions: ["code": "OPERATION_RESOLUTION_FAILURE"]))
        }
        return .success(selected)
    }
}
