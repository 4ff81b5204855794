/// Everything the rules of one validation run share: the schema and document, the errors so far, the type
/// information of the node being visited (graphql-js `TypeInfo`), and caches of what several rules ask about
/// fragments and variables.
///
/// The walker updates the type information before it calls the rules for a node and restores it after, so a
/// rule reads, for the node it is called with, what graphql-js's `ValidationContext` would answer.
final class ValidationContext {
    let schema: GraphQLSchema
    let document: Document
    let options: ValidationOptions

    /// The errors reported, in order.
    private(set) var errors: [GraphQLError] = []
    /// Set once ``ValidationOptions/maxErrors`` is exceeded: the walker stops and rules report nothing more.
    private(set) var aborted = false

    // MARK: Type information

    /// Output types of the enclosing operations, fields and fragments (`nil` where unknown).
    var typeStack: [GraphQLType?] = []
    /// The composite type of each enclosing selection set (`nil` where unknown or not composite).
    var parentTypeStack: [NamedTypeReference?] = []
    /// Input types of the enclosing variable definitions, arguments, list items and input fields.
    var inputTypeStack: [GraphQLType?] = []
    /// Definitions of the enclosing fields.
    var fieldDefinitionStack: [GraphQLField?] = []
    /// The definition of the directive being visited, when it is known.
    var directive: GraphQLDirective?
    /// The definition of the argument being visited, when it is known.
    var argument: GraphQLArgument?
    /// Whether a directive is being visited (known or not): its arguments are not field arguments.
    var isInDirective = false
    /// Where the directive being visited is applied.
    var directiveLocation: DirectiveLocation = .query
    /// Whether the top-level definition being visited is a type-system definition or extension.
    var isInTypeSystemDefinition = false

    /// The output type of the node being visited.
    var type: GraphQLType? { typeStack.last ?? nil }
    /// The composite type whose selection set is being visited.
    var parentType: NamedTypeReference? { parentTypeStack.last ?? nil }
    /// The input type expected where the visited value lies.
    var inputType: GraphQLType? { inputTypeStack.last ?? nil }
    /// The input type of the position enclosing the visited value (a list's type, for its items).
    var parentInputType: GraphQLType? {
        inputTypeStack.count >= 2 ? inputTypeStack[inputTypeStack.count - 2] : nil
    }
    /// The definition of the field being visited.
    var fieldDefinition: GraphQLField? { fieldDefinitionStack.last ?? nil }

    // MARK: Document

    /// Fragment definitions by name; a later definition of a name wins, as in graphql-js.
    let fragments: [String: FragmentDefinition]

    private var fragmentSpreadCache: [LocationKey: [FragmentSpread]] = [:]
    private var referencedFragmentCache: [LocationKey: [FragmentDefinition]] = [:]
    private var variableUsageCache: [LocationKey: [VariableUsage]] = [:]

    init(schema: GraphQLSchema, document: Document, options: ValidationOptions) {
        self.schema = schema
        self.document = document
        self.options = options
        var fragments: [String: FragmentDefinition] = [:]
        for definition in document.definitions {
            if case .fragment(let fragment) = definition { fragments[fragment.name.value] = fragment }
        }
        self.fragments = fragments
    }

    /// Whether messages may suggest names.
    var suggestions: Bool { options.suggestions }

    /// The fragment named `name`, if the document defines one.
    func fragment(named name: String) -> FragmentDefinition? { fragments[name] }

    // MARK: Errors

    /// Reports an error located at the starts of `locations`.
    func report(_ message: String, at locations: [Location]) {
        guard !aborted else { return }
        if let maxErrors = options.maxErrors, errors.count >= maxErrors {
            reportTooManyErrors()
            return
        }
        // A node built without a location has none to report, as in graphql-js.
        let located = locations.allSatisfy { $0 != .none } ? locations : locations.filter { $0 != .none }
        errors.append(GraphQLError(message: message, at: located, in: document.source))
    }

    /// Stops validation with graphql-js's last word when the error limit is reached.
    func reportTooManyErrors() {
        guard !aborted else { return }
        errors.append(GraphQLError(message: "Too many validation errors, error limit reached. Validation aborted."))
        aborted = true
    }

