/// Builds the seeded database: the same `SeedConfiguration` always gives the same rows, because every choice
/// comes from one fixed-seed generator and every date is relative to `SimulatorSeed.epoch`.
enum SeedBuilder {
    /// The demo instance's well-known sys_ids for records that are not users.
    static let serviceCatalogID = "e0d08b13c3330100c8b837659bba8fb4"
    static let itKnowledgeBaseID = "a7e8a78bff0221009b20ffffffffff17"

    private struct Pending {
        var table: String
        var values: [String: String]
        var openedAt: UTCTime
    }

    private struct Builder {
        var random = SeededRandom(seed: 0x5EED_2026_0601)
        var database = Database(schemas: DataDictionary.all, random: SeededRandom(seed: 0x0C0F_FEE0_2026))
        var users: [SimulatorSeed.User] = []
        var userNames: [String: String] = [:]
        var groupIDs: [String: String] = [:]
        var groupMembers: [String: [String]] = [:]
        var departmentIDs: [String: String] = [:]
        var endUserIDs: [String] = []
        var agentIDs: [String] = []
        var itemIDs: [String] = []
        var pending: [Pending] = []
        let epoch = SimulatorSeed.epoch

        mutating func id() -> String { random.sysID() }

        mutating func add(_ table: String, _ values: [String: String], created: UTCTime, by: String = "admin") -> Record
        {
            var record = Record(values)
            if record["sys_id"].isEmpty { record["sys_id"] = id() }
            if record["sys_created_on"].isEmpty { record["sys_created_on"] = created.formatted }
            if record["sys_updated_on"].isEmpty { record["sys_updated_on"] = created.formatted }
            if record["sys_created_by"].isEmpty { record["sys_created_by"] = by }
            if record["sys_updated_by"].isEmpty { record["sys_updated_by"] = by }
            if record["sys_mod_count"].isEmpty { record["sys_mod_count"] = "0" }
            database.insert(record, into: table)
            return record
        }

        /// A moment `days` before the epoch, at a working hour chosen at random.
        mutating func daysAgo(_ range: ClosedRange<Int>) -> UTCTime {
            let day = random.int(in: range)
            let hour = random.int(in: 7...17)
            let minute = random.int(in: 0...59)
            let second = random.int(in: 0...59)
            return epoch.startOfDay.adding(seconds: -Int64(day) * 86_400 + Int64(hour * 3600 + minute * 60 + second))
        }

        mutating func member(of group: String) -> String {
            let members = groupMembers[group] ?? []
            return members.isEmpty ? "" : random.pick(members)
        }
    }

    static func build(_ configuration: SeedConfiguration) -> (database: Database, seed: SimulatorSeed) {
        var builder = Builder()
        addOrganisation(&builder)
        addUsers(&builder, generated: max(0, configuration.generatedUsers))
        addCatalog(&builder)
        addKnowledge(&builder)
        addTickets(&builder)
        var tables: [String: [Record]] = [:]
        for name in builder.database.schemas.keys where name != "task" {
            tables[name] = builder.database.records(in: name)
        }
        return (builder.database, SimulatorSeed(users: builder.users, tables: tables))
    }

    /// The group that fulfils catalog items of a category (`sc_category` sys_id).
    static func fulfilmentGroup(forCategory category: String, database: Database) -> String {
        let title = database.record(in: "sc_category", sysID: category)?.record["title"] ?? ""
        let group = SeedCatalog.categories.first { $0.0 == title }?.2 ?? "Service Desk"
        return database.records(in: "sys_user_group").first { $0["name"] == group }?.sysID ?? ""
    }

    // MARK: Organisation and people

