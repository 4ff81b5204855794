/// Where each GraphQL field of a ticket type comes from in ServiceNow: the one table that both the projection
/// (`sysparm_fields`) and the mapping (raw record → typed value) read, so they cannot disagree.
enum TicketFields {
    /// How a GraphQL field is computed from a `display_value=all` record.
    enum Source: Sendable, Hashable {
        /// A plain string (`value` face).
        case text(String)
        /// A choice: `{value, label}` from both faces.
        case choice(String)
        /// The state: `{value, label, category}`; the category also reads `active`.
        case state
        /// A Boolean stored as `"true"`/`"false"`.
        case boolean(String)
        /// A date-time, stored in UTC.
        case dateTime(String)
        /// An integer.
        case integer(String)
        /// A reference, as an object of the given kind, with dot-walked fields for its sub-selection.
        case reference(String, Reference)
    }

    /// The kinds of object a reference becomes.
    enum Reference: Sendable, Hashable {
        case user, group, catalogItem

        var table: String {
            switch self {
            case .user: "sys_user"
            case .group: "sys_user_group"
            case .catalogItem: "sc_cat_item"
            }
        }

        var typeName: String {
            switch self {
            case .user: "User"
            case .group: "Group"
            case .catalogItem: "CatalogItem"
            }
        }

        /// The target's fields reached by dot-walking: GraphQL name and ServiceNow field. The name of a user, group
        /// or item is the reference's display value (those tables display their name), so it needs no dot-walk.
        var dotWalks: [(name: String, field: String)] {
            switch self {
            case .user: Self.userWalks
            case .group: Self.groupWalks
            case .catalogItem: Self.catalogItemWalks
            }
        }

        // Stored once: every mapped record reads them.
        private static let userWalks = [
            ("userName", "user_name"), ("email", "email"), ("title", "title"), ("department", "department"),
        ]
        private static let groupWalks = [("email", "email")]
        private static let catalogItemWalks = [
            ("shortDescription", "short_description"), ("description", "description"), ("category", "category"),
            ("price", "price"),
        ]
    }

    /// A reference field's dot-walks with the record key each is read under (`assigned_to.email`), made once per
    /// field rather than concatenated for every record mapped.
    static func dotWalkKeys(field: String, reference: Reference) -> [(name: String, key: String)] {
        if let known = dotWalkKeysByField[field], known.reference == reference { return known.keys }
        return makeDotWalkKeys(field: field, reference: reference)
    }

    private static func makeDotWalkKeys(field: String, reference: Reference) -> [(name: String, key: String)] {
        reference.dotWalks.map { ($0.name, field + "." + $0.field) }
    }

    private static let dotWalkKeysByField: [String: (reference: Reference, keys: [(name: String, key: String)])] = {
        var table: [String: (reference: Reference, keys: [(name: String, key: String)])] = [:]
        for kind in TicketKind.allCases {
            for (_, source) in fields(of: kind) {
                guard case .reference(let field, let reference) = source else { continue }
                table[field] = (reference, makeDotWalkKeys(field: field, reference: reference))
            }
        }
        return table
    }()

    /// Fields every ticket type has.
    static let common: [(name: String, source: Source)] = [
        ("number", .text("number")),
        ("shortDescription", .text("short_description")),
        ("description", .text("description")),
        ("state", .state),
        ("active", .boolean("active")),
        ("priority", .choice("priority")),
        ("createdAt", .dateTime("sys_created_on")),
        ("updatedAt", .dateTime("sys_updated_on")),
        ("assignedTo", .reference("assigned_to", .user)),
        ("assignmentGroup", .reference("assignment_group", .group)),
        ("openedBy", .reference("opened_by", .user)),
    ]

    /// The fields of `kind`: the common ones and its own.
    static func fields(of kind: TicketKind) -> [(name: String, source: Source)] {
        switch kind {
        case .incident: incidentFields
        case .request: requestFields
        case .requestItem: requestItemFields
        case .changeRequest: changeRequestFields
        case .problem: problemFields
        }
    }

    // Stored once per kind: every mapped record and every projection reads them.
    private static let incidentFields = makeFields(of: .incident)
    private static let requestFields = makeFields(of: .request)
    private static let requestItemFields = makeFields(of: .requestItem)
    private static let changeRequestFields = makeFields(of: .changeRequest)
    private static let problemFields = makeFields(of: .problem)

    private static func makeFields(of kind: TicketKind) -> [(name: String, source: Source)] {
        switch kind {
        case .incident:
            common + [
                ("caller", .reference("caller_id", .user)), ("urgency", .choice("urgency")),
                ("impact", .choice("impact")), ("category", .choice("category")),
                ("resolvedAt", .dateTime("resolved_at")), ("closedAt", .dateTime("closed_at")),
            ]
        case .request:
            common + [
                ("requestedFor", .reference("requested_for", .user)), ("requestState", .choice("request_state")),
                ("stage", .choice("stage")),
            ]
        case .requestItem:
            common + [
                ("catalogItem", .reference("cat_item", .catalogItem)), ("quantity", .integer("quantity")),
                ("stage", .choice("stage")),
            ]
        case .changeRequest:
            common + [
                ("requestedBy", .reference("requested_by", .user)), ("type", .choice("type")),
                ("risk", .choice("risk")), ("plannedStart", .dateTime("start_date")),
                ("plannedEnd", .dateTime("end_date")),
            ]
        case .problem:
            common + [("knownError", .boolean("known_error"))]
        }
    }

    /// `sysparm_fields` for the selection on a ticket of `kind`: `sys_id` always (ids, URLs and child reads need
    /// it), each selected field's source, and for references the dot-walks their sub-selection needs.
    static func projection(_ kind: TicketKind, selection: SelectionTree) -> [String] {
        var result = ["sys_id"]
        func add(_ field: String) {
            if !result.contains(field) { result.append(field) }
        }
        let selected = selection.fields(on: kind.typeName)
        for (name, source) in fields(of: kind) {
            guard let below = selected[name] else { continue }
            switch source {
            case .text(let field), .choice(let field), .boolean(let field), .dateTime(let field),
                .integer(let field):
                add(field)
            case .state:
                add("state")
                add("active")
            case .reference(let field, let reference):
                add(field)
                for walk in referenceDotWalks(reference, selection: below) { add(field + "." + walk) }
            }
        }
        return result
    }

    /// The target fields a reference's sub-selection needs, by ServiceNow name.
    static func referenceDotWalks(_ reference: Reference, selection: SelectionTree) -> [String] {
        let selected = selection.fields(on: reference.typeName)
        return reference.dotWalks.filter { selected[$0.name] != nil }.map(\.field).sorted()
    }
}
