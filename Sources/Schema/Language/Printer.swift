/// Prints ASTs as GraphQL text, with graphql-js's `print()` layout (v16, with the September 2025
/// descriptions): two-space indentation, arguments wrapped past 80 columns, object values as `{a: 1}`, block
/// strings kept as block strings. Printing a parsed document and parsing the result gives the same AST.
public enum Printer {
    /// The longest line of field arguments kept on one line.
    private static let maxLineLength = 80

    /// Prints a document: its definitions separated by blank lines.
    public static func print(_ document: Document) -> String {
        join(document.definitions.map(print), "\n\n")
    }

    /// Prints one definition.
    public static func print(_ definition: Definition) -> String {
        switch definition {
        case .operation(let node): print(node)
        case .fragment(let node): print(node)
        case .schema(let node): print(node)
        case .type(let node): print(node)
        case .directive(let node): print(node)
        case .schemaExtension(let node): print(node)
        case .typeExtension(let node): print(node)
        }
    }

    /// Prints a value literal.
    public static func print(_ value: Value) -> String {
        switch value {
        case .variable(let node): "$" + node.name.value
        case .int(let node): node.value
        case .float(let node): node.value
        case .string(let node): print(node)
        case .boolean(let node): node.value ? "true" : "false"
        case .null: "null"
        case .enumValue(let node): node.value
        case .list(let node): "[" + join(node.values.map(print), ", ") + "]"
        case .object(let node):
            "{" + join(node.fields.map { $0.name.value + ": " + print($0.value) }, ", ") + "}"
        }
    }

    /// Prints a type reference, e.g. `[String!]!`.
    public static func print(_ type: TypeReference) -> String { type.description }

    /// Prints a string literal: as a block string if it was one, else as a quoted string.
    public static func print(_ string: StringValue) -> String {
        string.block ? BlockString.print(string.value) : printString(string.value)
    }

