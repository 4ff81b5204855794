/// The five kinds of ticket the schema exposes, with what the gateway knows about each table: its name, number
/// prefix, "mine" filter and state model (§8.2, §8.4).
public enum TicketKind: String, Sendable, Hashable, CaseIterable {
    case incident
    case request
    case requestItem
    case changeRequest
    case problem

    /// The ServiceNow table.
    public var table: String {
        switch self {
        case .incident: "incident"
        case .request: "sc_request"
        case .requestItem: "sc_req_item"
        case .changeRequest: "change_request"
        case .problem: "problem"
        }
    }

    /// The GraphQL object type.
    public var typeName: String {
        switch self {
        case .incident: "Incident"
        case .request: "Request"
        case .requestItem: "RequestItem"
        case .changeRequest: "ChangeRequest"
        case .problem: "Problem"
        }
    }

    /// The number prefix, e.g. `INC`.
    public var numberPrefix: String {
        switch self {
        case .incident: "INC"
        case .request: "REQ"
        case .requestItem: "RITM"
        case .changeRequest: "CHG"
        case .problem: "PRB"
        }
    }

    /// The kind whose table is `table`.
    public init?(table: String) {
        guard let kind = Self.allCases.first(where: { $0.table == table }) else { return nil }
        self = kind
    }

    /// The kind whose numbers start with the prefix of `number` (`RITM…` is a requested item, not a request).
    public init?(number: String) {
        let upper = number.uppercased()
        // Longest prefix first: none of the five is a prefix of another today, but RITM/REQ share an R.
        guard
            let kind = Self.allCases.sorted(by: { $0.numberPrefix.count > $1.numberPrefix.count })
                .first(where: { upper.hasPrefix($0.numberPrefix) })
        else { return nil }
        self = kind
    }

    private static let me = "javascript:gs.getUserID()"

    /// The "mine" filter (§8.2): which records are the viewer's. ServiceNow resolves `gs.getUserID()` to the
    /// token's owner, so the gateway never needs the viewer's sys_id for it.
    public var mineFilter: String {
        switch self {
        case .incident: "caller_id=\(Self.me)^ORopened_by=\(Self.me)"
        case .request: "requested_for=\(Self.me)^ORopened_by=\(Self.me)"
        case .requestItem: "requested_for=\(Self.me)^ORrequest.requested_for=\(Self.me)^ORopened_by=\(Self.me)"
        case .changeRequest: "requested_by=\(Self.me)"
        case .problem: "opened_by=\(Self.me)"
        }
    }

    /// The table's state values and the category each falls into (§8.4). The labels are not here: they come from
    /// ServiceNow's display values.
    public var stateCategories: [(value: String, category: StateCategory)] {
        switch self {
        case .incident:
            [("1", .new), ("2", .inProgress), ("3", .onHold), ("6", .resolved), ("7", .closed), ("8", .canceled)]
        case .problem:
            // Assess, Root Cause Analysis and Fix in Progress are all work in progress.
            [
                ("101", .new), ("102", .inProgress), ("103", .inProgress), ("104", .inProgress),
                ("105", .inProgress), ("106", .resolved), ("107", .closed),
            ]
        case .changeRequest:
            // Assess, Authorize, Scheduled and Implement are the change's work; Review comes after the work is done
            // and before closure, which is what RESOLVED means. 1, 2 and 7 are the legacy model's.
            [
                ("-5", .new), ("-4", .inProgress), ("-3", .inProgress), ("-2", .inProgress), ("-1", .inProgress),
                ("0", .resolved), ("1", .new), ("2", .inProgress), ("3", .closed), ("4", .canceled),
                ("7", .canceled),
            ]
        case .request, .requestItem:
            // The task family: Pending waits (on approval, typically); Closed Incomplete and Closed Skipped were
            // not delivered.
            [("-5", .onHold), ("1", .new), ("2", .inProgress), ("3", .closed), ("4", .canceled), ("7", .canceled)]
        }
    }

    /// The category of the state `value`; a value the table does not define (a customised state model) falls back
    /// on `active`: in progress while active, closed otherwise.
    public func category(ofState value: String, active: Bool?) -> StateCategory {
        if let known = stateCategories.first(where: { $0.value == value }) { return known.category }
        return active == false ? .closed : .inProgress
    }

    /// The state values that fall into any of `categories`.
    public func stateValues(in categories: Set<StateCategory>) -> [String] {
        stateCategories.filter { categories.contains($0.category) }.map(\.value)
    }
}
