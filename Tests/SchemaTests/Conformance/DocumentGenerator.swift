import Schema

/// One document of the differential corpus.
struct GeneratedDocument: Sendable {
    /// `schema-index`, stable for a given seed.
    var id: String
    /// The name of the schema it is written against.
    var schemaName: String
    /// The document.
    var text: String
    /// The mistakes actually put in (a mistake is only applied where the schema and the document allow it).
    var mistakes: [Mistake]

    /// Whether the document is judged by the September 2025 specification instead of being compared with
    /// graphql-core 3.2.8.
    var isSpecDivergence: Bool { mistakes.contains { $0.isSpecDivergence } }
}

/// Writes random but deterministic executable documents against a schema: operations of every type with
/// variables (defaults, directives), aliases, arguments of every input type (nested lists and input objects,
/// `@oneOf`), directives, inline fragments and named fragments on abstract types, introspection, in varying
/// layouts, and — in most documents — one or two deliberate ``Mistake``s.
///
/// The generator does not decide whether a document is valid: both engines do, and the differential test compares
/// their verdicts. It aims at covering every rule, which the test checks from the reference's messages.
struct DocumentGenerator {
    let schema: GraphQLSchema
    let schemaName: String

    func generate(count: Int, seed: UInt64) -> [GeneratedDocument] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { index in
            let builder = DocumentBuilder(schema: schema, random: SeededRandom(seed: random.next()))
            return GeneratedDocument(
                id: "\(schemaName)-\(index)",
                schemaName: schemaName,
                text: builder.build(),
                mistakes: builder.applied
            )
        }
    }
}

/// The state of one document being written; see ``DocumentGenerator``.
private final class DocumentBuilder {
    private struct Scope {
        var variables: Set<String> = []
        var spreads: Set<String> = []
    }

    private struct VariableDeclaration {
        var type: String
        var defaultValue: String?
        var directives: String
    }

    private struct FragmentDraft {
        var name: String
        var typeCondition: String
        var reference: NamedTypeReference?
        var directives: String
        var body: String
        var scope: Scope
    }

    private enum Layout { case compact, pretty, commas }

    let schema: GraphQLSchema
    var random: SeededRandom
    private(set) var applied: [Mistake] = []
    private var pending: Set<Mistake> = []
    private var scopes: [Scope] = []
    private var variables: [String: VariableDeclaration] = [:]
    private var variableOrder: [String] = []
    private var fragments: [FragmentDraft] = []
    private var counter = 0
    private var maxDepth = 3
    private var layout = Layout.compact
    /// The arguments written for each field so far: a field selected again (through another fragment) mostly gets
    /// the same ones, as in real documents, so that merge conflicts come mostly from the mistakes meant to make them.
    private var fieldArguments: [String: (text: String, variables: Set<String>)] = [:]
    /// The variables used while writing arguments that are being remembered.
    private var captured: [Set<String>] = []
    private let compositeTypes: [NamedTypeReference]
    private let inputTypeNames: [String]
    private let leafTypeNames: [String]

    init(schema: GraphQLSchema, random: SeededRandom) {
        self.schema = schema
        self.random = random
        let userTypes = schema.types.filter { !$0.isIntrospectionType }
        compositeTypes = userTypes.filter(\.isComposite).map(\.reference)
        inputTypeNames = userTypes.filter(\.isInputType).map(\.name)
        leafTypeNames = userTypes.filter(\.isLeaf).map(\.name)
    }

    // MARK: Mistakes

    private func choose() {
        let roll = random.below(100)
        let count = roll < 38 ? 0 : roll < 85 ? 1 : 2
        for _ in 0..<count { pending.insert(random.pick(Mistake.allCases)) }
    }

    /// Applies `mistake` if it is pending; the caller then writes it.
    private func take(_ mistake: Mistake) -> Bool {
        guard pending.contains(mistake) else { return false }
        pending.remove(mistake)
        applied.append(mistake)
        return true
    }

    private func next() -> Int {
        counter += 1
        return counter
    }

    // MARK: Document