    private static func addOrganisation(_ b: inout Builder) {
        let created = b.epoch.adding(seconds: -800 * 86_400)
        for (name, description) in SeedPeople.departments {
            let record = b.add(
                "cmn_department",
                ["name": name, "id": name.uppercased().replacing(" ", with: "_"), "description": description],
                created: created
            )
            b.departmentIDs[name] = record.sysID
        }
        for (name, street, state, country, zone) in SeedPeople.locations {
            _ = b.add(
                "cmn_location",
                ["name": name, "street": street, "city": name, "state": state, "country": country, "time_zone": zone],
                created: created
            )
        }
        for (name, description) in SeedPeople.groups {
            let slug = name.lowercased().replacing(" ", with: ".")
            let record = b.add(
                "sys_user_group",
                ["name": name, "description": description, "email": "\(slug)@example.com", "active": "true"],
                created: created
            )
            b.groupIDs[name] = record.sysID
        }
    }

    private static func addUsers(_ b: inout Builder, generated: Int) {
        let created = b.epoch.adding(seconds: -700 * 86_400)
        let locations = b.database.records(in: "cmn_location")
        var employeeNumber = 1000
        func addPerson(_ b: inout Builder, _ person: SeedPeople.Person, generatedUser: Bool) {
            let location = person.userName == "admin" ? locations[0] : b.random.pick(locations)
            let sysID = person.sysID ?? b.id()
            let name = "\(person.first) \(person.last)"
            let email =
                generatedUser
                ? "\(person.userName)@example.com"
                : (person.userName == "admin"
                    ? "admin@example.com"
                    : "\(person.first.lowercased()).\(person.last.lowercased().filter { $0.isLetter })@example.com")
            employeeNumber += 1
            let phone = "+1 858 555 \(String(1000 + b.random.int(in: 0...8999)))"
            _ = b.add(
                "sys_user",
                [
                    "sys_id": sysID, "user_name": person.userName, "name": name, "first_name": person.first,
                    "last_name": person.last, "email": email, "title": person.title,
                    "department": b.departmentIDs[person.department] ?? "", "location": location.sysID,
                    "phone": phone, "mobile_phone": "", "active": "true", "vip": person.vip ? "true" : "false",
                    "locked_out": "false", "time_zone": location["time_zone"],
                    "employee_number": String(employeeNumber),
                ],
                created: created
            )
            b.database.roles[sysID] = Set(person.roles)
            b.database.passwords[person.userName] = SimulatorSeed.password
            b.userNames[sysID] = person.userName
            b.users.append(
                SimulatorSeed.User(
                    sysID: sysID,
                    userName: person.userName,
                    name: name,
                    email: email,
                    roles: Set(person.roles),
                    timeZone: location["time_zone"],
                    isGenerated: generatedUser
                )
            )
            if person.roles.contains("itil") { b.agentIDs.append(sysID) } else { b.endUserIDs.append(sysID) }
            for group in person.groups {
                guard let groupID = b.groupIDs[group] else { continue }
                b.groupMembers[group, default: []].append(sysID)
                _ = b.add("sys_user_grmember", ["user": sysID, "group": groupID], created: created)
            }
        }
        for person in SeedPeople.agents + SeedPeople.endUsers { addPerson(&b, person, generatedUser: false) }
        if generated > 0 {
            for index in 1...generated {
                let digits = String(index)
                let userName = "user" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
                let department = b.random.pick(SeedPeople.departments.filter { $0.0 != "IT" }).0
                let person = SeedPeople.Person(
                    userName: userName,
                    first: b.random.pick(SeedPeople.firstNames),
                    last: b.random.pick(SeedPeople.lastNames),
                    title: "Employee",
                    department: department,
                    roles: [],
                    groups: []
                )
                addPerson(&b, person, generatedUser: true)
            }
        }
        // Managers: department heads, and group managers from each group's members.
        for (name, id) in b.departmentIDs {
            let staff = b.database.records(in: "sys_user").filter { $0["department"] == id }
            guard let head = staff.first else { continue }
            if var department = b.database.record(in: "cmn_department", sysID: id)?.record {
                department["dept_head"] = head.sysID
                b.database.replace(department, in: "cmn_department")
            }
            for var user in staff where user.sysID != head.sysID {
                user["manager"] = head.sysID
                b.database.replace(user, in: "sys_user")
            }
            _ = name
        }
        for (group, members) in b.groupMembers {
            guard let id = b.groupIDs[group], let manager = members.first,
                var record = b.database.record(in: "sys_user_group", sysID: id)?.record
            else { continue }
            record["manager"] = manager
            b.database.replace(record, in: "sys_user_group")
        }
    }

