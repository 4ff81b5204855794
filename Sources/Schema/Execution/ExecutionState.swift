import JSON
import Synchronization

/// What one execution shares across all its tasks, independent of the context type: the operation, the coerced
/// variables, the planner, the scheduler, and the field errors raised so far.
final class ExecutionState: Sendable {
    let schema: GraphQLSchema
    let planner: Planner
    let operation: OperationDefinition
    let fragments: [String: FragmentDefinition]
    let variables: JSONObject
    let rootValue: ResolvedValue
    let scheduler: BatchScheduler
    let source: Source?
    let options: ExecutorOptions

    private struct RecordedError {
        var error: GraphQLError
        var ordinals: [Int]
        var sequence: Int
    }
    private let errors = Mutex<[RecordedError]>([])

    init(
        schema: GraphQLSchema,
        planner: Planner,
        operation: OperationDefinition,
        fragments: [String: FragmentDefinition],
        variables: JSONObject,
        rootValue: ResolvedValue,
        scheduler: BatchScheduler,
        source: Source?,
        options: ExecutorOptions
    ) {
        self.schema = schema
        self.planner = planner
        self.operation = operation
        self.fragments = fragments
        self.variables = variables
        self.rootValue = rootValue
        self.scheduler = scheduler
        self.source = source
        self.options = options
    }

    /// Records a field error (at a nullable position, where it stops propagating).
    func record(_ error: GraphQLError, at path: PathNode?) {
        let ordinals = path?.ordinals ?? []
        errors.withLock { errors in
            errors.append(RecordedError(error: error, ordinals: ordinals, sequence: errors.count))
        }
    }

    /// The errors in the order a depth-first execution in document order raises them (graphql-js's order for
    /// synchronous resolvers), whatever order concurrent fields raised them in.
    func sortedErrors() -> [GraphQLError] {
        let recorded = errors.withLock { $0 }
        if recorded.count <= 1 { return recorded.map(\.error) }
        return recorded.sorted { lhs, rhs in
            if lhs.ordinals != rhs.ordinals { return lhs.ordinals.lexicographicallyPrecedes(rhs.ordinals) }
            return lhs.sequence < rhs.sequence
        }.map(\.error)
    }
}