    func build() -> String {
        choose()
        maxDepth = random.int(2...3)
        layout = random.pick([.compact, .pretty, .pretty, .commas])

        var kinds: [OperationType] = []
        let operationCount = random.percent(80) ? 1 : random.percent(85) ? 2 : 3
        for _ in 0..<operationCount {
            let roll = random.below(100)
            if roll < 12, schema.subscriptionType != nil {
                kinds.append(.subscription)
            } else if roll < 35, schema.mutationType != nil {
                kinds.append(.mutation)
            } else {
                kinds.append(.query)
            }
        }
        let missingRoots = [OperationType.mutation, .subscription].filter { schema.rootType(for: $0) == nil }
        if !missingRoots.isEmpty, take(.missingRootType) { kinds[0] = random.pick(missingRoots) }
        if kinds.contains(.subscription), schema.subscriptionType != nil {
            // Left for the subscription to apply.
        } else if pending.contains(.subscriptionTwoFields), schema.subscriptionType != nil {
            kinds[kinds.count - 1] = .subscription
        }
        if kinds.count == 1, pending.contains(.duplicateOperationName) || pending.contains(.anonymousWithOthers) {
            kinds.append(.query)
        }

        var names: [String?] = kinds.map { _ in "Op\(next())" }
        if kinds.count == 1, random.percent(35) { names[0] = nil }
        if kinds.count > 1 {
            if take(.duplicateOperationName) { names[names.count - 1] = names[0] }
            if take(.anonymousWithOthers) { names[random.below(names.count)] = nil }
        }

        var definitions: [String] = []
        for (kind, name) in zip(kinds, names) {
            definitions.append(operation(kind, name: name))
        }
        definitions.append(contentsOf: fragmentDefinitions())
        if take(.typeDefinition) {
            definitions.insert(
                random.pick([
                    "type Extra\(next()) { a: Int }", "extend type \(schema.queryType?.name ?? "Query") { extra: Int }",
                    "scalar Extra\(next())", "directive @extra on FIELD",
                    "schema { query: \(schema.queryType?.name ?? "Query") }",
                    "input ExtraInput { a: Int }", "enum ExtraEnum { A B }",
                ]),
                at: random.below(definitions.count + 1)
            )
        }
        var text = definitions.joined(separator: layout == .compact ? " " : "\n\n")
        if random.percent(10) { text = "# generated\n" + text }
        if take(.syntaxError) { text = breakSyntax(text) }
        return text + (random.percent(50) ? "\n" : "")
    }

    private func operation(_ kind: OperationType, name: String?) -> String {
        scopes = [Scope()]
        let rootType = schema.rootType(for: kind) ?? schema.queryType
        var selection: String
        if let rootType {
            if kind == .subscription {
                selection = subscriptionSelection(rootType)
            } else {
                selection = selectionSet(rootType.reference, depth: 0)
            }
        } else {
            selection = "{ __typename }"
        }
        if kind == .query, take(.deepIntrospection) {
            selection = insert(
                "__schema { types { fields { type { fields { type { fields { name } } } } } } }",
                into: selection
            )
        } else if kind == .query, random.percent(4) {
            selection = insert(introspectionSelection(), into: selection)
        }
        let directives = directiveList(at: DirectiveLocation(rawValue: kind.rawValue.uppercased()) ?? .query)
        let scope = scopes.removeLast()

        // Every variable the operation and the fragments it spreads use, in order of first declaration.
        var needed = scope.variables
        var seen: Set<String> = []
        var queue = Array(scope.spreads)
        while let name = queue.popLast() {
            guard seen.insert(name).inserted else { continue }
            for draft in fragments where draft.name == name {
                needed.formUnion(draft.scope.variables)
                queue.append(contentsOf: draft.scope.spreads)
            }
        }
        var definitions = variableOrder.filter(needed.contains).compactMap { name -> String? in
            guard let declaration = variables[name] else { return nil }
            return variableDefinition(name, declaration)
        }
        if take(.unusedVariable) {
            definitions.insert(
                "$unused\(next()): \(random.pick(inputTypeNames))",
                at: random.below(definitions.count + 1)
            )
        }
        if take(.outputTypeVariable) {
            let output = compositeTypes.map { schema[$0].name }
            definitions.append("$out\(next()): \(random.pick(output))\(random.percent(30) ? "!" : "")")
        }
        if take(.unknownType) {
            definitions.append("$typo\(next()): \(random.pick(["Strin", "Integer", "Unknown", "[Bogus!]"]))")
        }
        if !definitions.isEmpty, take(.duplicateVariable) {
            definitions.append(definitions[random.below(definitions.count)])
        }

        guard name != nil || !definitions.isEmpty || !directives.isEmpty || kind != .query || random.percent(40)
        else {
            return selection  // the query shorthand
        }
        var head = kind.rawValue
        if let name { head += " " + name }
        if !definitions.isEmpty { head += "(" + definitions.joined(separator: separator) + ")" }
        head += directives
        if name != nil, take(.executableDescription) {
            head = random.pick(["\"An operation.\" ", "\"\"\"\nBlock description.\n\"\"\"\n"]) + head
        }
        return head + " " + selection
    }

