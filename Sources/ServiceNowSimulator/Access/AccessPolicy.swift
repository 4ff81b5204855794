/// The base instance's access rules as far as the simulator models them.
///
/// Reads: `itil` users read every task; other users read only task records where they are the caller, the
/// opener, requested-for or requested-by (a requested item also through its request's requested-for);
/// everyone reads users, groups, departments, locations, published knowledge and active catalog items.
/// Writes: anyone may create an incident and update an incident they are caller or opener of; `itil` users
/// create and update any task; `admin` may do everything, and only `admin` deletes.
enum AccessPolicy {
    static let taskTables: Set<String> = [
        "task", "incident", "problem", "change_request", "sc_request", "sc_req_item", "sc_task",
    ]
    private static let everyoneReads: Set<String> = [
        "sys_user", "sys_user_group", "sys_user_grmember", "cmn_department", "cmn_location", "kb_knowledge_base",
        "kb_category", "sc_catalog", "sc_category", "item_option_new", "question_choice",
    ]
    /// The fields that make a task "mine" for a user without `itil`.
    private static let ownerFields = ["caller_id", "opened_by", "requested_for", "requested_by"]

    /// Whether `caller` may read `record`, which lives in the concrete table `table`.
    static func canRead(_ record: Record, in table: String, caller: Caller, database: Database) -> Bool {
        if caller.isAdmin || everyoneReads.contains(table) { return true }
        if taskTables.contains(table) {
            return caller.isAgent || isOwnTask(record, in: table, caller: caller, database: database)
        }
        switch table {
        case "kb_knowledge":
            return caller.has(role: "knowledge_admin") || record["workflow_state"] == "published"
                || record["author"] == caller.userID
        case "sc_cat_item":
            return record["active"] == "true"
        case "sys_journal_field":
            if caller.isAgent { return true }
            // Work notes are for agents; customers see the comments of records they can read.
            guard record["element"] == "comments",
                let parent = database.record(in: record["name"], sysID: record["element_id"])
            else { return false }
            return canRead(parent.record, in: parent.table, caller: caller, database: database)
        case "sc_item_option_mtom":
            if caller.isAgent { return true }
            guard let item = database.record(in: "sc_req_item", sysID: record["request_item"]) else { return false }
            return canRead(item.record, in: item.table, caller: caller, database: database)
        case "sc_item_option":
            return caller.isAgent
        default:
            return false
        }
    }

    /// Whether `caller` may insert into `table`.
    static func canCreate(in table: String, caller: Caller) -> Bool {
        if caller.isAdmin { return true }
        if table == "incident" { return true }
        return taskTables.contains(table) && caller.isAgent
    }

    /// Whether `caller` may update `record` (which they can read).
    static func canUpdate(_ record: Record, in table: String, caller: Caller, database: Database) -> Bool {
        if caller.isAdmin { return true }
        guard taskTables.contains(table) else { return false }
        if caller.isAgent { return true }
        return table == "incident" && (record["caller_id"] == caller.userID || record["opened_by"] == caller.userID)
    }

    /// Whether `caller` may delete `record`.
    static func canDelete(_ record: Record, in table: String, caller: Caller) -> Bool {
        caller.isAdmin
    }

    private static func isOwnTask(_ record: Record, in table: String, caller: Caller, database: Database) -> Bool {
        let user = caller.userID
        for field in ownerFields where record.values[field] == user { return true }
        if table == "sc_req_item" || table == "sc_task",
            let request = database.record(in: "sc_request", sysID: record["request"])
        {
            return request.record["requested_for"] == user || request.record["opened_by"] == user
        }
        return false
    }
}