    /// Reports an error located at the start of `location`.
    func report(_ message: String, at location: Location) {
        report(message, at: [location])
    }

    /// " Did you mean …?" for `input` among `options`, or nothing when suggestions are off or none is close.
    func didYouMean(_ input: String, among options: some Sequence<String>, subMessage: String? = nil) -> String {
        guard suggestions else { return "" }
        return Suggestions.didYouMean(Suggestions.list(for: input, among: options), subMessage: subMessage)
    }

    // MARK: Fragments

    /// The fragment spreads in a selection set and the selection sets nested in it, not following spreads
    /// (graphql-js `getFragmentSpreads`, whose order — a stack of nested sets — error order depends on).
    func fragmentSpreads(in selectionSet: SelectionSet) -> [FragmentSpread] {
        let key = LocationKey(selectionSet.location)
        if let key, let cached = fragmentSpreadCache[key] { return cached }
        var spreads: [FragmentSpread] = []
        var setsToVisit = [selectionSet]
        while let set = setsToVisit.popLast() {
            for selection in set.selections {
                switch selection {
                case .fragmentSpread(let spread): spreads.append(spread)
                case .field(let field): if let nested = field.selectionSet { setsToVisit.append(nested) }
                case .inlineFragment(let fragment): setsToVisit.append(fragment.selectionSet)
                }
            }
        }
        if let key { fragmentSpreadCache[key] = spreads }
        return spreads
    }

    /// The fragments an operation spreads, directly or through other fragments, each once (graphql-js
    /// `getRecursivelyReferencedFragments`).
    func recursivelyReferencedFragments(of operation: OperationDefinition) -> [FragmentDefinition] {
        let key = LocationKey(operation.selectionSet.location)
        if let key, let cached = referencedFragmentCache[key] { return cached }
        var fragments: [FragmentDefinition] = []
        var collected: Set<String> = []
        var setsToVisit = [operation.selectionSet]
        while let set = setsToVisit.popLast() {
            for spread in fragmentSpreads(in: set) {
                let name = spread.name.value
                guard collected.insert(name).inserted, let fragment = fragment(named: name) else { continue }
                fragments.append(fragment)
                setsToVisit.append(fragment.selectionSet)
            }
        }
        if let key { referencedFragmentCache[key] = fragments }
        return fragments
    }

    // MARK: Variables

    /// The variables used in an operation, outside its variable definitions, with the input type expected
    /// where each is used (graphql-js `getVariableUsages`).
    func variableUsages(in operation: OperationDefinition) -> [VariableUsage] {
        let key = LocationKey(operation.selectionSet.location)
        if let key, let cached = variableUsageCache[key] { return cached }
        var collector = VariableUsageCollector(schema: schema)
        let usages = collector.usages(in: operation)
        if let key { variableUsageCache[key] = usages }
        return usages
    }

    /// The variables used in a fragment, with the input type expected where each is used.
    func variableUsages(in fragment: FragmentDefinition) -> [VariableUsage] {
        let key = LocationKey(fragment.selectionSet.location)
        if let key, let cached = variableUsageCache[key] { return cached }
        var collector = VariableUsageCollector(schema: schema)
        let usages = collector.usages(in: fragment)
        if let key { variableUsageCache[key] = usages }
        return usages
    }

    /// The variables used by an operation and every fragment it spreads (graphql-js
    /// `getRecursiveVariableUsages`).
    func recursiveVariableUsages(of operation: OperationDefinition) -> [VariableUsage] {
        var usages = variableUsages(in: operation)
        for fragment in recursivelyReferencedFragments(of: operation) {
            usages.append(contentsOf: variableUsages(in: fragment))
        }
        return usages
    }
}

/// A node's identity for caches: its byte range. Distinct selection sets never share a range; a document built
/// without locations has no identities, and its lookups are simply not cached.
struct LocationKey: Hashable {
    let start: Int
    let end: Int

    init?(_ location: Location) {
        guard location != .none else { return nil }
        start = location.start
        end = location.end
    }
}