    private var separator: String {
        switch layout {
        case .compact: " "
        case .pretty: ", "
        case .commas: ","
        }
    }

    private func variableDefinition(_ name: String, _ declaration: VariableDeclaration) -> String {
        var text = "$\(name): \(declaration.type)"
        if let value = declaration.defaultValue { text += " = " + value }
        text += declaration.directives
        if take(.executableDescription) { text = "\"A variable.\" " + text }
        return text
    }

    private func fragmentDefinitions() -> [String] {
        var drafts = fragments
        if take(.unusedFragment) {
            let type = random.pick(compositeTypes)
            scopes = [Scope()]
            let body = selectionSet(type, depth: maxDepth)
            drafts.append(
                FragmentDraft(
                    name: "Unused\(next())",
                    typeCondition: schema[type].name,
                    reference: type,
                    directives: "",
                    body: body,
                    scope: scopes.removeLast()
                )
            )
        }
        if let some = random.maybePick(drafts), take(.duplicateFragment) { drafts.append(some) }
        var texts = drafts.map { draft in
            var text = "fragment \(draft.name) on \(draft.typeCondition)\(draft.directives) \(draft.body)"
            if take(.executableDescription) { text = "\"A fragment.\"\n" + text }
            return text
        }
        if random.percent(30) { texts = random.shuffled(texts) }
        return texts
    }

    // MARK: Selections

    private func subscriptionSelection(_ root: GraphQLObjectType) -> String {
        var items = [fieldSelection(random.pick(root.fields), parent: root.reference, depth: 0, plainDirectives: true)]
        if take(.subscriptionTwoFields) {
            if random.percent(30) {
                items.append("__typename")
            } else {
                items.append(
                    "second\(next()): " + root.fields[random.below(root.fields.count)].name + " { __typename }"
                )
            }
        }
        return block(items, depth: 0)
    }

    private func selectionSet(_ typeReference: NamedTypeReference, depth: Int) -> String {
        let type = schema[typeReference]
        let fields = type.fields ?? []
        var items: [String] = []
        var used: Set<String> = []
        let count = random.int(1...max(1, 3 - depth))
        for _ in 0..<count {
            let roll = random.below(100)
            if roll < 66, !fields.isEmpty {
                let field = random.pick(fields)
                guard used.insert(field.name).inserted else { continue }
                items.append(fieldSelection(field, parent: typeReference, depth: depth))
            } else if roll < 73 {
                if used.insert("__typename").inserted { items.append("__typename") }
            } else if roll < 88 {
                items.append(inlineFragment(parent: typeReference, depth: depth))
            } else {
                items.append(fragmentSpread(parent: typeReference, depth: depth))
            }
        }
        if type.isAbstract, random.percent(50), let possible = random.maybePick(schema.possibleTypes(of: typeReference))
        {
            items.append(
                "... on \(schema[possible].name)\(directiveList(at: .inlineFragment)) "
                    + selectionSet(possible, depth: depth + 1)
            )
        }
        if depth == 0 || random.percent(45) { items.append(contentsOf: mistakes(at: typeReference, depth: depth)) }
        if items.isEmpty { items.append("__typename") }
        return block(random.shuffled(items), depth: depth)
    }