    // MARK: Catalog and knowledge

    private static func addCatalog(_ b: inout Builder) {
        let created = b.epoch.adding(seconds: -600 * 86_400)
        _ = b.add(
            "sc_catalog",
            [
                "sys_id": serviceCatalogID, "title": "Service Catalog", "description": "Order IT products and services",
                "active": "true",
            ],
            created: created
        )
        var categoryIDs: [String: String] = [:]
        for (order, (title, description, _)) in SeedCatalog.categories.enumerated() {
            let record = b.add(
                "sc_category",
                [
                    "title": title, "description": description, "sc_catalog": serviceCatalogID, "active": "true",
                    "order": String((order + 1) * 100),
                ],
                created: created
            )
            categoryIDs[title] = record.sysID
        }
        for (order, item) in SeedCatalog.items.enumerated() {
            let record = b.add(
                "sc_cat_item",
                [
                    "sys_id": item.sysID ?? "", "name": item.name, "short_description": item.short,
                    "description": item.description,
                    "category": categoryIDs[item.category] ?? "", "sc_catalogs": serviceCatalogID, "price": item.price,
                    "recurring_price": item.recurringPrice,
                    "recurring_frequency": item.recurringPrice.isEmpty ? "" : "monthly",
                    "active": item.active ? "true" : "false", "order": String((order + 1) * 10),
                    "sys_class_name": "sc_cat_item",
                ],
                created: created
            )
            if item.active { b.itemIDs.append(record.sysID) }
            for (position, variable) in item.variables.enumerated() {
                let question = b.add(
                    "item_option_new",
                    [
                        "cat_item": record.sysID, "name": variable.name, "question_text": variable.question,
                        "type": String(variable.kind.rawValue), "mandatory": variable.mandatory ? "true" : "false",
                        "order": String((position + 1) * 100), "default_value": variable.defaultValue,
                        "help_text": variable.help,
                        "active": "true",
                    ],
                    created: created
                )
                for (index, choice) in variable.choices.enumerated() {
                    _ = b.add(
                        "question_choice",
                        [
                            "question": question.sysID, "value": choice.0, "text": choice.1,
                            "order": String((index + 1) * 100),
                        ],
                        created: created
                    )
                }
            }
        }
    }

    private static func addKnowledge(_ b: inout Builder) {
        let created = b.epoch.adding(seconds: -500 * 86_400)
        let admin = SeedPeople.agents[0].sysID ?? ""
        _ = b.add(
            "kb_knowledge_base",
            [
                "sys_id": itKnowledgeBaseID, "title": "IT", "description": "IT self-help articles", "owner": admin,
                "active": "true",
            ],
            created: created
        )
        var categoryIDs: [String: String] = [:]
        for title in SeedKnowledge.categories {
            categoryIDs[title] =
                b.add(
                    "kb_category",
                    ["label": title, "kb_knowledge_base": itKnowledgeBaseID, "active": "true"],
                    created: created
                ).sysID
        }
        for article in SeedKnowledge.articles {
            let published = b.daysAgo(30...420)
            let retired = article.state == "retired"
            let author = b.random.pick(b.agentIDs)
            _ = b.add(
                "kb_knowledge",
                [
                    "number": b.database.nextNumber(prefix: "KB"), "short_description": article.title,
                    "text": SeedKnowledge.html(article), "workflow_state": article.state,
                    "kb_knowledge_base": itKnowledgeBaseID, "kb_category": categoryIDs[article.category] ?? "",
                    "author": author,
                    "published": article.state == "draft" || article.state == "review" ? "" : published.formattedDate,
                    "valid_to": retired ? b.epoch.adding(seconds: -86_400 * 20).formattedDate : "2100-01-01",
                    "sys_view_count": String(b.random.int(in: 5...2500)), "active": retired ? "false" : "true",
                    "latest": "true", "article_type": "text", "language": "en", "sys_class_name": "kb_knowledge",
                    "meta": article.category.lowercased(),
                ],
                created: published,
                by: b.userNames[author] ?? "admin"
            )
        }
    }

