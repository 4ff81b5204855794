/// An encoded query (`sysparm_query`, §2.3) built from conditions, so that text a user typed can only ever be the
/// value of a condition and never a new term.
///
/// ## The escaping rule
/// ServiceNow has no reliable escape inside a value: `^` separates terms (`^OR`, `^NQ`, `^ORDERBY…` start new
/// ones) wherever it appears, and some releases honour `^^` as a literal caret while others split there. So a
/// user's value is *neutralised* rather than escaped (``sanitize(_:)``):
/// 1. every `^` becomes a space, so no new term can start;
/// 2. control characters (Unicode `Cc`: C0, DEL, C1) become spaces; runs of whitespace collapse to one space and
///    the ends are trimmed;
/// 3. a value that would start with `javascript:` (any case) has that colon replaced by a space, because the
///    instance runs such values as server script;
/// 4. for `IN` lists, commas are removed from each member as well (a comma separates members).
/// Field names and operators never come from users; conditions the gateway writes itself (the "mine" filters
/// with `javascript:gs.getUserID()`) are added with ``and(trusted:)``.
public struct EncodedQuery: Sendable, Hashable, CustomStringConvertible {
    /// A condition's operator, spelled as on the wire.
    public enum Operator: String, Sendable, Hashable {
        case equals = "="
        case notEquals = "!="
        case like = "LIKE"
        case `in` = "IN"
        case greaterThanOrEqual = ">="
        case lessThan = "<"
    }

    /// One `<field><operator><value>` condition with a neutralised value.
    public struct Condition: Sendable, Hashable {
        /// The field, possibly dot-walked; written by the gateway, never by a user.
        public let field: String
        /// The operator.
        public let op: Operator
        /// The value as it goes on the wire (already neutralised).
        public let value: String

        /// A condition; `value` is neutralised with ``EncodedQuery/sanitize(_:)``.
        public init(_ field: String, _ op: Operator, _ value: String) {
            self.field = field
            self.op = op
            self.value = EncodedQuery.sanitize(value)
        }

        /// `field IN (values…)`; each member neutralised and stripped of commas, empty members dropped.
        public init(_ field: String, in values: [String]) {
            self.field = field
            self.op = .in
            self.value = values.map { EncodedQuery.sanitize($0).filter { $0 != "," } }.filter { !$0.isEmpty }
                .joined(separator: ",")
        }

        var text: String { field + op.rawValue + value }
    }

    private var terms: [String] = []
    private var ordering: [String] = []

    /// An empty query (matches every row).
    public init() {}

    /// Adds a condition, ANDed with the rest.
    public mutating func and(_ condition: Condition) {
        terms.append(condition.text)
    }

    /// Adds conditions joined by `^OR` (one of them must hold), ANDed with the rest; nothing for an empty list.
    ///
    /// `^OR` binds tighter than `^`, so `a^ORb^c` means `(a OR b) AND c`.
    public mutating func and(anyOf conditions: [Condition]) {
        guard !conditions.isEmpty else { return }
        terms.append(conditions.map(\.text).joined(separator: "^OR"))
    }

    /// Adds a fragment the gateway wrote itself (e.g. `caller_id=javascript:gs.getUserID()^ORopened_by=…`),
    /// ANDed with the rest. Never pass user input here.
    public mutating func and(trusted fragment: String) {
        guard !fragment.isEmpty else { return }
        terms.append(fragment)
    }

    /// Sorts by `field`, after any sort added before.
    public mutating func order(by field: String, descending: Bool = false) {
        ordering.append((descending ? "ORDERBYDESC" : "ORDERBY") + field)
    }

    /// The conditions without the sort, e.g. for a cursor's scope.
    public var conditions: String { terms.joined(separator: "^") }

    /// The query as sent: the conditions, then the sort terms.
    public var description: String { (terms + ordering).joined(separator: "^") }

    /// Neutralises user text for use as a condition value (see the type's documentation for the rule).
    public static func sanitize(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isBreak =
                scalar == "^" || scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
            if isBreak {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            output.unicodeScalars.append(scalar)
        }
        let scriptPrefix = "javascript:"
        if output.utf8.count >= scriptPrefix.utf8.count, output.prefix(scriptPrefix.count).lowercased() == scriptPrefix
        {
            output = "javascript " + output.dropFirst(scriptPrefix.count)
        }
        return output
    }
}
