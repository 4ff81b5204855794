/// The fields a query selects below a field, as the projection needs them: field names (aliases merged, since
/// ServiceNow is asked per field, not per alias), each with the fragment type condition it was selected under
/// and its own sub-selection.
///
/// The executor hands resolvers the merged selection below them; ``init(_:)`` is the neutral form it is converted
/// to, so the projection does not depend on the executor's types.
public struct SelectionTree: Sendable, Hashable {
    /// One selected field.
    public struct Field: Sendable, Hashable {
        /// The field's name in the schema (not its alias).
        public var name: String
        /// The type condition of the fragment that selected it (`... on Incident`), nil when unconditional.
        public var typeCondition: String?
        /// What is selected below it.
        public var selection: SelectionTree

        /// A selected field.
        public init(_ name: String, on typeCondition: String? = nil, _ selection: SelectionTree = SelectionTree()) {
            self.name = name
            self.typeCondition = typeCondition
            self.selection = selection
        }
    }

    /// The selected fields, in selection order, possibly repeated (under different aliases or conditions).
    public var fields: [Field]

    /// A selection of `fields`.
    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// The fields that apply to an object of type `typeName`, merged by name (their sub-selections combined).
    public func fields(on typeName: String) -> [String: SelectionTree] {
        var merged: [String: SelectionTree] = [:]
        for field in fields where SchemaTypes.applies(field.typeCondition, to: typeName) {
            merged[field.name, default: SelectionTree()].fields.append(contentsOf: field.selection.fields)
        }
        return merged
    }

    /// The sub-selection of `name` on `typeName`, nil when it is not selected there.
    public func field(_ name: String, on typeName: String) -> SelectionTree? {
        var found: SelectionTree?
        for field in fields where field.name == name && SchemaTypes.applies(field.typeCondition, to: typeName) {
            found = SelectionTree((found?.fields ?? []) + field.selection.fields)
        }
        return found
    }

    /// Whether `name` is selected on `typeName`.
    public func contains(_ name: String, on typeName: String) -> Bool {
        fields.contains { $0.name == name && SchemaTypes.applies($0.typeCondition, to: typeName) }
    }
}

/// What the resolvers know of `schema.graphql`'s abstract types: which object types implement which interfaces.
enum SchemaTypes {
    static let ticketTypes: Set<String> = ["Incident", "Request", "RequestItem", "ChangeRequest", "Problem"]
    static let nodeTypes: Set<String> = ticketTypes.union(["User", "Group", "KnowledgeArticle", "CatalogItem"])

    /// Whether a field selected under `condition` applies to an object of type `typeName`.
    static func applies(_ condition: String?, to typeName: String) -> Bool {
        guard let condition, condition != typeName else { return true }
        switch condition {
        case "Node": return nodeTypes.contains(typeName)
        case "Ticket": return ticketTypes.contains(typeName)
        default: return false
        }
    }
}