    private func block(_ items: [String], depth: Int) -> String {
        switch layout {
        case .compact:
            return "{ " + items.joined(separator: " ") + " }"
        case .commas:
            return "{" + items.joined(separator: ",") + "}"
        case .pretty:
            let indent = String(repeating: "  ", count: depth + 1)
            let closing = String(repeating: "  ", count: depth)
            return "{\n" + items.map { indent + $0 }.joined(separator: "\n") + "\n" + closing + "}"
        }
    }

    private func fieldSelection(
        _ field: GraphQLField,
        parent: NamedTypeReference,
        depth: Int,
        plainDirectives: Bool = false
    ) -> String {
        var text = ""
        if random.percent(12) { text += "a\(next()): " }
        var name = field.name
        if take(.unknownField) { name = misspell(name, avoiding: Set((schema[parent].fields ?? []).map(\.name))) }
        text += name
        let coordinate = schema[parent].name + "." + field.name
        if let known = fieldArguments[coordinate], random.percent(80) {
            text += known.text
            scopes[scopes.count - 1].variables.formUnion(known.variables)
        } else {
            captured.append([])
            let written = arguments(field.arguments)
            let variables = captured.removeLast()
            if !captured.isEmpty { captured[captured.count - 1].formUnion(variables) }
            fieldArguments[coordinate] = (written, variables)
            text += written
        }
        text += plainDirectives ? constantDirective(at: .field) : directiveList(at: .field)
        let returned = schema[field.type]
        if returned.isComposite {
            if take(.objectWithoutSelection) { return text }
            if depth + 1 >= maxDepth {
                text += " " + leafSelection(returned.reference, depth: depth + 1)
            } else {
                text += " " + selectionSet(returned.reference, depth: depth + 1)
            }
        } else if take(.leafWithSelection) {
            text += " { \(random.pick(["id", "name", "__typename", "value"])) }"
        }
        return text
    }

    /// A selection of leaf fields only (or `__typename`), where the depth budget is spent.
    private func leafSelection(_ typeReference: NamedTypeReference, depth: Int) -> String {
        let leaves = (schema[typeReference].fields ?? []).filter { field in
            schema[field.type].isLeaf && !field.arguments.contains(where: \.isRequired)
        }
        var items: [String] = []
        for field in random.shuffled(leaves).prefix(random.int(0...2)) { items.append(field.name) }
        if items.isEmpty { items.append("__typename") }
        return block(items, depth: depth)
    }

    private func inlineFragment(parent: NamedTypeReference, depth: Int) -> String {
        if take(.fragmentOnScalar) {
            return "... on \(random.pick(leafTypeNames)) { __typename }"
        }
        if take(.impossibleSpread),
            let other = random.maybePick(compositeTypes.filter { !schema.doTypesOverlap($0, parent) })
        {
            return "... on \(schema[other].name) " + leafSelection(other, depth: depth + 1)
        }
        if take(.unknownType) {
            return "... on \(misspell(schema[parent].name, avoiding: Set(schema.types.map(\.name)))) { __typename }"
        }
        if random.percent(20) {
            return "...\(directiveList(at: .inlineFragment, always: true)) " + selectionSet(parent, depth: depth + 1)
        }
        let condition = random.pick(compositeTypes.filter { schema.doTypesOverlap($0, parent) })
        return "... on \(schema[condition].name)\(directiveList(at: .inlineFragment)) "
            + selectionSet(condition, depth: depth + 1)
    }

    private func fragmentSpread(parent: NamedTypeReference, depth: Int) -> String {
        let directives = directiveList(at: .fragmentSpread)
        let reusable = fragments.filter { draft in draft.reference.map { schema.doTypesOverlap($0, parent) } ?? false }
        if let draft = random.maybePick(reusable), random.percent(40) {
            scopes[scopes.count - 1].spreads.insert(draft.name)
            return "...\(draft.name)" + directives
        }
        var condition = random.pick(compositeTypes.filter { schema.doTypesOverlap($0, parent) })
        if take(.impossibleNamedSpread),
            let other = random.maybePick(compositeTypes.filter { !schema.doTypesOverlap($0, parent) })
        {
            condition = other
        }
        let name = "F\(next())"
        scopes.append(Scope())
        let body = selectionSet(condition, depth: depth + 1)
        let scope = scopes.removeLast()
        fragments.append(
            FragmentDraft(
                name: name,
                typeCondition: schema[condition].name,
                reference: condition,
                directives: directiveList(at: .fragmentDefinition),
                body: body,
                scope: scope
            )
        )
        scopes[scopes.count - 1].spreads.insert(name)
        return "...\(name)" + directives
    }