    // MARK: Tickets

    private static func addTickets(_ b: inout Builder) {
        let abel = SeedPeople.endUsers[0].sysID ?? ""
        let fred = SeedPeople.endUsers[1].sysID ?? ""
        let beth = SeedPeople.agents[2].sysID ?? ""
        let generatedIDs = Set(b.users.filter(\.isGenerated).map(\.sysID))
        let named = b.endUserIDs.filter { !generatedIDs.contains($0) }
        let generated = b.endUserIDs.filter { generatedIDs.contains($0) }

        // Incidents: abel.tuter's own in every state, one he opened for a colleague, then the crowd.
        for state in ["1", "2", "3", "6", "7"] { incident(&b, caller: abel, openedBy: abel, state: state) }
        incident(&b, caller: fred, openedBy: abel, state: "2")
        for _ in 0..<150 {
            let caller = b.random.chance(0.85) ? b.random.pick(named) : b.random.pick(b.agentIDs)
            let openedBy = b.random.chance(0.6) ? caller : b.member(of: "Service Desk")
            incident(
                &b,
                caller: caller,
                openedBy: openedBy,
                state: b.random.pick(["1", "2", "2", "3", "6", "6", "7", "7", "7", "8"])
            )
        }
        for user in generated {
            for _ in 0..<2 { incident(&b, caller: user, openedBy: user, state: b.random.pick(["1", "2", "6", "7"])) }
        }

        // Requests with their items and tasks.
        for state in ["1", "3", "-5"] { request(&b, requestedFor: abel, openedBy: abel, state: state) }
        request(&b, requestedFor: abel, openedBy: beth, state: "1")
        for _ in 0..<55 {
            let user = b.random.pick(named)
            request(
                &b,
                requestedFor: user,
                openedBy: b.random.chance(0.8) ? user : b.random.pick(b.agentIDs),
                state: b.random.pick(["-5", "1", "1", "2", "3", "3", "4"])
            )
        }
        for user in generated { request(&b, requestedFor: user, openedBy: user, state: b.random.pick(["1", "3"])) }

        // Changes and problems.
        change(&b, requestedBy: abel, state: "-5")
        for _ in 0..<49 {
            let requester = b.random.chance(0.7) ? b.random.pick(b.agentIDs) : b.random.pick(named)
            change(
                &b,
                requestedBy: requester,
                state: b.random.pick(["-5", "-4", "-3", "-2", "-1", "0", "3", "3", "3", "4"])
            )
        }
        problem(&b, openedBy: abel, state: "101")
        for _ in 0..<29 {
            problem(
                &b,
                openedBy: b.random.pick(b.agentIDs),
                state: b.random.pick(["101", "102", "103", "104", "106", "107", "107"])
            )
        }

        // Insert in order of opening, so numbers grow with dates as on a real instance.
        let ordered = b.pending.enumerated().sorted {
            ($0.element.openedAt, $0.offset) < ($1.element.openedAt, $1.offset)
        }.map(\.element)
        for item in ordered {
            var values = item.values
            if let prefix = b.database.schema(item.table)?.numberPrefix {
                values["number"] = b.database.nextNumber(prefix: prefix)
            }
            _ = b.add(item.table, values, created: item.openedAt, by: b.userNames[values["opened_by"] ?? ""] ?? "admin")
        }
        linkProblems(&b)
    }

