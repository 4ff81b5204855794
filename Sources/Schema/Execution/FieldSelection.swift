public import JSON

/// The merged selection below one field (or below several fields, merged): what the query asks for under it,
/// with fragments and inline fragments flattened, `@skip`/`@include` applied, aliases kept, arguments coerced,
/// and fragment type conditions resolved per possible object type — the executor's own CollectFields result,
/// so asking costs nothing more than executing does.
///
/// For a resolver of `incidents: IncidentConnection`:
///
/// ```swift
/// let selection = info.selection
/// // The Incident fields selected under `nodes` and under `edges { node }`, with their arguments:
/// let fields = selection.fields(at: ["nodes"], on: "Incident") + selection.fields(at: ["edges", "node"], on: "Incident")
/// // The sub-fields of `assignedTo` under `nodes`:
/// let assignee = selection.selection(at: ["nodes", "assignedTo"]).fieldNames(on: "User")   // ["name", "email"]
/// ```
///
/// Paths are schema field names (not aliases); a name selected under several aliases contributes all their
/// selections. For an interface or union, ``fields(on:)`` answers per object type: `... on Incident { urgency }`
/// appears for `Incident` only.
public struct FieldSelection: Sendable, CustomStringConvertible {
    let plans: [FieldPlan]

    init(plans: [FieldPlan]) {
        self.plans = plans
    }

    /// A value computed from this selection alone, kept with the execution plan it comes from: the plan is reused
    /// by later requests with the same document, operation and variables (see ``RequestPipeline``), and so is the
    /// value, instead of being recomputed per request (a resolver's projection of the selection onto upstream
    /// fields, say).
    ///
    /// `compute` must depend on nothing but the selection it is given — not on the request's context, the
    /// parent value or the time — since its result is shared by every request that executes the same plan.
    /// `name` tells apart different values of the same type derived from one selection.
    public func memoized<Value: Sendable>(_ name: String, _ compute: (FieldSelection) -> Value) -> Value {
        // Merged selections (several plans) are made on demand by `selection(of:)` and have no one place to keep a
        // value; they are computed each time.
        guard plans.count == 1, let plan = plans.first else { return compute(self) }
        return plan.derived(name) { compute(self) }
    }

    /// Whether nothing is selected: a leaf field, or a path that matched no field.
    public var isEmpty: Bool {
        plans.allSatisfy { plan in
            plan.leaf != nil || plan.possibleObjectTypes.allSatisfy { plan.objectPlan(for: $0).fields.isEmpty }
        }
    }

    /// The object types the selected value can be: the field's type if it is an object type, the possible types
    /// of an interface or union, in schema order; empty for leaves.
    public var possibleTypes: [GraphQLObjectType] {
        var seen = Set<Int>()
        var types: [GraphQLObjectType] = []
        for plan in plans {
            for type in plan.possibleObjectTypes where seen.insert(type.reference.index).inserted {
                types.append(type)
            }
        }
        return types
    }

    /// The fields executed for a value of the object type `typeName`, by response key in selection order
    /// (aliases separate, same-key selections merged, `__typename` included); empty if the type is not a possible
    /// type here.
    public func fields(on typeName: String) -> [SelectedField] {
        var result: [SelectedField] = []
        for plan in plans {
            guard let type = plan.possibleObjectTypes.first(where: { $0.name == typeName }) else { continue }
            for field in plan.objectPlan(for: type).fields { result.append(SelectedField(plan: field)) }
        }
        return result
    }

    /// The fields selected for any possible type, each response key once (the first type that selects it wins):
    /// for an object type, exactly ``fields(on:)`` of that type.
    public var fields: [SelectedField] {
        var seen = Set<String>()
        var result: [SelectedField] = []
        for type in possibleTypes {
            for field in fields(on: type.name) where seen.insert(field.responseKey).inserted {
                result.append(field)
            }
        }
        return result
    }

    /// The distinct schema field names selected on `typeName`, in selection order (aliases merged) — what a
    /// projection onto upstream fields needs.
    public func fieldNames(on typeName: String) -> [String] {
        var seen = Set<String>()
        return fields(on: typeName).compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }

    /// Whether the field `fieldName` is selected on `typeName` (under any alias).
    public func contains(_ fieldName: String, on typeName: String) -> Bool {
        fields(on: typeName).contains { $0.name == fieldName }
    }

    /// The selection below every field named `fieldName` (any alias) selected on `typeName`, or on any possible
    /// type when `typeName` is `nil`.
    public func selection(of fieldName: String, on typeName: String? = nil) -> FieldSelection {
        var plans: [FieldPlan] = []
        let types = typeName.map { name in possibleTypes.filter { $0.name == name } } ?? possibleTypes
        for type in types {
            for plan in self.plans {
                guard plan.possibleObjectTypes.contains(where: { $0 === type }) else { continue }
                plans.append(contentsOf: plan.objectPlan(for: type).fields.filter { $0.name == fieldName })
            }
        }
        return FieldSelection(plans: plans)
    }

    /// The selection at the end of a path of field names, each step on any possible type
    /// (`["edges", "node"]`).
    public func selection(at path: [String]) -> FieldSelection {
        var current = self
        for name in path { current = current.selection(of: name) }
        return current
    }

    /// The fields selected on `typeName` at the end of `path` (see ``selection(at:)``).
    public func fields(at path: [String], on typeName: String) -> [SelectedField] {
        selection(at: path).fields(on: typeName)
    }

    /// The selection in GraphQL-like form, each possible type's fields under `... on Type` when the field's type
    /// is abstract, e.g. `{ nodes { number assignedTo { name } } }`.
    public var description: String {
        let types = possibleTypes
        if types.isEmpty { return "" }
        if types.count == 1 { return Self.describe(fields(on: types[0].name)) }
        let parts = types.compactMap { type -> String? in
            let fields = fields(on: type.name)
            return fields.isEmpty ? nil : "... on \(type.name) " + Self.describe(fields)
        }
        return "{ " + parts.joined(separator: " ") + " }"
    }

    private static func describe(_ fields: [SelectedField]) -> String {
        if fields.isEmpty { return "{ }" }
        let parts = fields.map { field -> String in
            var text = field.responseKey == field.name ? field.name : "\(field.responseKey): \(field.name)"
            if !field.arguments.isEmpty {
                text += "(" + field.arguments.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"
            }
            let below = field.selection.description
            if !below.isEmpty { text += " " + below }
            return text
        }
        return "{ " + parts.joined(separator: " ") + " }"
    }
}

/// One field of a ``FieldSelection``: a response key with its merged nodes, its coerced arguments and the
/// selection below it.
public struct SelectedField: Sendable {
    let plan: FieldPlan

    /// The key in the response: the alias, or the name.
    public var responseKey: String { plan.responseKey }

    /// The schema field name.
    public var name: String { plan.name }

    /// The coerced arguments (empty when they could not be coerced: executing the field reports that error).
    public var arguments: JSONObject { plan.argumentValues }

    /// Why the arguments could not be coerced, if they could not.
    public var argumentError: GraphQLError? { plan.argumentError }

    /// The field's definition.
    public var definition: GraphQLField { plan.definition }

    /// The object type the field is selected on.
    public var parentType: GraphQLObjectType { plan.parentType }

    /// The AST nodes merged under this response key.
    public var nodes: [Field] { plan.nodes }

    /// The selection below this field (empty for leaves).
    public var selection: FieldSelection { FieldSelection(plans: [plan]) }
}