    /// The selection-level mistakes, written at `typeReference`.
    private func mistakes(at typeReference: NamedTypeReference, depth: Int) -> [String] {
        var items: [String] = []
        let type = schema[typeReference]
        let fields = (type.fields ?? []).filter { !$0.name.hasPrefix("__") }

        if take(.unknownFragment) { items.append("...Missing\(next())") }
        if take(.fragmentCycle) {
            let first = "Cycle\(next())"
            let second = "Cycle\(next())"
            let condition = type.name
            for (name, other) in [(first, second), (second, first)] {
                fragments.append(
                    FragmentDraft(
                        name: name,
                        typeCondition: condition,
                        reference: typeReference,
                        directives: "",
                        body: "{ __typename ...\(other) }",
                        scope: Scope(spreads: [other])
                    )
                )
            }
            scopes[scopes.count - 1].spreads.insert(first)
            items.append("...\(first)")
        }
        if fields.count >= 2, take(.conflictingAliases) {
            let chosen = random.shuffled(fields).prefix(2)
            let key = "clash\(next())"
            for field in chosen {
                items.append(key + ": " + fieldSelection(field, parent: typeReference, depth: maxDepth))
            }
        }
        if let field = random.maybePick(fields.filter { !$0.arguments.isEmpty }), take(.conflictingArguments) {
            let argument = random.pick(field.arguments)
            let others = field.arguments.filter { $0.isRequired && $0.name != argument.name }
            let rest = others.map { ", \($0.name): \(literal($0.type, depth: 0))" }.joined()
            let tail = schema[field.type].isComposite ? " { __typename }" : ""
            let first = literal(argument.type, depth: 0)
            var second = literal(argument.type, depth: 0)
            if second == first { second = literal(argument.type, depth: 0) }
            items.append("\(field.name)(\(argument.name): \(first)\(rest))\(tail)")
            items.append("\(field.name)(\(argument.name): \(second)\(rest))\(tail)")
        }
        if type.isAbstract, let pair = conflictingPair(in: typeReference), take(.conflictingTypes) {
            let key = "mixed\(next())"
            items.append("... on \(pair.0.type) { \(key): \(pair.0.field) }")
            items.append("... on \(pair.1.type) { \(key): \(pair.1.field) }")
        }
        if case .union = type, take(.fieldOnUnion) {
            let members = schema.possibleTypes(of: typeReference)
            if let member = random.maybePick(members), let field = random.maybePick(schema[member].fields ?? []) {
                items.append(field.name + (schema[field.type].isComposite ? " { __typename }" : ""))
            }
        }
        return items
    }

    /// Two object types of an abstract type with leaf fields of different types, for a response-name clash.
    private func conflictingPair(
        in abstract: NamedTypeReference
    ) -> ((type: String, field: String), (type: String, field: String))? {
        let members = schema.possibleTypes(of: abstract)
        for first in random.shuffled(members) {
            for second in random.shuffled(members) where second != first {
                let leavesA = (schema[first].fields ?? []).filter { schema[$0.type].isLeaf && $0.arguments.isEmpty }
                let leavesB = (schema[second].fields ?? []).filter { schema[$0.type].isLeaf && $0.arguments.isEmpty }
                for a in random.shuffled(leavesA) {
                    if let b = random.shuffled(leavesB).first(where: { $0.type != a.type }) {
                        return ((schema[first].name, a.name), (schema[second].name, b.name))
                    }
                }
            }
        }
        return nil
    }

    private func introspectionSelection() -> String {
        let name = random.pick(schema.types.map(\.name))
        return random.pick([
            "__type(name: \"\(name)\") { name kind fields(includeDeprecated: true) { name args { name defaultValue } "
                + "type { name kind ofType { name kind } } } }",
            "__schema { queryType { name } types { name kind } directives { name locations args { name } } }",
            "__type(name: \"\(name)\") { name possibleTypes { name } interfaces { name } inputFields { name } "
                + "enumValues(includeDeprecated: false) { name isDeprecated } }",
        ])
    }

