/// The syntax tree of an encoded query (`sysparm_query`).
///
/// `^NQ` splits the query into groups that are OR'd; inside a group, `^` ANDs terms; a term is one or more
/// conditions joined by `^OR`, which binds tighter than `^` (`a=1^ORa=2^b=3` is `(a=1 OR a=2) AND b=3`).
/// `ORDERBY` / `ORDERBYDESC` terms are collected separately, in order.
struct EncodedQuery: Sendable, Hashable {
    /// The `^NQ` groups; a record matches the query if it matches any group (or there are none).
    var groups: [[[QueryCondition]]]
    /// The sort keys, most significant first.
    var ordering: [OrderTerm]

    static let empty = EncodedQuery(groups: [], ordering: [])
}

/// One `<field><operator><value>` condition, unresolved: the field may be unknown and the value may be dynamic.
struct QueryCondition: Sendable, Hashable {
    /// The field, possibly dot-walked (`caller_id.department.name`); `123TEXTQUERY321` for the text query.
    var field: String
    var op: QueryOperator
    /// The value as written (`javascript:gs.getUserID()` is resolved when the query is bound).
    var value: String
}

/// A sort key.
struct OrderTerm: Sendable, Hashable {
    var field: String
    var descending: Bool
}

/// The operators of §2.3, spelled as on the wire.
enum QueryOperator: String, Sendable, Hashable, CaseIterable {
    case equals = "="
    case notEquals = "!="
    case lessThan = "<"
    case lessThanOrEqual = "<="
    case greaterThan = ">"
    case greaterThanOrEqual = ">="
    case like = "LIKE"
    case notLike = "NOT LIKE"
    case likeStar = "*"
    case notLikeStar = "!*"
    case startsWith = "STARTSWITH"
    case endsWith = "ENDSWITH"
    case endsWithPercent = "%"
    case `in` = "IN"
    case notIn = "NOT IN"
    case isEmpty = "ISEMPTY"
    case isNotEmpty = "ISNOTEMPTY"
    case anything = "ANYTHING"
    case emptyString = "EMPTYSTRING"
    case between = "BETWEEN"
    case sameAs = "SAMEAS"
    case notSameAs = "NSAMEAS"
    case dynamic = "DYNAMIC"
    case on = "ON"
    case notOn = "NOTON"
    case relativeGreaterThan = "RELATIVEGT"
    case relativeLessThan = "RELATIVELT"
    case textQuery = "TEXTQUERY"

    /// Operators in the order the parser tries them: a longer spelling before any prefix of it.
    static let parseOrder: [QueryOperator] = [
        .notLike, .notIn, .notSameAs, .sameAs, .isNotEmpty, .isEmpty, .anything, .emptyString, .startsWith,
        .endsWith, .like, .in, .between, .dynamic, .notOn, .on, .relativeGreaterThan, .relativeLessThan,
        .notEquals, .notLikeStar, .lessThanOrEqual, .greaterThanOrEqual, .equals, .lessThan, .greaterThan,
        .likeStar, .endsWithPercent,
    ]

    /// Whether the operator takes no value (`ISEMPTY`).
    var isUnary: Bool {
        switch self {
        case .isEmpty, .isNotEmpty, .anything, .emptyString: true
        default: false
        }
    }
}