    /// `value` as a quoted GraphQL string, escaping `"`, `\` and control characters as graphql-js does.
    public static func printString(_ value: String) -> String {
        var output = "\""
        output.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: output += "\\\""
            case 0x5C: output += "\\\\"
            case 0x08: output += "\\b"
            case 0x09: output += "\\t"
            case 0x0A: output += "\\n"
            case 0x0C: output += "\\f"
            case 0x0D: output += "\\r"
            case 0x00...0x1F, 0x7F...0x9F:
                var hex = String(scalar.value, radix: 16, uppercase: true)
                while hex.count < 4 { hex = "0" + hex }
                output += "\\u" + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    /// Prints a selection set as an indented block.
    public static func print(_ selectionSet: SelectionSet) -> String {
        var buffer = IndentingBuffer()
        write(selectionSet, to: &buffer)
        return buffer.output
    }

    /// Prints one selection.
    public static func print(_ selection: Selection) -> String {
        var buffer = IndentingBuffer()
        write(selection, to: &buffer)
        return buffer.output
    }

    /// Text written with the indentation of the blocks it is in: every line break is followed by the current
    /// indentation. This is what graphql-js's nested `indent()` calls amount to, written once instead of
    /// re-indenting each level's string (which costs time and stack proportional to the nesting).
    private struct IndentingBuffer {
        var output = ""
        var indentation = ""

        mutating func write(_ text: String) {
            if text.utf8.contains(0x0A) {
                output += text.replacing("\n", with: "\n" + indentation)
            } else {
                output += text
            }
        }

        mutating func newLine() {
            output += "\n"
            output += indentation
        }
    }

    /// `{`, each selection on its own indented line, `}` (graphql-js `block`).
    private static func write(_ selectionSet: SelectionSet, to buffer: inout IndentingBuffer) {
        guard !selectionSet.selections.isEmpty else { return }
        buffer.write("{")
        buffer.indentation += "  "
        for selection in selectionSet.selections {
            buffer.newLine()
            write(selection, to: &buffer)
        }
        buffer.indentation.removeLast(2)
        buffer.newLine()
        buffer.write("}")
    }

    private static func write(_ selection: Selection, to buffer: inout IndentingBuffer) {
        // Only the recursion lives here; the heads are formatted by helpers, keeping this frame small.
        buffer.write(head(of: selection))
        let selectionSet: SelectionSet?
        switch selection {
        case .field(let field): selectionSet = field.selectionSet
        case .inlineFragment(let fragment): selectionSet = fragment.selectionSet
        case .fragmentSpread: selectionSet = nil
        }
        if let selectionSet, !selectionSet.selections.isEmpty {
            buffer.write(" ")
            write(selectionSet, to: &buffer)
        }
    }

    /// A selection without its selection set, as if at indentation zero.
    @inline(never)
    private static func head(of selection: Selection) -> String {
        switch selection {
        case .field(let field):
            let prefix = (field.alias.map { $0.value + ": " } ?? "") + field.name.value
            let arguments = field.arguments.map(print)
            var line = prefix + wrap("(", join(arguments, ", "), ")")
            if line.utf16.count > maxLineLength {
                // One argument per line, indented one level more.
                line = prefix + wrap("(\n", indent(join(arguments, "\n")), "\n)")
            }
            return line + wrap(" ", printDirectives(field.directives))
        case .fragmentSpread(let spread):
            return "..." + spread.name.value + wrap(" ", printDirectives(spread.directives))
        case .inlineFragment(let fragment):
            return join(
                ["...", wrap("on ", fragment.typeCondition?.name.value), printDirectives(fragment.directives)],
                " "
            )
        }
    }

    // MARK: Executable definitions

    private static func print(_ node: OperationDefinition) -> String {
        let variables = node.variableDefinitions.map(print)
        let variableList =
            hasMultilineItems(variables)
            ? wrap("(\n", indent(join(variables, "\n")), "\n)") : wrap("(", join(variables, ", "), ")")
        let prefix =
            wrap("", node.description.map(print), "\n")
            + join(
                [
                    node.operation.rawValue, join([node.name?.value ?? "", variableList]),
                    printDirectives(node.directives),
                ],
                " "
            )
        // An anonymous query without variables or directives uses the shorthand form.
        return (prefix == "query" ? "" : prefix + " ") + print(node.selectionSet)
    }

    private static func print(_ node: VariableDefinition) -> String {
        wrap("", node.description.map(print), "\n") + "$" + node.variable.name.value + ": " + print(node.type)
            + wrap(" = ", node.defaultValue.map(print)) + wrap(" ", printDirectives(node.directives))
    }

    private static func print(_ node: FragmentDefinition) -> String {
        wrap("", node.description.map(print), "\n") + "fragment \(node.name.value) on \(node.typeCondition.name.value) "
            + wrap("", printDirectives(node.directives), " ") + print(node.selectionSet)
    }

    private static func print(_ node: Argument) -> String {
        node.name.value + ": " + print(node.value)
    }

    private static func print(_ node: Directive) -> String {
        "@" + node.name.value + wrap("(", join(node.arguments.map(print), ", "), ")")
    }

    private static func printDirectives(_ directives: [Directive]) -> String {
        join(directives.map(print), " ")
    }

    // MARK: Type-system definitions

    private static func print(_ node: SchemaDefinition) -> String {
        wrap("", node.description.map(print), "\n")
            + join(["schema", printDirectives(node.directives), block(node.operationTypes.map(print))], " ")
    }

    private static func print(_ node: OperationTypeDefinition) -> String {
        node.operation.rawValue + ": " + node.type.name.value
    }

    private static func print(_ node: TypeDefinition) -> String {
        switch node {
        case .scalar(let scalar):
            return wrap("", scalar.description.map(print), "\n")
                + join(["scalar", scalar.name.value, printDirectives(scalar.directives)], " ")
        case .object(let object):
            return wrap("", object.description.map(print), "\n")
                + join(
                    [
                        "type", object.name.value, printInterfaces(object.interfaces),
                        printDirectives(object.directives), block(object.fields.map(print)),
                    ],
                    " "
                )
        case .interface(let interface):
            return wrap("", interface.description.map(print), "\n")
                + join(
                    [
                        "interface", interface.name.value, printInterfaces(interface.interfaces),
                        printDirectives(interface.directives), block(interface.fields.map(print)),
                    ],
                    " "
                )
        case .union(let union):
            return wrap("", union.description.map(print), "\n")
                + join(
                    [
                        "union", union.name.value, printDirectives(union.directives),
                        wrap("= ", join(union.types.map(\.name.value), " | ")),
                    ],
                    " "
                )
        case .enumType(let enumType):
            return wrap("", enumType.description.map(print), "\n")
                + join(
                    [
                        "enum", enumType.name.value, printDirectives(enumType.directives),
                        block(enumType.values.map(print)),
                    ],
                    " "
                )
        case .inputObject(let input):
            return wrap("", input.description.map(print), "\n")
                + join(
                    ["input", input.name.value, printDirectives(input.directives), block(input.fields.map(print))],
                    " "
                )
        }
    }

    private static func printInterfaces(_ interfaces: [NamedType]) -> String {
        wrap("implements ", join(interfaces.map(\.name.value), " & "))
    }

    private static func print(_ node: FieldDefinition) -> String {
        wrap("", node.description.map(print), "\n") + node.name.value + printArgumentDefinitions(node.arguments)
            + ": " + print(node.type) + wrap(" ", printDirectives(node.directives))
    }

    private static func printArgumentDefinitions(_ arguments: [InputValueDefinition]) -> String {
        let printed = arguments.map(print)
        return hasMultilineItems(printed)
            ? wrap("(\n", indent(join(printed, "\n")), "\n)") : wrap("(", join(printed, ", "), ")")
    }

    private static func print(_ node: InputValueDefinition) -> String {
        wrap("", node.description.map(print), "\n")
            + join(
                [
                    node.name.value + ": " + print(node.type), wrap("= ", node.defaultValue.map(print)),
                    printDirectives(node.directives),
                ],
                " "
            )
    }

    private static func print(_ node: EnumValueDefinition) -> String {
        wrap("", node.description.map(print), "\n") + join([node.name.value, printDirectives(node.directives)], " ")
    }

    private static func print(_ node: DirectiveDefinition) -> String {
        wrap("", node.description.map(print), "\n") + "directive @" + node.name.value
            + printArgumentDefinitions(node.arguments) + (node.repeatable ? " repeatable" : "") + " on "
            + join(node.locations.map(\.value), " | ")
    }

    private static func print(_ node: SchemaExtension) -> String {
        join(["extend schema", printDirectives(node.directives), block(node.operationTypes.map(print))], " ")
    }

    private static func print(_ node: TypeExtension) -> String {
        switch node {
        case .scalar(let scalar):
            return join(["extend scalar", scalar.name.value, printDirectives(scalar.directives)], " ")
        case .object(let object):
            return join(
                [
                    "extend type", object.name.value, printInterfaces(object.interfaces),
                    printDirectives(object.directives), block(object.fields.map(print)),
                ],
                " "
            )
        case .interface(let interface):
            return join(
                [
                    "extend interface", interface.name.value, printInterfaces(interface.interfaces),
                    printDirectives(interface.directives), block(interface.fields.map(print)),
                ],
                " "
            )
        case .union(let union):
            return join(
                [
                    "extend union", union.name.value, printDirectives(union.directives),
                    wrap("= ", join(union.types.map(\.name.value), " | ")),
                ],
                " "
            )
        case .enumType(let enumType):
            return join(
                [
                    "extend enum", enumType.name.value, printDirectives(enumType.directives),
                    block(enumType.values.map(print)),
                ],
                " "
            )
        case .inputObject(let input):
            return join(
                ["extend input", input.name.value, printDirectives(input.directives), block(input.fields.map(print))],
                " "
            )
        }
    }

    // MARK: graphql-js's helpers

    /// The non-empty parts joined by `separator`.
    private static func join(_ parts: [String], _ separator: String = "") -> String {
        var output = ""
        var first = true
        for part in parts where !part.isEmpty {
            if !first { output += separator }
            output += part
            first = false
        }
        return output
    }

    /// `start + text + end` when `text` is not empty, else nothing.
    private static func wrap(_ start: String, _ text: String?, _ end: String = "") -> String {
        guard let text, !text.isEmpty else { return "" }
        return start + text + end
    }

    /// Each part on its own line, indented, in braces.
    private static func block(_ parts: [String]) -> String {
        wrap("{\n", indent(join(parts, "\n")), "\n}")
    }

    private static func indent(_ text: String) -> String {
        wrap("  ", text.replacing("\n", with: "\n  "))
    }

    private static func hasMultilineItems(_ items: [String]) -> Bool {
        items.contains { $0.contains("\n") }
    }
}