    private func insert(_ item: String, into selection: String) -> String {
        guard let brace = selection.firstIndex(of: "{") else { return selection }
        var result = selection
        result.insert(contentsOf: " " + item + " ", at: result.index(after: brace))
        return result
    }

    // MARK: Arguments and values

    private func arguments(
        _ definitions: [GraphQLArgument],
        missing: Mistake = .missingRequiredArgument,
        unknown: Mistake = .unknownArgument,
        constant: Bool = false
    ) -> String {
        var parts: [String] = []
        for argument in random.shuffled(definitions) {
            if argument.isRequired {
                if take(missing) { continue }
            } else if !random.percent(40) {
                continue
            }
            parts.append("\(argument.name): " + value(argument.type, constant: constant))
        }
        if take(unknown) {
            let known = Set(definitions.map(\.name))
            let name = definitions.isEmpty ? "bogus" : misspell(random.pick(definitions).name, avoiding: known)
            parts.insert("\(name): \(random.pick(["1", "true", "\"x\"", "RED"]))", at: random.below(parts.count + 1))
        }
        if let first = parts.first, take(.duplicateArgument) { parts.append(first) }
        return parts.isEmpty ? "" : "(" + parts.joined(separator: separator) + ")"
    }

    private func value(_ type: GraphQLType, constant: Bool) -> String {
        if !constant, random.percent(22) { return variableUsage(type) }
        return literal(type, depth: 0, constant: constant)
    }

    private func variableUsage(_ type: GraphQLType, forceNullable: Bool = false) -> String {
        if take(.undefinedVariable) { return "$undeclared\(next())" }
        var declared = type
        var defaultValue: String?
        if forceNullable {
            declared = type.nullableType
        } else if take(.variableWrongType) {
            declared = retyped(type)
        } else if type.isNonNull, take(.nullableVariableForNonNull) {
            declared = type.nullableType
        } else if type.isNonNull, random.percent(10) {
            // Allowed: a nullable variable with a non-null default in a non-null position.
            declared = type.nullableType
            defaultValue = literal(type, depth: 0, constant: true)
        } else if !type.isNonNull, random.percent(25) {
            defaultValue = take(.wrongDefaultValue) ? wrongLiteral(type) : literal(type, depth: 0, constant: true)
        }
        let declaredText = declared.description
        if defaultValue == nil, random.percent(35),
            let reuse = variableOrder.first(where: {
                variables[$0]?.type == declaredText && variables[$0]?.defaultValue == nil
            })
        {
            use(reuse)
            return "$" + reuse
        }
        let name = "v\(next())"
        variables[name] = VariableDeclaration(
            type: declaredText,
            defaultValue: defaultValue,
            directives: constantDirective(at: .variableDefinition)
        )
        variableOrder.append(name)
        use(name)
        return "$" + name
    }

    private func use(_ variable: String) {
        scopes[scopes.count - 1].variables.insert(variable)
        if !captured.isEmpty { captured[captured.count - 1].insert(variable) }
    }

    /// The type with its named type replaced by another input type, wrappers kept.
    private func retyped(_ type: GraphQLType) -> GraphQLType {
        switch type {
        case .nonNull(let inner): return .nonNull(retyped(inner))
        case .list(let inner): return .list(retyped(inner))
        case .named(let reference):
            let others = inputTypeNames.filter { $0 != reference.name }
            guard let name = random.maybePick(others), let other = schema.reference(named: name) else { return type }
            return .named(other)
        }
    }

    private func literal(_ type: GraphQLType, depth: Int, constant: Bool = false) -> String {
        switch type {
        case .nonNull(let inner):
            if take(.nullForNonNull) { return "null" }
            return nonNullLiteral(inner, depth: depth, constant: constant)
        default:
            if random.percent(7) { return "null" }
            return nonNullLiteral(type, depth: depth, constant: constant)
        }
    }

    private func nonNullLiteral(_ type: GraphQLType, depth: Int, constant: Bool) -> String {
        switch type {
        case .nonNull(let inner):
            return nonNullLiteral(inner, depth: depth, constant: constant)
        case .list(let inner):
            if random.percent(25) { return element(inner, depth: depth, constant: constant) }
            let items = (0..<random.int(0...3)).map { _ in element(inner, depth: depth, constant: constant) }
            return "[" + items.joined(separator: separator) + "]"
        case .named(let reference):
            if let wrong = wrongLiteralIfTaken(type) { return wrong }
            switch schema[reference] {
            case .scalar(let scalar): return scalarLiteral(scalar.name)
            case .enumType(let enumType):
                if take(.unknownEnumValue) { return random.pick(["PURPLE", "UNKNOWN_VALUE", "red"]) }
                return random.pick(enumType.values).name
            case .inputObject(let input): return objectLiteral(input, depth: depth, constant: constant)
            default: return "null"
            }
        }
    }

    private func element(_ type: GraphQLType, depth: Int, constant: Bool) -> String {
        if !constant, random.percent(8) { return variableUsage(type) }
        return literal(type, depth: depth + 1, constant: constant)
    }

    private func objectLiteral(_ input: GraphQLInputObjectType, depth: Int, constant: Bool) -> String {
        var parts: [String] = []
        if input.isOneOf, let field = random.maybePick(input.fields) {
            if take(.oneOfNull) {
                parts.append("\(field.name): null")
            } else if !constant, take(.oneOfNullableVariable) {
                parts.append("\(field.name): " + variableUsage(field.type, forceNullable: true))
            } else if !constant, random.percent(20) {
                parts.append("\(field.name): " + variableUsage(.nonNull(field.type.nullableType)))
            } else {
                parts.append("\(field.name): " + nonNullLiteral(field.type, depth: depth + 1, constant: constant))
            }
            if input.fields.count > 1, take(.oneOfTwoFields),
                let other = random.maybePick(input.fields.filter({ $0.name != field.name }))
            {
                parts.append("\(other.name): " + nonNullLiteral(other.type, depth: depth + 1, constant: constant))
            }
        } else {
            for field in random.shuffled(input.fields) {
                if field.isRequired {
                    if take(.missingInputField) { continue }
                } else if depth > 2 || !random.percent(45) {
                    continue
                }
                let value =
                    !constant && random.percent(10)
                    ? variableUsage(field.type) : literal(field.type, depth: depth + 1, constant: constant)
                parts.append("\(field.name): " + value)
            }
        }
        if take(.unknownInputField) {
            let name = misspell(random.pick(input.fields).name, avoiding: Set(input.fields.map(\.name)))
            parts.insert("\(name): 1", at: random.below(parts.count + 1))
        }
        if let first = parts.first, take(.duplicateInputField) { parts.append(first) }
        return "{" + parts.joined(separator: separator) + "}"
    }

    private func scalarLiteral(_ name: String) -> String {
        switch name {
        case "Int": return random.pick(["0", "1", "-5", "42", "2147483647", "-2147483648", "\(random.below(1000))"])
        case "Float": return random.pick(["1.5", "-0.25", "3e2", "0.0", "7", "1.25E-3"])
        case "String":
            return random.pick([
                "\"hello\"", "\"\"", "\"esc \\n \\u00e9 \\\" q\"", "\"\"\"block\n  string\n\"\"\"", "\"ü 😀\"",
                "\"\\u{1F600}\"",
            ])
        case "Boolean": return random.pick(["true", "false"])
        case "ID": return random.pick(["\"abc\"", "123", "\"INC0010001\""])
        case "DateTime": return random.pick(["\"2025-01-02T03:04:05Z\"", "\"2024-02-29T23:59:59.5Z\""])
        default: return random.pick(["\"2025-01-02\"", "20250102", "\"any\""])
        }
    }

    private func wrongLiteralIfTaken(_ type: GraphQLType) -> String? {
        let reference = type.namedType
        if reference.name == "Int", take(.intOverflow) {
            return random.pick(["2147483648", "-2147483649", "99999999999"])
        }
        guard wrongLiteral(type) != nil, take(.wrongLiteral) else { return nil }
        return wrongLiteral(type)
    }

    /// A literal the type refuses, or nil for a type that accepts anything (a pass-through custom scalar).
    private func wrongLiteral(_ type: GraphQLType) -> String? {
        let named = schema[type]
        switch named {
        case .scalar(let scalar):
            switch scalar.name {
            case "Int": return random.pick(["\"12\"", "1.5", "true", "RED", "{a: 1}"])
            case "Float": return random.pick(["\"1.5\"", "true", "FAST"])
            case "String": return random.pick(["12", "true", "1.5", "RED"])
            case "Boolean": return random.pick(["1", "\"true\"", "TRUE"])
            case "ID": return random.pick(["1.5", "true", "RED"])
            case "DateTime": return random.pick(["\"yesterday\"", "5"])
            default: return nil
            }
        case .enumType: return random.pick(["\"RED\"", "5", "true"])
        case .inputObject: return random.pick(["5", "\"object\"", "true"])
        default: return nil
        }
    }

    // MARK: Directives

    private func directiveList(at location: DirectiveLocation, always: Bool = false) -> String {
        var text = ""
        let allowed = schema.directives.filter { $0.isAllowed(at: location) }
        if always || random.percent(12), let directive = random.maybePick(allowed) {
            text += applied(directive)
        }
        if take(.unknownDirective) { text += " @\(random.pick(["bogus", "skipp", "deprecated2"]))" }
        if let directive = random.maybePick(schema.directives.filter { !$0.isAllowed(at: location) }),
            take(.misplacedDirective)
        {
            text += applied(directive)
        }
        if let directive = random.maybePick(allowed.filter { !$0.isRepeatable }), take(.duplicateDirective) {
            text += applied(directive) + applied(directive)
        }
        return text
    }

    /// Directives without variables, where the document must not use any (variable definitions) or the engines
    /// would need variable values to judge (subscription root fields).
    private func constantDirective(at location: DirectiveLocation) -> String {
        let allowed = schema.directives.filter {
            $0.isAllowed(at: location) && $0.name != "skip" && $0.name != "include"
        }
        guard random.percent(10), let directive = random.maybePick(allowed) else { return "" }
        return applied(directive, constant: true)
    }

    private func applied(_ directive: GraphQLDirective, constant: Bool = false) -> String {
        " @" + directive.name
            + arguments(
                directive.arguments,
                missing: .missingDirectiveArgument,
                unknown: .unknownDirectiveArgument,
                constant: constant
            )
    }

    // MARK: Text mistakes

    private func misspell(_ name: String, avoiding known: Set<String>) -> String {
        var characters = Array(name)
        for _ in 0..<8 {
            var candidate = characters
            switch random.below(3) {
            case 0 where candidate.count > 1: candidate.remove(at: random.below(candidate.count))
            case 1: candidate.insert(random.pick(Array("aeioxz")), at: random.below(candidate.count + 1))
            default:
                if candidate.count > 1 {
                    let index = random.below(candidate.count - 1)
                    candidate.swapAt(index, index + 1)
                } else {
                    candidate.append("x")
                }
            }
            let text = String(candidate)
            if !known.contains(text), !text.isEmpty, !(text.first?.isNumber ?? true) { return text }
            characters = Array(name)
        }
        return name + "Zz"
    }

    private func breakSyntax(_ text: String) -> String {
        var characters = Array(text)
        let blanks = characters.indices.filter { characters[$0] == " " || characters[$0] == "\n" }
        switch random.below(7) {
        case 0:
            if let last = characters.lastIndex(of: "}") { characters.remove(at: last) }
        case 1:
            if let blank = random.maybePick(blanks) {
                characters.insert(contentsOf: Array(random.pick([")", ":", "=", "!", "...", "|", "&"])), at: blank)
            }
        case 2:
            if let blank = random.maybePick(blanks) {
                characters.insert(contentsOf: Array(" \"unterminated"), at: blank)
            }
        case 3:
            if let blank = random.maybePick(blanks) {
                characters.insert(contentsOf: Array(" \"bad \\q escape\" "), at: blank)
            }
        case 4:
            if let blank = random.maybePick(blanks) { characters.insert(contentsOf: Array(" 1.e5 "), at: blank) }
        case 5:
            if let blank = random.maybePick(blanks) { characters.insert(contentsOf: Array(" ? "), at: blank) }
        default:
            if let open = characters.firstIndex(of: "(") {
                characters.insert(")", at: open + 1)
            } else {
                characters.append(contentsOf: Array(" query"))
            }
        }
        return String(characters)
    }
}