    /// Common task fields: dates, assignment, state-dependent closure.
    private static func taskValues(
        _ b: inout Builder,
        table: String,
        state: String,
        openedBy: String,
        group: String,
        openedAt: UTCTime,
        impact: String? = nil,
        urgency: String? = nil
    ) -> [String: String] {
        let impact = impact ?? b.random.pick(["1", "2", "2", "3", "3", "3"])
        let urgency = urgency ?? b.random.pick(["1", "2", "2", "3", "3", "3"])
        let inactive = DataDictionary.inactiveStates(of: table).contains(state)
        let isNew = state == "1" || state == "-5" || state == "101"
        let assignee = isNew && b.random.chance(0.6) ? "" : b.member(of: group)
        var values: [String: String] = [
            "sys_class_name": table, "state": state, "active": inactive ? "false" : "true",
            "impact": impact, "urgency": urgency, "priority": BusinessRules.priority(impact: impact, urgency: urgency),
            "opened_by": openedBy, "opened_at": openedAt.formatted, "assignment_group": b.groupIDs[group] ?? "",
            "assigned_to": assignee, "approval": "not requested", "escalation": "0",
            "reassignment_count": String(b.random.int(in: 0...2)), "sys_mod_count": String(b.random.int(in: 1...9)),
        ]
        var updated = openedAt.adding(seconds: Int64(b.random.int(in: 600...172_800)))
        if inactive {
            let closed = openedAt.adding(seconds: Int64(b.random.int(in: 3600...(14 * 86_400))))
            values["closed_at"] = closed.formatted
            values["closed_by"] = assignee.isEmpty ? b.member(of: group) : assignee
            updated = closed
        }
        values["sys_updated_on"] = min(updated, b.epoch).formatted
        values["sys_updated_by"] = b.userNames[assignee.isEmpty ? openedBy : assignee] ?? "admin"
        return values
    }

    private static func incident(_ b: inout Builder, caller: String, openedBy: String, state: String) {
        let template = b.random.pick(SeedTickets.incidents)
        let openedAt = ["1", "2", "3"].contains(state) ? b.daysAgo(0...30) : b.daysAgo(5...180)
        var values = taskValues(
            &b,
            table: "incident",
            state: state,
            openedBy: openedBy,
            group: template.group,
            openedAt: openedAt
        )
        let sysID = b.id()
        values["sys_id"] = sysID
        values["caller_id"] = caller
        values["short_description"] = template.short
        values["description"] = template.description
        values["category"] = template.category
        values["subcategory"] = template.subcategory
        values["incident_state"] = state
        values["contact_type"] =
            openedBy == caller
            ? b.random.pick(["self-service", "email", "virtual_agent"]) : b.random.pick(["phone", "walk-in", "email"])
        values["severity"] = "3"
        values["notify"] = "1"
        values["reopen_count"] = "0"
        if state == "3" { values["hold_reason"] = b.random.pick(["1", "4"]) }
        if state == "6" || state == "7" {
            let (code, notes) = b.random.pick(SeedTickets.closeNotes)
            values["close_code"] = code
            values["close_notes"] = notes
            let resolved = UTCTime(formatted: values["closed_at"] ?? "") ?? openedAt.adding(seconds: 86_400)
            values["resolved_at"] = resolved.formatted
            values["resolved_by"] =
                values["assigned_to"].flatMap { $0.isEmpty ? nil : $0 } ?? b.member(of: template.group)
            if state == "6" {
                // Resolved incidents stay active until they close automatically.
                values["active"] = "true"
                values["closed_at"] = ""
                values["closed_by"] = ""
            }
        }
        b.pending.append(Pending(table: "incident", values: values, openedAt: openedAt))
        journal(
            &b,
            table: "incident",
            sysID: sysID,
            openedAt: openedAt,
            caller: caller,
            agent: values["assigned_to"] ?? "",
            state: state
        )
    }

    private static func journal(
        _ b: inout Builder,
        table: String,
        sysID: String,
        openedAt: UTCTime,
        caller: String,
        agent: String,
        state: String
    ) {
        guard state != "1", b.random.chance(0.6) else { return }
        var moment = openedAt
        for _ in 0..<b.random.int(in: 1...3) {
            moment = moment.adding(seconds: Int64(b.random.int(in: 900...28_800)))
            guard moment < b.epoch else { break }
            let fromAgent = !agent.isEmpty && b.random.chance(0.6)
            let element = fromAgent && b.random.chance(0.5) ? "work_notes" : "comments"
            let text =
                element == "work_notes"
                ? b.random.pick(SeedTickets.workNotes)
                : (fromAgent
                    ? "Hello, could you please try restarting and let us know if the problem persists?"
                    : b.random.pick(SeedTickets.comments))
            let author = b.userNames[fromAgent ? agent : caller] ?? "admin"
            _ = b.add(
                "sys_journal_field",
                ["element_id": sysID, "element": element, "name": table, "value": text],
                created: moment,
                by: author
            )
        }
    }

