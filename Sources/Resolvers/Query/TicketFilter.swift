public import JSON

/// The schema's `TicketFilter` input, checked, and turned into an encoded query for one kind of ticket.
public struct TicketFilter: Sendable, Hashable {
    /// Which tickets by whether they are active.
    public enum Status: String, Sendable, Hashable {
        case open = "OPEN"
        case closed = "CLOSED"
        case all = "ALL"
    }

    /// Active, inactive or both; open by default.
    public var status: Status = .open
    /// Only these state categories; nil for any.
    public var stateCategories: Set<StateCategory>?
    /// Words that the number, short description or description must contain; neutralised when the query is built.
    public var search: String?
    /// Only tickets updated at or after this time, as ServiceNow stores it (`YYYY-MM-DD HH:MM:SS`, UTC).
    public var updatedSince: String?

    /// The longest search text accepted: a URL has room for three copies of it (number, short description,
    /// description) and still stays far below the instance's header budget.
    public static let maxSearchLength = 200

    /// The default filter: open tickets.
    public init() {}

    /// The filter from the coerced `filter` argument (absent or null: the default).
    public init(argument: JSONValue?) throws(ServiceNowError) {
        guard let argument, !argument.isNull else { return }
        guard let object = argument.objectValue else { throw Self.invalid("filter must be an object") }
        if let status = object["status"], !status.isNull {
            guard let name = status.stringValue, let parsed = Status(rawValue: name) else {
                throw Self.invalid("filter.status must be OPEN, CLOSED or ALL")
            }
            self.status = parsed
        }
        if let categories = object["stateCategories"], !categories.isNull {
            guard let list = categories.arrayValue else { throw Self.invalid("filter.stateCategories must be a list") }
            var set = Set<StateCategory>()
            for entry in list {
                guard let name = entry.stringValue, let category = StateCategory(rawValue: name) else {
                    throw Self.invalid("filter.stateCategories holds an unknown category")
                }
                set.insert(category)
            }
            stateCategories = set
        }
        if let search = object["search"], !search.isNull {
            guard let text = search.stringValue else { throw Self.invalid("filter.search must be a string") }
            guard text.count <= Self.maxSearchLength else {
                throw Self.invalid("filter.search is longer than \(Self.maxSearchLength) characters")
            }
            let cleaned = EncodedQuery.sanitize(text)
            self.search = cleaned.isEmpty ? nil : cleaned
        }
        if let since = object["updatedSince"], !since.isNull {
            guard let text = since.stringValue, let stored = ServiceNowDateTime.stored(fromISO: text) else {
                throw Self.invalid("filter.updatedSince must be a UTC date-time such as 2026-05-04T09:12:30Z")
            }
            updatedSince = stored
        }
    }

    /// Whether no ticket of `kind` can match (the categories asked for have no state in its table), so that the
    /// answer is known without asking ServiceNow.
    public func matchesNothing(for kind: TicketKind) -> Bool {
        guard let stateCategories else { return false }
        return kind.stateValues(in: stateCategories).isEmpty
    }

    /// The viewer's tickets of `kind` under this filter, most recently updated first.
    ///
    /// The second sort key (`sys_id`) makes the order total, so that offset paging neither repeats nor skips a
    /// ticket when several share an update time.
    public func query(for kind: TicketKind) -> EncodedQuery {
        var query = EncodedQuery()
        query.and(trusted: kind.mineFilter)
        switch status {
        case .open: query.and(EncodedQuery.Condition("active", .equals, "true"))
        case .closed: query.and(EncodedQuery.Condition("active", .equals, "false"))
        case .all: break
        }
        if let stateCategories {
            query.and(EncodedQuery.Condition("state", in: kind.stateValues(in: stateCategories)))
        }
        if let updatedSince {
            query.and(EncodedQuery.Condition("sys_updated_on", .greaterThanOrEqual, updatedSince))
        }
        if let search {
            query.and(
                anyOf: ["number", "short_description", "description"].map {
                    EncodedQuery.Condition($0, .like, search)
                }
            )
        }
        query.order(by: "sys_updated_on", descending: true)
        query.order(by: "sys_id")
        return query
    }

    private static func invalid(_ message: String) -> ServiceNowError {
        ServiceNowError(.badUserInput, message)
    }
}
