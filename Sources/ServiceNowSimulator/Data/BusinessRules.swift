/// What the instance does on its own when a record is inserted or updated: numbering, system fields, the
/// priority lookup, `active` following `state`, journal entries.
enum BusinessRules {
    /// The default priority lookup, impact × urgency → priority (§8.4).
    static func priority(impact: String, urgency: String) -> String {
        guard let i = Int(impact), let u = Int(urgency), (1...3).contains(i), (1...3).contains(u) else { return "5" }
        return String(i + u - 1)
    }

    /// The state a new record of `table` starts in.
    static func initialState(of table: String) -> String {
        switch table {
        case "incident": "1"
        case "problem": "101"
        case "change_request": "-5"
        default: "1"
        }
    }

    /// Inserts a record built from `input` into the concrete `table`, as `caller` at `now`; returns it.
    /// Journal input (`comments`, `work_notes`) becomes `sys_journal_field` entries.
    static func insert(
        _ input: [String: String],
        into table: String,
        caller: Caller,
        now: UTCTime,
        database: inout Database
    ) -> Record {
        guard let schema = database.schema(table) else { return Record([:]) }
        var record = Record([:])
        for definition in schema.fields {
            guard let value = input[definition.name], !definition.name.hasPrefix("sys_"), definition.type != .journal
            else { continue }
            record[definition.name] = value
        }
        let requestedID = input["sys_id"] ?? ""
        let sysID =
            isSysID(requestedID) && database.record(in: table, sysID: requestedID) == nil
            ? requestedID : database.newSysID()
        record["sys_id"] = sysID
        let timestamp = now.formatted
        record["sys_created_on"] = timestamp
        record["sys_updated_on"] = timestamp
        record["sys_created_by"] = caller.userName
        record["sys_updated_by"] = caller.userName
        record["sys_mod_count"] = "0"
        if let prefix = schema.numberPrefix, record["number"].isEmpty {
            record["number"] = database.nextNumber(prefix: prefix)
        }
        if AccessPolicy.taskTables.contains(table) {
            record["sys_class_name"] = table
            if record["opened_by"].isEmpty { record["opened_by"] = caller.userID }
            if record["opened_at"].isEmpty { record["opened_at"] = timestamp }
            if record["state"].isEmpty { record["state"] = initialState(of: table) }
            if record["impact"].isEmpty { record["impact"] = "3" }
            if record["urgency"].isEmpty { record["urgency"] = "3" }
            if record["approval"].isEmpty { record["approval"] = "not requested" }
            if record["escalation"].isEmpty { record["escalation"] = "0" }
            if record["reassignment_count"].isEmpty { record["reassignment_count"] = "0" }
            if table == "incident" && record["reopen_count"].isEmpty { record["reopen_count"] = "0" }
            applyTaskRules(&record, table: table, previous: nil, caller: caller, now: now)
        } else {
            if schema.field("active") != nil, record["active"].isEmpty { record["active"] = "true" }
            if table == "kb_knowledge" {
                if record["workflow_state"].isEmpty { record["workflow_state"] = "draft" }
                if record["sys_class_name"].isEmpty { record["sys_class_name"] = "kb_knowledge" }
            }
        }
        database.insert(record, into: table)
        addJournal(input, record: record, table: table, caller: caller, now: now, database: &database)
        return record
    }

    /// Applies `input` to `record` of the concrete `table`; returns the stored result.
    static func update(
        _ record: Record,
        with input: [String: String],
        in table: String,
        caller: Caller,
        now: UTCTime,
        database: inout Database
    ) -> Record {
        guard let schema = database.schema(table) else { return record }
        var updated = record
        for definition in schema.fields {
            guard let value = input[definition.name], !definition.name.hasPrefix("sys_"), definition.type != .journal
            else { continue }
            // An empty string clears a field, except a choice field (RESTAPI.md "Special data handling").
            if value.isEmpty, !definition.choices.isEmpty { continue }
            updated[definition.name] = value
        }
        if AccessPolicy.taskTables.contains(table) {
            applyTaskRules(&updated, table: table, previous: record, caller: caller, now: now)
        }
        let journaled = input["comments"].map { !$0.isEmpty } == true || input["work_notes"].map { !$0.isEmpty } == true
        if updated != record || journaled {
            updated["sys_updated_on"] = now.formatted
            updated["sys_updated_by"] = caller.userName
            updated["sys_mod_count"] = String((Int(record["sys_mod_count"]) ?? 0) + 1)
        }
        database.replace(updated, in: table)
        addJournal(input, record: updated, table: table, caller: caller, now: now, database: &database)
        return updated
    }

    private static func applyTaskRules(
        _ record: inout Record,
        table: String,
        previous: Record?,
        caller: Caller,
        now: UTCTime
    ) {
        // Priority is read-only and derived from impact and urgency (def-prio-lookup-rules.md).
        record["priority"] = priority(impact: record["impact"], urgency: record["urgency"])
        let inactive = DataDictionary.inactiveStates(of: table)
        record["active"] = inactive.contains(record["state"]) ? "false" : "true"
        let stateChanged = previous.map { $0["state"] != record["state"] } ?? true
        if table == "incident" {
            record["incident_state"] = record["state"]
            if record["state"] == "6", stateChanged || record["resolved_at"].isEmpty {
                if record["resolved_at"].isEmpty { record["resolved_at"] = now.formatted }
                if record["resolved_by"].isEmpty { record["resolved_by"] = caller.userID }
            }
        }
        if table == "problem" { record["problem_state"] = record["state"] }
        if record["active"] == "false", record["closed_at"].isEmpty, stateChanged {
            record["closed_at"] = now.formatted
            record["closed_by"] = caller.userID
        }
        if let previous, previous["assignment_group"] != record["assignment_group"],
            !previous["assignment_group"].isEmpty
        {
            record["reassignment_count"] = String((Int(previous["reassignment_count"]) ?? 0) + 1)
        }
    }

    private static func addJournal(
        _ input: [String: String],
        record: Record,
        table: String,
        caller: Caller,
        now: UTCTime,
        database: inout Database
    ) {
        for element in ["comments", "work_notes"] {
            guard let text = input[element], !text.isEmpty, database.schema(table)?.field(element) != nil else {
                continue
            }
            let timestamp = now.formatted
            let entry = Record([
                "sys_id": database.newSysID(), "element_id": record.sysID, "element": element, "name": table,
                "value": text, "sys_created_on": timestamp, "sys_created_by": caller.userName,
                "sys_updated_on": timestamp, "sys_updated_by": caller.userName, "sys_mod_count": "0",
            ])
            database.insert(entry, into: "sys_journal_field")
        }
    }

    /// Whether `text` has the shape of a sys_id: 32 lowercase hex characters.
    static func isSysID(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