    private static func request(_ b: inout Builder, requestedFor: String, openedBy: String, state: String) {
        let openedAt = state == "3" || state == "4" ? b.daysAgo(10...180) : b.daysAgo(0...40)
        let requestID = b.id()
        let itemIDs = b.itemIDs
        let items = (0..<(b.random.chance(0.3) ? 2 : 1)).map { _ in b.random.pick(itemIDs) }
        let (requestState, stage, approval): (String, String, String) =
            switch state {
            case "-5": ("requested", "waiting_for_approval", "requested")
            case "3": ("closed_complete", "completed", "approved")
            case "4": ("closed_incomplete", "closed_incomplete", "rejected")
            default: ("in_process", "fulfillment", "approved")
            }
        var total = 0.0
        for (offset, itemID) in items.enumerated() {
            guard let item = b.database.record(in: "sc_cat_item", sysID: itemID)?.record else { continue }
            let group =
                SeedCatalog.categories.first {
                    $0.0 == b.database.displayValue(table: "sc_category", sysID: item["category"])
                }?.2 ?? "Service Desk"
            let itemOpened = openedAt.adding(seconds: Int64(offset + 1))
            var values = taskValues(
                &b,
                table: "sc_req_item",
                state: state == "-5" ? "-5" : state,
                openedBy: openedBy,
                group: group,
                openedAt: itemOpened,
                impact: "3",
                urgency: "3"
            )
            let ritmID = b.id()
            let quantity = b.random.chance(0.85) ? 1 : 2
            total += (Double(item["price"]) ?? 0) * Double(quantity)
            values["sys_id"] = ritmID
            values["request"] = requestID
            values["cat_item"] = itemID
            values["quantity"] = String(quantity)
            values["requested_for"] = requestedFor
            values["stage"] = stage == "closed_incomplete" ? "closed_incomplete" : stage
            values["approval"] = approval
            values["price"] = AggregateAPI.fixed(Double(item["price"]) ?? 0, 2)
            values["short_description"] = item["name"]
            values["description"] = item["short_description"]
            values["contact_type"] = "self-service"
            b.pending.append(Pending(table: "sc_req_item", values: values, openedAt: itemOpened))
            if state != "-5" {
                var task = taskValues(
                    &b,
                    table: "sc_task",
                    state: state == "2" ? "2" : state,
                    openedBy: openedBy,
                    group: group,
                    openedAt: itemOpened.adding(seconds: 5),
                    impact: "3",
                    urgency: "3"
                )
                task["request_item"] = ritmID
                task["request"] = requestID
                task["short_description"] =
                    "Fulfil \(item["name"]) for \(b.database.displayValue(table: "sys_user", sysID: requestedFor))"
                b.pending.append(Pending(table: "sc_task", values: task, openedAt: itemOpened.adding(seconds: 5)))
            }
            let questions = b.database.records(in: "item_option_new").filter { $0["cat_item"] == itemID }
            for question in questions {
                let choices = b.database.records(in: "question_choice").filter { $0["question"] == question.sysID }
                let answer =
                    !choices.isEmpty
                    ? b.random.pick(choices)["value"]
                    : (question["default_value"].isEmpty
                        ? (question["mandatory"] == "true" ? "Needed for my daily work" : "")
                        : question["default_value"])
                let option = b.add(
                    "sc_item_option",
                    ["item_option_new": question.sysID, "value": answer],
                    created: itemOpened
                )
                _ = b.add(
                    "sc_item_option_mtom",
                    ["request_item": ritmID, "sc_item_option": option.sysID],
                    created: itemOpened
                )
            }
        }
        var values = taskValues(
            &b,
            table: "sc_request",
            state: state,
            openedBy: openedBy,
            group: "Service Desk",
            openedAt: openedAt,
            impact: "3",
            urgency: "3"
        )
        values["sys_id"] = requestID
        values["requested_for"] = requestedFor
        values["request_state"] = requestState
        values["stage"] = stage
        values["approval"] = approval
        values["price"] = AggregateAPI.fixed(total, 2)
        values["short_description"] = b.database.displayValue(table: "sc_cat_item", sysID: items[0])
        values["contact_type"] = "self-service"
        values["assigned_to"] = ""
        b.pending.append(Pending(table: "sc_request", values: values, openedAt: openedAt))
    }

