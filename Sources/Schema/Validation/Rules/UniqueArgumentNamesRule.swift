/// Argument Uniqueness: a field or directive is given each argument once.
///
/// https://spec.graphql.org/September2025/#sec-Argument-Uniqueness
final class UniqueArgumentNamesRule: RuleVisitor {
    private let context: ValidationContext
    let events: RuleEvents = [.field, .directive]

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enterField(_ field: Field) { check(field.arguments) }
    func enterDirective(_ directive: Directive) { check(directive.arguments) }

    private func check(_ arguments: [Argument]) {
        guard arguments.count > 1 else { return }
        var order: [String] = []
        var groups: [String: [Name]] = [:]
        for argument in arguments {
            let name = argument.name
            if groups[name.value] == nil { order.append(name.value) }
            groups[name.value, default: []].append(name)
        }
        guard order.count < arguments.count else { return }
        for name in order {
            guard let names = groups[name], names.count > 1 else { continue }
            context.report("There can be only one argument named \"\(name)\".", at: names.map(\.location))
        }
    }
}
