public import JSON

/// What a resolver knows about the field it resolves: where it is in the schema, the document and the response,
/// the operation's variables, and the merged selection below it.
///
/// It is a small value (three references); everything else is computed when asked for, so resolvers that do not
/// look at it pay nothing.
public struct ResolveInfo: Sendable {
    let plan: FieldPlan
    let parentPath: PathNode?
    /// The position of the value being completed when that is not the field itself (a list item, for
    /// `resolveType` and `isTypeOf` hooks).
    let valuePath: PathNode?
    let execution: ExecutionState

    init(plan: FieldPlan, parentPath: PathNode?, valuePath: PathNode? = nil, execution: ExecutionState) {
        self.plan = plan
        self.parentPath = parentPath
        self.valuePath = valuePath
        self.execution = execution
    }

    /// The field's name in the schema.
    public var fieldName: String { plan.name }

    /// The field's key in the response: its alias, or its name.
    public var responseKey: String { plan.responseKey }

    /// The field's definition.
    public var field: GraphQLField { plan.definition }

    /// The field's type.
    public var returnType: GraphQLType { plan.definition.type }

    /// The object type whose field this is.
    public var parentType: GraphQLObjectType { plan.parentType }

    /// The field's AST nodes: every selection of this response key merged at this position.
    public var fieldNodes: [Field] { plan.nodes }

    /// The response path of the field (or, in a `resolveType` or `isTypeOf` hook, of the value being typed),
    /// e.g. `["incidents", "nodes", 3, "assignedTo"]`.
    public var path: [PathComponent] {
        if let valuePath { return valuePath.components }
        return (parentPath?.components ?? []) + [.key(plan.responseKey)]
    }

    /// The schema.
    public var schema: GraphQLSchema { execution.schema }

    /// The operation being executed.
    public var operation: OperationDefinition { execution.operation }

    /// The document's fragments by name.
    public var fragments: [String: FragmentDefinition] { execution.fragments }

    /// The operation's coerced variables (a variable that was neither given nor defaulted has no key).
    public var variableValues: JSONObject { execution.variables }

    /// The request's root value.
    public var rootValue: ResolvedValue { execution.rootValue }

    /// The merged selection below this field: fragments flattened, `@skip`/`@include` applied, arguments
    /// coerced, per possible object type (see ``FieldSelection``).
    public var selection: FieldSelection {
        FieldSelection(plans: [plan])
    }

    /// The request's batch scheduler, on which ``DataLoader``s for this execution are created.
    public var batchScheduler: BatchScheduler { execution.scheduler }
}