    private static func change(_ b: inout Builder, requestedBy: String, state: String) {
        let template = b.random.pick(SeedTickets.changes)
        let openedAt = ["3", "4"].contains(state) ? b.daysAgo(20...180) : b.daysAgo(0...45)
        var values = taskValues(
            &b,
            table: "change_request",
            state: state,
            openedBy: requestedBy,
            group: template.group,
            openedAt: openedAt
        )
        let start = openedAt.adding(seconds: Int64(b.random.int(in: 2...21)) * 86_400).startOfDay.adding(
            seconds: 22 * 3600
        )
        values["requested_by"] = requestedBy
        values["short_description"] = template.short
        values["description"] = template.description
        values["category"] = template.category
        values["type"] =
            template.short.hasPrefix("Emergency")
            ? "emergency"
            : (template.short.hasPrefix("Monthly") ? "standard" : b.random.pick(["normal", "normal", "standard"]))
        values["risk"] = b.random.pick(["2", "3", "3", "4"])
        values["start_date"] = start.formatted
        values["end_date"] = start.adding(seconds: 4 * 3600).formatted
        values["implementation_plan"] = SeedTickets.implementationPlan
        values["backout_plan"] = SeedTickets.backoutPlan
        values["test_plan"] = SeedTickets.testPlan
        values["cab_required"] = values["type"] == "normal" ? "true" : "false"
        values["on_hold"] = "false"
        values["approval"] =
            ["-5", "-4"].contains(state)
            ? "not requested" : (state == "-3" ? "requested" : (state == "4" ? "rejected" : "approved"))
        values["contact_type"] = ""
        b.pending.append(Pending(table: "change_request", values: values, openedAt: openedAt))
    }

    private static func problem(_ b: inout Builder, openedBy: String, state: String) {
        let template = b.random.pick(SeedTickets.problems)
        let openedAt = ["106", "107"].contains(state) ? b.daysAgo(30...180) : b.daysAgo(0...90)
        var values = taskValues(
            &b,
            table: "problem",
            state: state,
            openedBy: openedBy,
            group: template.group,
            openedAt: openedAt
        )
        values["short_description"] = template.short
        values["description"] = template.description
        values["category"] = template.category
        values["problem_state"] = state
        values["known_error"] = ["104", "106", "107"].contains(state) && b.random.chance(0.5) ? "true" : "false"
        if ["106", "107"].contains(state) {
            values["resolution_code"] = b.random.pick(["fix_applied", "fix_applied", "risk_accepted"])
            values["fix_notes"] = "Root cause fixed; see the related change."
            values["cause_notes"] = template.description
        }
        values["contact_type"] = ""
        b.pending.append(Pending(table: "problem", values: values, openedAt: openedAt))
    }

    /// Points a few incidents of the same category at each problem.
    private static func linkProblems(_ b: inout Builder) {
        let incidents = b.database.records(in: "incident")
        for problem in b.database.records(in: "problem") {
            let candidates = incidents.filter { $0["category"] == problem["category"] && $0["problem_id"].isEmpty }
            for _ in 0..<min(candidates.count, b.random.int(in: 0...3)) {
                var incident = b.random.pick(candidates)
                guard let current = b.database.record(in: "incident", sysID: incident.sysID)?.record,
                    current["problem_id"].isEmpty
                else { continue }
                incident = current
                incident["problem_id"] = problem.sysID
                b.database.replace(incident, in: "incident")
            }
        }
    }
}
